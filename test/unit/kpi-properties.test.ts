/**
 * Invariants of the KPI core as properties (fast-check), beside the worked examples of
 * docs/methodology.md: the same figures in any order, by month or by quarter, or in another
 * unit give the same verdict (scaled); a rate stays within the rates of the periods it
 * counts; a projection never moves off a figure already final for the window's end; a KPI
 * of accepted figures only never counts another.
 *
 * Numbers: figures are whole numbers and units are scaled by powers of two, which is exact
 * in binary floating point, so sums, means, lines and ratios are compared exactly; a rate
 * is compared with the rates of its periods with a relative tolerance of 1e-12. The seed is
 * fixed, so a run is reproducible. A property the code does not keep yet is marked failing,
 * with a minimal counterexample.
 */
import fc from 'fast-check';
import { groupBy } from '../../lib/collections';
import type { Comparator } from '../../lib/enums';
import { type Period, type PeriodType, parsePeriod } from '../../lib/period';
import type { KpiReads } from '../../subgraphs/indicators/data/kpi-reads';
import type { KpiIndicatorRow } from '../../subgraphs/indicators/data/kpi-rows';
import type { TimeAxes } from '../../subgraphs/indicators/model/axes';
import { addDays } from '../../subgraphs/indicators/model/calendar';
import { addToTally, emptyTally } from '../../subgraphs/indicators/model/coverage';
import { parseFormula } from '../../subgraphs/indicators/model/formula';
import { evaluateKpi, type Kpi, type KpiInput, type Observation, type Rollup } from '../../subgraphs/indicators/model/kpi';
import { evaluateKpis } from '../../subgraphs/indicators/services/kpi-service';

fc.configureGlobal({ numRuns: 300, seed: 20251231 });

const MONTHS = Array.from({ length: 12 }, (_, i) => `-${String(i + 1).padStart(2, '0')}`);
const SUFFIXES = ['', 'H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', ...MONTHS];
const PERIODS = [2024, 2025].flatMap((year) => SUFFIXES.map((s) => parsePeriod(`${year}${s}`)!));
const p = (text: string) => parsePeriod(text)!;
const count = (period: Period, value: number): Observation => ({ period, value, numerator: null, denominator: null });
/** A figure made of two whole numbers: a count a, or a rate's parts n = a mod (d + 1) ≤ d and their percentage. */
const figure = (period: Period, [a, d]: [number, number], rate: boolean): Observation =>
  rate ? { period, value: ((a % (d + 1)) / d) * 100, numerator: a % (d + 1), denominator: d } : count(period, a);
const pair = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 }));
/** Figures of distinct periods of 2024–2025, overlapping ones among them (a year beside its quarters). */
const figures = (rate: boolean) =>
  fc
    .subarray(PERIODS, { minLength: 1, maxLength: 12 })
    .chain((ps) =>
      fc.array(pair, { minLength: ps.length, maxLength: ps.length }).map((v) => ps.map((q, i) => figure(q, v[i], rate))),
    );

const COMPARATORS: Comparator[] = ['AT_LEAST', 'MORE_THAN', 'AT_MOST', 'EQUAL', 'REDUCE_BY_PERCENT', 'INCREASE_BY_PERCENT'];
const KINDS = ['SUM', 'AVERAGE', 'RATIO', 'LAST', 'DERIVED'] as const;

