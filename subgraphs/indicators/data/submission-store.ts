/**
 * Writes of submissions: what an organisation reported for a period, and its review.
 * A push locks the submissions it touches (after the indicators' advisory locks, as every
 * transition does, so the two never wait on each other crosswise), refuses rows of an
 * accepted one and marks the others submitted; a transition locks its submission, writes
 * its event, and an acceptance writes the FINAL revisions of its figures, all in one
 * transaction.
 */
import type { EntityManager } from 'typeorm';
import type { Identity } from '../../../lib/identity';

export type SubmissionState = 'SUBMITTED' | 'APPROVED' | 'ACCEPTED' | 'RETURNED';
export type SubmissionAction = 'SUBMIT' | 'APPROVE' | 'ACCEPT' | 'RETURN' | 'REOPEN';

export interface SubmissionKey {
  organizationId: string;
  period: string;
}

export interface LockedSubmission extends SubmissionKey {
  id: string;
  state: SubmissionState;
  round: number;
  approvalLevels: number;
}

export interface SubmissionWarningInput extends SubmissionKey {
  indicatorId: string;
  breakdown: string;
  code: string;
  message: string;
}

const keyParams = (keys: SubmissionKey[]) => [keys.map((k) => k.organizationId), keys.map((k) => k.period)];

