/** Reads KPIs need, each one statement whatever the number of indicators. */
import { groupBy } from '../../../lib/collections';
import { z } from 'zod';
import { readRows } from '../../../lib/rows';
import type { DataSource } from 'typeorm';
import type { TimeAxes } from '../model/axes';
import { indicatorKey } from '../model/keys';
import { readTallies, tallyColumns } from './breakdown-sums';
import {
  BaselineColumns,
  type BaselineRow,
  BreakdownColumns,
  FirstReportColumns,
  IndicatorColumns,
  type KpiIndicatorRow,
  ObservationColumns,
} from './kpi-rows';
import { asRecorded, RECORDED_BY } from './vintage';
import type { Observation } from '../model/kpi';
import type { PartsTally } from '../model/coverage';

/**
 * The figures of accepted submissions only (KPI_FIGURES=ACCEPTED), as a condition on revision
 * `r` of series `s`: recorded by the last time the submission of its organisation and period
 * was accepted (by the instant `recordedBy`, when given). A submission reopened for a
 * correction keeps its accepted figures counted until the correction is accepted in turn;
 * a figure written after the acceptance, never accepted, does not count.
 */
const acceptedBy = (recordedBy: string | null): string =>
  `r.recorded_at <= (SELECT max(e.at) FROM submission sub JOIN submission_event e ON e.submission_id = sub.id
      WHERE sub.organization_id = s.organization_id AND sub.period = s.period AND e.state = 'ACCEPTED'
        ${recordedBy ? `AND date_trunc('milliseconds', e.at) <= ${recordedBy}::timestamptz` : ''})`;

export class KpiReads {
  constructor(private readonly db: DataSource) {}

  private indicatorRows?: Promise<KpiIndicatorRow[]>;

  /** Every indicator with what its KPI needs: a small table, read whole, once per request. */
  indicators(): Promise<KpiIndicatorRow[]> {
    this.indicatorRows ??= this.readIndicators();
    return this.indicatorRows;
  }

  private async readIndicators(): Promise<KpiIndicatorRow[]> {
    const rows: unknown = await this.db.query(
      `SELECT i.id, i.name, i.headline, i.comparator, i.target_value, i.deadline, i.rollup, i.value_kind, i.max_value, i.formula,
              i.calendar_period_type, i.calendar_due_days, i.reporting_from::text,
              i.periodicity, i.strict_bound, i.weight_indicator_id, i.mean_of_rates,
              COALESCE((SELECT array_agg(o.organization_id ORDER BY o.position) FROM indicator_owner o WHERE o.indicator_id = i.id), '{}') AS owners,
              COALESCE((SELECT array_agg(t.task_id ORDER BY t.task_id) FROM indicator_task t WHERE t.indicator_id = i.id), '{}') AS task_ids
         FROM indicator i ORDER BY i.headline DESC, i.id`,
    );
    return readRows('indicators for KPIs', IndicatorColumns, rows).map((r) => ({
      id: r.id,
      name: r.name,
      headline: r.headline,
      comparator: r.comparator,
      targetValue: r.target_value,
      deadline: r.deadline,
      rollup: r.rollup,
      valueKind: r.value_kind,
      maxValue: r.max_value,
      formula: r.formula,
      calendarPeriodType: r.calendar_period_type,
      calendarDueDays: r.calendar_due_days,
      reportingFrom: r.reporting_from,
      owners: r.owners,
      taskIds: r.task_ids,
      periodicity: r.periodicity,
      strictBound: r.strict_bound,
      weightIndicatorId: r.weight_indicator_id,
      meanOfRates: r.mean_of_rates,
    }));
  }

  /**
   * Values of the periods that ended by `asOf`, per indicator and breakdown: the current
   * ones, or those recorded by `recordedAsOf` (later revisions ignored). Totals only, unless
   * `allBreakdowns`.
   */
  async observations(
    indicatorIds: readonly string[],
    axes: TimeAxes,
    allBreakdowns: boolean,
  ): Promise<Map<string, Map<string, Observation[]>>> {
    const rows = readRows(
      'observations',
      ObservationColumns,
      await this.figureRows(
        indicatorIds,
        axes,
        () => (allBreakdowns ? '' : "AND s.breakdown = ''"),
        's.indicator_id, s.breakdown, s.period, V.value AS value, V.numerator AS numerator, V.denominator AS denominator, V.source AS source',
      ),
    );
    const result = new Map<string, Map<string, Observation[]>>();
    for (const { indicator_id: indicatorId, breakdown, ...observation } of rows) {
      const byBreakdown = result.get(indicatorId) ?? new Map<string, Observation[]>();
      result.set(indicatorId, byBreakdown);
      const list = byBreakdown.get(breakdown) ?? [];
      byBreakdown.set(breakdown, list);
      list.push(observation);
    }
    return result;
  }

