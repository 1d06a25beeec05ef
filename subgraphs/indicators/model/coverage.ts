/**
 * Which figures cover a window, and whether the figures agree with one another.
 *
 * A window is covered by its own figure or by any set of non-overlapping sub-periods that
 * tile it (2025H1 + 2025Q3 + 2025Q4 tile 2025). Periods nest (years, halves, quarters,
 * months), so walking the window month by month and taking, at each month, the coarsest
 * figure that starts there finds the largest covering without counting a month twice.
 */
import { firstPeriodFrom, type Period, type PeriodType, stepPeriod } from '../../../lib/period';
import type { Observation } from './observation';

/** What says how an indicator's figures combine: its roll-up rule and the kind of its values. */
export interface Combined {
  rollup: string;
  valueKind: string;
}

/**
 * Whether an indicator is a stock: a count or an amount held (LAST of a COUNT or an
 * AMOUNT: stations in place), which grows or shrinks by what is added or removed. Other
 * LAST indicators are levels: a score, a share, a ratio, a term in days or years.
 */
export const isStock = (indicator: Combined): boolean =>
  indicator.rollup === 'LAST' && (indicator.valueKind === 'COUNT' || indicator.valueKind === 'AMOUNT');

/**
 * Whether an indicator's breakdowns add up to its total: flows (SUM), the parts of rates
 * (RATIO), and stocks. Means (AVERAGE) and levels do not: a district's satisfaction score
 * is not a part of the city's, two districts' shares do not add up to one, nor their
 * shortest terms to a longer term. Only where breakdowns add up does their sum stand for a
 * missing total, or is a total reconciled with it.
 */
export const breakdownsAddUp = (indicator: Combined): boolean =>
  indicator.rollup === 'SUM' || indicator.rollup === 'RATIO' || isStock(indicator);

/** Figures that disagree by more than this share of the larger (and more than half a unit) do not reconcile. */
const RECONCILIATION_TOLERANCE = 0.005;

const monthIndex = (year: number, month: number) => year * 12 + (month - 1);
const startIndex = (p: Period) => monthIndex(p.year, p.firstMonth);
const endIndex = (p: Period) => monthIndex(p.year, p.lastMonth);
const span = (p: Period) => p.lastMonth - p.firstMonth + 1;
/** The months a period covers, as indexes on the axis of monthIndex. */
export const monthsOf = (p: Period): number[] => Array.from({ length: span(p) }, (_, i) => startIndex(p) + i);
const dateIndex = (isoDate: string) => monthIndex(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)));

export interface Tiling {
  /** The figures used, in time order, none overlapping. */
  used: Observation[];
  /** Months covered ÷ months in the window, 0–1. */
  coverage: number;
}

/** The largest set of non-overlapping figures within [start, end], coarsest first at each month. */
export function tile(observations: Observation[], window: { start: string; end: string }): Tiling {
  const first = dateIndex(window.start);
  const last = dateIndex(window.end);
  const inWindow = observations.filter((o) => o.period.start >= window.start && o.period.end <= window.end);
  const byStart = new Map<number, Observation>();
  for (const o of inWindow) {
    const at = byStart.get(startIndex(o.period));
    if (!at || span(o.period) > span(at.period)) byStart.set(startIndex(o.period), o);
  }
  const used: Observation[] = [];
  let covered = 0;
  for (let m = first; m <= last;) {
    const o = byStart.get(m);
    if (!o) {
      m += 1;
      continue;
    }
    used.push(o);
    covered += span(o.period);
    m = endIndex(o.period) + 1;
  }
  return { used, coverage: last >= first ? covered / (last - first + 1) : 0 };
}

/**
 * The share of a window's months from `owedFrom` (the first day of the first period the
 * reporting calendar owes) that the figures `used` cover: months before anything was owed
 * are not missing. The tiling's own `coverage` when nothing starts being owed inside the window.
 */
