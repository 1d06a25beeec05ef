/**
 * Series of figures over time: rolled up over a window by an indicator's rule, projected
 * by least squares, and computed per period for derived indicators.
 */
import type { Rollup } from '../../../lib/enums';
import { PERIOD_TYPES, type Period } from '../../../lib/period';
import { evaluateFormula, type Formula, formulaInputs } from './formula';

export type { Rollup };

export interface Observation {
  period: Period;
  value: number;
  numerator: number | null;
  denominator: number | null;
  /** Where the figure comes from; "demo" marks synthetic data. */
  source?: string | null;
}

/** Least squares line through (x, y); null with fewer than two distinct x. */
export function leastSquares(points: Array<[number, number]>): { slope: number; intercept: number } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
  return { slope, intercept: my - slope * mx };
}

/** Months since year 0 at the middle of a period: a time axis for trends. */
const midMonth = (p: Period) => p.year * 12 + (p.firstMonth + p.lastMonth) / 2;
const dateMonth = (isoDate: string) => Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7));

export interface Rolled {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  periods: Period[];
  /** Per-period values, for the trend. */
  points: Observation[];
  /** The observations the value is made of. */
  used?: Observation[];
  note?: string;
}

/** Observations of the coarsest period type present among them. */
function coarsest(observations: Observation[]): Observation[] {
  for (const type of PERIOD_TYPES) {
    const ofType = observations.filter((o) => o.period.type === type);
    if (ofType.length > 0) return ofType.sort((a, b) => a.period.start.localeCompare(b.period.start));
  }
  return [];
}

/** Rolls a series up over a window by the rule. */
export function rollUp(
  rule: Rollup,
  observations: Observation[],
  window: { start: string; end: string },
  percent: boolean,
): Rolled {
  if (rule === 'LAST') {
    const upTo = observations.filter((o) => o.period.end <= window.end);
    if (upTo.length === 0) return { value: null, numerator: null, denominator: null, periods: [], points: [] };
    const latestEnd = upTo.reduce((m, o) => (o.period.end > m ? o.period.end : m), '');
    // At the latest end, the finest period is the most recent reading.
    const latest = upTo.filter((o) => o.period.end === latestEnd).sort((a, b) => b.period.start.localeCompare(a.period.start))[0];
    const points = upTo
      .filter((o) => o.period.type === latest.period.type)
      .sort((a, b) => a.period.start.localeCompare(b.period.start));
    return {
      value: latest.value,
      numerator: latest.numerator,
      denominator: latest.denominator,
      periods: [latest.period],
      points,
      used: [latest],
    };
  }
  const inWindow = coarsest(observations.filter((o) => o.period.start >= window.start && o.period.end <= window.end));
  if (inWindow.length === 0) return { value: null, numerator: null, denominator: null, periods: [], points: [] };
  const periods = inWindow.map((o) => o.period);
  const result = rollUpWindow(rule, inWindow, periods, percent);
  return { ...result, used: inWindow };
}

function rollUpWindow(rule: Exclude<Rollup, 'LAST'>, inWindow: Observation[], periods: Period[], percent: boolean): Rolled {
  if (rule === 'SUM')
    return { value: inWindow.reduce((s, o) => s + o.value, 0), numerator: null, denominator: null, periods, points: inWindow };
  if (rule === 'AVERAGE') {
    return {
      value: inWindow.reduce((s, o) => s + o.value, 0) / inWindow.length,
      numerator: null,
      denominator: null,
      periods,
      points: inWindow,
    };
  }
  // RATIO: the sum of numerators over the sum of denominators, never a mean of rates.
  if (inWindow.every((o) => o.numerator !== null && o.denominator !== null)) {
    const numerator = inWindow.reduce((s, o) => s + o.numerator!, 0);
    const denominator = inWindow.reduce((s, o) => s + o.denominator!, 0);
    const value = denominator === 0 ? null : (numerator / denominator) * (percent ? 100 : 1);
    return {
      value,
      numerator,
      denominator,
      periods,
      points: inWindow,
      note: denominator === 0 ? 'the denominators sum to 0' : undefined,
    };
  }
  const value = inWindow.reduce((s, o) => s + o.value, 0) / inWindow.length;
  return {
    value,
    numerator: null,
    denominator: null,
    periods,
    points: inWindow,
    note: 'some figures carry no numerator and denominator: the mean of the rates',
  };
}

