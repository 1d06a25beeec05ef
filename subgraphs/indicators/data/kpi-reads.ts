/** Reads KPIs need, each one statement whatever the number of indicators. */
import { isoTime, numberOrNull, pgNumber } from '../../../lib/sql';
import type { DataSource } from 'typeorm';
import { parsePeriod } from '../../../lib/period';
import type { TimeAxes } from '../domain/axes';
import { indicatorKey } from '../domain/keys';
import { asRecorded, RECORDED_BY } from './vintage';
import type { Observation } from '../domain/kpi';

export interface KpiIndicatorRow {
  id: string;
  name: string;
  headline: boolean;
  comparator: string | null;
  targetValue: number | null;
  deadline: string | null;
  rollup: string;
  maxValue: number | null;
  formula: string | null;
  calendarPeriodType: string | null;
  calendarDueDays: number | null;
  reportingFrom: string;
  owners: string[];
  taskIds: string[];
  periodicity: string;
  strictBound: boolean;
  weightIndicatorId: string | null;
  meanOfRates: boolean;
}

export interface BaselineRow {
  indicatorId: string;
  breakdown: string;
  value: number;
  period: string | null;
  note: string | null;
  recordedBy: string;
  recordedByOrg: string;
  recordedAt: string;
}

export const toBaseline = (r: Record<string, unknown>): BaselineRow => ({
  indicatorId: r.indicator_id as string,
  breakdown: r.breakdown as string,
  value: pgNumber(r.value),
  period: r.period as string | null,
  note: r.note as string | null,
  recordedBy: r.recorded_by as string,
  recordedByOrg: r.recorded_by_org as string,
  recordedAt: isoTime(r.recorded_at),
});

/**
 * The figures of accepted submissions only (KPI_FIGURES=ACCEPTED), on series `s`: the
 * submission accepted now, or, as recorded at the instant `recordedBy`, by then.
 */
const acceptedOnly = (recordedBy: string | null): string =>
  recordedBy
    ? `AND EXISTS (SELECT 1 FROM submission sub WHERE sub.organization_id = s.organization_id AND sub.period = s.period
          AND (SELECT e.state FROM submission_event e WHERE e.submission_id = sub.id
                 AND date_trunc('milliseconds', e.at) <= ${recordedBy}::timestamptz ORDER BY e.id DESC LIMIT 1) = 'ACCEPTED')`
    : `AND EXISTS (SELECT 1 FROM submission sub WHERE sub.organization_id = s.organization_id
          AND sub.period = s.period AND sub.state = 'ACCEPTED')`;

export class KpiReads {
  constructor(private readonly db: DataSource) {}

  private indicatorRows?: Promise<KpiIndicatorRow[]>;

  /** Every indicator with what its KPI needs: a small table, read whole, once per request. */
  indicators(): Promise<KpiIndicatorRow[]> {
    this.indicatorRows ??= this.readIndicators();
    return this.indicatorRows;
  }

