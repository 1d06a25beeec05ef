/**
 * Checks of a push that concern how figures are aggregated: a rate comes as numerator and
 * denominator (a rate alone cannot be combined with others), and a figure that disagrees
 * with the figures of the periods it contains, or that contain it, lands with a warning.
 */
import { compositeKey } from '../../../lib/collections';
import { ErrorCode } from '../../../lib/errors';
import { parsePeriod, type Period } from '../../../lib/period';
import { reconcileBreakdowns, reconcileParts } from './coverage';
import type { StoredFigure } from '../data/reconciliation-reads';
import type { FigureRow } from './figure-types';
import type { Observation } from './observation';

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

/** The indicator-years a reconciliation of these rows reads: those of additive indicators. */
export function reconciliationYears(
  rows: PushedFigure[],
  rollupOf: (indicatorId: string) => string,
): Array<{ indicatorId: string; breakdown: string; year: number; period: string }> {
  return rows
    .filter((row) => rollupOf(row.indicatorId) !== 'AVERAGE')
    .map((row) => ({ indicatorId: row.indicatorId, breakdown: row.breakdown, year: row.period.year, period: row.period.text }));
}

/** The key of an indicator's breakdown in a year. */
const yearKey = (indicatorId: string, breakdown: string, year: number): string =>
  compositeKey(indicatorId, breakdown, String(year));

/** The figures of each indicator, breakdown and year, with this batch applied over those stored. */
function figuresAfterPush(rows: PushedFigure[], stored: StoredFigure[]): Map<string, Map<string, Observation>> {
  const groups = new Map<string, Map<string, Observation>>();
  const group = (indicatorId: string, breakdown: string, year: number) => {
    const key = yearKey(indicatorId, breakdown, year);
    if (!groups.has(key)) groups.set(key, new Map());
    return groups.get(key)!;
  };
  const observation = (f: StoredFigure | PushedFigure, period: Period): Observation | null =>
    f.value === null || f.withdrawn ? null : { period, value: f.value, numerator: f.numerator, denominator: f.denominator };
  for (const f of stored) {
    const period = parsePeriod(f.period);
    const o = period && observation(f, period);
    if (period && o) group(f.indicatorId, f.breakdown, period.year).set(period.text, o);
  }
  for (const row of rows) {
    const figures = group(row.indicatorId, row.breakdown, row.period.year);
    const o = observation(row, row.period);
    if (o) figures.set(row.period.text, o);
    else figures.delete(row.period.text);
  }
  return groups;
}

/**
 * A RECONCILIATION warning for each row whose figure, with this batch applied over the
 * stored figures, disagrees with the parts that tile it or the whole it is part of
 * (flows and rates), or with its total or breakdowns for the same period.
 */
export function reconciliationWarnings(
  rows: PushedFigure[],
  stored: StoredFigure[],
  rollupOf: (indicatorId: string) => string,
): Warning[] {
  const groups = figuresAfterPush(rows, stored);
  const warnings: Warning[] = [];
  for (const row of rows) {
    if (row.withdrawn) continue;
    const rule = rollupOf(row.indicatorId);
    const figures = [...(groups.get(yearKey(row.indicatorId, row.breakdown, row.period.year))?.values() ?? [])];
    for (const w of reconcileParts(rule, figures))
      if (w.periods?.includes(row.period.text)) warnings.push({ index: row.index, code: w.code, message: w.message });
    // The period's total against the sum of its breakdowns.
    const ofPeriod = (breakdown: string) =>
      groups.get(yearKey(row.indicatorId, breakdown, row.period.year))?.get(row.period.text);
    const total = ofPeriod('');
    if (!total) continue;
    const breakdowns = [...groups.entries()]
      .filter(([key]) => key.startsWith(`${row.indicatorId}\u0000`) && key.endsWith(`\u0000${row.period.year}`))
      .map(([key, figures]) => [key.split('\u0000')[1], figures.get(row.period.text)] as const)
      .filter(([breakdown, o]) => breakdown !== '' && o)
      .map(([, o]) => [o!]);
    for (const w of reconcileBreakdowns(rule, [total], breakdowns))
      warnings.push({ index: row.index, code: w.code, message: w.message });
  }
  return warnings;
}