  /**
   * The breakdowns of each period that ended by `asOf`, added up, per indicator. Current
   * figures (all, or of accepted submissions) come from the sums the database keeps, in
   * one row per period and organisation however many breakdowns there are; a vintage adds
   * up the revisions recorded by `recordedAsOf`.
   */
  async breakdownTallies(indicatorIds: readonly string[], axes: TimeAxes): Promise<Map<string, PartsTally[]>> {
    const { asOf, recordedAsOf, figures } = axes;
    const rows: unknown =
      recordedAsOf || figures === 'ACCEPTED'
        ? await this.figureRows(
            indicatorIds,
            axes,
            () => "AND s.breakdown <> ''",
            `s.indicator_id, s.period, count(*) AS figures, COALESCE(sum(V.value), 0) AS value_sum,
           count(*) FILTER (WHERE V.value IS NULL) AS value_missing,
           COALESCE(sum(V.numerator), 0) AS numerator_sum, count(*) FILTER (WHERE V.numerator IS NULL) AS numerator_missing,
           COALESCE(sum(V.denominator), 0) AS denominator_sum, count(*) FILTER (WHERE V.denominator IS NULL) AS denominator_missing,
           count(*) FILTER (WHERE V.source = 'demo') AS demo`,
            'GROUP BY s.indicator_id, s.period',
          )
        : await this.db.query(
            `SELECT ${tallyColumns('s')} FROM figure_breakdown_sum s
            WHERE s.indicator_id = ANY($1::text[]) AND s.period_end <= $2::date
            GROUP BY s.indicator_id, s.period HAVING sum(s.figures) > 0`,
            [indicatorIds, asOf],
          );
    const tallies = readTallies('breakdown tallies', rows);
    return new Map([...groupBy(tallies, (t) => t.indicatorId)].map(([id, group]) => [id, group.map((t) => t.tally)]));
  }

  /** For each key, the breakdowns reported for those periods of that indicator, in order (what a summed total is made of). */
  async breakdownNames(keys: ReadonlyArray<{ indicatorId: string; periods: string[] }>, axes: TimeAxes): Promise<string[][]> {
    const pairs = keys.flatMap((k) => k.periods.map((period) => [k.indicatorId, period] as const));
    const rows = readRows(
      'breakdown names',
      BreakdownColumns,
      await this.figureRows(
        [...new Set(keys.map((k) => k.indicatorId))],
        axes,
        (next) =>
          `AND s.breakdown <> '' AND (s.indicator_id, s.period) IN (SELECT * FROM unnest($${next}::text[], $${next + 1}::text[]))`,
        'DISTINCT s.indicator_id, s.period, s.breakdown',
        '',
        [pairs.map(([id]) => id), pairs.map(([, period]) => period)],
      ),
    );
    const byPeriod = groupBy(rows, (r) => indicatorKey(r.indicator_id, r.period));
    const namesOf = (k: (typeof keys)[number]) =>
      k.periods.flatMap((period) => byPeriod.get(indicatorKey(k.indicatorId, period)) ?? []).map((r) => r.breakdown);
    return keys.map((k) => [...new Set(namesOf(k))].sort());
  }

