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

/** The sums of breakdowns counted, named; undefined when none is. */
export function summedInputs(summed: SummedPeriods[]): string | undefined {
  const named = summed.flatMap(({ indicatorId, periods }) => periods.map((period) => `[${indicatorId}] ${period}`));
  return named.length > 0 ? `${named.join(', ')}: the sums of their breakdowns, no total reported` : undefined;
}

/** The periods of the sums among `used` when `used` holds reported figures too (none otherwise): the two are not combined. */
export function mixedSums(used: readonly Observation[] | undefined, summed: readonly Observation[] | undefined): string[] {
  const sums = (used ?? []).filter((o) => summed?.includes(o));
  return sums.length > 0 && sums.length < (used ?? []).length ? sums.map((o) => o.period.text) : [];
}
