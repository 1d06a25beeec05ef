/**
 * Series of figures over time: rolled up over a window by an indicator's rule (the figures
 * that tile it, coverage.ts), and computed per period for derived indicators.
 */
import type { Rollup } from '../../../lib/enums';
import type { Period } from '../../../lib/period';
import { monthsOf, tile } from './coverage';
import type { Observation } from './observation';
import { evaluateFormula, type Formula, formulaInputs } from './formula';

export type { Rollup };

export type { Observation } from './observation';

/** Least squares line through (x, y); null with fewer than two distinct x. */
export function leastSquares(points: Array<[number, number]>): { slope: number; at: (x: number) => number } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
  // Read about the means, not through an intercept at x = 0 (months since year 0: digits lost).
  return { slope, at: (x) => my + slope * (x - mx) };
}

export interface Rolled {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  periods: Period[];
  /** Per-period values, for the trend. */
  points: Observation[];
  /** The observations the value is made of. */
  used?: Observation[];
  /** For averages: the weight of each point. */
  weights?: number[];
  /** For averages weighted by another indicator: the figures of it the weights were taken from. */
  weightFigures?: Observation[];
  /** Months covered by the figures used ÷ months in the window (null for levels). */
  coverage: number | null;
  note?: string;
}

/**
 * The weight figures of a period: the weight indicator's figure for that period, or else
 * its figures for shorter periods of one type that cover it exactly (a weight is a count,
 * a flow: H1's is Q1's plus Q2's); undefined when there are none.
 */
function weightFiguresFor(period: Period, weights: Observation[]): Observation[] | undefined {
  const own = weights.find((w) => w.period.text === period.text);
  if (own) return [own];
  const months = period.lastMonth - period.firstMonth + 1;
  const inside = weights.filter(
    (w) => w.period.year === period.year && w.period.firstMonth >= period.firstMonth && w.period.lastMonth <= period.lastMonth,
  );
  for (const type of new Set(inside.map((w) => w.period.type))) {
    const parts = [...new Map(inside.filter((w) => w.period.type === type).map((w) => [w.period.text, w])).values()];
    const covered = parts.reduce((sum, w) => sum + w.period.lastMonth - w.period.firstMonth + 1, 0);
    if (covered === months) return parts;
  }
  return undefined;
}

/**
 * The weight of each figure of an average: its weight indicator's figure for the same
 * period (or its parts'), else its length in months; and the weight figures taken.
 */
function weightsOf(
  used: Observation[],
  weights: Observation[] | undefined,
): { weights: number[]; figures?: Observation[]; note?: string } {
  const months = used.map((o) => o.period.lastMonth - o.period.firstMonth + 1);
  if (!weights) return { weights: months };
  const found = used.map((o) => weightFiguresFor(o.period, weights));
  const missing = used.filter((_, i) => found[i] === undefined).map((o) => o.period.text);
  if (missing.length > 0) return { weights: months, note: `no weight for ${missing.join(', ')}: the mean weighted by months` };
  const figures = found as Observation[][];
  return { weights: figures.map((parts) => parts.reduce((sum, w) => sum + w.value, 0)), figures: figures.flat() };
}

/**
 * Rolls a series up over a window by the rule. Flows, averages and rates use the figures
 * that tile the window (its own figure, or non-overlapping sub-periods); `coverage` says
 * how much of the window they cover.
 */
