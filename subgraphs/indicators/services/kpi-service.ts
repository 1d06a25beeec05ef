/**
 * Evaluates many indicators' KPIs and reporting at once: one read of the indicators, one
 * of the figures (inputs of derived indicators included), one of the baselines, then
 * everything in memory. Resolvers reach it through per-request DataLoaders.
 */
import type { FigureRule } from '../../../lib/config';
import type { KpiReads } from '../data/kpi-reads';
import type { KpiIndicatorRow } from '../data/kpi-rows';
import type { TimeAxes } from '../model/axes';
import { type Calendar, expectedPeriods, owedUntil, reportStatus, type ReportStatus } from '../model/calendar';
import { type Formula, formulaInputs, parseFormula } from '../model/formula';
import { breakdownsAddUp, totalsFromBreakdowns } from '../model/coverage';
import { indicatorKey } from '../model/keys';
import type { Reporting } from '../model/projection';
import { deriveSeries, evaluateKpi, type Kpi, type KpiIndicator, type Observation, type Rollup } from '../model/kpi';
import { firstPeriodFrom, type Period, type PeriodType } from '../../../lib/period';

export interface BreakdownKpi extends Kpi {
  indicatorId: string;
  breakdown: string;
  /** Which figures it counted. */
  figureRule: FigureRule;
  /** The time axes it was evaluated on (to name the breakdowns of its summed periods). */
  axes: TimeAxes;
}

function toKpiIndicator(row: KpiIndicatorRow): KpiIndicator {
  return {
    id: row.id,
    comparator: row.comparator as KpiIndicator['comparator'],
    targetValue: row.targetValue,
    deadline: row.deadline,
    rollup: row.rollup as Rollup,
    valueKind: row.valueKind,
    percent: row.maxValue === 100,
    formula: row.formula ? parseFormula(row.formula) : null,
    strict: row.strictBound,
    continuing: row.periodicity === 'CONTINUOUS',
    weightIndicator: row.weightIndicatorId,
    meanOfRates: row.meanOfRates,
  };
}

/** Ids, every input of the derived ones among them (transitively) and the weights of averages. */
function withInputs(ids: readonly string[], byId: Map<string, KpiIndicator>): string[] {
  const all = new Set<string>();
  const add = (id: string, depth: number) => {
    if (all.has(id) || depth > 20) return;
    all.add(id);
    const formula: Formula | null | undefined = byId.get(id)?.formula;
    if (formula) for (const input of formulaInputs(formula)) add(input, depth + 1);
    const weight = byId.get(id)?.weightIndicator;
    if (weight) add(weight, depth + 1);
  };
  for (const id of ids) add(id, 0);
  return [...all];
}

/** Days after a period ends that its figure is due: the calendar's, or for a derived indicator its inputs' latest. */
function dueDaysOf(id: string, rows: Map<string, KpiIndicatorRow>, inputs: string[]): number {
  const own = rows.get(id)?.calendarDueDays;
  if (own !== null && own !== undefined && !rows.get(id)?.formula) return own;
  return Math.max(0, ...inputs.filter((i) => i !== id).map((i) => rows.get(i)?.calendarDueDays ?? 0));
}

/** The calendar an indicator is reported on, as of `asOf`; undefined without one. */
function reportingOf(row: KpiIndicatorRow | undefined, asOf: string): Reporting | undefined {
  if (!row?.calendarPeriodType || row.formula) return undefined;
  return { asOf, periodType: row.calendarPeriodType as PeriodType, dueDays: row.calendarDueDays ?? 0 };
}

/** The first day of the first period an indicator's calendar owes; null without a calendar. */
function owedFrom(row: KpiIndicatorRow | undefined): string | null {
  if (!row?.calendarPeriodType || row.formula) return null;
  return firstPeriodFrom(row.calendarPeriodType as PeriodType, row.reportingFrom).start;
}

