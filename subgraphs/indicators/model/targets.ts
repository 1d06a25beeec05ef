/** Targets as the plan writes them: comparators, relative targets, progress, windows. */
import { monthEnd } from '../../../lib/period';

import type { Comparator } from '../../../lib/enums';

export type { Comparator };
export type Absolute = 'AT_LEAST' | 'MORE_THAN' | 'AT_MOST' | 'LESS_THAN' | 'EQUAL';

export const EPSILON = 1e-9;

/** Does `value` satisfy `comparator` against `target` (relative comparators already resolved)? */
export function meets(comparator: Absolute, value: number, target: number): boolean {
  const tolerance = EPSILON * Math.max(1, Math.abs(target));
  switch (comparator) {
    case 'AT_LEAST':
      return value >= target - tolerance;
    case 'MORE_THAN':
      return value > target + tolerance;
    case 'AT_MOST':
      return value <= target + tolerance;
    case 'LESS_THAN':
      return value < target - tolerance;
    case 'EQUAL':
      return Math.abs(value - target) <= tolerance;
  }
}

/**
 * The absolute comparison a comparator comes to, and the value to reach. Relative targets
 * are inclusive (提升 20 %: +20 % meets it) unless strict (超 80 %: +80 % does not).
 */
export function effectiveTarget(
  comparator: Comparator,
  targetValue: number,
  baseline: number | null,
  strict = false,
): { comparator: Absolute; target: number } | null {
  if (comparator === 'REDUCE_BY_PERCENT')
    return baseline === null
      ? null
      : { comparator: strict ? 'LESS_THAN' : 'AT_MOST', target: baseline * (1 - targetValue / 100) };
  if (comparator === 'INCREASE_BY_PERCENT')
    return baseline === null
      ? null
      : { comparator: strict ? 'MORE_THAN' : 'AT_LEAST', target: baseline * (1 + targetValue / 100) };
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
export function windowOf(indicator: { deadline: string | null; rollup: string; continuing?: boolean }, asOf: string): Window {
  const deadlineEnd = indicator.deadline ? monthEnd(indicator.deadline) : null;
  // A continuing target holds every year from its deadline on: the as-of date's year counts.
  const evalDate = deadlineEnd && deadlineEnd < asOf && !indicator.continuing ? deadlineEnd : asOf;
  if (indicator.rollup === 'LAST') {
    return {
      start: '0000-01-01',
      end: evalDate,
      label: `to ${evalDate}`,
      closes: deadlineEnd && (!indicator.continuing || deadlineEnd >= evalDate) ? deadlineEnd : `${evalDate.slice(0, 4)}-12-31`,
    };
  }
  const year = evalDate.slice(0, 4);
  return {
    start: `${year}-01-01`,
    end: `${year}-12-31`,
    label: year,
    closes: deadlineEnd && deadlineEnd >= `${year}-01-01` && deadlineEnd < `${year}-12-31` ? deadlineEnd : `${year}-12-31`,
  };
}

/**
 * A computed figure as stated: to 15 significant digits, which keeps every digit a reported
 * figure has and drops binary floating point's noise (3 × 1.2 is 3.5999999999999996).
 * Verdicts are reached on the figures before this.
 */
export const published = (value: number | null): number | null =>
  value === null || !Number.isFinite(value) ? value : Number(value.toPrecision(15));

/**
 * Gap and progress, like with like: a relative target on a flow compares a full year with
 * its full-year baseline, so while the year is open the projected year counts, not the
 * part-year sum. Neither may contradict the status: a value exactly at a strict bound
 * shows neither gap 0 nor progress 100.
 */
export function measure(
  indicator: { comparator: Comparator | null; targetValue: number | null; rollup: string },
  target: { comparator: Absolute; target: number },
  actual: number,
  projected: number | null,
  baseline: number | null,
  windowComplete: boolean,
): { gap: number | null; progress: number | null; note?: string } {
  const relative = indicator.comparator === 'REDUCE_BY_PERCENT' || indicator.comparator === 'INCREASE_BY_PERCENT';
  const fullYear = relative && indicator.rollup === 'SUM' && !windowComplete;
  const value = fullYear ? projected : actual;
  if (value === null) return { gap: null, progress: null };
  // The difference of the figures as stated: 4 against 3.6 is 0.4, not 0.3999999999999999.
  const gap = published(published(value)! - published(target.target)!)!;
  const progress = progressPercent(indicator.comparator!, indicator.targetValue!, value, baseline);
  const note = fullYear ? 'gap and progress compare the projected year with the full-year baseline' : undefined;
  if (meets(target.comparator, value, target.target)) return { gap, progress, note };
  const tolerance = EPSILON * Math.max(1, Math.abs(target.target));
  const gapSaysMet =
    target.comparator === 'AT_LEAST' || target.comparator === 'MORE_THAN'
      ? gap >= -tolerance
      : target.comparator === 'AT_MOST' || target.comparator === 'LESS_THAN'
        ? gap <= tolerance
        : false;
  if (!gapSaysMet && (progress === null || progress < 100)) return { gap, progress, note };
  return { gap: null, progress: null, note: `${value} is exactly at the bound, which the target must pass` };
}