export function rollUp(
  rule: Rollup,
  observations: Observation[],
  window: { start: string; end: string },
  percent: boolean,
  weights?: Observation[],
  meanOfRates = false,
): Rolled {
  if (rule === 'LAST') {
    const upTo = observations.filter((o) => o.period.end <= window.end);
    if (upTo.length === 0) return { value: null, numerator: null, denominator: null, periods: [], points: [], coverage: null };
    const latestEnd = upTo.reduce((m, o) => (o.period.end > m ? o.period.end : m), '');
    // At the latest end, the finest period is the most recent reading.
    const latest = upTo.filter((o) => o.period.end === latestEnd).sort((a, b) => b.period.start.localeCompare(a.period.start))[0];
    const points = upTo
      .filter((o) => o.period.type === latest.period.type)
      .sort((a, b) => a.period.start.localeCompare(b.period.start));
    return {
      value: latest.value,
      numerator: latest.numerator,
      denominator: latest.denominator,
      periods: [latest.period],
      points,
      used: [latest],
      coverage: null,
    };
  }
  const { used, coverage } = tile(observations, window);
  if (used.length === 0) return { value: null, numerator: null, denominator: null, periods: [], points: [], coverage: 0 };
  const periods = used.map((o) => o.period);
  return { ...rollUpWindow(rule, used, periods, percent, weights, meanOfRates), used, coverage };
}

function rollUpWindow(
  rule: Exclude<Rollup, 'LAST'>,
  inWindow: Observation[],
  periods: Period[],
  percent: boolean,
  weights: Observation[] | undefined,
  meanOfRates: boolean,
): Omit<Rolled, 'coverage'> {
  if (rule === 'SUM')
    return { value: inWindow.reduce((s, o) => s + o.value, 0), numerator: null, denominator: null, periods, points: inWindow };
  if (rule === 'AVERAGE') {
    const w = weightsOf(inWindow, weights);
    const total = w.weights.reduce((s, x) => s + x, 0);
    return {
      value: total === 0 ? null : inWindow.reduce((s, o, i) => s + o.value * w.weights[i], 0) / total,
      numerator: null,
      denominator: null,
      periods,
      points: inWindow,
      weights: w.weights,
      weightFigures: w.figures,
      note: total === 0 ? 'the weights sum to 0' : w.note,
    };
  }
  // RATIO: the sum of numerators over the sum of denominators, never a mean of rates.
  if (inWindow.every((o) => o.numerator !== null && o.denominator !== null)) {
    const numerator = inWindow.reduce((s, o) => s + o.numerator!, 0);
    const denominator = inWindow.reduce((s, o) => s + o.denominator!, 0);
    const value = denominator === 0 ? null : (numerator / denominator) * (percent ? 100 : 1);
    return {
      value,
      numerator,
      denominator,
      periods,
      points: inWindow,
      note: denominator === 0 ? 'the denominators sum to 0' : undefined,
    };
  }
  if (meanOfRates) {
    const months = inWindow.map((o) => o.period.lastMonth - o.period.firstMonth + 1);
    const total = months.reduce((s, m) => s + m, 0);
    return {
      value: inWindow.reduce((s, o, i) => s + o.value * months[i], 0) / total,
      numerator: null,
      denominator: null,
      periods,
      points: inWindow,
      note: 'the declared method of this rate: the mean of its rates, weighted by months (its parts are not collected)',
    };
  }
  const bare = inWindow.filter((o) => o.numerator === null || o.denominator === null).map((o) => o.period.text);
  return {
    value: null,
    numerator: null,
    denominator: null,
    periods,
    points: inWindow,
    note: `${bare.join(', ')} carry no numerator and denominator: rates are not averaged, so no value`,
  };
}

/**
 * The inputs of a formula that are summed or averaged over the window (not stocks and levels,
 * read at a date), restricted to the months every one of them covers: a rate of Q1–Q3's
 * cases within the limit over Q1–Q2's cases closed is no rate. A figure is kept only when
 * all its months are common; dropping one can shrink another input's months, so the
 * restriction is repeated until nothing changes. What was left out is named.
 */