export async function evaluateKpis(
  reads: KpiReads,
  ids: readonly string[],
  axes: TimeAxes,
  allBreakdowns = false,
): Promise<Map<string, BreakdownKpi[]>> {
  const { asOf } = axes;
  const rows = await reads.indicators();
  const rowsById = new Map(rows.map((r) => [r.id, r]));
  const byId = new Map(rows.map((r) => [r.id, toKpiIndicator(r)]));
  const needed = withInputs(
    ids.filter((id) => byId.has(id)),
    byId,
  );
  // Totals are reconciled with the sum of their breakdowns, which stands in where no total was reported.
  const [observations, tallies, baselines] = await Promise.all([
    reads.observations(needed, axes, allBreakdowns),
    reads.breakdownTallies(
      needed.filter((id) => !byId.get(id)!.formula),
      axes,
    ),
    reads.baselines(ids, axes.recordedAsOf),
  ]);
  // An input's or a weight's figures, as its own KPI counts them: for the total, its breakdowns' sums stand in where it has none.
  const summedOf = (id: string, breakdown: string): Observation[] => {
    const input = byId.get(id);
    if (breakdown !== '' || !input) return [];
    return totalsFromBreakdowns(input, observations.get(id)?.get('') ?? [], tallies.get(id) ?? [], input.percent);
  };
  const totalsOf = (id: string, breakdown: string, summed = summedOf(id, breakdown)): Observation[] => [
    ...(observations.get(id)?.get(breakdown) ?? []),
    ...summed,
  ];
  const weightsOf = (id: string, breakdown: string) => {
    const summedWeights = summedOf(id, breakdown);
    return { weights: totalsOf(id, breakdown, summedWeights), summedWeights };
  };
  const result = new Map<string, BreakdownKpi[]>();
  for (const id of ids) {
    const indicator = byId.get(id);
    if (!indicator) continue;
    const series = observations.get(id) ?? new Map();
    const breakdowns = allBreakdowns ? [...new Set(['', ...series.keys()])].sort() : [''];
    result.set(
      id,
      breakdowns.map((breakdown) => {
        const inputs = indicator.formula
          ? new Map(
              formulaInputs(indicator.formula).map((input) => {
                const summed = summedOf(input, breakdown);
                return [
                  input,
                  {
                    rule: byId.get(input)?.rollup ?? 'LAST',
                    observations: totalsOf(input, breakdown, summed),
                    summed,
                    percent: !!byId.get(input)?.percent,
                    // A total's input owes its calendar's reports: one due and missing is not projected.
                    reporting: breakdown === '' ? reportingOf(rowsById.get(input), asOf) : undefined,
                  },
                ] as const;
              }),
            )
          : undefined;
        const kpi = evaluateKpi({
          indicator,
          observations: series.get(breakdown) ?? [],
          baseline: baselines.get(indicatorKey(id, breakdown))?.value ?? null,
          asOf,
          dueDays: dueDaysOf(id, rowsById, withInputs([id], byId)),
          reportingType: (rowsById.get(id)?.calendarPeriodType as PeriodType | null | undefined) ?? null,
          owedFrom: owedFrom(rowsById.get(id)),
          inputs,
          // A weight indicator with no figures weighs nothing: the mean falls back to months, and its reason says so.
          ...(indicator.weightIndicator ? weightsOf(indicator.weightIndicator, breakdown) : {}),
          breakdown,
          breakdownTallies: breakdown === '' ? tallies.get(id) : undefined,
        });
        return { ...kpi, indicatorId: id, breakdown, figureRule: axes.figures, axes };
      }),
    );
  }
  return result;
}

export interface ExpectedReport {
  indicatorId: string;
  organizationId: string;
  period: Period;
  due: string;
  status: ReportStatus;
  firstReportedAt: string | null;
}

/** Every report due by `asOf` from each indicator's principal owner, with its status. */
export async function expectedReports(
  reads: KpiReads,
  { asOf, recordedAsOf }: TimeAxes,
  filter: { indicatorIds?: readonly string[]; organizationIds?: readonly string[] } = {},
): Promise<ExpectedReport[]> {
  const rows = (await reads.indicators()).filter(
    (r) =>
      r.calendarPeriodType &&
      !r.formula &&
      r.calendarDueDays !== null &&
      r.owners.length > 0 &&
      (!filter.indicatorIds || filter.indicatorIds.includes(r.id)) &&
      (!filter.organizationIds || filter.organizationIds.includes(r.owners[0])),
  );
  if (rows.length === 0) return [];
  const first = await reads.firstReports(
    rows.map((r) => r.id),
    recordedAsOf,
    rows.filter((r) => breakdownsAddUp(r)).map((r) => r.id),
  );
  return rows.flatMap((row) => {
    const calendar: Calendar = { periodType: row.calendarPeriodType as PeriodType, dueDays: row.calendarDueDays! };
    return expectedPeriods(calendar, row.reportingFrom, asOf, owedUntil(row.deadline, row.periodicity)).map(({ period, due }) => {
      const firstReportedAt = first.get(indicatorKey(row.id, period.text)) ?? null;
      return {
        indicatorId: row.id,
        organizationId: row.owners[0],
        period,
        due,
        // As of a past date, a report recorded later was not there yet.
        status: reportStatus(due, firstReportedAt && firstReportedAt.slice(0, 10) <= asOf ? firstReportedAt : null),
        firstReportedAt,
      };
    });
  });
}

/** The values over time of each indicator (totals), computed per period for derived ones: for trends and charts. */
export async function seriesOf(reads: KpiReads, ids: readonly string[], axes: TimeAxes): Promise<Map<string, Observation[]>> {
  const { asOf } = axes;
  const byId = new Map((await reads.indicators()).map((r) => [r.id, toKpiIndicator(r)]));
  const observations = await reads.observations(
    withInputs(
      ids.filter((id) => byId.has(id)),
      byId,
    ),
    axes,
    false,
  );
  const result = new Map<string, Observation[]>();
  for (const id of ids) {
    const indicator = byId.get(id);
    if (!indicator) continue;
    if (indicator.formula) {
      const inputs = new Map(
        formulaInputs(indicator.formula).map((input) => [
          input,
          {
            rule: byId.get(input)?.rollup ?? 'LAST',
            observations: observations.get(input)?.get('') ?? [],
            percent: !!byId.get(input)?.percent,
          },
        ]),
      );
      result.set(id, deriveSeries(indicator.formula, inputs, { start: '0000-01-01', end: asOf }).rolled.points);
    } else {
      const all = (observations.get(id)?.get('') ?? []).sort(
        (a, b) => a.period.start.localeCompare(b.period.start) || b.period.end.localeCompare(a.period.end),
      );
      // One granularity for a readable line: the type reported most often.
      const counts = new Map<string, number>();
      for (const o of all) counts.set(o.period.type, (counts.get(o.period.type) ?? 0) + 1);
      const type = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      result.set(
        id,
        all.filter((o) => o.period.type === type),
      );
    }
  }
  return result;
}