  /**
   * Figures of periods that ended by `asOf`, not withdrawn, matching `where` (on series `s`,
   * given the number of its first parameter after `asOf` and the vintage), as `columns` of
   * `s` and of `V`: their values, current or as recorded by `recordedAsOf`. Where the figure
   * rule counts accepted figures only, each as it stood when last accepted (`acceptedBy`).
   */
  private figureRows(
    indicatorIds: readonly string[],
    { asOf, recordedAsOf, figures }: TimeAxes,
    where: (next: number) => string,
    columns: string,
    tail = '',
    more: unknown[] = [],
  ): Promise<unknown> {
    const next = recordedAsOf ? 4 : 3;
    const filter = `s.indicator_id = ANY($1::text[]) AND s.period_end <= $2::date ${where(next)}`;
    if (!recordedAsOf && figures !== 'ACCEPTED')
      return this.db.query(
        `SELECT ${columns.replaceAll('V.', 's.')} FROM figure_series s WHERE ${filter} AND NOT s.withdrawn ${tail}`,
        [indicatorIds, asOf, ...more],
      );
    const by = recordedAsOf ? '$3' : null;
    const values = ['value', 'numerator', 'denominator', 'source', 'withdrawn'].map((c) => `r.${c} AS recorded_${c}`);
    const recorded = asRecorded(
      `s.*, ${values.join(', ')}`,
      figures === 'ACCEPTED' ? `${filter} AND ${acceptedBy(by)}` : filter,
      by,
    );
    return this.db.query(
      `SELECT ${columns.replaceAll('V.', 's.recorded_')} FROM ${recorded} s WHERE NOT s.recorded_withdrawn ${tail}`,
      recordedAsOf ? [indicatorIds, asOf, recordedAsOf, ...more] : [indicatorIds, asOf, ...more],
    );
  }

  /**
   * The latest baseline of each indicator and breakdown. A baseline describes a past
   * period, like a figure: the latest recorded (by `recordedAsOf` when given) counts whatever the as-of date.
   */
  async baselines(indicatorIds: readonly string[], recordedAsOf: string | null = null): Promise<Map<string, BaselineRow>> {
    const rows: unknown = await this.db.query(
      `SELECT DISTINCT ON (indicator_id, breakdown) * FROM indicator_baseline r
        WHERE indicator_id = ANY($1::text[]) ${recordedAsOf ? `AND ${RECORDED_BY('$2')}` : ''}
        ORDER BY indicator_id, breakdown, id DESC`,
      recordedAsOf ? [indicatorIds, recordedAsOf] : [indicatorIds],
    );
    return new Map(readRows('baselines', BaselineColumns, rows).map((b) => [indicatorKey(b.indicatorId, b.breakdown), b]));
  }

  /**
   * When each (indicator, period) was first reported (reportedOn, else recorded; by
   * `recordedAsOf` when given, from the revisions recorded by then): its total's first report; for the indicators of
   * `byBreakdowns` (those whose breakdowns add up, and so stand for a missing total), the
   * first of its breakdowns' where no total was reported.
   */
  async firstReports(
    indicatorIds: readonly string[],
    recordedAsOf: string | null,
    byBreakdowns: readonly string[],
  ): Promise<Map<string, string>> {
    // A vintage reads the revisions recorded by then: a figure withdrawn since was reported in it.
    const rows: unknown = recordedAsOf
      ? await this.db.query(
          `SELECT s.indicator_id, s.period, s.breakdown <> '' AS part, min(f.first) AS first, min(f.reported)::text AS reported
             FROM figure_series s
             CROSS JOIN LATERAL (
               SELECT min(r.recorded_at) AS first, min(r.reported_on) AS reported,
                      (array_agg(r.withdrawn ORDER BY r.revision DESC))[1] AS withdrawn
                 FROM figure_revision r WHERE r.series_id = s.id AND ${RECORDED_BY('$3')}) f
            WHERE s.indicator_id = ANY($1::text[]) AND (s.breakdown = '' OR s.indicator_id = ANY($2::text[]))
              AND f.first IS NOT NULL AND NOT f.withdrawn
            GROUP BY s.indicator_id, s.period, part
            ORDER BY part DESC`,
          [indicatorIds, byBreakdowns, recordedAsOf],
        )
      : await this.db.query(
          `SELECT indicator_id, period, breakdown <> '' AS part, min(first_recorded_at) AS first,
                  min(first_reported_on)::text AS reported
             FROM figure_series
            WHERE indicator_id = ANY($1::text[]) AND (breakdown = '' OR indicator_id = ANY($2::text[])) AND NOT withdrawn
            GROUP BY indicator_id, period, part
            ORDER BY part DESC`,
          [indicatorIds, byBreakdowns],
        );
    // The day given as reportedOn when it is earlier than the recording; else the time it was recorded.
    const first = (r: z.output<typeof FirstReportColumns>) =>
      r.reported !== null && r.reported < r.first.slice(0, 10) ? r.reported : r.first;
    // Breakdowns' rows first, so that a total's, read after, takes their place.
    return new Map(
      readRows('first reports', FirstReportColumns, rows).map((r) => [indicatorKey(r.indicator_id, r.period), first(r)]),
    );
  }
}