export function owedCoverage(
  coverage: number | null,
  used: Observation[] | undefined,
  window: { start: string; end: string },
  owedFrom?: string | null,
): number | null {
  if (coverage === null || !used || !owedFrom || owedFrom <= window.start || owedFrom > window.end) return coverage;
  const first = dateIndex(owedFrom);
  const last = dateIndex(window.end);
  const overlap = (o: Observation) => Math.max(0, Math.min(endIndex(o.period), last) - Math.max(startIndex(o.period), first) + 1);
  return used.reduce((sum, o) => sum + overlap(o), 0) / (last - first + 1);
}

/**
 * The periods of the reporting calendar's type inside the window, owed from `owedFrom` on and
 * due by `asOf` (`dueDays` after each ends), that no figure used covers: missing reports.
 */
export function missingPeriods(
  used: Observation[],
  window: { start: string; end: string },
  reporting: { periodType: PeriodType; dueDays: number; owedFrom?: string | null; asOf: string },
): string[] {
  const from = reporting.owedFrom && reporting.owedFrom > window.start ? reporting.owedFrom : window.start;
  const covered = new Set(used.flatMap((o) => range(startIndex(o.period), endIndex(o.period))));
  const missing: string[] = [];
  // Compared as instants, not as text: past 9999-12-31 a period's end or due day has a
  // five-digit year (no instant at all), which as text would sort before "9999".
  const end = epochDay(window.end);
  const asOf = epochDay(reporting.asOf);
  for (let p = firstPeriodFrom(reporting.periodType, from); epochDay(p.end) <= end; p = stepPeriod(p, 1)) {
    if (epochDay(p.end) + reporting.dueDays > asOf) break;
    if (range(startIndex(p), endIndex(p)).some((m) => !covered.has(m))) missing.push(p.text);
  }
  return missing;
}

/** Days since 1970-01-01 of a day (YYYY-MM-DD); NaN for a day no instant holds. */
const epochDay = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

export interface Reconciliation {
  code: 'RECONCILIATION';
  message: string;
  /** The periods involved: the whole and its parts. */
  periods?: string[];
}

/** Whether two totals of the same thing agree within the tolerance. */
function agrees(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.5, RECONCILIATION_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)));
}

const additive = (o: Observation, field: 'value' | 'numerator' | 'denominator') => o[field];

/**
 * Each figure whose finer figures tile it completely, checked against their sum (values
 * of flows; numerators and denominators of rates). Levels and averages do not add up.
 */
export function reconcileParts(rule: string, observations: Observation[]): Reconciliation[] {
  if (rule !== 'SUM' && rule !== 'RATIO') return [];
  const fields = rule === 'SUM' ? (['value'] as const) : (['numerator', 'denominator'] as const);
  const warnings: Reconciliation[] = [];
  for (const whole of observations) {
    const finer = observations.filter(
      (o) => span(o.period) < span(whole.period) && o.period.start >= whole.period.start && o.period.end <= whole.period.end,
    );
    const parts = tile(finer, whole.period);
    if (parts.coverage < 1) continue;
    for (const field of fields) {
      const total = additive(whole, field);
      if (total === null || parts.used.some((p) => additive(p, field) === null)) continue;
      const sum = parts.used.reduce((s, p) => s + additive(p, field)!, 0);
      if (!agrees(total, sum)) {
        warnings.push({
          code: 'RECONCILIATION',
          periods: [whole.period.text, ...parts.used.map((p) => p.period.text)],
          message: `${whole.period.text} ${field} ${total} against ${sum}, the sum of ${parts.used.map((p) => p.period.text).join(' + ')}`,
        });
      }
    }
  }
  return warnings;
}

/**
 * The breakdowns of one period added up: for each additive field its sum and how many
 * breakdowns lacked it (a sum with a part missing is no sum). Kept by the database per
 * period and organisation, so it is read, never recomputed from every breakdown.
 */
export interface PartsTally {
  period: Period;
  figures: number;
  value: number;
  valueMissing: number;
  numerator: number;
  numeratorMissing: number;
  denominator: number;
  denominatorMissing: number;
  /** How many of them are synthetic (source "demo"). */
  demo: number;
}

type Field = 'value' | 'numerator' | 'denominator';