export function alignedInputs(
  inputs: Map<string, { rule: Rollup; observations: Observation[]; percent: boolean }>,
  ids: string[],
  window: { start: string; end: string },
): AlignedInputs {
  const spread = ids.filter((id) => inputs.get(id) && inputs.get(id)!.rule !== 'LAST');
  const observations = new Map(ids.map((id) => [id, inputs.get(id)?.observations ?? []]));
  if (spread.length < 2) return { observations, leftOut: [], gaps: new Set() };
  const tiled = () => new Map(spread.map((id) => [id, tile(observations.get(id)!, window).used]));
  const first = tiled();
  for (let round = 0; round < 12; round += 1) {
    const used = tiled();
    const covered = spread.map((id) => new Set(used.get(id)!.flatMap((o) => monthsOf(o.period))));
    const common = [...covered[0]].filter((m) => covered.every((set) => set.has(m)));
    const commonSet = new Set(common);
    if (covered.every((set) => set.size === common.length)) break;
    for (const id of spread)
      observations.set(
        id,
        observations.get(id)!.filter((o) => monthsOf(o.period).every((m) => commonSet.has(m))),
      );
  }
  const kept = tiled();
  const leftOut = spread.flatMap((id) =>
    first
      .get(id)!
      .filter((o) => !kept.get(id)!.includes(o))
      .map((o) => `[${id}] ${o.period.text}`),
  );
  const common = new Set([...kept.values()][0].flatMap((o) => monthsOf(o.period)));
  const reported = [...first.values()].flat().flatMap((o) => monthsOf(o.period));
  const [from, to] = [Math.min(...reported), Math.max(...reported)];
  const gaps = new Set(Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i).filter((m) => !common.has(m)));
  return { observations, leftOut, gaps };
}

/** A formula's inputs restricted to the months every one reports (alignedInputs). */
export interface AlignedInputs {
  observations: Map<string, Observation[]>;
  /** The figures left out, named `[input] period`. */
  leftOut: string[];
  /** The months, up to the last any input reports, that some report and others do not: left out of every input's projection too. */
  gaps: ReadonlySet<number>;
}

/** Evaluates a derived indicator per period and over the window from its inputs' series. */
export function deriveSeries(
  formula: Formula,
  inputs: Map<string, { rule: Rollup; observations: Observation[]; percent: boolean }>,
  window: { start: string; end: string },
): { rolled: Rolled; reason?: string } {
  const ids = formulaInputs(formula);
  const aligned = alignedInputs(inputs, ids, window);
  const rolledInputs = new Map(
    ids.map((id) => [
      id,
      inputs.get(id) ? rollUp(inputs.get(id)!.rule, aligned.observations.get(id)!, window, inputs.get(id)!.percent) : null,
    ]),
  );
  const total = evaluateFormula(formula, (id) => rolledInputs.get(id)?.value ?? null);
  const leftOut = aligned.leftOut.length
    ? `${aligned.leftOut.join(', ')} left out: the formula combines only the months every input reports`
    : undefined;
  // Per period: where every input has a figure for exactly that period.
  const byPeriod = new Map(ids.map((id) => [id, new Map((inputs.get(id)?.observations ?? []).map((o) => [o.period.text, o]))]));
  const periodTexts = new Map<string, Period>();
  for (const id of ids) for (const o of inputs.get(id)?.observations ?? []) periodTexts.set(o.period.text, o.period);
  const points: Observation[] = [];
  // By start, then end: periods starting the same day (2025Q3, 2025-07) in one order whatever the figures' order.
  const ordered = [...periodTexts.values()].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  for (const period of ordered) {
    if (period.end > window.end) continue;
    const at = evaluateFormula(formula, (id) => byPeriod.get(id)?.get(period.text)?.value ?? null);
    if (at.value === null) continue;
    const demo = ids.some((id) => byPeriod.get(id)?.get(period.text)?.source === 'demo');
    points.push({ period, value: at.value, numerator: null, denominator: null, source: demo ? 'demo' : null });
  }
  const periods = ids.flatMap((id) => rolledInputs.get(id)?.periods ?? []);
  return {
    rolled: {
      value: total.value,
      numerator: null,
      denominator: null,
      periods: [...new Map(periods.map((p) => [p.text, p])).values()],
      points,
      used: ids.flatMap((id) => rolledInputs.get(id)?.used ?? []),
      coverage: ids.reduce<number | null>((m, id) => Math.min(m ?? 1, rolledInputs.get(id)?.coverage ?? 1), null),
    },
    reason: [total.value === null ? total.reason : undefined, leftOut].filter(Boolean).join('; ') || undefined,
  };
}
