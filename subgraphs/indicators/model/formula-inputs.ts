/**
 * Like with like in a derived indicator: a sum of an input's breakdowns stands for its
 * total (coverage.ts, totalsFromBreakdowns), but a formula never combines such a sum with
 * another input's reported total for the same months. The districts that reported are not
 * known to be all of the city's: cases closed within the limit for the city over the cases
 * closed of one district is no rate (195 %). Stocks and levels (LAST) are read at a date,
 * not combined month by month: they are left as they are.
 */
import type { FormulaInput } from './projection';
import type { Observation } from './observation';

const overlaps = (a: Observation, b: Observation) => a.period.start <= b.period.end && b.period.start <= a.period.end;

/** The inputs without the sums that would meet another input's reported total, and those sums, named `[input] period`. */
export function likeWithLike(inputs: Map<string, FormulaInput>): { inputs: Map<string, FormulaInput>; setAside: string[] } {
  const spread = [...inputs].filter(([, input]) => input.rule !== 'LAST');
  const reported = new Map(
    spread.map(([id, input]) => [id, input.observations.filter((o) => !(input.summed ?? []).includes(o))]),
  );
  const setAside: string[] = [];
  const matched = new Map(inputs);
  for (const [id, input] of spread) {
    const beside = (o: Observation) => spread.some(([other]) => other !== id && reported.get(other)!.some((r) => overlaps(o, r)));
    const dropped = (input.summed ?? []).filter(beside);
    if (dropped.length === 0) continue;
    setAside.push(...dropped.map((o) => `[${id}] ${o.period.text}`));
    matched.set(id, {
      ...input,
      observations: input.observations.filter((o) => !dropped.includes(o)),
      summed: (input.summed ?? []).filter((o) => !dropped.includes(o)),
    });
  }
  return { inputs: matched, setAside };
}