  private async readIndicators(): Promise<KpiIndicatorRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT i.id, i.name, i.headline, i.comparator, i.target_value, i.deadline, i.rollup, i.max_value, i.formula,
              i.calendar_period_type, i.calendar_due_days, i.reporting_from::text,
              i.periodicity, i.strict_bound, i.weight_indicator_id, i.mean_of_rates,
              COALESCE((SELECT array_agg(o.organization_id ORDER BY o.position) FROM indicator_owner o WHERE o.indicator_id = i.id), '{}') AS owners,
              COALESCE((SELECT array_agg(t.task_id ORDER BY t.task_id) FROM indicator_task t WHERE t.indicator_id = i.id), '{}') AS task_ids
         FROM indicator i ORDER BY i.headline DESC, i.id`,
    );
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      headline: r.headline as boolean,
      comparator: r.comparator as string | null,
      targetValue: numberOrNull(r.target_value),
      deadline: r.deadline as string | null,
      rollup: r.rollup as string,
      maxValue: numberOrNull(r.max_value),
      formula: r.formula as string | null,
      calendarPeriodType: r.calendar_period_type as string | null,
      calendarDueDays: r.calendar_due_days as number | null,
      reportingFrom: r.reporting_from as string,
      owners: r.owners as string[],
      taskIds: r.task_ids as string[],
      periodicity: r.periodicity as string,
      strictBound: r.strict_bound as boolean,
      weightIndicatorId: r.weight_indicator_id as string | null,
      meanOfRates: r.mean_of_rates as boolean,
    }));
  }

  /**
   * Values of the periods that ended by `asOf`, per indicator and breakdown: the current
   * ones, or those recorded by `recordedAsOf` (later revisions ignored).
   */
  async observations(
    indicatorIds: readonly string[],
    { asOf, recordedAsOf, figures }: TimeAxes,
    allBreakdowns: boolean,
  ): Promise<Map<string, Map<string, Observation[]>>> {
    const where = `s.indicator_id = ANY($1::text[]) AND s.period_end <= $2::date ${allBreakdowns ? '' : "AND s.breakdown = ''"}
      ${figures === 'ACCEPTED' ? acceptedOnly(recordedAsOf ? '$3' : null) : ''}`;
    const columns = 's.indicator_id, s.breakdown, s.period';
    const rows: Array<Record<string, unknown>> = recordedAsOf
      ? await this.db.query(
          `SELECT * FROM ${asRecorded(`${columns}, r.value, r.numerator, r.denominator, r.source, r.withdrawn`, where, '$3')}
            WHERE NOT f.withdrawn`,
          [indicatorIds, asOf, recordedAsOf],
        )
      : await this.db.query(
          `SELECT ${columns}, s.value, s.numerator, s.denominator, s.source FROM figure_series s WHERE ${where} AND NOT s.withdrawn`,
          [indicatorIds, asOf],
        );
    const result = new Map<string, Map<string, Observation[]>>();
    for (const r of rows) {
      const byBreakdown = result.get(r.indicator_id as string) ?? new Map<string, Observation[]>();
      result.set(r.indicator_id as string, byBreakdown);
      const list = byBreakdown.get(r.breakdown as string) ?? [];
      byBreakdown.set(r.breakdown as string, list);
      list.push({
        period: parsePeriod(r.period as string)!,
        value: pgNumber(r.value),
        numerator: numberOrNull(r.numerator),
        denominator: numberOrNull(r.denominator),
        source: (r.source as string | null) ?? null,
      });
    }
    return result;
  }

  /**
   * The latest baseline of each indicator and breakdown. A baseline describes a past
   * period, like a figure: the latest recorded (by `recordedAsOf` when given) counts whatever the as-of date.
   */
  async baselines(indicatorIds: readonly string[], recordedAsOf: string | null = null): Promise<Map<string, BaselineRow>> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT DISTINCT ON (indicator_id, breakdown) * FROM indicator_baseline r
        WHERE indicator_id = ANY($1::text[]) ${recordedAsOf ? `AND ${RECORDED_BY('$2')}` : ''}
        ORDER BY indicator_id, breakdown, id DESC`,
      recordedAsOf ? [indicatorIds, recordedAsOf] : [indicatorIds],
    );
    return new Map(rows.map(toBaseline).map((b) => [indicatorKey(b.indicatorId, b.breakdown), b]));
  }

  /** When each (indicator, period) total was first reported (reportedOn, else recorded; by `recordedAsOf` when given). */
  async firstReports(indicatorIds: readonly string[], recordedAsOf: string | null = null): Promise<Map<string, string>> {
    const rows: Array<{ indicator_id: string; period: string; first: Date; reported: string }> = await this.db.query(
      `SELECT indicator_id, period, first_recorded_at AS first, first_reported_on::text AS reported FROM figure_series r
        WHERE indicator_id = ANY($1::text[]) AND breakdown = '' AND NOT withdrawn
          ${recordedAsOf ? `AND date_trunc('milliseconds', r.first_recorded_at) <= $2::timestamptz` : ''}`,
      recordedAsOf ? [indicatorIds, recordedAsOf] : [indicatorIds],
    );
    // The day given as reportedOn when it is earlier than the recording; else the time it was recorded.
    const first = (r: (typeof rows)[number]) => {
      const recorded = new Date(r.first).toISOString();
      return r.reported < recorded.slice(0, 10) ? r.reported : recorded;
    };
    return new Map(rows.map((r) => [indicatorKey(r.indicator_id, r.period), first(r)]));
  }
}