/** An evaluation: which kind of indicator (a derived one: [a] / [b] × 100), its target, the reference date, the calendar. */
const setting = {
  kind: fc.constantFrom(...KINDS),
  inputRule: fc.constantFrom<Rollup>('SUM', 'LAST'),
  comparator: fc.constantFrom(...COMPARATORS),
  t: fc.integer({ min: 2, max: 300 }),
  deadline: fc.constantFrom<string | null>('2025-12', '2025-06', null),
  asOf: fc.constantFrom('2025-03-31', '2025-06-30', '2025-08-15', '2025-09-30', '2025-12-31', '2026-01-15', '2026-04-30'),
  dueDays: fc.constantFrom(0, 15, 90),
  reportingType: fc.constantFrom<PeriodType | null>(null, 'QUARTER', 'HALF'),
};
type Scenario = { [K in keyof typeof setting]: (typeof setting)[K] extends fc.Arbitrary<infer T> ? T : never } & {
  /** The indicator's figures; a derived one's are its inputs `a` and `b`. */
  own: Observation[];
  a: Observation[];
  b: Observation[];
};
/** A derived rate's inputs are the parts of its own figures, period by period: a the numerators, b the denominators. */
const withInputs = <S extends { own: Observation[] }>(s: S) => ({
  ...s,
  a: s.own.map((o) => count(o.period, o.numerator ?? 0)),
  b: s.own.map((o) => count(o.period, o.denominator ?? 0)),
});
/** Whether the indicator is a rate (its figures are a numerator and a denominator, or its formula divides). */
const rated = (s: { kind: string }) => s.kind === 'RATIO' || s.kind === 'DERIVED';
const scenarioOf = (over: Partial<typeof setting> = {}): fc.Arbitrary<Scenario> =>
  fc.record({ ...setting, ...over }).chain((s) => figures(rated(s)).map((own) => withInputs({ ...s, own })));
const scenario = scenarioOf();
const FLOW = { kind: 'SUM', inputRule: 'SUM', deadline: '2025-12', dueDays: 15, reportingType: null } as const;

/** The target written for t: a relative one (1–50 %) against a baseline of 4·t, else 4·t (a rate: t %); never below 4. */
const targetOf = (comparator: Comparator, t: number, rate: boolean) =>
  comparator === 'REDUCE_BY_PERCENT' || comparator === 'INCREASE_BY_PERCENT'
    ? { targetValue: (t % 50) + 1, baseline: 4 * t }
    : { targetValue: rate ? (t % 100) + 1 : 4 * t, baseline: null };

/** The KPI input, as the reads give it: the periods ended by the reference date. */
function build(s: Scenario): KpiInput {
  const derived = s.kind === 'DERIVED';
  const rate = rated(s);
  const seen = (list: Observation[]) => list.filter((o) => o.period.end <= s.asOf);
  const { targetValue, baseline } = targetOf(s.comparator, s.t, rate);
  const input = (list: Observation[]) => ({ rule: s.inputRule, observations: seen(list), percent: false });
  return {
    indicator: {
      ...{
        id: 'x',
        comparator: s.comparator,
        targetValue,
        deadline: s.deadline,
        percent: rate,
        valueKind: rate ? 'PERCENT' : 'COUNT',
      },
      ...{ rollup: s.kind === 'DERIVED' ? 'RATIO' : s.kind, formula: derived ? parseFormula('[a] / [b] × 100') : null },
    },
    ...{ observations: derived ? [] : seen(s.own), baseline, asOf: s.asOf, dueDays: s.dueDays, reportingType: s.reportingType },
    inputs: derived ? new Map(Object.entries({ a: input(s.a), b: input(s.b) })) : undefined,
  };
}

/** The scenario, and the same with each series shuffled. */
const shuffled = (base: fc.Arbitrary<Scenario>) =>
  base.chain((s) => {
    const shuffle = (list: Observation[]) => fc.shuffledSubarray(list, { minLength: list.length });
    return fc.record({ own: shuffle(s.own), a: shuffle(s.a), b: shuffle(s.b) }).map((lists) => [s, { ...s, ...lists }] as const);
  });
