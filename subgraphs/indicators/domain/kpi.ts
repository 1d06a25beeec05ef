/**
 * Where a target stands as of a date: the actual value over the target's window, rolled
 * up by the indicator's rule, held against the target by its comparator, with the gap,
 * the progress, a least-squares projection to the end of the window, and a status.
 *
 * Window: for SUM, AVERAGE and RATIO, the calendar year of the evaluation date (the
 * deadline, or the as-of date when earlier or when there is no deadline); for LAST, every
 * period ending by the evaluation date (a stock or level: its latest value counts).
 * Within a year the coarsest period type reported is used (a year's figure, else halves,
 * quarters, months), so no period is counted twice.
 */
import { monthEnd, PERIOD_TYPES, type Period } from '../../../lib/period';
import { evaluateFormula, type Formula, formulaInputs } from './formula';

export type Comparator = 'AT_LEAST' | 'MORE_THAN' | 'AT_MOST' | 'EQUAL' | 'REDUCE_BY_PERCENT' | 'INCREASE_BY_PERCENT';
export type Rollup = 'SUM' | 'LAST' | 'AVERAGE' | 'RATIO';
export type KpiStatus = 'ACHIEVED' | 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK' | 'NO_DATA' | 'NO_BASELINE' | 'NO_TARGET';

export interface KpiIndicator {
  id: string;
  comparator: Comparator | null;
  targetValue: number | null;
  deadline: string | null;
  rollup: Rollup;
  /** Rates in percent (maxValue 100) scale numerator ÷ denominator by 100. */
  percent: boolean;
  formula: Formula | null;
}

export interface Observation {
  period: Period;
  value: number;
  numerator: number | null;
  denominator: number | null;
  /** Where the figure comes from; "demo" marks synthetic data. */
  source?: string | null;
}

export interface Kpi {
  asOf: string;
  /** The window the actual value covers, e.g. "2025" or "to 2025-12-31". */
  window: string;
  windowEnd: string;
  windowComplete: boolean;
  actual: number | null;
  numerator: number | null;
  denominator: number | null;
  periods: string[];
  comparator: Comparator | null;
  targetValue: number | null;
  baseline: number | null;
  /** The value to reach: the target, or for relative targets baseline × (1 ∓ X %). */
  effectiveTarget: number | null;
  /** actual − effective target. */
  gap: number | null;
  progress: number | null;
  projected: number | null;
  projectionMethod: string;
  willMeetTarget: boolean | null;
  status: KpiStatus;
  reason: string;
  /** True when any figure counted is synthetic (source "demo"). */
  demo: boolean;
}

const EPSILON = 1e-9;

/** Does `value` satisfy `comparator` against `target` (relative comparators already resolved)? */
export function meets(comparator: 'AT_LEAST' | 'MORE_THAN' | 'AT_MOST' | 'EQUAL', value: number, target: number): boolean {
  const tolerance = EPSILON * Math.max(1, Math.abs(target));
  switch (comparator) {
    case 'AT_LEAST':
      return value >= target - tolerance;
    case 'MORE_THAN':
      return value > target + tolerance;
    case 'AT_MOST':
      return value <= target + tolerance;
    case 'EQUAL':
      return Math.abs(value - target) <= tolerance;
  }
}

/** The absolute comparison a comparator comes to, and the value to reach. */
export function effectiveTarget(
  comparator: Comparator,
  targetValue: number,
  baseline: number | null,
): { comparator: 'AT_LEAST' | 'MORE_THAN' | 'AT_MOST' | 'EQUAL'; target: number } | null {
  if (comparator === 'REDUCE_BY_PERCENT')
    return baseline === null ? null : { comparator: 'AT_MOST', target: baseline * (1 - targetValue / 100) };
  if (comparator === 'INCREASE_BY_PERCENT')
    return baseline === null ? null : { comparator: 'AT_LEAST', target: baseline * (1 + targetValue / 100) };
  return { comparator, target: targetValue };
}

/**
 * Progress in percent, 100 at the target:
 * AT_LEAST, MORE_THAN, EQUAL: actual ÷ target; AT_MOST: target ÷ actual;
 * REDUCE_BY_PERCENT: achieved reduction ÷ required reduction; INCREASE_BY_PERCENT likewise.
 */
