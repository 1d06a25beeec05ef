/**
 * What a KPI counts over its window (kpi.ts): the indicator's own figures rolled up by its
 * rule, or a derived indicator's computed from its inputs, like with like; the sums of
 * breakdowns that stood for totals nobody reported (summed-periods.ts), and the periods
 * only breakdowns were reported for, which no sum stands for (coverage.ts), each said in
 * its reason. The rules, with worked examples, are in docs/methodology.md.
 */
import type { ValueKind } from '../../../lib/enums';
import type { Period, PeriodType } from '../../../lib/period';
import { breakdownsOnly, type PartsTally, totalsFromBreakdowns } from './coverage';
import type { Formula } from './formula';
import { likeWithLike } from './formula-inputs';
import type { FormulaInput } from './projection';
import { deriveSeries, type Observation, type Rolled, type Rollup, rollUp } from './series';
import { mixedSums, namedSums, summedInputs, summedOf, summedOfInputs, type SummedPeriods } from './summed-periods';
import type { Comparator, Window } from './targets';

export interface KpiIndicator {
  id: string;
  comparator: Comparator | null;
  targetValue: number | null;
  deadline: string | null;
  rollup: Rollup;
  /** What its values are (a count, a score, a share…): whether its breakdowns add up (breakdownsAddUp). */
  valueKind: ValueKind;
  /** Rates in percent (maxValue 100) scale numerator ÷ denominator by 100. */
  percent: boolean;
  formula: Formula | null;
  /** A relative target written 超/低于 X %: strictly beyond the bound, not at it. */
  strict?: boolean;
  /** A target that holds from its deadline on (CONTINUOUS): evaluated year by year. */
  continuing?: boolean;
  /** For averages: the indicator whose figures weight each period (cases closed weight closure days). */
  weightIndicator?: string | null;
  /** A rate declared to be averaged (its parts are not collected): the mean of the rates, said so. */
  meanOfRates?: boolean;
}

export interface KpiInput {
  indicator: KpiIndicator;
  observations: Observation[];
  baseline: number | null;
  asOf: string;
  /** Days after the window closes that its last figure is due (the reporting calendar's); 0 when none. */
  dueDays?: number;
  /** The period type the reporting calendar owes (reports of it due dueDays after each); none without a calendar. */
  reportingType?: PeriodType | null;
  /** The first day of the first period the calendar owes: months before it are not missing. */
  owedFrom?: string | null;
  /** Series of the inputs of a derived indicator. */
  inputs?: Map<string, FormulaInput>;
  /** For a weighted average: the weight indicator's figures. */
  weights?: Observation[];
  /** Those of `weights` that are sums of the weight indicator's breakdowns, where it has no total. */
  summedWeights?: readonly Observation[];
  /** The breakdown evaluated ("" or absent for the total): it has no target of its own. */
  breakdown?: string;
  /** For the total: its breakdowns added up per period, reconciled with it and standing in where it has none. */
  breakdownTallies?: PartsTally[];
}

/** What a KPI counts over its window, and what its reason says about it. */
export interface WindowFigures {
  rolled: Rolled;
  /** What was counted and how, where the rule alone does not say it: sums, what was set aside, breakdowns alone. */
  reason: string | undefined;
  summedPeriods: SummedPeriods[];
  /** Periods only breakdowns were reported for, which no sum stands for (after the one a LAST counts). */
  partsOnly: Period[];
  /** A derived indicator's inputs, like with like (projected with it). */
  inputs: Map<string, FormulaInput>;
  /** The total's breakdowns added up per period. */
  tallies: PartsTally[];
}

export function windowFigures(input: KpiInput, window: Window): WindowFigures {
  const { indicator, weights } = input;
  // A derived indicator's inputs, like with like: no sum of breakdowns beside a reported total.
  const { inputs, setAside } = likeWithLike(input.inputs ?? new Map());
  // Where only breakdowns were reported, their sum stands for the total.
  const tallies = input.breakdownTallies ?? [];
  const summed = totalsFromBreakdowns(indicator, input.observations, tallies, indicator.percent);
  const observations = [...input.observations, ...summed];
  let rolled: Rolled;
  let reason: string | undefined;
  let summedPeriods: SummedPeriods[];
  let partsOnly: Period[] = [];
  if (indicator.formula) {
    ({ rolled, reason } = deriveSeries(indicator.formula, inputs, window));
    summedPeriods = summedOfInputs(inputs, rolled);
    const notCombined = setAside.length
      ? `${setAside.join(', ')}: sums of breakdowns, not combined with another input's reported total`
      : undefined;
    reason = [reason, summedInputs(summedPeriods), notCombined].filter(Boolean).join('; ') || undefined;
  } else {
    rolled = rollUp(indicator.rollup, observations, window, indicator.percent, weights, indicator.meanOfRates);
    // Like with like: an average's weights are not some periods' totals beside others' sums of districts.
    const mixedWeights = mixedSums(indicator.weightIndicator ?? '', rolled.weightFigures, input.summedWeights);
    if (mixedWeights.length > 0) {
      const totalsOnly = weights?.filter((w) => !input.summedWeights?.includes(w));
      rolled = rollUp(indicator.rollup, observations, window, indicator.percent, totalsOnly, indicator.meanOfRates);
    }
    const own = summedOf(indicator.id, rolled.used, summed);
    // An average's weights count where they come from, as a derived indicator's inputs do.
    const weighted = indicator.weightIndicator
      ? summedOf(indicator.weightIndicator, rolled.weightFigures, input.summedWeights)
      : [];
    summedPeriods = [...own, ...weighted];
    // Districts reported where the city did not, and no sum of theirs stands for it: said. A
    // latest value (LAST) is not read before the one it counts; a window's sum or mean is read whole.
    const latest = rolled.periods.reduce<string | null>((m, p) => (m === null || p.end > m ? p.end : m), null);
    const after = indicator.rollup === 'LAST' ? latest : null;
    partsOnly = breakdownsOnly(input.observations, tallies, summed, { ...window, after });
    const unsummed = partsOnly.length
      ? `${partsOnly.map((p) => p.text).join(', ')}: only breakdowns reported, which do not add up to a total`
      : undefined;
    const notCombined = namedSums(mixedWeights, "sums of breakdowns, not combined with the weight indicator's reported totals");
    reason = [rolled.note, summedInputs(weighted), notCombined, unsummed].filter(Boolean).join('; ') || undefined;
  }
  return { rolled, reason, summedPeriods, partsOnly, inputs, tallies };
}
