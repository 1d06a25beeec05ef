/**
 * Projects the window's own aggregate to the window's end: the year's sum (flows), the
 * year's mean (averages: the remaining periods projected and averaged in with their
 * weights), the ratio of the projected sums of numerators and denominators (rates), the
 * value at the window's end (stocks and levels, on a line through their periods' last
 * days). Each remaining period is read off a least-squares line through the periods so
 * far (flows per month); a window whose last figure ends on its last day is not projected;
 * a projection never leaves the valid range.
 */
import { parsePeriod, type Period, type PeriodType, stepPeriod } from '../../../lib/period';
import { dueDate } from './calendar';
import { evaluateFormula, type Formula, formulaInputs } from './formula';
import { monthsOf } from './coverage';
import { alignedInputs, leastSquares, type Observation, type Rolled, type Rollup, rollUp } from './series';

export interface Bounds {
  min: number;
  max: number | null;
  /** Rates in percent: numerator ÷ denominator × 100. */
  percent: boolean;
}

export interface Projection {
  value: number | null;
  method: string;
  /** Periods the calendar owed by the reference date and nobody reported: missing, never projected. */
  missing?: string[];
}

/**
 * The time axis of trends, in months: month m of year y spans [12y + m − 1, 12y + m), so a
 * period's middle is the mean of its first and last months less a half, and its end is
 * 12y + lastMonth. A flow spreads over its months (it sits at its middle, per month); a
 * stock or level is the value on its period's last day (it sits at its end).
 */
const midMonth = (p: Period) => p.year * 12 + (p.firstMonth + p.lastMonth - 1) / 2;
const endMonth = (p: Period) => p.year * 12 + p.lastMonth;
const months = (p: Period) => p.lastMonth - p.firstMonth + 1;
/** The end of the day `isoDate` on the axis (the window's last day ends its month). */
const dateMonth = (isoDate: string) => {
  const [year, month, day] = isoDate.split('-').map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return year * 12 + month - 1 + day / daysInMonth;
};

const clamp = (value: number, bounds: Bounds) => Math.min(bounds.max ?? Infinity, Math.max(bounds.min, value));

/** What the reporting calendar owes: reports of `periodType`, due `dueDays` after each period's end. */
/** An input of a derived indicator: its roll-up, its figures, and the calendar it is reported on (totals only). */
export interface FormulaInput {
  rule: Rollup;
  observations: Observation[];
  percent: boolean;
  reporting?: Reporting;
  /** Those of its observations that are sums of its breakdowns, standing for totals nobody reported. */
  summed?: readonly Observation[];
}

export interface Reporting {
  asOf: string;
  periodType: PeriodType;
  dueDays: number;
}

/**
 * The periods still to come in the window, each as long as the last one reported: their
 * middles and length. A period the calendar owes that was due by the reference date and is
 * not reported is missing, not to come: nothing is projected for it, and it is named.
 */
function remainingPeriods(
  points: Observation[],
  windowEnd: string,
  reporting?: Reporting,
  skip?: ReadonlySet<number>,
): { middles: number[]; span: number; missing: string[] } {
  const last = points[points.length - 1].period;
  const middles: number[] = [];
  const missing: string[] = [];
  for (let step = 1; ; step++) {
    const period = stepPeriod(last, step);
    if (period.end > windowEnd) break;
    const owedAndDue =
      reporting && period.type === reporting.periodType && dueDate(period.end, reporting.dueDays) <= reporting.asOf;
    if (owedAndDue) missing.push(period.text);
    else if (!monthsOf(period).some((m) => skip?.has(m))) middles.push(midMonth(period));
  }
  return { middles, span: months(last), missing };
}

/**
 * Each remaining period's value of a series, by its line (or its mean with one period),
 * never below 0. A flow (`perMonth`) is fitted per month, so that periods of unequal
 * length (H1, then Q3) are compared as rates, and each remaining period gets its months'
 * worth; other values are fitted as they are.
 */
