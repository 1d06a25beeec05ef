/**
 * Checks of a push that concern how figures are aggregated: a rate comes as numerator and
 * denominator (a rate alone cannot be combined with others), and a figure that disagrees
 * with the figures of the periods it contains, or that contain it, lands with a warning.
 */
import { ErrorCode } from '../../../lib/errors';
import { parsePeriod, type Period, PERIOD_TYPES } from '../../../lib/period';
import { reconcileParts } from './coverage';
import type { FigureRow } from './figure-types';
import type { Observation } from './observation';

export interface RowProblem {
  field: string;
  code: string;
  message: string;
}

/** A RATIO indicator's figure without numerator and denominator, which no roll-up could use. */
export function ratioProblem(indicator: { id: string; rollup: string }, input: FigureRow): RowProblem | null {
  if (indicator.rollup !== 'RATIO' || input.withdraw === true) return null;
  if (input.numerator != null && input.denominator != null) return null;
  return {
    field: 'value',
    code: ErrorCode.BAD_USER_INPUT,
    message: `${indicator.id} is a rate: push its numerator and denominator (rates are summed as parts, never averaged)`,
  };
}

/** Every period of a year: the year, its halves, quarters and months. */
function periodsOfYear(year: number): Period[] {
  const texts = [`${year}`, `${year}H1`, `${year}H2`];
  for (let q = 1; q <= 4; q += 1) texts.push(`${year}Q${q}`);
  for (let m = 1; m <= 12; m += 1) texts.push(`${year}-${String(m).padStart(2, '0')}`);
  return texts.map((t) => parsePeriod(t)!).filter((p) => PERIOD_TYPES.includes(p.type));
}

export interface FigureKey {
  indicatorId: string;
  period: string;
  breakdown: string;
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

/** The stored figures a reconciliation of these rows needs: every period of each row's year. */
export function reconciliationKeys(rows: PushedFigure[], rollupOf: (indicatorId: string) => string): FigureKey[] {
  const keys = new Map<string, FigureKey>();
  for (const row of rows) {
    const rule = rollupOf(row.indicatorId);
    if (rule !== 'SUM' && rule !== 'RATIO') continue;
    for (const p of periodsOfYear(row.period.year))
      keys.set(`${row.indicatorId}\u0000${p.text}\u0000${row.breakdown}`, {
        indicatorId: row.indicatorId,
        period: p.text,
        breakdown: row.breakdown,
      });
  }
  return [...keys.values()];
}

interface StoredFigure extends FigureKey {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  withdrawn: boolean;
}

/**
 * A RECONCILIATION warning for each row whose figure, with this batch applied over the
 * stored figures, disagrees with the parts that tile it or the whole it is part of.
 */
export function reconciliationWarnings(
  rows: PushedFigure[],
  stored: StoredFigure[],
  rollupOf: (indicatorId: string) => string,
): Array<{ index: number; code: string; message: string }> {
  const groups = new Map<string, Map<string, Observation>>();
  const group = (indicatorId: string, breakdown: string, year: number) => {
    const key = `${indicatorId}\u0000${breakdown}\u0000${year}`;
    if (!groups.has(key)) groups.set(key, new Map());
    return groups.get(key)!;
  };
  const asObservation = (f: { value: number | null; numerator: number | null; denominator: number | null }, period: Period) =>
    f.value === null ? null : { period, value: f.value, numerator: f.numerator, denominator: f.denominator };
  for (const f of stored) {
    const period = parsePeriod(f.period);
    const o = period && !f.withdrawn ? asObservation(f, period) : null;
    if (period && o) group(f.indicatorId, f.breakdown, period.year).set(period.text, o);
  }
  for (const row of rows) {
    const figures = group(row.indicatorId, row.breakdown, row.period.year);
    const o = row.withdrawn ? null : asObservation(row, row.period);
    if (o) figures.set(row.period.text, o);
    else figures.delete(row.period.text);
  }
  const warnings: Array<{ index: number; code: string; message: string }> = [];
  for (const row of rows) {
    if (row.withdrawn) continue;
    const figures = [...group(row.indicatorId, row.breakdown, row.period.year).values()];
    for (const w of reconcileParts(rollupOf(row.indicatorId), figures))
      if (w.periods?.includes(row.period.text)) warnings.push({ index: row.index, code: w.code, message: w.message });
  }
  return warnings;
}
