/**
 * Where a target stands as of a date: the actual value over the target's window, rolled
 * up by the indicator's rule, held against the target by its comparator, with the gap,
 * the progress, a projection of the window's aggregate to its end, and a status.
 *
 * Window: for SUM, AVERAGE and RATIO, the calendar year of the evaluation date (the
 * deadline, or the as-of date when earlier or when there is no deadline; a continuing
 * target, which holds from its deadline on, takes the as-of date's year); for LAST,
 * every period ending by the evaluation date (a stock or level: its latest value counts).
 * Within a year the figures that tile it count (coverage.ts), so no month counts twice.
 * The rules, with worked examples, are in docs/methodology.md.
 */
import type { KpiStatus } from '../../../lib/enums';
import type { Period } from '../../../lib/period';
import { dueDate } from './calendar';
import { isStock, missingPeriods, owedCoverage, reconcileBreakdowns, reconcileParts, type Reconciliation } from './coverage';
import { project, projectFormula } from './projection';
import type { Rolled } from './series';
import type { SummedPeriods } from './summed-periods';
import { type KpiIndicator, type KpiInput, windowFigures } from './window-figures';

export type { KpiIndicator, KpiInput } from './window-figures';
export { deriveSeries, type Observation, type Rollup, rollUp } from './series';
export { meets, progressPercent } from './targets';
import { type Comparator, effectiveTarget, EPSILON, measure, meets, published, type Window, windowOf } from './targets';

/** One year of a target evaluated year by year. */
interface KpiYear {
  window: string;
  windowComplete: boolean;
  actual: number | null;
  coverage: number | null;
  status: KpiStatus;
  reason: string;
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
  /**
   * Months covered by the figures counted ÷ months in the window, from the first period the
   * reporting calendar owes when that starts inside the window (null for stocks and levels).
   */
  coverage: number | null;
  /** Reports the calendar owed for the window by the reference date that nobody made (never projected). */
  missingPeriods: string[];
  /**
   * Periods whose total nobody reported, stood in for by the sum of their breakdowns, by
   * indicator: the KPI's own, or a derived indicator's inputs.
   */
  summedPeriods: SummedPeriods[];
  /** Figures that do not add up: a total against its parts or its breakdowns. */
  warnings: Reconciliation[];
  /** For continuing targets and targets without a deadline: each complete year's own status. */
  years: KpiYear[];
}

type WindowKpi = Omit<Kpi, 'years'>;

/** A target evaluated as of a date, with the complete years of a target evaluated year by year. */
export function evaluateKpi(input: KpiInput): Kpi {
  const kpi = evaluateWindow(input);
  return {
    ...kpi,
    ...Object.fromEntries(PUBLISHED.map((field) => [field, published(kpi[field])])),
    years: pastYears(input).map((year) => ({ ...year, actual: published(year.actual) })),
  };
}

/** The figures a KPI states, computed in binary floating point (published: without its noise). */
const PUBLISHED = ['actual', 'numerator', 'denominator', 'effectiveTarget', 'gap', 'progress', 'projected'] as const;

/**
 * Continuing targets and targets without a deadline: every complete year, each with its own
 * status, from the deadline's year on (from the first figure's year without a deadline; the
 * latest complete year when there is no figure yet), so that no year's verdict drops out later.
 */
function pastYears(input: KpiInput): KpiYear[] {
  const { indicator, asOf, dueDays = 0 } = input;
  if (indicator.comparator === null || (indicator.deadline && !indicator.continuing) || input.breakdown) return [];
  const asOfYear = Number(asOf.slice(0, 4));
  // A year is complete once its last figure is due.
  let lastComplete = asOfYear;
  while (asOf < dueDate(`${lastComplete}-12-31`, dueDays)) lastComplete -= 1;
  const first = indicator.deadline ? Number(indicator.deadline.slice(0, 4)) : Math.min(lastComplete, firstFigureYear(input));
  const years: KpiYear[] = [];
  for (let year = first; year <= lastComplete; year += 1) {
    const k = evaluateWindow({ ...input, asOf: `${year}-12-31`, dueDays: 0 });
    years.push({
      window: k.window,
      windowComplete: k.windowComplete,
      actual: k.actual,
      coverage: k.coverage,
      status: k.status,
      reason: k.reason,
    });
  }
  return years;
}

/** The year of the earliest figure counted for the target (its inputs' for a derived one); Infinity when none. */
function firstFigureYear({ observations, inputs }: KpiInput): number {
  const all = [observations, ...[...(inputs?.values() ?? [])].map((i) => i.observations)].flat();
  return Math.min(...all.map((o) => o.period.year));
}

const inside = (o: { period: Period }, window: Window) => o.period.start >= window.start && o.period.end <= window.end;

const missingNote = (missing: string[] | undefined) =>
  missing?.length ? `${missing.join(', ')} due and not reported: counted as missing, not projected` : undefined;

/**
 * For a stock or level: a note when its latest reading ended more than a year before its
 * window closes (a 2023 count stands for no 2025 count; an annual reading for 2024 does
 * for a window closing on 2025-06-30); undefined otherwise.
 */
function staleReading(indicator: KpiIndicator, rolled: Rolled, window: Window): string | undefined {
  if (indicator.rollup !== 'LAST' || indicator.formula || rolled.value === null) return undefined;
  const latest = rolled.periods[rolled.periods.length - 1];
  const closes = new Date(`${window.closes}T00:00:00Z`);
  closes.setUTCFullYear(closes.getUTCFullYear() - 1);
  return latest && latest.end <= closes.toISOString().slice(0, 10)
    ? `the latest reading is of ${latest.text}, more than a year before ${window.closes}`
    : undefined;
}