function extend(
  points: Observation[],
  values: number[],
  remaining: { middles: number[]; span: number },
  perMonth: boolean,
): { predicted: number[]; trend: boolean } {
  const rate = (i: number) => (perMonth ? values[i] / months(points[i].period) : values[i]);
  const line = leastSquares(points.map((o, i) => [midMonth(o.period), rate(i)]));
  const mean = points.reduce((s, _, i) => s + rate(i), 0) / points.length;
  const scale = perMonth ? remaining.span : 1;
  return {
    predicted: remaining.middles.map((m) => Math.max(0, (line ? line.at(m) : mean) * scale)),
    trend: line !== null,
  };
}

const describe = (trend: boolean, n: number, what: string, windowEnd: string) =>
  trend
    ? `${what}, each remaining period on a least-squares line over ${n} periods, to ${windowEnd}`
    : `${what}, each remaining period equal to the mean so far, to ${windowEnd}`;

/** `skip`: months (monthsOf) another input of a formula misses, projected for no input. */
export function project(
  rule: Rollup,
  rolled: Rolled,
  windowEnd: string,
  bounds: Bounds,
  reporting?: Reporting,
  skip?: ReadonlySet<number>,
): Projection {
  if (rolled.value === null) return { value: null, method: 'no figures' };
  const points = rolled.points;
  const end = dateMonth(windowEnd);
  // The last figure covers the window's end: nothing is left to project.
  const last = points[points.length - 1];
  if (last && endMonth(last.period) >= end - 1e-9)
    return { value: rolled.value, method: `the figures so far: the last one ends on ${windowEnd}` };
  if (rule === 'LAST') {
    const line = leastSquares(points.map((o) => [endMonth(o.period), o.value]));
    if (!line) return { value: rolled.value, method: 'the current value (too few periods for a trend)' };
    return {
      value: clamp(line.at(end), bounds),
      method: `the value at ${windowEnd} on a least-squares line over ${points.length} periods`,
    };
  }
  const remaining = remainingPeriods(points, windowEnd, reporting, skip);
  const missing = remaining.missing.length ? { missing: remaining.missing } : {};
  if (rule === 'SUM') {
    const { predicted, trend } = extend(
      points,
      points.map((o) => o.value),
      remaining,
      true,
    );
    return {
      value: clamp(rolled.value + predicted.reduce((s, v) => s + v, 0), bounds),
      method: describe(trend, points.length, 'the sum so far plus the remaining periods', windowEnd),
      ...missing,
    };
  }
  if (rule === 'AVERAGE') {
    const weights = rolled.weights ?? points.map(() => 1);
    const values = extend(
      points,
      points.map((o) => o.value),
      remaining,
      false,
    );
    // Weights are counts of a flow (cases closed) when given, else months: per month either way.
    const futureWeights = extend(points, weights, remaining, rolled.weights !== undefined).predicted;
    const weightSum = weights.reduce((s, w) => s + w, 0) + futureWeights.reduce((s, w) => s + w, 0);
    const weighted =
      points.reduce((s, o, i) => s + o.value * weights[i], 0) + values.predicted.reduce((s, v, i) => s + v * futureWeights[i], 0);
    return {
      value: weightSum === 0 ? rolled.value : clamp(weighted / weightSum, bounds),
      method: describe(values.trend, points.length, "the window's mean with the remaining periods", windowEnd),
      ...missing,
    };
  }
  // RATIO: the projected sum of numerators over the projected sum of denominators.
  if (rolled.numerator === null || rolled.denominator === null) return { value: rolled.value, method: 'the current value' };
  const scale = bounds.percent ? 100 : 1;
  const numerators = extend(
    points,
    points.map((o) => o.numerator ?? 0),
    remaining,
    true,
  );
  const denominators = extend(
    points,
    points.map((o) => o.denominator ?? 0),
    remaining,
    true,
  );
  const numerator = rolled.numerator + numerators.predicted.reduce((s, v) => s + v, 0);
  const denominator = rolled.denominator + denominators.predicted.reduce((s, v) => s + v, 0);
  return {
    value: denominator === 0 ? rolled.value : clamp((numerator / denominator) * scale, bounds),
    method: describe(numerators.trend, points.length, 'the projected sum of numerators over that of denominators', windowEnd),
    ...missing,
  };
}

