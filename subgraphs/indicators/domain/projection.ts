/**
 * Projects the window's own aggregate to the window's end: the year's sum (flows), the
 * year's mean (averages: the remaining periods projected and averaged in with their
 * weights), the ratio of the projected sums of numerators and denominators (rates), the
 * value at the window's end (stocks and levels). Each remaining period is a least-squares
 * line through the periods so far, extended; a projection never leaves the valid range.
 */
import type { Period } from '../../../lib/period';
import { leastSquares, type Observation, type Rolled, type Rollup } from './series';

export interface Bounds {
  min: number;
  max: number | null;
  /** Rates in percent: numerator ÷ denominator × 100. */
  percent: boolean;
}

export interface Projection {
  value: number | null;
  method: string;
}

/** Months since year 0 at the middle of a period: a time axis for trends. */
const midMonth = (p: Period) => p.year * 12 + (p.firstMonth + p.lastMonth) / 2;
const dateMonth = (isoDate: string) => Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7));

const clamp = (value: number, bounds: Bounds) => Math.min(bounds.max ?? Infinity, Math.max(bounds.min, value));

/** The middle months of the periods still to come in the window, each as long as the last one reported. */
function remainingMonths(points: Observation[], windowEnd: string): number[] {
  const last = points[points.length - 1].period;
  const span = last.lastMonth - last.firstMonth + 1;
  const months: number[] = [];
  for (let m = midMonth(last) + span; m <= dateMonth(windowEnd); m += span) months.push(m);
  return months;
}

/** Each remaining period's value of a series, by its line (or its mean with one period), never below 0. */
function extend(points: Observation[], values: number[], months: number[]): { predicted: number[]; trend: boolean } {
  const line = leastSquares(points.map((o, i) => [midMonth(o.period), values[i]]));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { predicted: months.map((m) => Math.max(0, line ? line.intercept + line.slope * m : mean)), trend: line !== null };
}

const describe = (trend: boolean, n: number, what: string, windowEnd: string) =>
  trend
    ? `${what}, each remaining period on a least-squares line over ${n} periods, to ${windowEnd}`
    : `${what}, each remaining period equal to the mean so far, to ${windowEnd}`;

export function project(rule: Rollup, rolled: Rolled, windowEnd: string, bounds: Bounds): Projection {
  if (rolled.value === null) return { value: null, method: 'no figures' };
  const points = rolled.points;
  if (rule === 'LAST') {
    const line = leastSquares(points.map((o) => [midMonth(o.period), o.value]));
    if (!line) return { value: rolled.value, method: 'the current value (too few periods for a trend)' };
    return {
      value: clamp(line.intercept + line.slope * dateMonth(windowEnd), bounds),
      method: `the value at ${windowEnd} on a least-squares line over ${points.length} periods`,
    };
  }
  const months = remainingMonths(points, windowEnd);
  if (rule === 'SUM') {
    const { predicted, trend } = extend(
      points,
      points.map((o) => o.value),
      months,
    );
    return {
      value: clamp(rolled.value + predicted.reduce((s, v) => s + v, 0), bounds),
      method: describe(trend, points.length, 'the sum so far plus the remaining periods', windowEnd),
    };
  }
  if (rule === 'AVERAGE') {
    const weights = rolled.weights ?? points.map(() => 1);
    const values = extend(
      points,
      points.map((o) => o.value),
      months,
    );
    const futureWeights = extend(points, weights, months).predicted;
    const weightSum = weights.reduce((s, w) => s + w, 0) + futureWeights.reduce((s, w) => s + w, 0);
    const weighted =
      points.reduce((s, o, i) => s + o.value * weights[i], 0) + values.predicted.reduce((s, v, i) => s + v * futureWeights[i], 0);
    return {
      value: weightSum === 0 ? rolled.value : clamp(weighted / weightSum, bounds),
      method: describe(values.trend, points.length, "the window's mean with the remaining periods", windowEnd),
    };
  }
  // RATIO: the projected sum of numerators over the projected sum of denominators.
  if (rolled.numerator === null || rolled.denominator === null) return { value: rolled.value, method: 'the current value' };
  const scale = bounds.percent ? 100 : 1;
  const numerators = extend(
    points,
    points.map((o) => o.numerator ?? 0),
    months,
  );
  const denominators = extend(
    points,
    points.map((o) => o.denominator ?? 0),
    months,
  );
  const numerator = rolled.numerator + numerators.predicted.reduce((s, v) => s + v, 0);
  const denominator = rolled.denominator + denominators.predicted.reduce((s, v) => s + v, 0);
  return {
    value: denominator === 0 ? rolled.value : clamp((numerator / denominator) * scale, bounds),
    method: describe(numerators.trend, points.length, 'the projected sum of numerators over that of denominators', windowEnd),
  };
}
