/**
 * The sums the database keeps of each period's breakdown figures (figure_breakdown_sum,
 * one row per indicator, period and reporting organisation, kept by triggers), read as
 * tallies: one definition of their columns for every read.
 */
import { z } from 'zod';
import { column, readRows } from '../../../lib/rows';
import type { PartsTally } from '../model/coverage';

const SUMMED = [
  'figures',
  'value_sum',
  'value_missing',
  'numerator_sum',
  'numerator_missing',
  'denominator_sum',
  'denominator_missing',
  'demo',
] as const;

/** The select list adding up the rows of `alias` (grouped by indicator and period) over organisations. */
export const tallyColumns = (alias: string): string =>
  [`${alias}.indicator_id`, `${alias}.period`, ...SUMMED.map((c) => `sum(${alias}.${c}) AS ${c}`)].join(', ');

const TallyColumns = z.object({
  indicator_id: column.text,
  period: column.period,
  figures: column.number,
  value_sum: column.number,
  value_missing: column.number,
  numerator_sum: column.number,
  numerator_missing: column.number,
  denominator_sum: column.number,
  denominator_missing: column.number,
  demo: column.number,
} satisfies Record<'indicator_id' | 'period' | (typeof SUMMED)[number], z.ZodType>);

/** Rows of summed breakdown columns (`tallyColumns`, or the same names) as each indicator's tally of a period. */
export const readTallies = (query: string, rows: unknown): Array<{ indicatorId: string; tally: PartsTally }> =>
  readRows(query, TallyColumns, rows).map((r) => ({
    indicatorId: r.indicator_id,
    tally: {
      period: r.period,
      figures: r.figures,
      value: r.value_sum,
      valueMissing: r.value_missing,
      numerator: r.numerator_sum,
      numeratorMissing: r.numerator_missing,
      denominator: r.denominator_sum,
      denominatorMissing: r.denominator_missing,
      demo: r.demo,
    },
  }));