const normal = (k: Kpi) => ({ ...k, warnings: [...k.warnings].sort((x, y) => x.message.localeCompare(y.message)) });
describe('the KPI core, for any figures', () => {
  it('gives the same KPI (value, projection, status, reason; warnings as a set) whatever the order of the figures', () => {
    fc.assert(
      fc.property(shuffled(scenario), ([s, permuted]) => {
        expect(normal(evaluateKpi(build(permuted)))).toEqual(normal(evaluateKpi(build(s))));
      }),
    );
  });

  // Periods starting on one day (2025Q3, 2025-07) are ordered by their end too, so a derived KPI's fallback line
  // through its own per-period values does not depend on the order its inputs' figures came in.
  it('… also when a derived KPI projects a line through its own per-period values', () => {
    const derived = scenarioOf({ kind: fc.constant('DERIVED' as const), inputRule: fc.constant<Rollup>('LAST') });
    fc.assert(
      fc.property(shuffled(derived), ([s, permuted]) => {
        expect(normal(evaluateKpi(build(permuted)))).toEqual(normal(evaluateKpi(build(s))));
      }),
    );
  });

  it('gives a flow the same value, projection and status over a covered year by month, by quarter or both (agreeing)', () => {
    const ways = fc.array(fc.constantFrom('months', 'quarter', 'both'), { minLength: 4, maxLength: 4 });
    const months = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 });
    const asOf = fc.constantFrom('2025-12-31', '2026-01-10', '2026-01-15', '2026-06-30');
    const comparator = fc.constantFrom(...COMPARATORS);
    fc.assert(
      fc.property(months, ways, comparator, fc.integer({ min: 2, max: 3000 }), asOf, (values, ways, comparator, t, asOf) => {
        const month = (m: number) => count(p(`2025${MONTHS[m]}`), values[m]);
        const quarter = (q: number) => count(p(`2025Q${q + 1}`), values[3 * q] + values[3 * q + 1] + values[3 * q + 2]);
        const byQuarter = [0, 1, 2, 3].map(quarter);
        const mixed = [0, 1, 2, 3].flatMap((q) => [
          ...(ways[q] === 'quarter' ? [] : [month(3 * q), month(3 * q + 1), month(3 * q + 2)]),
          ...(ways[q] === 'months' ? [] : [quarter(q)]),
        ]);
        const kpi = (own: Observation[]) => {
          const k = evaluateKpi(build({ ...FLOW, a: [], b: [], comparator, t, asOf, own }));
          return { ...k, periods: [], projectionMethod: '', warnings: [] };
        };
        expect(kpi(mixed)).toEqual(kpi(byQuarter));
      }),
    );
  });

  it('scales value, gap and projection by k and keeps status and progress, when every figure and the target are scaled by k = 2^e', () => {
    // Targets of at least 4 and k ≥ 1/4 keep k × target ≥ 1, where the comparison's tolerance (1e-9 × |target|) scales too.
    const cases = scenario.filter((s) => !rated(s));
    fc.assert(
      fc.property(cases, fc.integer({ min: -2, max: 10 }), fc.integer({ min: -2, max: 2 }), (s, e, near) => {
        const k = 2 ** e;
        const plain = build(s);
        // Mostly an absolute target next to the value, where a tolerance in units would show.
        const value = evaluateKpi(plain).actual;
        if (value !== null && plain.baseline === null && near !== 0)
          plain.indicator.targetValue = Math.max(4, Math.round(value) + near);
        const scaled = build({ ...s, own: s.own.map((o) => ({ ...o, value: o.value * k })) });
        const relative = plain.baseline !== null;
        scaled.indicator.targetValue = relative ? plain.indicator.targetValue : plain.indicator.targetValue! * k;
        scaled.baseline = relative ? plain.baseline! * k : null;
        const times = (x: number | null, by: number) => (x === null ? null : x * by);
        const verdict = (kpi: Kpi, by: number) => ({
          status: kpi.status,
          progress: kpi.progress,
          willMeetTarget: kpi.willMeetTarget,
          ...Object.fromEntries((['actual', 'projected', 'gap', 'effectiveTarget'] as const).map((f) => [f, times(kpi[f], by)])),
        });
        // Figures are stated to 15 significant digits (published): equal to that, once scaled.
        const [got, expected] = [verdict(evaluateKpi(scaled), 1), verdict(evaluateKpi(plain), k)];
        const close = (a: unknown, b: unknown) =>
          typeof a === 'number' && typeof b === 'number'
            ? Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b))
            : a === b;
        const far = Object.keys(expected).filter(
          (key) => !close(got[key as keyof typeof got], expected[key as keyof typeof expected]),
        );
        expect({ far, got }).toEqual({ far: [], got });
      }),
    );
  });

  it('gives a rate (Σ numerators ÷ Σ denominators) between the lowest and highest rate of the periods it counts, projected within 0–100 %', () => {
    const cases = scenario.filter(rated);
    fc.assert(
      fc.property(cases, (s) => {
        const kpi = evaluateKpi(build(s));
        if (kpi.actual === null) return;
        const rates = s.own.filter((o) => kpi.periods.includes(o.period.text)).map((o) => (o.numerator! / o.denominator!) * 100);
        expect(rates).toHaveLength(kpi.periods.length);
        expect(kpi.actual).toBeGreaterThanOrEqual(Math.min(...rates) * (1 - 1e-12));
        expect(kpi.actual).toBeLessThanOrEqual(Math.max(...rates) * (1 + 1e-12));
        if (kpi.projected !== null) expect(kpi.projected).toBeGreaterThanOrEqual(0);
        if (kpi.projected !== null) expect(kpi.projected).toBeLessThanOrEqual(100);
      }),
    );
  });

  /** The scenario with a figure (of each input) ending on the window's end, as of that day or a few days later; a's values × `a`. */
  const last = fc.constantFrom('2025', '2025H2', '2025Q4', '2025-12', '2025H1', '2025Q2', '2025-06').map(p);
  const final = fc.record({ last, late: fc.constantFrom(0, 5), dueDays: fc.constantFrom(15, 30, 90) });
  const atEnd = (s: Scenario, { last, late, dueDays }: { last: Period; late: number; dueDays: number }, a = 1) => {
    const own = [...s.own.filter((o) => o.period.text !== last.text), figure(last, [1, 2], rated(s))];
    const ended = withInputs({ ...s, own, deadline: last.end.slice(0, 7), dueDays, asOf: addDays(last.end, late) });
    return evaluateKpi(build({ ...ended, a: ended.a.map((o) => ({ ...o, value: o.value * a })) }));
  };

  it("projects, while the window is open, the actual value itself once a figure ends on the window's end", () => {
    fc.assert(
      fc.property(scenario, final, (s, end) => {
        const kpi = atEnd(s, end);
        expect(kpi.windowComplete).toBe(false);
        expect(kpi.projected).toBe(kpi.actual);
      }),
    );
  });

  // A derived rate whose inputs all end on the window's end is final: its projection is its actual value, even when
  // the inputs disagree (a above b: above 100 %), never a value held within 0–100 % that the figures contradict.
  it('… also for a derived rate whose inputs disagree (a above b: above 100 %)', () => {
    fc.assert(
      fc.property(scenarioOf({ kind: fc.constant('DERIVED' as const) }), final, (s, end) => {
        const kpi = atEnd(s, end, 3);
        expect(kpi.projected).toBe(kpi.actual);
      }),
    );
  });

  it('counts, under the accepted-only rule, exactly the accepted figures: unaccepted ones added or changed change no KPI', async () => {
    // The rule is applied by the reads (SQL; end to end in test/e2e/submission-review.test.ts). These stand-in reads
    // honour the rule they are asked with, so the property holds only if every read is asked with it.
    const row = (id: string, over: Partial<KpiIndicatorRow>): KpiIndicatorRow => ({
      ...{ id, name: id, headline: false, comparator: 'AT_LEAST', targetValue: 1000, deadline: '2025-12', rollup: 'SUM' },
      ...{
        valueKind: 'COUNT',
        maxValue: null,
        formula: null,
        calendarPeriodType: 'QUARTER',
        calendarDueDays: 15,
        reportingFrom: '2024-01-01',
      },
      ...{ owners: [], taskIds: [], periodicity: 'BY_DEADLINE', strictBound: false, weightIndicatorId: null, meanOfRates: false },
      ...over,
    });
    const ROWS = [
      row('flow', {}),
      row('closed', { comparator: null, targetValue: null }),
      row('rate', { rollup: 'RATIO', maxValue: 100, targetValue: 60 }),
      row('days', { rollup: 'AVERAGE', comparator: 'AT_MOST', targetValue: 500, weightIndicatorId: 'closed' }),
      row('share', { rollup: 'RATIO', maxValue: 100, targetValue: 50, formula: '[flow] ÷ [closed] × 100' }),
    ];
    type Stored = { indicator: string; breakdown: string; figure: Observation; accepted: boolean };
    const reads = (stored: Stored[]) => {
      const counts = (s: Stored, { asOf, figures }: TimeAxes) => s.figure.period.end <= asOf && (figures === 'ALL' || s.accepted);
      /** Per indicator, its figures of periods ended by the reference date, under the figure rule, shaped by `each`. */
      const read =
        <T>(breakdown: (b: string, all: boolean) => boolean, each: (list: Stored[]) => T) =>
        async (ids: readonly string[], axes: TimeAxes, all = false) => {
          const counted = stored.filter((s) => ids.includes(s.indicator) && breakdown(s.breakdown, all) && counts(s, axes));
          return new Map([...groupBy(counted, (s) => s.indicator)].map(([id, list]) => [id, each(list)]));
        };
      const tally = (group: Stored[]) => group.reduce((t, s) => (addToTally(t, s.figure), t), emptyTally(group[0].figure.period));
      return {
        indicators: async () => ROWS,
        observations: read(
          (b, all) => all || b === '',
          (list) => new Map([...groupBy(list, (s) => s.breakdown)].map(([b, l]) => [b, l.map((s) => s.figure)])),
        ),
        breakdownTallies: read(
          (b) => b !== '',
          (list) => [...groupBy(list, (s) => s.figure.period.text).values()].map(tally),
        ),
        baselines: async () => new Map(),
      } as unknown as KpiReads;
    };
    const stored = fc.uniqueArray(
      fc.record({
        indicator: fc.constantFrom('flow', 'closed', 'rate', 'days'),
        breakdown: fc.constantFrom('', 'A', 'B'),
        period: fc.constantFrom(...PERIODS),
        values: fc.tuple(pair, pair),
        accepted: fc.boolean(),
        /** Only in the second state: an unaccepted figure added. */
        added: fc.boolean(),
      }),
      { selector: (r) => `${r.indicator}|${r.breakdown}|${r.period.text}`, maxLength: 30 },
    );
    const asOf = fc.constantFrom('2025-06-30', '2025-09-30', '2025-12-31', '2026-04-30');
    const IDS = ROWS.map((r) => r.id);
    await fc.assert(
      fc.asyncProperty(stored, asOf, fc.boolean(), async (rows, asOf, allBreakdowns) => {
        /** The figures before, and after unaccepted ones were added and changed (their second values). */
        const state = (second: boolean) =>
          rows
            .filter((r) => second || !r.added)
            .map((r) => ({ ...r, accepted: r.accepted && !r.added }))
            .map((r) => ({ ...r, figure: figure(r.period, r.values[second && !r.accepted ? 1 : 0], r.indicator === 'rate') }));
        const kpis = async (figures: TimeAxes['figures'], list: Stored[]) => {
          const axes = { asOf, recordedAsOf: null, figures };
          const result = await evaluateKpis(reads(list), IDS, axes, allBreakdowns);
          return [...result].map(([id, all]) => [id, all.map(({ figureRule, axes, ...kpi }) => kpi)]);
        };
        const before = state(false);
        const onlyAccepted = before.filter((r) => r.accepted);
        const expected = await kpis('ALL', onlyAccepted);
        expect(await kpis('ACCEPTED', before)).toEqual(expected);
        expect(await kpis('ACCEPTED', state(true))).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