export const emptyTally = (period: Period): PartsTally => ({
  period,
  figures: 0,
  value: 0,
  valueMissing: 0,
  numerator: 0,
  numeratorMissing: 0,
  denominator: 0,
  denominatorMissing: 0,
  demo: 0,
});

/** Adds a breakdown's figure to the tally (sign −1: takes it out). */
export function addToTally(tally: PartsTally, o: Observation, sign: 1 | -1 = 1): void {
  tally.figures += sign;
  for (const field of ['value', 'numerator', 'denominator'] as const) {
    const v = o[field];
    if (v === null) tally[`${field}Missing`] += sign;
    else tally[field] += sign * v;
  }
  if (o.source === 'demo') tally.demo += sign;
}

/** The tally's sum of a field, or null when a breakdown lacks it. */
const sumOf = (tally: PartsTally, field: Field): number | null => (tally[`${field}Missing`] > 0 ? null : tally[field]);

/**
 * Per period, the total against the sum of its breakdowns, where they add up (flows, counts
 * held and the parts of rates). Breakdowns are meant to partition the total: a total that
 * differs is flagged.
 */
export function reconcileBreakdowns(indicator: Combined, total: Observation[], tallies: PartsTally[]): Reconciliation[] {
  if (!breakdownsAddUp(indicator)) return [];
  const fields = indicator.rollup === 'RATIO' ? (['numerator', 'denominator'] as const) : (['value'] as const);
  const byPeriod = new Map(tallies.filter((t) => t.figures > 0).map((t) => [t.period.text, t]));
  const warnings: Reconciliation[] = [];
  for (const t of total) {
    const parts = byPeriod.get(t.period.text);
    if (!parts) continue;
    for (const field of fields) {
      const value = t[field];
      const sum = sumOf(parts, field);
      if (value === null || sum === null) continue;
      if (!agrees(value, sum))
        warnings.push({
          code: 'RECONCILIATION',
          message: `${t.period.text} total ${field} ${value} against ${sum}, the sum of its breakdowns`,
        });
    }
  }
  return warnings;
}

/** Whether a reported total overlaps the period: then no sum of breakdowns stands for it. */
const overlapsATotal = (total: Observation[], p: Period): boolean =>
  total.some((o) => o.period.start <= p.end && p.start <= o.period.end);

/**
 * Where only breakdowns were reported for a period, and they add up, their sum stands for
 * the total: only for a period no reported total overlaps (a published figure is never
 * replaced by a sum of some districts).
 */
export function totalsFromBreakdowns(
  indicator: Combined,
  total: Observation[],
  tallies: PartsTally[],
  percent: boolean,
): Observation[] {
  if (!breakdownsAddUp(indicator)) return [];
  const rule = indicator.rollup;
  return tallies
    .filter((t) => t.figures > 0 && !overlapsATotal(total, t.period))
    .map((t): Observation | null => {
      const numerator = sumOf(t, 'numerator');
      const denominator = sumOf(t, 'denominator');
      const value =
        rule === 'RATIO'
          ? numerator !== null && denominator
            ? (numerator / denominator) * (percent ? 100 : 1)
            : null
          : sumOf(t, 'value');
      if (value === null) return null;
      return { period: t.period, value, numerator, denominator, source: t.demo > 0 ? 'demo' : null };
    })
    .filter((o): o is Observation => o !== null);
}

/**
 * The periods up to `end` whose breakdowns were reported, no reported total overlapping
 * them, and no sum of theirs standing for it (`summed`: a level's or a mean's do not add
 * up; a rate's without their parts, or any with a value missing, are no sum), ending after
 * `after` (null: any): readings of parts that stand for no total.
 */
export function breakdownsOnly(
  total: Observation[],
  tallies: PartsTally[],
  summed: Observation[],
  { start, end, after }: { start: string; end: string; after: string | null },
): Period[] {
  const stoodFor = new Set(summed.map((o) => o.period.text));
  return tallies
    .filter((t) => t.figures > 0 && t.period.start >= start && t.period.end <= end && (after === null || t.period.end > after))
    .filter((t) => !overlapsATotal(total, t.period) && !stoodFor.has(t.period.text))
    .map((t) => t.period)
    .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
}
