/**
 * Checks of a push that concern how figures are aggregated: a rate comes as numerator and
 * denominator (a rate alone cannot be combined with others), and a figure that disagrees
 * with the figures of the periods it contains, or that contain it, lands with a warning.
 */
import { compositeKey } from '../../../lib/collections';
import { indicatorKey, seriesKey } from './keys';
import { ErrorCode } from '../../../lib/errors';
import { parsePeriod, type Period, type PeriodType } from '../../../lib/period';
import { addToTally, type Combined, emptyTally, type PartsTally, reconcileBreakdowns, reconcileParts } from './coverage';
import type { FigureRow } from './figure-types';
import type { Observation } from './observation';

/** A figure stored already, as a push's reconciliation compares it with the rows pushed. */
export interface StoredFigure {
  indicatorId: string;
  period: string;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  withdrawn: boolean;
}

/** The sum the database keeps of one indicator's breakdowns in a period. */
export interface StoredTally {
  indicatorId: string;
  tally: PartsTally;
}

/**
 * The breakdowns' years and the periods of a push's rows, each once. A breakdown-year's
 * `type` is the one period type of its rows (null when they have several): its stored
 * figures matter to the parts' reconciliation only when one of them is of another type,
 * since a whole and its parts are never of the same type.
 */
export interface ReconciliationKeys {
  years: Array<{ indicatorId: string; breakdown: string; year: number; type: PeriodType | null }>;
  periods: Array<{ indicatorId: string; period: string }>;
}

export interface RowProblem {
  field: string;
  code: string;
  message: string;
}

/** A RATIO indicator's figure without numerator and denominator, which no roll-up could use. */
export function ratioProblem(
  indicator: { id: string; rollup: string; meanOfRates?: boolean },
  input: FigureRow,
): RowProblem | null {
  if (indicator.rollup !== 'RATIO' || indicator.meanOfRates || input.withdraw === true) return null;
  if (input.numerator != null && input.denominator != null) return null;
  return {
    field: 'value',
    code: ErrorCode.BAD_USER_INPUT,
    message: `${indicator.id} is a rate: push its numerator and denominator (rates are summed as parts, never averaged)`,
  };
}

interface PushedFigure {
  index: number;
  indicatorId: string;
  period: Period;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  withdrawn: boolean;
}

type Warning = { index: number; code: string; message: string };

/**
 * What a reconciliation of these rows reads, each once: for rows of additive indicators,
 * their breakdowns' years and their periods.
 */
export function reconciliationKeys(rows: PushedFigure[], combinedOf: (indicatorId: string) => Combined): ReconciliationKeys {
  const years = new Map<string, ReconciliationKeys['years'][number]>();
  const periods = new Map<string, ReconciliationKeys['periods'][number]>();
  for (const row of rows) {
    if (combinedOf(row.indicatorId).rollup === 'AVERAGE') continue;
    const { indicatorId, breakdown } = row;
    const key = yearKey(indicatorId, breakdown, row.period.year);
    const seen = years.get(key);
    const type = !seen || seen.type === row.period.type ? row.period.type : null;
    years.set(key, { indicatorId, breakdown, year: row.period.year, type });
    periods.set(indicatorKey(indicatorId, row.period.text), { indicatorId, period: row.period.text });
  }
  return { years: [...years.values()], periods: [...periods.values()] };
}

/**
 * The keys with only the breakdown-years in `mixed` (yearKey) read: those known to hold
 * figures of several period types, each read whole; the others have nothing to tile.
 */
export function onlyMixedYears(keys: ReconciliationKeys, mixed: ReadonlySet<string>): ReconciliationKeys {
  const years = keys.years.filter((k) => mixed.has(yearKey(k.indicatorId, k.breakdown, k.year)));
  return { ...keys, years: years.map((k) => ({ ...k, type: null })) };
}

/** Figures of one indicator's breakdown in one year, by period. */
type YearFigures = Map<string, Observation>;

/** The key of an indicator's breakdown in a year. */
export const yearKey = (indicatorId: string, breakdown: string, year: number): string =>
  compositeKey(indicatorId, breakdown, String(year));

