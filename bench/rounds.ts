/**
 * Verdicts that hold: every aim is measured over several rounds and judged on all of them.
 * An aim is met when every round meets it, missed when none does, and inconclusive
 * otherwise (the rounds' spread straddles the aim: more rounds, `--full`, or a quieter
 * machine may settle it). Each row keeps its rounds' values and their min, median and max.
 */

export type Verdict = 'met' | 'missed' | 'inconclusive';

export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** What a measure is judged against: its text in the tables, and the test a round's value must pass. */
export interface Aim {
  text: string;
  meets: (value: number) => boolean;
}

export const atMost = (limit: number, text = String(limit)): Aim => ({ text: `≤ ${text}`, meets: (v) => v <= limit });
export const atLeast = (limit: number, text = String(limit)): Aim => ({ text: `≥ ${text}`, meets: (v) => v >= limit });

/** The rounds of the short run and of `--full`. */
export const roundsFor = (full: boolean): number => (full ? 5 : 3);

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const spreadOf = (values: number[]): Spread => ({
  min: Math.min(...values),
  median: median(values),
  max: Math.max(...values),
});

/** met when every round meets the aim, missed when none does, inconclusive otherwise. */
export function verdictOf(meets: boolean[]): Verdict {
  if (meets.length === 0) throw new Error('bench: an aim judged on no round');
  if (meets.every(Boolean)) return 'met';
  return meets.some(Boolean) ? 'inconclusive' : 'missed';
}

/** The fields of a row measured over rounds: the values, in round order, and their spread. */
export interface OverRounds {
  rounds: number[];
  spread: Spread;
}

export const overRounds = (values: number[]): OverRounds => ({ rounds: values, spread: spreadOf(values) });

/**
 * A row's aim judged over its rounds. `valid[i]` false (an answer that failed in round i,
 * a hostile request answered wrongly) makes round i miss whatever its value.
 */
export function judged(values: number[], aim: Aim, valid: boolean[] = []): OverRounds & { aim: string; verdict: Verdict } {
  return {
    ...overRounds(values),
    aim: aim.text,
    verdict: verdictOf(values.map((v, i) => valid[i] !== false && aim.meets(v))),
  };
}

/** Two measures one after the other: the first of them first in even rounds, the second first in odd ones. */
export async function inTurn<A, B>(round: number, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  if (round % 2 === 0) {
    const a = await first();
    return [a, await second()];
  }
  const b = await second();
  return [await first(), b];
}