/** Projects the value at the end of the window from the periods so far (least squares). */
export function project(rule: Rollup, rolled: Rolled, windowEnd: string): { value: number | null; method: string } {
  if (rolled.value === null) return { value: null, method: 'no figures' };
  const points = rolled.points;
  if (rule === 'SUM') {
    const last = points[points.length - 1].period;
    const span = last.lastMonth - last.firstMonth + 1;
    const endMonth = Number(windowEnd.slice(0, 4)) * 12 + Number(windowEnd.slice(5, 7));
    const remaining: number[] = [];
    for (let m = midMonth(last) + span; m <= endMonth; m += span) remaining.push(m);
    const line = leastSquares(points.map((o) => [midMonth(o.period), o.value]));
    const predicted = remaining.reduce(
      (s, m) => s + Math.max(0, line ? line.intercept + line.slope * m : rolled.value! / points.length),
      0,
    );
    return {
      value: rolled.value + predicted,
      method: line
        ? `the sum so far plus a least-squares line over ${points.length} periods, extended to ${windowEnd}`
        : `the sum so far plus the same again for each remaining period to ${windowEnd}`,
    };
  }
  const line = leastSquares(points.map((o) => [midMonth(o.period), o.value]));
  if (!line) return { value: rolled.value, method: 'the current value (too few periods for a trend)' };
  return {
    value: line.intercept + line.slope * dateMonth(windowEnd),
    method: `a least-squares line over ${points.length} periods, extended to ${windowEnd}`,
  };
}

/** Evaluates a derived indicator per period and over the window from its inputs' series. */
export function deriveSeries(
  formula: Formula,
  inputs: Map<string, { rule: Rollup; observations: Observation[]; percent: boolean }>,
  window: { start: string; end: string },
): { rolled: Rolled; reason?: string } {
  const ids = formulaInputs(formula);
  const rolledInputs = new Map(
    ids.map((id) => [
      id,
      inputs.get(id) ? rollUp(inputs.get(id)!.rule, inputs.get(id)!.observations, window, inputs.get(id)!.percent) : null,
    ]),
  );
  const total = evaluateFormula(formula, (id) => rolledInputs.get(id)?.value ?? null);
  // Per period: where every input has a figure for exactly that period.
  const byPeriod = new Map(ids.map((id) => [id, new Map((inputs.get(id)?.observations ?? []).map((o) => [o.period.text, o]))]));
  const periodTexts = new Map<string, Period>();
  for (const id of ids) for (const o of inputs.get(id)?.observations ?? []) periodTexts.set(o.period.text, o.period);
  const points: Observation[] = [];
  for (const period of [...periodTexts.values()].sort((a, b) => a.start.localeCompare(b.start))) {
    if (period.end > window.end) continue;
    const at = evaluateFormula(formula, (id) => byPeriod.get(id)?.get(period.text)?.value ?? null);
    if (at.value === null) continue;
    const demo = ids.some((id) => byPeriod.get(id)?.get(period.text)?.source === 'demo');
    points.push({ period, value: at.value, numerator: null, denominator: null, source: demo ? 'demo' : null });
  }
  const periods = ids.flatMap((id) => rolledInputs.get(id)?.periods ?? []);
  return {
    rolled: {
      value: total.value,
      numerator: null,
      denominator: null,
      periods: [...new Map(periods.map((p) => [p.text, p])).values()],
      points,
      used: ids.flatMap((id) => rolledInputs.get(id)?.used ?? []),
    },
    reason: total.value === null ? total.reason : undefined,
  };
}
