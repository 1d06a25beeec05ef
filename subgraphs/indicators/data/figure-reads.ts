/** Reads of figures: current values, values as recorded at a moment, and history. */
import { asRecorded, RECORDED_BY } from './vintage';
import { z } from 'zod';
import { FIGURE_STATUSES, QUALITY_FLAGS } from '../../../lib/enums';
import { PERIOD_TYPES } from '../../../lib/period';
import { column, readRows } from '../../../lib/rows';
import { sqlConditions } from '../../../lib/sql';
import type { DataSource } from 'typeorm';
import type { Figure, FigureRevision, PeriodLock, PeriodLockEvent } from '../schema/figure';

export interface FigureQuery {
  /** Only periods inside [from, to] (first and last day), when given. */
  from?: string | null;
  to?: string | null;
  period?: string | null;
  breakdown?: string | null;
  /** As recorded at this moment (ISO 8601), instead of now. */
  asOf?: string | null;
  includeWithdrawn?: boolean;
}

/** The columns of one revision of a figure, as a figure's current value and as its history read them. */
const REVISION = {
  series_id: column.id,
  revision: column.number,
  value: column.optionalNumber,
  numerator: column.optionalNumber,
  denominator: column.optionalNumber,
  status: column.oneOf(FIGURE_STATUSES),
  flags: z.array(column.oneOf(QUALITY_FLAGS)),
  reported_on: column.optionalText,
  withdrawn: column.boolean,
  note: column.optionalText,
  source: column.optionalText,
  explanation: column.optionalText,
  organization_id: column.text,
  recorded_by: column.text,
  recorded_at: column.instant,
};

/** What every read of a figure selects, as the columns come. */
export const FigureRow = z.object({
  indicator_id: column.text,
  period: column.text,
  period_type: column.oneOf(PERIOD_TYPES),
  period_start: column.text,
  period_end: column.text,
  breakdown: column.text,
  ...REVISION,
  warning_codes: column.texts.nullable(),
});

