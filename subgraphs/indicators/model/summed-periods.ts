/**
 * What a KPI counted as sums of breakdowns, where nobody reported a total: the periods of
 * its own figures, of a derived indicator's inputs, or of an average's weights, by
 * indicator (the fromBreakdowns resolver names their breakdowns; the reason names them).
 */
import type { Observation } from './observation';
import type { FormulaInput } from './projection';
import type { Rolled } from './series';

/** An indicator's periods whose total is the sum of its breakdowns. */
export interface SummedPeriods {
  indicatorId: string;
  periods: string[];
}

/** The periods of `used` among `summed`, as one indicator's; none when there are none. */
export function summedOf(
  indicatorId: string,
  used: readonly Observation[] | undefined,
  summed: readonly Observation[] | undefined,
): SummedPeriods[] {
  const periods = (used ?? []).filter((o) => summed?.includes(o)).map((o) => o.period.text);
  return periods.length > 0 ? [{ indicatorId, periods }] : [];
}

/** A derived indicator's inputs counted as sums of their breakdowns (those the value used), by input. */
export function summedOfInputs(inputs: Map<string, FormulaInput>, rolled: Rolled): SummedPeriods[] {
  return [...inputs].flatMap(([indicatorId, input]) => summedOf(indicatorId, rolled.used, input.summed));
}

/** Sums named `[indicator] period`, followed by what is said of them; undefined when there are none. */
export function namedSums(summed: SummedPeriods[], said: string): string | undefined {
  const named = summed.flatMap(({ indicatorId, periods }) => periods.map((period) => `[${indicatorId}] ${period}`));
  return named.length > 0 ? `${named.join(', ')}: ${said}` : undefined;
}

/** The sums of breakdowns counted, named; undefined when none is. */
export const summedInputs = (summed: SummedPeriods[]): string | undefined =>
  namedSums(summed, 'the sums of their breakdowns, no total reported');

/** The sums among `used` (as summedOf) when `used` holds reported figures too; none otherwise: the two are not combined. */
export function mixedSums(
  indicatorId: string,
  used: readonly Observation[] | undefined,
  summed: readonly Observation[] | undefined,
): SummedPeriods[] {
  const sums = summedOf(indicatorId, used, summed);
  return sums.length > 0 && sums[0].periods.length < (used ?? []).length ? sums : [];
}
