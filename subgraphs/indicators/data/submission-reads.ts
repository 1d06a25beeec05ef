/** Reads of submissions with what a reviewer sees: figures, warnings, changes, events; a few statements per list. */
import type { DataSource } from 'typeorm';
import { groupBy } from '../../../lib/collections';
import { indicatorKey } from '../model/keys';
import { z } from 'zod';
import { column, readRows } from '../../../lib/rows';
import { sqlConditions } from '../../../lib/sql';
import { likePattern } from '../../../lib/text';
import { FigureRow, toFigure } from './figure-reads';
import { type FigureChange, type Submission, type SubmissionEvent, SubmissionState } from '../schema/submission';

export interface SubmissionFilter {
  ids?: string[];
  organizationId?: string | null;
  period?: string | null;
  states?: SubmissionState[] | null;
  /** Only those whose organisation asks for them to be reopened. */
  reopenRequested?: boolean;
  /** Only those whose current round raised warnings (true) or none (false). */
  hasWarnings?: boolean | null;
  /**
   * Only those whose organisation is `organizationIds` (found by part of a name) or whose id, or one
   * of whose indicators (id, name or English name), contains the text.
   */
  search?: { text: string; organizationIds: string[] } | null;
  /** Only those waiting for an organisation's approver, or for the coordinator. */
  awaiting?: { approverOf: string } | 'coordinator';
}

const SubmissionRow = z
  .object({
    id: column.id,
    organization_id: column.text,
    period: column.text,
    state: z.enum(SubmissionState),
    round: column.number,
    comment: column.optionalText,
    approval_levels: column.number,
    submitted_by: column.text,
    submitted_at: column.instant,
    updated_at: column.instant,
    reopen_reason: column.optionalText,
    reopen_requested_by: column.optionalText,
    reopen_requested_at: column.instant.nullable(),
  })
  .transform(({ reopen_reason: reason, reopen_requested_by: requestedBy, reopen_requested_at: requestedAt, ...row }, context) => {
    if (reason === null) return { ...row, reopenRequest: null };
    if (requestedBy === null || requestedAt === null) {
      context.addIssue({
        code: 'custom',
        path: ['reopen_requested_by'],
        message: 'a request to reopen without who asked or when',
      });
      return z.NEVER;
    }
    return { ...row, reopenRequest: { reason, requestedBy, requestedAt } };
  });

const WarningRow = z.object({
  submission_id: column.id,
  indicator_id: column.text,
  breakdown: column.text,
  code: column.text,
  message: column.text,
  at: column.instant,
});

/** A figure as a submission's event recorded it (JSON; a value may have been written as text). */
const Snapshot = z.object({
  indicatorId: z.string(),
  breakdown: z.string(),
  value: column.optionalNumber,
  withdrawn: z.boolean(),
});
type Snapshot = z.output<typeof Snapshot>;

const EventRow = z.object({
  submission_id: column.id,
  action: column.text,
  state: z.enum(SubmissionState),
  comment: column.optionalText,
  actor: column.text,
  actor_org: column.text,
  at: column.instant,
  figures: z.array(Snapshot).nullable(),
  changes: z
    .array(
      z.object({
        indicatorId: z.string(),
        breakdown: z.string(),
        previousValue: column.optionalNumber,
        value: column.optionalNumber,
      }),
    )
    .nullable(),
});

/** The figures of submissions: a figure's columns, and the submission it is in. */
const SubmittedFigureRow = FigureRow.extend({ submission_id: column.id });