/** What a revision's columns say, as the API names it. */
function revisionOf(row: z.output<z.ZodObject<typeof REVISION>>) {
  return {
    seriesId: row.series_id,
    revision: row.revision,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    status: row.status,
    flags: row.flags,
    reportedOn: row.reported_on,
    withdrawn: row.withdrawn,
    note: row.note,
    source: row.source,
    explanation: row.explanation,
    organization: { id: row.organization_id },
    organizationId: row.organization_id,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

/** A figure from its row. */
export function toFigure(row: z.output<typeof FigureRow>): Figure {
  return {
    id: `${row.indicator_id}/${row.period}/${row.breakdown}`,
    indicatorId: row.indicator_id,
    period: row.period,
    periodType: row.period_type,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    breakdown: row.breakdown,
    ...revisionOf(row),
    warningCodes: row.warning_codes ?? [],
  };
}

const RevisionRow = z.object({
  ...REVISION,
  reason: column.optionalText,
  warning_codes: column.texts,
  recorded_by_org: column.text,
});

const LockRow = z.object({
  id: column.id,
  indicator_id: column.optionalText,
  period: column.text,
  reason: column.optionalText,
  locked_by: column.text,
  locked_by_org: column.text,
  locked_at: column.instant,
});

const LockEventRow = z.object({
  action: column.text,
  indicator_id: column.optionalText,
  period: column.text,
  reason: column.optionalText,
  actor: column.text,
  actor_org: column.text,
  at: column.instant,
});

export class FigureReads {
  constructor(private readonly db: DataSource) {}

  /** Figures of many indicators, in period order; one statement. */
  async ofIndicators(indicatorIds: readonly string[], query: FigureQuery = {}): Promise<Figure[]> {
    const { params, where, add } = sqlConditions([indicatorIds], ['s.indicator_id = ANY($1::text[])']);
    if (query.from) add('s.period_start >= ?::date', query.from);
    if (query.to) add('s.period_end <= ?::date', query.to);
    if (query.period) add('s.period = ?', query.period);
    if (query.breakdown !== null && query.breakdown !== undefined) add('s.breakdown = ?', query.breakdown);
    const columns = `s.indicator_id, s.period, s.period_type, s.period_start::text, s.period_end::text, s.breakdown`;
    let sql: string;
    if (query.asOf) {
      params.push(query.asOf);
      const revision = `${columns}, r.series_id, r.revision, r.value, r.numerator, r.denominator,
                      r.status, r.flags, r.reported_on::text, r.withdrawn, r.note, r.source, r.organization_id, r.recorded_by, r.recorded_at,
                      r.explanation, r.warning_codes`;
      sql = `SELECT * FROM ${asRecorded(revision, where.join(' AND '), `$${params.length}`)} f`;
    } else {
      sql = `SELECT ${columns}, s.id AS series_id, s.revision, s.value, s.numerator, s.denominator, s.status, s.flags,
                    s.reported_on::text, s.withdrawn,
                    s.note, s.source, s.organization_id, s.recorded_by, s.recorded_at, r.explanation, r.warning_codes
               FROM figure_series s JOIN figure_revision r ON r.series_id = s.id AND r.revision = s.revision
              WHERE ${where.join(' AND ')}`;
    }
    const rows: unknown = await this.db.query(
      `${sql} ${query.includeWithdrawn ? '' : query.asOf ? 'WHERE NOT f.withdrawn' : 'AND NOT s.withdrawn'}
       ORDER BY indicator_id, period_start, period_end DESC, breakdown`,
      params,
    );
    return readRows('figures of indicators', FigureRow, rows).map(toFigure);
  }

  /** Every revision of many figures, oldest first; one statement. */
  async history(seriesIds: readonly string[], asOf?: string | null): Promise<Array<FigureRevision & { seriesId: string }>> {
    const rows: unknown = await this.db.query(
      `SELECT series_id, revision, value, numerator, denominator, status, flags, reported_on::text, withdrawn, note, source, reason,
              explanation, warning_codes, organization_id, recorded_by, recorded_by_org, recorded_at
         FROM figure_revision r WHERE series_id = ANY($1::bigint[]) ${asOf ? `AND ${RECORDED_BY('$2')}` : ''}
        ORDER BY series_id, revision`,
      asOf ? [seriesIds, asOf] : [seriesIds],
    );
    return readRows('figure history', RevisionRow, rows).map((row) => ({
      ...revisionOf(row),
      reason: row.reason,
      warningCodes: row.warning_codes,
      recordedByOrganization: { id: row.recorded_by_org },
      recordedByOrg: row.recorded_by_org,
    }));
  }

  async locks(indicatorId?: string | null): Promise<PeriodLock[]> {
    const rows: unknown = await this.db.query(
      `SELECT id, indicator_id, period, reason, locked_by, locked_by_org, locked_at FROM period_lock
        ${indicatorId ? 'WHERE indicator_id IS NULL OR indicator_id = $1' : ''} ORDER BY period_start, id`,
      indicatorId ? [indicatorId] : [],
    );
    return readRows('period locks', LockRow, rows).map((r) => ({
      id: r.id,
      indicatorId: r.indicator_id,
      period: r.period,
      reason: r.reason,
      lockedBy: r.locked_by,
      lockedByOrg: r.locked_by_org,
      lockedByOrganization: { id: r.locked_by_org },
      lockedAt: r.locked_at,
    }));
  }

  async lockEvents(): Promise<PeriodLockEvent[]> {
    const rows: unknown = await this.db.query(
      `SELECT action, indicator_id, period, reason, actor, actor_org, at FROM period_lock_event ORDER BY id`,
    );
    return readRows('period lock events', LockEventRow, rows).map((r) => ({
      action: r.action,
      indicatorId: r.indicator_id,
      period: r.period,
      reason: r.reason,
      actor: r.actor,
      actorOrg: r.actor_org,
      actorOrganization: { id: r.actor_org },
      at: r.at,
    }));
  }
}