const asObservation = (f: StoredFigure | PushedFigure, period: Period): Observation | null =>
  f.value === null || f.withdrawn ? null : { period, value: f.value, numerator: f.numerator, denominator: f.denominator };

/** The figures of each indicator, breakdown and year, with this batch applied over those stored. */
function figuresAfterPush(rows: PushedFigure[], stored: StoredFigure[]): Map<string, YearFigures> {
  const groups = new Map<string, YearFigures>();
  const group = (indicatorId: string, breakdown: string, year: number): YearFigures => {
    const key = yearKey(indicatorId, breakdown, year);
    let figures = groups.get(key);
    if (!figures) groups.set(key, (figures = new Map()));
    return figures;
  };
  for (const f of stored) {
    const period = parsePeriod(f.period);
    const o = period && asObservation(f, period);
    if (period && o) group(f.indicatorId, f.breakdown, period.year).set(period.text, o);
  }
  for (const row of rows) {
    const figures = group(row.indicatorId, row.breakdown, row.period.year);
    const o = asObservation(row, row.period);
    if (o) figures.set(row.period.text, o);
    else figures.delete(row.period.text);
  }
  return groups;
}

/**
 * The sum of each pushed period's breakdowns once this batch lands: the sum the database
 * keeps, less the stored figures of the breakdowns pushed, plus what they become (a push
 * holds each series once).
 */
function tallyAfterPush(rows: PushedFigure[], stored: StoredFigure[], tallies: StoredTally[]): Map<string, PartsTally> {
  const result = new Map<string, PartsTally>();
  for (const { indicatorId, tally } of tallies) result.set(indicatorKey(indicatorId, tally.period.text), { ...tally });
  const storedFigure = new Map(stored.map((f) => [seriesKey(f.indicatorId, f.period, f.breakdown), f]));
  for (const row of rows) {
    if (row.breakdown === '') continue;
    const key = indicatorKey(row.indicatorId, row.period.text);
    if (!result.has(key)) result.set(key, emptyTally(row.period));
    const tally = result.get(key)!;
    const before = storedFigure.get(seriesKey(row.indicatorId, row.period.text, row.breakdown));
    const old = before && asObservation(before, row.period);
    if (old) addToTally(tally, old, -1);
    const now = asObservation(row, row.period);
    if (now) addToTally(tally, now, 1);
  }
  return result;
}

/**
 * A RECONCILIATION warning for each row whose figure, with this batch applied over the
 * stored figures, disagrees with the parts that tile it or the whole it is part of
 * (flows and rates), or with its total or breakdowns for the same period (where they add up).
 */
export function reconciliationWarnings(
  rows: PushedFigure[],
  basis: { figures: StoredFigure[]; tallies: StoredTally[] },
  combinedOf: (indicatorId: string) => Combined,
): Warning[] {
  const after = figuresAfterPush(rows, basis.figures);
  const tallies = tallyAfterPush(rows, basis.figures, basis.tallies);
  // The parts of each breakdown-year are reconciled once, however many of its rows the batch holds.
  const partsOf = new Map<string, ReturnType<typeof reconcileParts>>();
  const warnings: Warning[] = [];
  for (const row of rows) {
    if (row.withdrawn) continue;
    const combined = combinedOf(row.indicatorId);
    const key = yearKey(row.indicatorId, row.breakdown, row.period.year);
    if (!partsOf.has(key)) partsOf.set(key, reconcileParts(combined.rollup, [...(after.get(key)?.values() ?? [])]));
    for (const w of partsOf.get(key)!)
      if (w.periods?.includes(row.period.text)) warnings.push({ index: row.index, code: w.code, message: w.message });
    // The period's total against the sum of its breakdowns.
    const total = after.get(yearKey(row.indicatorId, '', row.period.year))?.get(row.period.text);
    const tally = tallies.get(indicatorKey(row.indicatorId, row.period.text));
    if (!total || !tally) continue;
    for (const w of reconcileBreakdowns(combined, [total], [tally]))
      warnings.push({ index: row.index, code: w.code, message: w.message });
  }
  return warnings;
}