/** The submissions of these keys that exist, locked until the transaction ends (in id order). */
export async function lockSubmissions(manager: EntityManager, keys: SubmissionKey[]): Promise<LockedSubmission[]> {
  if (keys.length === 0) return [];
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT s.id, s.organization_id, s.period, s.state, s.round, COALESCE(a.approval_levels, 0) AS approval_levels
       FROM submission s
       JOIN unnest($1::text[], $2::text[]) AS k(organization_id, period) USING (organization_id, period)
       LEFT JOIN approval_setting a ON a.organization_id = s.organization_id
      ORDER BY s.id FOR UPDATE OF s`,
    keyParams(keys),
  );
  return rows.map(toLocked);
}

/** One submission by id, locked; null when there is none. */
export async function lockSubmission(manager: EntityManager, id: string): Promise<LockedSubmission | null> {
  const [row]: Array<Record<string, unknown>> = await manager.query(
    `SELECT s.id, s.organization_id, s.period, s.state, s.round, COALESCE(a.approval_levels, 0) AS approval_levels
       FROM submission s LEFT JOIN approval_setting a ON a.organization_id = s.organization_id
      WHERE s.id = $1 FOR UPDATE OF s`,
    [id],
  );
  return row ? toLocked(row) : null;
}

const toLocked = (r: Record<string, unknown>): LockedSubmission => ({
  id: String(r.id),
  organizationId: r.organization_id as string,
  period: r.period as string,
  state: r.state as SubmissionState,
  round: Number(r.round),
  approvalLevels: Number(r.approval_levels),
});

/**
 * Marks the submissions of the keys SUBMITTED after a push wrote figures into them: a new
 * one starts at round 1; a returned one starts its next round (submitted again now); an
 * approved one needs approving again. Each change of state is an event.
 */
export async function markSubmitted(manager: EntityManager, writer: Identity, keys: SubmissionKey[]): Promise<void> {
  if (keys.length === 0) return;
  await manager.query(
    `WITH input AS (SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS k(organization_id, period)),
     before AS (SELECT s.id, s.state FROM submission s JOIN input USING (organization_id, period)),
     upserted AS (
       INSERT INTO submission AS s (organization_id, period, state, submitted_by)
       SELECT organization_id, period, 'SUBMITTED', $3 FROM input ORDER BY organization_id, period
       ON CONFLICT (organization_id, period) DO UPDATE SET
         state = 'SUBMITTED',
         round = s.round + CASE WHEN s.state = 'RETURNED' THEN 1 ELSE 0 END,
         comment = CASE WHEN s.state = 'RETURNED' THEN s.comment ELSE NULL END,
         submitted_by = CASE WHEN s.state = 'SUBMITTED' THEN s.submitted_by ELSE EXCLUDED.submitted_by END,
         submitted_at = CASE WHEN s.state = 'RETURNED' THEN clock_timestamp() ELSE s.submitted_at END,
         updated_at = clock_timestamp()
       RETURNING s.id)
     INSERT INTO submission_event (submission_id, action, state, actor, actor_org)
     SELECT u.id, 'SUBMIT', 'SUBMITTED', $3, $4 FROM upserted u LEFT JOIN before b ON b.id = u.id
      WHERE b.state IS DISTINCT FROM 'SUBMITTED'`,
    [...keyParams(keys), writer.subject, writer.org],
  );
}

/** Keeps the warnings a push raised with the round of the submission they belong to. */
export async function saveWarnings(manager: EntityManager, warnings: SubmissionWarningInput[]): Promise<void> {
  if (warnings.length === 0) return;
  await manager.query(
    `INSERT INTO submission_warning (submission_id, round, indicator_id, breakdown, code, message)
     SELECT s.id, s.round, w.indicator_id, w.breakdown, w.code, w.message
       FROM jsonb_to_recordset($1::jsonb) AS w(organization_id text, period text, indicator_id text, breakdown text,
                                               code text, message text)
       JOIN submission s USING (organization_id, period)`,
    [
      JSON.stringify(
        warnings.map((w) => ({
          organization_id: w.organizationId,
          period: w.period,
          indicator_id: w.indicatorId,
          breakdown: w.breakdown,
          code: w.code,
          message: w.message,
        })),
      ),
    ],
  );
}

/** The indicators a submission's figures belong to (to take their push locks first). */
export async function submissionIndicators(manager: EntityManager, id: string): Promise<string[]> {
  const rows: Array<{ indicator_id: string }> = await manager.query(
    `SELECT DISTINCT f.indicator_id FROM figure_series f JOIN submission s USING (organization_id, period) WHERE s.id = $1`,
    [id],
  );
  return rows.map((r) => r.indicator_id);
}

/** Moves a submission to `state` and audits it, keeping the figures as they stand on the event when asked; the event's id. */
export async function transition(
  manager: EntityManager,
  actor: Identity,
  submission: LockedSubmission,
  change: { action: SubmissionAction; state: SubmissionState; comment: string | null; snapshot: boolean },
): Promise<string> {
  await manager.query(
    `UPDATE submission SET state = $2, comment = COALESCE($3, comment), updated_at = clock_timestamp(),
            submitted_at = CASE WHEN $4 = 'REOPEN' THEN clock_timestamp() ELSE submitted_at END
      WHERE id = $1`,
    [submission.id, change.state, change.comment, change.action],
  );
  const [event]: Array<{ id: string }> = await manager.query(
    `INSERT INTO submission_event (submission_id, action, state, comment, figures, actor, actor_org)
     SELECT $1, $2, $3, $4,
            CASE WHEN $7 THEN (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                   'indicatorId', f.indicator_id, 'breakdown', f.breakdown, 'value', f.value,
                   'numerator', f.numerator, 'denominator', f.denominator, 'withdrawn', f.withdrawn)), '[]'::jsonb)
                 FROM figure_series f WHERE f.organization_id = $8 AND f.period = $9) END,
            $5, $6 RETURNING id`,
    [
      submission.id,
      change.action,
      change.state,
      change.comment,
      actor.subject,
      actor.org,
      change.snapshot,
      submission.organizationId,
      submission.period,
    ],
  );
  return String(event.id);
}

/** Makes the submission's standing figures FINAL: a new revision of each that is not FINAL yet. */
export async function finaliseFigures(manager: EntityManager, actor: Identity, submission: LockedSubmission): Promise<number> {
  const [{ count }]: Array<{ count: number }> = await manager.query(
    `WITH moved AS (
       UPDATE figure_series SET status = 'FINAL', revision = revision + 1, recorded_by = $3, recorded_at = statement_timestamp()
        WHERE organization_id = $1 AND period = $2 AND NOT withdrawn AND status <> 'FINAL'
       RETURNING *),
     revisions AS (
       INSERT INTO figure_revision (series_id, revision, value, numerator, denominator, status, flags, reported_on, withdrawn,
                                    note, source, reason, organization_id, recorded_by, recorded_by_org, recorded_at)
       SELECT id, revision, value, numerator, denominator, status, flags, reported_on, withdrawn,
              note, source, 'accepted in review', organization_id, $3, $4, recorded_at FROM moved
       RETURNING 1)
     SELECT count(*)::int AS count FROM revisions`,
    [submission.organizationId, submission.period, actor.subject, actor.org],
  );
  return count;
}

/** Sets how many levels review an organisation's submissions before the coordinator (0 or 1). */
export async function setApprovalLevels(manager: EntityManager, actor: Identity, organizationId: string, levels: number) {
  await manager.query(
    `INSERT INTO approval_setting (organization_id, approval_levels, set_by) VALUES ($1, $2, $3)
     ON CONFLICT (organization_id) DO UPDATE SET approval_levels = $2, set_by = $3, set_at = clock_timestamp()`,
    [organizationId, levels, actor.subject],
  );
}
