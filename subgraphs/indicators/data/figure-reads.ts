/** Reads of figures: current values, values as recorded at a moment, and history. */
import { asRecorded, RECORDED_BY } from './vintage';
import { numberOrNull, isoTime, pgNumber, sqlConditions } from '../../../lib/sql';
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

export function toFigure(row: Record<string, unknown>): Figure {
  return {
    id: `${row.indicator_id as string}/${row.period as string}/${row.breakdown as string}`,
    seriesId: String(row.series_id),
    indicatorId: row.indicator_id as string,
    period: row.period as string,
    periodType: row.period_type as Figure['periodType'],
    periodStart: row.period_start as string,
    periodEnd: row.period_end as string,
    breakdown: row.breakdown as string,
    revision: pgNumber(row.revision),
    value: numberOrNull(row.value),
    numerator: numberOrNull(row.numerator),
    denominator: numberOrNull(row.denominator),
    status: row.status as Figure['status'],
    flags: row.flags as Figure['flags'],
    reportedOn: row.reported_on as string | null,
    withdrawn: row.withdrawn as boolean,
    note: row.note as string | null,
    source: row.source as string | null,
    explanation: (row.explanation as string | null) ?? null,
    warningCodes: (row.warning_codes as string[] | null) ?? [],
    organization: { id: row.organization_id as string },
    organizationId: row.organization_id as string,
    recordedBy: row.recorded_by as string,
    recordedAt: isoTime(row.recorded_at),
  };
}

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
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `${sql} ${query.includeWithdrawn ? '' : query.asOf ? 'WHERE NOT f.withdrawn' : 'AND NOT s.withdrawn'}
       ORDER BY indicator_id, period_start, period_end DESC, breakdown`,
      params,
    );
    return rows.map(toFigure);
  }

  /** Every revision of many figures, oldest first; one statement. */
  async history(seriesIds: readonly string[], asOf?: string | null): Promise<Array<FigureRevision & { seriesId: string }>> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT series_id, revision, value, numerator, denominator, status, flags, reported_on::text, withdrawn, note, source, reason,
              explanation, warning_codes, organization_id, recorded_by, recorded_by_org, recorded_at
         FROM figure_revision r WHERE series_id = ANY($1::bigint[]) ${asOf ? `AND ${RECORDED_BY('$2')}` : ''}
        ORDER BY series_id, revision`,
      asOf ? [seriesIds, asOf] : [seriesIds],
    );
    return rows.map((row) => ({
      seriesId: String(row.series_id),
      revision: pgNumber(row.revision),
      value: numberOrNull(row.value),
      numerator: numberOrNull(row.numerator),
      denominator: numberOrNull(row.denominator),
      status: row.status as FigureRevision['status'],
      flags: row.flags as FigureRevision['flags'],
      reportedOn: row.reported_on as string | null,
      withdrawn: row.withdrawn as boolean,
      note: row.note as string | null,
      source: row.source as string | null,
      reason: row.reason as string | null,
      explanation: row.explanation as string | null,
      warningCodes: row.warning_codes as string[],
      organization: { id: row.organization_id as string },
      organizationId: row.organization_id as string,
      recordedBy: row.recorded_by as string,
      recordedByOrganization: { id: row.recorded_by_org as string },
      recordedByOrg: row.recorded_by_org as string,
      recordedAt: isoTime(row.recorded_at),
    }));
  }

  async locks(indicatorId?: string | null): Promise<PeriodLock[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT id, indicator_id, period, reason, locked_by, locked_by_org, locked_at FROM period_lock
        ${indicatorId ? 'WHERE indicator_id IS NULL OR indicator_id = $1' : ''} ORDER BY period_start, id`,
      indicatorId ? [indicatorId] : [],
    );
    return rows.map((r) => ({
      id: String(r.id),
      indicatorId: r.indicator_id as string | null,
      period: r.period as string,
      reason: r.reason as string | null,
      lockedBy: r.locked_by as string,
      lockedByOrg: r.locked_by_org as string,
      lockedByOrganization: { id: r.locked_by_org as string },
      lockedAt: isoTime(r.locked_at),
    }));
  }

  async lockEvents(): Promise<PeriodLockEvent[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT action, indicator_id, period, reason, actor, actor_org, at FROM period_lock_event ORDER BY id`,
    );
    return rows.map((r) => ({
      action: r.action as string,
      indicatorId: r.indicator_id as string | null,
      period: r.period as string,
      reason: r.reason as string | null,
      actor: r.actor as string,
      actorOrg: r.actor_org as string,
      actorOrganization: { id: r.actor_org as string },
      at: isoTime(r.at),
    }));
  }
}
