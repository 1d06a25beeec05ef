/**
 * Which figures cover a window, and whether the figures agree with one another.
 *
 * A window is covered by its own figure or by any set of non-overlapping sub-periods that
 * tile it (2025H1 + 2025Q3 + 2025Q4 tile 2025). Periods nest (years, halves, quarters,
 * months), so walking the window month by month and taking, at each month, the coarsest
 * figure that starts there finds the largest covering without counting a month twice.
 */
import type { Period } from '../../../lib/period';
import type { Observation } from './observation';

/** Figures that disagree by more than this share of the larger (and more than half a unit) do not reconcile. */
export const RECONCILIATION_TOLERANCE = 0.005;

const monthIndex = (year: number, month: number) => year * 12 + (month - 1);
const startIndex = (p: Period) => monthIndex(p.year, p.firstMonth);
const endIndex = (p: Period) => monthIndex(p.year, p.lastMonth);
const span = (p: Period) => p.lastMonth - p.firstMonth + 1;
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

export interface Reconciliation {
  code: 'RECONCILIATION';
  message: string;
  /** The periods involved: the whole and its parts. */
  periods?: string[];
}

/** Whether two totals of the same thing agree within the tolerance. */
export function agrees(a: number, b: number): boolean {
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
 * Per period, the total against the sum of its breakdowns (flows, stocks and the parts of
 * rates). Breakdowns are meant to partition the total: a total that differs is flagged.
 */
export function reconcileBreakdowns(rule: string, total: Observation[], breakdowns: Observation[][]): Reconciliation[] {
  if (rule === 'AVERAGE' || breakdowns.length === 0) return [];
  const fields = rule === 'RATIO' ? (['numerator', 'denominator'] as const) : (['value'] as const);
  const warnings: Reconciliation[] = [];
  for (const t of total) {
    const parts = breakdowns.flatMap((b) => b.filter((o) => o.period.text === t.period.text));
    if (parts.length === 0) continue;
    for (const field of fields) {
      const value = t[field];
      if (value === null || parts.some((p) => p[field] === null)) continue;
      const sum = parts.reduce((s, p) => s + p[field]!, 0);
      if (!agrees(value, sum))
        warnings.push({
          code: 'RECONCILIATION',
          message: `${t.period.text} total ${field} ${value} against ${sum}, the sum of its breakdowns`,
        });
    }
  }
  return warnings;
}

/** Where only breakdowns were reported for a period, their sum stands for the total. */
export function totalsFromBreakdowns(
  rule: string,
  total: Observation[],
  breakdowns: Observation[][],
  percent: boolean,
): Observation[] {
  if (rule === 'AVERAGE') return [];
  const have = new Set(total.map((o) => o.period.text));
  const byPeriod = new Map<string, Observation[]>();
  for (const o of breakdowns.flat()) {
    if (have.has(o.period.text)) continue;
    byPeriod.set(o.period.text, [...(byPeriod.get(o.period.text) ?? []), o]);
  }
  return [...byPeriod.values()]
    .map((parts): Observation | null => {
      const sum = (field: 'value' | 'numerator' | 'denominator') =>
        parts.some((p) => p[field] === null) ? null : parts.reduce((s, p) => s + p[field]!, 0);
      const numerator = sum('numerator');
      const denominator = sum('denominator');
      const value =
        rule === 'RATIO'
          ? numerator !== null && denominator
            ? (numerator / denominator) * (percent ? 100 : 1)
            : null
          : sum('value');
      if (value === null) return null;
      return {
        period: parts[0].period,
        value,
        numerator,
        denominator,
        source: parts.some((p) => p.source === 'demo') ? 'demo' : (parts[0].source ?? null),
      };
    })
    .filter((o): o is Observation => o !== null);
}
