/** Reads of submissions with what a reviewer sees: figures, warnings, changes, events; a few statements per list. */
import type { DataSource } from 'typeorm';
import { groupBy } from '../../../lib/collections';
import { indicatorKey } from '../model/keys';
import { isoTime, numberOrNull, sqlConditions } from '../../../lib/sql';
import { likePattern } from '../../../lib/text';
import { toFigure } from './figure-reads';
import type { FigureChange, Submission, SubmissionEvent, SubmissionState, SubmissionWarning } from '../schema/submission';

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

interface Snapshot {
  indicatorId: string;
  breakdown: string;
  value: number | null;
  withdrawn: boolean;
}

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
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT s.*, COALESCE(a.approval_levels, 0) AS approval_levels
       FROM submission s LEFT JOIN approval_setting a ON a.organization_id = s.organization_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.submitted_at, s.id LIMIT 1000`,
    params,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => String(r.id));
  const [figures, warnings, events] = await Promise.all([
    db.query<Array<Record<string, unknown>>>(
      `SELECT f.indicator_id, f.period, f.period_type, f.period_start::text, f.period_end::text, f.breakdown, f.id AS series_id,
              f.revision, f.value, f.numerator, f.denominator, f.status, f.flags, f.reported_on::text, f.withdrawn, f.note,
              f.source, f.organization_id, f.recorded_by, f.recorded_at, r.explanation, r.warning_codes, s.id AS submission_id
         FROM figure_series f JOIN submission s USING (organization_id, period)
         JOIN figure_revision r ON r.series_id = f.id AND r.revision = f.revision
        WHERE s.id = ANY($1::bigint[]) ORDER BY f.indicator_id, f.breakdown`,
      [ids],
    ),
    db.query<Array<Record<string, unknown>>>(
      `SELECT w.* FROM submission_warning w JOIN submission s ON s.id = w.submission_id AND s.round = w.round
        WHERE s.id = ANY($1::bigint[]) ORDER BY w.at, w.indicator_id`,
      [ids],
    ),
    db.query<Array<Record<string, unknown>>>(
      `SELECT * FROM submission_event WHERE submission_id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    ),
  ]);
  const group = <T>(list: Array<Record<string, unknown>>, map: (r: Record<string, unknown>) => T) =>
    new Map([...groupBy(list, (r) => String(r.submission_id))].map(([id, rows]) => [id, rows.map(map)]));
  const figuresOf = group(figures, (r) => toFigure(r));
  const warningsOf = group(warnings, (r): SubmissionWarning => ({
    indicatorId: r.indicator_id as string,
    breakdown: r.breakdown as string,
    code: r.code as string,
    message: r.message as string,
    at: isoTime(r.at),
  }));
  const eventsOf = group(events, (r) => r);
  return rows.map((r) => {
    const id = String(r.id);
    const own = eventsOf.get(id) ?? [];
    const current = figuresOf.get(id) ?? [];
    const previous = [...own].reverse().find((e) => e.figures !== null)?.figures as Snapshot[] | undefined;
    return {
      id,
      organizationId: r.organization_id as string,
      organization: { id: r.organization_id as string },
      period: r.period as string,
      state: r.state as SubmissionState,
      round: Number(r.round),
      comment: r.comment as string | null,
      approvalLevels: Number(r.approval_levels),
      submittedBy: r.submitted_by as string,
      submittedAt: isoTime(r.submitted_at),
      updatedAt: isoTime(r.updated_at),
      figures: current,
      warnings: warningsOf.get(id) ?? [],
      changes: previous ? changesSince(previous, current) : [],
      reopenRequest:
        r.reopen_reason == null
          ? null
          : {
              reason: r.reopen_reason as string,
              requestedBy: r.reopen_requested_by as string,
              requestedAt: isoTime(r.reopen_requested_at),
            },
      events: own.map((e): SubmissionEvent => ({
        action: e.action as string,
        state: e.state as SubmissionState,
        comment: e.comment as string | null,
        actor: e.actor as string,
        actorOrganization: { id: e.actor_org as string },
        at: isoTime(e.at),
        changes: ((e.changes as FigureChange[] | null) ?? []).map((c) => ({
          ...c,
          previousValue: numberOrNull(c.previousValue),
          value: numberOrNull(c.value),
        })),
      })),
    };
  });
}

/** Each figure whose value differs from the snapshot (a withdrawn value counts as none). */
function changesSince(previous: Snapshot[], current: Submission['figures']): FigureChange[] {
  const before = new Map(
    previous.map((p) => [indicatorKey(p.indicatorId, p.breakdown), p.withdrawn ? null : numberOrNull(p.value)]),
  );
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