export function progressPercent(
  comparator: Comparator,
  targetValue: number,
  actual: number,
  baseline: number | null,
): number | null {
  switch (comparator) {
    case 'AT_LEAST':
    case 'MORE_THAN':
    case 'EQUAL':
      return targetValue === 0 ? null : (actual / targetValue) * 100;
    case 'AT_MOST':
      return actual <= 0 ? 100 : (targetValue / actual) * 100;
    case 'REDUCE_BY_PERCENT':
      return baseline ? (((baseline - actual) / baseline) * 100 * 100) / targetValue : null;
    case 'INCREASE_BY_PERCENT':
      return baseline ? (((actual - baseline) / baseline) * 100 * 100) / targetValue : null;
  }
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

export interface Window {
  /** Figures of periods within [start, end] count. */
  start: string;
  end: string;
  label: string;
  /** The day the window closes: the deadline's last day, or the year's. */
  closes: string;
}

/** The window of an indicator as of a date. */
export function windowOf(indicator: Pick<KpiIndicator, 'deadline' | 'rollup'>, asOf: string): Window {
  const deadlineEnd = indicator.deadline ? monthEnd(indicator.deadline) : null;
  const evalDate = deadlineEnd && deadlineEnd < asOf ? deadlineEnd : asOf;
  if (indicator.rollup === 'LAST') {
    return {
      start: '0000-01-01',
      end: evalDate,
      label: `to ${evalDate}`,
      closes: deadlineEnd ?? `${evalDate.slice(0, 4)}-12-31`,
    };
  }
  const year = evalDate.slice(0, 4);
  return {
    start: `${year}-01-01`,
    end: `${year}-12-31`,
    label: year,
    closes: deadlineEnd && deadlineEnd < `${year}-12-31` ? deadlineEnd : `${year}-12-31`,
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
  const periodTexts = new Map<string, Period>();
  for (const id of ids) for (const o of inputs.get(id)?.observations ?? []) periodTexts.set(o.period.text, o.period);
  const points: Observation[] = [];
  for (const period of [...periodTexts.values()].sort((a, b) => a.start.localeCompare(b.start))) {
    const at = evaluateFormula(
      formula,
      (id) => inputs.get(id)?.observations.find((o) => o.period.text === period.text)?.value ?? null,
    );
    if (at.value !== null && period.end <= window.end)
      points.push({
        period,
        value: at.value,
        numerator: null,
        denominator: null,
        source: ids.some((id) => inputs.get(id)?.observations.find((o) => o.period.text === period.text)?.source === 'demo')
          ? 'demo'
          : null,
      });
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

export interface KpiInput {
  indicator: KpiIndicator;
  observations: Observation[];
  baseline: number | null;
  asOf: string;
  /** Series of the inputs of a derived indicator. */
  inputs?: Map<string, { rule: Rollup; observations: Observation[]; percent: boolean }>;
}

export function evaluateKpi({ indicator, observations, baseline, asOf, inputs }: KpiInput): Kpi {
  const window = windowOf(indicator, asOf);
  const windowComplete = asOf >= window.closes;
  let rolled: Rolled;
  let reason: string | undefined;
  if (indicator.formula) ({ rolled, reason } = deriveSeries(indicator.formula, inputs ?? new Map(), window));
  else {
    rolled = rollUp(indicator.rollup, observations, window, indicator.percent);
    reason = rolled.note;
  }
  const base = {
    asOf,
    window: window.label,
    windowEnd: window.closes,
    windowComplete,
    actual: rolled.value,
    numerator: rolled.numerator,
    denominator: rolled.denominator,
    periods: rolled.periods.map((p) => p.text),
    comparator: indicator.comparator,
    targetValue: indicator.targetValue,
    baseline,
    demo: (rolled.used ?? []).some((o) => o.source === 'demo'),
  };
  const none = { effectiveTarget: null, gap: null, progress: null, projected: null, projectionMethod: '', willMeetTarget: null };
  if (indicator.comparator === null || indicator.targetValue === null) {
    return { ...base, ...none, status: 'NO_TARGET', reason: 'a monitoring indicator: no target of its own' };
  }
  const target = effectiveTarget(indicator.comparator, indicator.targetValue, baseline);
  if (!target)
    return { ...base, ...none, status: 'NO_BASELINE', reason: 'a relative target needs a baseline, and none is recorded' };
  if (rolled.value === null) {
    return {
      ...base,
      ...none,
      effectiveTarget: target.target,
      status: 'NO_DATA',
      reason: reason ?? `no figures for ${window.label}`,
    };
  }
  const actual = rolled.value;
  const projection = windowComplete
    ? { value: actual, method: 'the window is over: the actual value' }
    : project(indicator.formula ? 'LAST' : indicator.rollup, rolled, window.closes);
  const metNow = meets(target.comparator, actual, target.target);
  const willMeet = projection.value === null ? null : meets(target.comparator, projection.value, target.target);
  // Flows summed over the window and stocks only grow towards an at-least target: once met, met.
  const cumulative =
    (target.comparator === 'AT_LEAST' || target.comparator === 'MORE_THAN') &&
    // Scores and rates (0–100) read by LAST are levels: they count once the window closes.
    (indicator.rollup === 'SUM' || (indicator.rollup === 'LAST' && !indicator.percent)) &&
    !indicator.formula;
  let status: KpiStatus;
  if (metNow && (windowComplete || cumulative)) status = 'ACHIEVED';
  else if (windowComplete) status = 'OFF_TRACK';
  else status = willMeet ? 'ON_TRACK' : 'AT_RISK';
  return {
    ...base,
    effectiveTarget: target.target,
    gap: actual - target.target,
    progress: progressPercent(indicator.comparator, indicator.targetValue, actual, baseline),
    projected: projection.value,
    projectionMethod: projection.method,
    willMeetTarget: willMeet,
    status,
    reason:
      status === 'ACHIEVED'
        ? 'the target is met'
        : status === 'OFF_TRACK'
          ? `${window.label} is over and the target was not met`
          : willMeet
            ? `projected to meet the target by ${window.closes}`
            : `projected to miss the target by ${window.closes}`,
  };
}