/**
 * A derived indicator's projection: each input projected by its own roll-up over the
 * window (a report its calendar owes and is due is missing, never projected), then combined
 * by the formula (a rate of two flows is the ratio of their projected sums, not a line
 * through the quarterly rates). The months one input misses are left out of every input
 * summed or averaged, reported or projected: the formula combines the same months of each.
 * Null when an input has nothing to project.
 */
export function projectFormula(
  formula: Formula,
  inputs: Map<string, FormulaInput>,
  window: { start: string; end: string },
  windowEnd: string,
  bounds: Bounds,
): Projection | null {
  // Each input on its own figures: the reports its calendar owes, due and missing.
  const found = projectInputs(formula, inputs, new Map(), window, windowEnd, new Set());
  if (!found) return null;
  const { missing } = found;
  // Then on the months every input reports (as the actual value counts them): the months some
  // report and others do not, and the missing ones, are projected for none.
  const aligned = alignedInputs(inputs, formulaInputs(formula), window);
  const skip = new Set([...aligned.gaps, ...missing.flatMap((m) => monthsOf(m.period))]);
  const { projected, final } = projectInputs(formula, inputs, aligned.observations, window, windowEnd, skip)!;
  const combined = evaluateFormula(formula, (id) => projected.get(id) ?? null);
  if (combined.value === null) return null;
  // Every input's last figure ends on the window's end: the value is final, never clamped into the range.
  if (final) return { value: combined.value, method: `the figures so far: every input's last one ends on ${windowEnd}` };
  const named = missing.map((m) => `${m.id} ${m.period.text}`);
  return {
    value: clamp(combined.value, bounds),
    method:
      `each input projected by its own rule to ${windowEnd}, combined by the formula` +
      (named.length > 0 ? ` (the months of ${named.join(', ')} left out of every input)` : ''),
    ...(named.length > 0 ? { missing: named } : {}),
  };
}

/** Each input projected to the window's end without the months `skip` (their figures dropped, nothing projected for them). */
function projectInputs(
  formula: Formula,
  inputs: Map<string, FormulaInput>,
  observations: Map<string, Observation[]>,
  window: { start: string; end: string },
  windowEnd: string,
  skip: ReadonlySet<number>,
): { projected: Map<string, number | null>; missing: Array<{ id: string; period: Period }>; final: boolean } | null {
  const projected = new Map<string, number | null>();
  const missing: Array<{ id: string; period: Period }> = [];
  let final = true;
  for (const id of formulaInputs(formula)) {
    const input = inputs.get(id);
    if (!input) return null;
    const own = observations.get(id) ?? input.observations;
    const kept = input.rule === 'LAST' ? own : own.filter((o) => !monthsOf(o.period).some((m) => skip.has(m)));
    const rolled = rollUp(input.rule, kept, window, input.percent);
    const inputBounds = { min: 0, max: input.percent ? 100 : null, percent: input.percent };
    const last = rolled.points[rolled.points.length - 1];
    final &&= !!last && endMonth(last.period) >= dateMonth(windowEnd) - 1e-9;
    const projection = project(
      input.rule,
      rolled,
      windowEnd,
      inputBounds,
      input.reporting,
      input.rule === 'LAST' ? undefined : skip,
    );
    projected.set(id, projection.value);
    missing.push(...(projection.missing ?? []).map((text) => ({ id, period: parsePeriod(text)! })));
  }
  return { projected, missing, final };
}