function evaluateWindow(input: KpiInput): WindowKpi {
  const { indicator, baseline, asOf, dueDays = 0 } = input;
  const window = windowOf(indicator, asOf);
  // Final once the window's last figure is due, not on its last day.
  const windowComplete = asOf >= dueDate(window.closes, dueDays);
  const { rolled, reason, summedPeriods, partsOnly, inputs, tallies } = windowFigures(input, window);
  // The figures reported for the window itself, reconciled with their parts and breakdowns.
  const reported = input.observations.filter((o) => inside(o, window));
  const coverage = owedCoverage(rolled.coverage, rolled.used, window, input.owedFrom);
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
    coverage,
    missingPeriods:
      input.reportingType && rolled.coverage !== null && !input.breakdown
        ? missingPeriods(rolled.used ?? [], window, { periodType: input.reportingType, dueDays, owedFrom: input.owedFrom, asOf })
        : [],
    summedPeriods,
    warnings: [
      ...reconcileParts(indicator.rollup, reported),
      ...reconcileBreakdowns(
        indicator,
        reported,
        tallies.filter((t) => inside(t, window)),
      ),
    ],
  };
  const none = { effectiveTarget: null, gap: null, progress: null, projected: null, projectionMethod: '', willMeetTarget: null };
  if (input.breakdown)
    return {
      ...base,
      ...none,
      comparator: null,
      targetValue: null,
      status: 'NO_TARGET',
      reason: 'a breakdown is scored only against a target set for it, and none is',
    };
  if (indicator.comparator === null || indicator.targetValue === null) {
    return { ...base, ...none, status: 'NO_TARGET', reason: 'a monitoring indicator: no target of its own' };
  }
  const target = effectiveTarget(indicator.comparator, indicator.targetValue, baseline, indicator.strict);
  if (!target)
    return { ...base, ...none, status: 'NO_BASELINE', reason: 'a relative target needs a baseline, and none is recorded' };
  if (rolled.value === null) {
    return {
      ...base,
      ...none,
      effectiveTarget: target.target,
      status: 'NO_DATA',
      // A window's label is a year ("2025") or a span ("to 2025-12-31").
      reason: reason ?? `no figures ${window.label.startsWith('to ') ? 'up' : 'for'} ${window.label}`,
    };
  }
  const actual = rolled.value;
  const bounds = { min: 0, max: indicator.percent ? 100 : null, percent: indicator.percent };
  const projection = windowComplete
    ? { value: actual, method: 'the window is over: the actual value' }
    : indicator.formula
      ? (projectFormula(indicator.formula, inputs, window, window.closes, bounds) ??
        project('LAST', rolled, window.closes, bounds))
      : project(
          indicator.rollup,
          rolled,
          window.closes,
          bounds,
          input.reportingType ? { asOf, periodType: input.reportingType, dueDays } : undefined,
        );
  const metNow = meets(target.comparator, actual, target.target);
  const willMeet = projection.value === null ? null : meets(target.comparator, projection.value, target.target);
  // Flows summed over the window and stocks only grow towards an at-least target: once met,
  // met. Levels (scores, shares, terms) count once the window closes.
  const cumulative =
    (target.comparator === 'AT_LEAST' || target.comparator === 'MORE_THAN') &&
    (indicator.rollup === 'SUM' || isStock(indicator)) &&
    !indicator.formula;
  // A closed window its figures cover only in part gets no verdict, unless a flow already
  // meets an at-least target: months not reported could only add to it.
  const partial = windowComplete && coverage !== null && coverage < 1 - EPSILON;
  // A stock or level read before the year its window closes in: not that year's value.
  const stale = staleReading(indicator, rolled, window);
  // A level whose districts reported after the total it counts: that total is not the level at the close.
  const newerParts = indicator.rollup === 'LAST' && partsOnly.length > 0;
  const unread = windowComplete && (stale !== undefined || newerParts);
  let status: KpiStatus;
  if (metNow && (windowComplete || cumulative) && (!partial || cumulative) && (!unread || cumulative)) status = 'ACHIEVED';
  else if (partial || unread) status = 'INCOMPLETE';
  else if (windowComplete) status = 'OFF_TRACK';
  else status = willMeet ? 'ON_TRACK' : 'AT_RISK';
  const covered = partial ? `${Math.round(coverage * 100)} % of ${window.label}'s months reported` : undefined;
  const measured = measure(indicator, target, actual, projection.value, baseline, windowComplete);
  return {
    ...base,
    effectiveTarget: target.target,
    ...measured,
    ...(status === 'INCOMPLETE'
      ? { projected: null, projectionMethod: 'the window is over, covered in part: nothing is projected', willMeetTarget: null }
      : { projected: projection.value, projectionMethod: projection.method, willMeetTarget: willMeet }),
    status,
    reason:
      (status === 'ACHIEVED'
        ? partial
          ? `the target is met by the figures reported (${covered})`
          : 'the target is met'
        : status === 'INCOMPLETE'
          ? unread && !partial
            ? `the window closed on ${window.closes} ${stale ? 'with no reading of its last year' : 'with its latest reading of breakdowns alone'}: no verdict`
            : `${window.label} is over and its figures cover it only in part (${covered}): no verdict`
          : status === 'OFF_TRACK'
            ? `${window.label} is over and the target was not met`
            : willMeet
              ? `projected to meet the target by ${window.closes}`
              : `projected to miss the target by ${window.closes}`) +
      [measured.note, missingNote(projection.missing), stale, reason].map((n) => (n ? `; ${n}` : '')).join(''),
  };
}
