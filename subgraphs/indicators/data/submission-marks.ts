/**
 * What a push writes of the submissions it touches: marks them submitted (a SUBMIT event
 * where a round starts, a CHANGE event with each figure's previous value and new one where
 * a round waits for a decision), adds the figures of a file's later batches to the event
 * its first batch wrote, and keeps the warnings it raised with the submission's round.
 * Locks and transitions are submission-store.ts's.
 */
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { compositeKey } from '../../../lib/collections';
import type { Identity } from '../../../lib/identity';
import { column, readRows } from '../../../lib/rows';
import { keyParams, type SubmissionKey, type SubmissionWarningInput, type WrittenFigure } from './submission-store';

/**
 * Each written figure's previous value → its new one, as one JSON list per submission key
 * (the figures: parameters $n to $n+5), from the values the push's checks read under its
 * locks: nothing is looked up again.
 */
const changesByKey = (n: number) => `
       SELECT w.organization_id, w.period, jsonb_agg(jsonb_build_object(
                'indicatorId', w.indicator_id, 'breakdown', w.breakdown,
                'previousValue', w.previous_value, 'value', w.value) ORDER BY w.indicator_id, w.breakdown) AS changes
         FROM unnest($${n}::text[], $${n + 1}::text[], $${n + 2}::text[], $${n + 3}::text[], $${n + 4}::numeric[], $${n + 5}::numeric[])
              AS w(organization_id, period, indicator_id, breakdown, previous_value, value)
        GROUP BY w.organization_id, w.period`;

const writtenParams = (written: WrittenFigure[]) => [
  written.map((w) => w.organizationId),
  written.map((w) => w.period),
  written.map((w) => w.indicatorId),
  written.map((w) => w.breakdown),
  written.map((w) => w.previousValue),
  written.map((w) => w.value),
];

/**
 * The event one transaction wrote for each submission it marked, by its key: a
 * file written batch by batch records one event per submission, as one push does
 * (`noted`: figures of later batches wait to be added to the event, addPendingChanges).
 */
export type MarkedSubmissions = Map<string, { eventId: string; action: 'SUBMIT' | 'CHANGE'; noted?: boolean }>;

/** The event marking wrote for a submission, by its key. */
const MarkedColumns = z.object({
  id: column.id,
  action: column.oneOf(['SUBMIT', 'CHANGE'] as const),
  organization_id: column.text,
  period: column.text,
});

const submissionKey = (key: SubmissionKey): string => compositeKey(key.organizationId, key.period);

/**
 * Marks submissions ($1, $2: their organisations and periods) submitted by $3 of $4, with
 * the figures written ($5 to $10) for their CHANGE events; the events written.
 */
export const MARK_SUBMITTED = `WITH input AS (SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS k(organization_id, period)),
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
         RETURNING s.id, s.organization_id, s.period),
       figures AS (${changesByKey(5)}),
       inserted AS (
         INSERT INTO submission_event (submission_id, action, state, actor, actor_org, changes)
         SELECT u.id, CASE WHEN b.state IN ('SUBMITTED', 'APPROVED') THEN 'CHANGE' ELSE 'SUBMIT' END, 'SUBMITTED', $3, $4,
                CASE WHEN b.state IN ('SUBMITTED', 'APPROVED') THEN c.changes END
           FROM upserted u LEFT JOIN before b ON b.id = u.id
           LEFT JOIN figures c ON (c.organization_id, c.period) = (u.organization_id, u.period)
         RETURNING id, submission_id, action)
     SELECT i.id, i.action, u.organization_id, u.period FROM inserted i JOIN upserted u ON u.id = i.submission_id`;

/**
 * Marks the submissions of the written figures SUBMITTED: a new one starts at round 1; a
 * returned one starts its next round (submitted again now); an approved one needs approving
 * again. A SUBMIT event where a round starts, and where it was waiting for a decision
 * (SUBMITTED or APPROVED: a change within the round) a CHANGE event with each figure
 * written, its previous value → its new one (the revisions are written first). Submissions
 * `marked` earlier in the same transaction get no second event: their CHANGE event takes
 * the new figures too, once the file's batches end (addPendingChanges).
 */
export async function markSubmitted(
  manager: EntityManager,
  writer: Identity,
  keys: SubmissionKey[],
  written: WrittenFigure[],
  marked: MarkedSubmissions = new Map(),
): Promise<void> {
  const fresh = keys.filter((k) => !marked.has(submissionKey(k)));
  const merged = keys.flatMap((k) => {
    const event = marked.get(submissionKey(k));
    return event?.action === 'CHANGE' ? [{ ...k, eventId: event.eventId }] : [];
  });
  if (merged.length > 0) {
    await noteChanges(manager, merged, written);
    for (const k of merged) marked.get(submissionKey(k))!.noted = true;
  }
  if (fresh.length === 0) return;
  const rows: unknown = await manager.query(MARK_SUBMITTED, [
    ...keyParams(fresh),
    writer.subject,
    writer.org,
    ...writtenParams(written),
  ]);
  for (const e of readRows('submissions marked', MarkedColumns, rows))
    marked.set(submissionKey({ organizationId: e.organization_id, period: e.period }), {
      eventId: e.id,
      action: e.action,
    });
}

/** Figures written into CHANGE events of earlier batches, kept until the file's batches end (addPendingChanges). */
const PENDING = 'pending_change';

/**
 * Notes the written figures of CHANGE events already written in this transaction: kept in
 * a temporary table (dropped at commit or rollback) and added to their events once, at the
 * end (addPendingChanges), so a file of many batches never rewrites a growing list per batch.
 */
async function noteChanges(
  manager: EntityManager,
  events: Array<SubmissionKey & { eventId: string }>,
  written: WrittenFigure[],
): Promise<void> {
  await manager.query(
    `CREATE TEMPORARY TABLE IF NOT EXISTS ${PENDING} (event_id bigint, organization_id text, period text,
       indicator_id text, breakdown text, previous_value numeric, value numeric) ON COMMIT DROP`,
  );
  await manager.query(
    `INSERT INTO ${PENDING}
     SELECT k.id, w.organization_id, w.period, w.indicator_id, w.breakdown, w.previous_value, w.value
       FROM unnest($1::bigint[], $2::text[], $3::text[]) AS k(id, organization_id, period)
       JOIN unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::numeric[])
            AS w(organization_id, period, indicator_id, breakdown, previous_value, value)
            USING (organization_id, period)`,
    [events.map((e) => e.eventId), ...keyParams(events), ...writtenParams(written)],
  );
}

/**
 * Adds the figures noted by later batches to their CHANGE events, each event's list in
 * figure order: once per file, after its last batch.
 */
export async function addPendingChanges(manager: EntityManager, marked: MarkedSubmissions): Promise<void> {
  if (![...marked.values()].some((e) => e.noted)) return;
  await manager.query(
    `UPDATE submission_event e
        SET changes = (SELECT jsonb_agg(x ORDER BY x->>'indicatorId', x->>'breakdown')
                         FROM jsonb_array_elements(COALESCE(e.changes, '[]') || c.changes) AS x)
       FROM (SELECT w.event_id, jsonb_agg(jsonb_build_object(
                      'indicatorId', w.indicator_id, 'breakdown', w.breakdown,
                      'previousValue', w.previous_value, 'value', w.value)) AS changes
               FROM ${PENDING} w GROUP BY w.event_id) c
      WHERE e.id = c.event_id`,
  );
  await manager.query(`DROP TABLE ${PENDING}`);
  for (const event of marked.values()) event.noted = false;
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
