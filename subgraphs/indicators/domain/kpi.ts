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
import type { Comparator, KpiStatus } from '../../../lib/enums';
import { monthEnd } from '../../../lib/period';
import type { Formula } from './formula';
import { dueDate } from './calendar';
import { deriveSeries, type Observation, project, type Rolled, type Rollup, rollUp } from './series';

export { deriveSeries, leastSquares, type Observation, project, type Rolled, type Rollup, rollUp } from './series';

export type { Comparator, KpiStatus };
/** A comparator against the target itself, not against a baseline. */
type AbsoluteComparator = Exclude<Comparator, 'REDUCE_BY_PERCENT' | 'INCREASE_BY_PERCENT'>;

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
export function meets(comparator: AbsoluteComparator, value: number, target: number): boolean {
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
): { comparator: AbsoluteComparator; target: number } | null {
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

export interface KpiInput {
  indicator: KpiIndicator;
  observations: Observation[];
  baseline: number | null;
  asOf: string;
  /** Days after the window closes that its last figure is due (the reporting calendar's); 0 when none. */
  dueDays?: number;
  /** Series of the inputs of a derived indicator. */
  inputs?: Map<string, { rule: Rollup; observations: Observation[]; percent: boolean }>;
}

export function evaluateKpi({ indicator, observations, baseline, asOf, dueDays = 0, inputs }: KpiInput): Kpi {
  const window = windowOf(indicator, asOf);
  // Final once the window's last figure is due, not on its last day.
  const windowComplete = asOf >= dueDate(window.closes, dueDays);
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
