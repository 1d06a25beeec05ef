/**
 * Writes of submissions: what an organisation reported for a period, and its review.
 * A push locks the submissions it touches (after the indicators' advisory locks, as every
 * transition does, so the two never wait on each other crosswise), refuses rows of an
 * accepted one and marks the others submitted (submission-marks.ts); a transition locks
 * its submission, writes its event, and an acceptance writes the FINAL revisions of its
 * figures, all in one transaction.
 */
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '../../../lib/identity';
import { column, readFirst, readOne, readRows } from '../../../lib/rows';

const SUBMISSION_STATES = ['SUBMITTED', 'APPROVED', 'ACCEPTED', 'RETURNED'] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];
export type SubmissionAction = 'SUBMIT' | 'APPROVE' | 'ACCEPT' | 'RETURN' | 'REOPEN' | 'CHANGE';

/** A figure a push wrote, by its submission (organisation and period): its value before (null: none, or withdrawn) and after (null: withdrawn). */
export interface WrittenFigure extends SubmissionKey {
  indicatorId: string;
  breakdown: string;
  previousValue: number | null;
  value: number | null;
}

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

/** A submission as locking reads it, with its organisation's approval levels (0 when not set). */
const LockedColumns = z
  .object({
    id: column.id,
    organization_id: column.text,
    period: column.text,
    state: column.oneOf(SUBMISSION_STATES),
    round: column.number,
    approval_levels: column.number,
  })
  .transform((r): LockedSubmission => ({
    id: r.id,
    organizationId: r.organization_id,
    period: r.period,
    state: r.state,
    round: r.round,
    approvalLevels: r.approval_levels,
  }));

/** A list of submission keys as two array parameters: organisations, periods. */
export const keyParams = (keys: SubmissionKey[]) => [keys.map((k) => k.organizationId), keys.map((k) => k.period)];

/** The submissions of these keys that exist, locked until the transaction ends (in id order). */
export async function lockSubmissions(manager: EntityManager, keys: SubmissionKey[]): Promise<LockedSubmission[]> {
  if (keys.length === 0) return [];
  const rows: unknown = await manager.query(
    `SELECT s.id, s.organization_id, s.period, s.state, s.round, COALESCE(a.approval_levels, 0) AS approval_levels
       FROM submission s
       JOIN unnest($1::text[], $2::text[]) AS k(organization_id, period) USING (organization_id, period)
       LEFT JOIN approval_setting a ON a.organization_id = s.organization_id
      ORDER BY s.id FOR UPDATE OF s`,
    keyParams(keys),
  );
  return readRows('submissions locked', LockedColumns, rows);
}

/** One submission by id, locked; null when there is none. */
export async function lockSubmission(manager: EntityManager, id: string): Promise<LockedSubmission | null> {
  const rows: unknown = await manager.query(
    `SELECT s.id, s.organization_id, s.period, s.state, s.round, COALESCE(a.approval_levels, 0) AS approval_levels
       FROM submission s LEFT JOIN approval_setting a ON a.organization_id = s.organization_id
      WHERE s.id = $1 FOR UPDATE OF s`,
    [id],
  );
  return readFirst('submission locked', LockedColumns, rows);
}

const IndicatorColumns = z.object({ indicator_id: column.text });

/** The indicators a submission's figures belong to (to take their push locks first). */
export async function submissionIndicators(manager: EntityManager, id: string): Promise<string[]> {
  const rows: unknown = await manager.query(
    `SELECT DISTINCT f.indicator_id FROM figure_series f JOIN submission s USING (organization_id, period) WHERE s.id = $1`,
    [id],
  );
  return readRows('submission indicators', IndicatorColumns, rows).map((r) => r.indicator_id);
}

const EventIdColumns = z.object({ id: column.id });

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
  const rows: unknown = await manager.query(
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
  return readOne('submission event written', EventIdColumns, rows).id;
}

const Count = z.object({ count: column.number });

/** Makes the submission's standing figures FINAL: a new revision of each that is not FINAL yet. */
export async function finaliseFigures(manager: EntityManager, actor: Identity, submission: LockedSubmission): Promise<number> {
  const rows: unknown = await manager.query(
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
  return readOne('figures finalised', Count, rows).count;
}

/** Sets how many levels review an organisation's submissions before the coordinator (0 or 1). */
export async function setApprovalLevels(manager: EntityManager, actor: Identity, organizationId: string, levels: number) {
  await manager.query(
    `INSERT INTO approval_setting (organization_id, approval_levels, set_by) VALUES ($1, $2, $3)
     ON CONFLICT (organization_id) DO UPDATE SET approval_levels = $2, set_by = $3, set_at = clock_timestamp()`,
    [organizationId, levels, actor.subject],
  );
}
