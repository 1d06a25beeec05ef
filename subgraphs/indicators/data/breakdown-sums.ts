/**
 * The sums the database keeps of each period's breakdown figures (figure_breakdown_sum,
 * one row per indicator, period and reporting organisation, kept by triggers), read as
 * tallies: one definition of their columns for every read.
 */
import { parsePeriod } from '../../../lib/period';
import { pgNumber } from '../../../lib/sql';
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
];

/** The select list adding up the rows of `alias` (grouped by indicator and period) over organisations. */
export const tallyColumns = (alias: string): string =>
  [`${alias}.indicator_id`, `${alias}.period`, ...SUMMED.map((c) => `sum(${alias}.${c}) AS ${c}`)].join(', ');

/** A row of summed breakdown columns as a tally. */
export const toTally = (r: Record<string, unknown>): PartsTally => ({
  period: parsePeriod(r.period as string)!,
  figures: pgNumber(r.figures),
  value: pgNumber(r.value_sum),
  valueMissing: pgNumber(r.value_missing),
  numerator: pgNumber(r.numerator_sum),
  numeratorMissing: pgNumber(r.numerator_missing),
  denominator: pgNumber(r.denominator_sum),
  denominatorMissing: pgNumber(r.denominator_missing),
  demo: pgNumber(r.demo),
});