export async function readSubmissions(db: DataSource, filter: SubmissionFilter): Promise<Submission[]> {
  const { params, where, add } = sqlConditions();
  if (filter.ids) add('s.id = ANY(?::bigint[])', filter.ids);
  if (filter.organizationId) add('s.organization_id = ?', filter.organizationId);
  if (filter.period) add('s.period = ?', filter.period);
  if (filter.states) add('s.state = ANY(?::text[])', filter.states);
  if (filter.reopenRequested) where.push('s.reopen_reason IS NOT NULL');
  if (filter.hasWarnings !== undefined && filter.hasWarnings !== null)
    where.push(
      `${filter.hasWarnings ? '' : 'NOT '}EXISTS (SELECT 1 FROM submission_warning w WHERE w.submission_id = s.id AND w.round = s.round)`,
    );
  if (filter.search) {
    const pattern = likePattern(filter.search.text);
    params.push(pattern, filter.search.organizationIds);
    const [text, ids] = [`$${params.length - 1}`, `$${params.length}`];
    where.push(
      `(s.organization_id ILIKE ${text} OR s.organization_id = ANY(${ids}::text[]) OR EXISTS (
         SELECT 1 FROM figure_series f JOIN indicator i ON i.id = f.indicator_id
          WHERE f.organization_id = s.organization_id AND f.period = s.period
            AND (i.id ILIKE ${text} OR i.name ILIKE ${text} OR i.name_en ILIKE ${text})))`,
    );
  }
  if (filter.awaiting === 'coordinator')
    where.push(`s.state = CASE WHEN COALESCE(a.approval_levels, 0) > 0 THEN 'APPROVED' ELSE 'SUBMITTED' END`);
  else if (filter.awaiting)
    add(`s.organization_id = ? AND s.state = 'SUBMITTED' AND COALESCE(a.approval_levels, 0) > 0`, filter.awaiting.approverOf);
  const rows = readRows(
    'submissions',
    SubmissionRow,
    await db.query(
      `SELECT s.*, COALESCE(a.approval_levels, 0) AS approval_levels
       FROM submission s LEFT JOIN approval_setting a ON a.organization_id = s.organization_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.submitted_at, s.id LIMIT 1000`,
      params,
    ),
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [figures, warnings, events] = await Promise.all([
    db.query<unknown>(
      `SELECT f.indicator_id, f.period, f.period_type, f.period_start::text, f.period_end::text, f.breakdown, f.id AS series_id,
              f.revision, f.value, f.numerator, f.denominator, f.status, f.flags, f.reported_on::text, f.withdrawn, f.note,
              f.source, f.organization_id, f.recorded_by, f.recorded_at, r.explanation, r.warning_codes, s.id AS submission_id
         FROM figure_series f JOIN submission s USING (organization_id, period)
         JOIN figure_revision r ON r.series_id = f.id AND r.revision = f.revision
        WHERE s.id = ANY($1::bigint[]) ORDER BY f.indicator_id, f.breakdown`,
      [ids],
    ),
    db.query<unknown>(
      `SELECT w.* FROM submission_warning w JOIN submission s ON s.id = w.submission_id AND s.round = w.round
        WHERE s.id = ANY($1::bigint[]) ORDER BY w.at, w.indicator_id`,
      [ids],
    ),
    db.query<unknown>(`SELECT * FROM submission_event WHERE submission_id = ANY($1::bigint[]) ORDER BY id`, [ids]),
  ]);
  const group = <T extends { submission_id: string }, U>(list: T[], map: (r: T) => U) =>
    new Map([...groupBy(list, (r) => r.submission_id)].map(([id, rows]) => [id, rows.map(map)]));
  const figuresOf = group(readRows('figures of submissions', SubmittedFigureRow, figures), toFigure);
  const warningsOf = group(readRows('submission warnings', WarningRow, warnings), (r) => ({
    indicatorId: r.indicator_id,
    breakdown: r.breakdown,
    code: r.code,
    message: r.message,
    at: r.at,
  }));
  const eventsOf = group(readRows('submission events', EventRow, events), (r) => r);
  return rows.map((r) => {
    const id = r.id;
    const own = eventsOf.get(id) ?? [];
    const current = figuresOf.get(id) ?? [];
    const previous = [...own].reverse().find((e) => e.figures !== null)?.figures ?? undefined;
    return {
      id,
      organizationId: r.organization_id,
      organization: { id: r.organization_id },
      period: r.period,
      state: r.state,
      round: r.round,
      comment: r.comment,
      approvalLevels: r.approval_levels,
      submittedBy: r.submitted_by,
      submittedAt: r.submitted_at,
      updatedAt: r.updated_at,
      figures: current,
      warnings: warningsOf.get(id) ?? [],
      changes: previous ? changesSince(previous, current) : [],
      reopenRequest: r.reopenRequest,
      events: own.map((e): SubmissionEvent => ({
        action: e.action,
        state: e.state,
        comment: e.comment,
        actor: e.actor,
        actorOrganization: { id: e.actor_org },
        at: e.at,
        changes: e.changes ?? [],
      })),
    };
  });
}

/** Each figure whose value differs from the snapshot (a withdrawn value counts as none). */
function changesSince(previous: Snapshot[], current: Submission['figures']): FigureChange[] {
  const before = new Map(previous.map((p) => [indicatorKey(p.indicatorId, p.breakdown), p.withdrawn ? null : p.value]));
  const now = new Map(current.map((f) => [indicatorKey(f.indicatorId, f.breakdown), f.withdrawn ? null : f.value]));
  // Every figure of either side, once, with its parts kept beside its key.
  const figures = new Map(
    [...previous, ...current].map(({ indicatorId, breakdown }) => [
      indicatorKey(indicatorId, breakdown),
      { indicatorId, breakdown },
    ]),
  );
  return [...figures]
    .map(([key, { indicatorId, breakdown }]) => ({
      indicatorId,
      breakdown,
      previousValue: before.get(key) ?? null,
      value: now.get(key) ?? null,
    }))
    .filter((c) => c.previousValue !== c.value);
}
