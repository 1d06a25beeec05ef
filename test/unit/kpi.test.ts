/** Target status: comparators at the boundary, roll-up rules, baselines, windows and trends. */
import { parsePeriod } from '../../lib/period';
import {
  evaluateKpi,
  type KpiIndicator,
  meets,
  type Observation,
  progressPercent,
  rollUp,
} from '../../subgraphs/indicators/model/kpi';
import { parseFormula } from '../../subgraphs/indicators/model/formula';

const obs = (period: string, value: number, numerator: number | null = null, denominator: number | null = null): Observation => ({
  period: parsePeriod(period)!,
  value,
  numerator,
  denominator,
});
const indicator = (over: Partial<KpiIndicator>): KpiIndicator => ({
  id: 'x',
  comparator: 'AT_LEAST',
  targetValue: 100,
  deadline: '2025-12',
  rollup: 'LAST',
  valueKind: 'COUNT',
  percent: false,
  formula: null,
  ...over,
});
const AS_OF = '2025-12-31';
const status = (over: Partial<KpiIndicator>, observations: Observation[], baseline: number | null = null, asOf = AS_OF) =>
  evaluateKpi({ indicator: indicator(over), observations, baseline, asOf });

it("states its figures without floating point's noise: 20 % over a baseline of 3 is 3.6, the gap of 4 to it 0.4", () => {
  const kpi = status({ comparator: 'INCREASE_BY_PERCENT', targetValue: 20, rollup: 'LAST' }, [obs('2025', 4)], 3);
  expect(kpi).toMatchObject({ effectiveTarget: 3.6, gap: 0.4, actual: 4, status: 'ACHIEVED' });
  // Sums of decimal figures: 0.1 + 0.2 is 0.3.
  const sum = status({ comparator: 'AT_LEAST', targetValue: 0.3, rollup: 'SUM' }, [obs('2025H1', 0.1), obs('2025H2', 0.2)]);
  expect(sum).toMatchObject({ actual: 0.3, gap: 0, status: 'ACHIEVED' });
});

describe('each comparator at the boundary: exactly at target, one step either side', () => {
  it.each([
    ['AT_LEAST', 83.5, [83.4, false], [83.5, true], [83.6, true]],
    ['MORE_THAN', 40, [39.9, false], [40, false], [40.1, true]],
    ['AT_MOST', 100, [99, true], [100, true], [101, false]],
    ['EQUAL', 100, [99.9, false], [100, true], [100.1, false]],
  ] as const)('%s %d', (comparator, target, below, at, above) => {
    for (const [value, expected] of [below, at, above]) expect(meets(comparator, value, target)).toBe(expected);
    for (const [value, expected] of [below, at, above]) {
      expect(status({ comparator, targetValue: target }, [obs('2025', value)]).status).toBe(expected ? 'ACHIEVED' : 'OFF_TRACK');
    }
  });

  it('REDUCE_BY_PERCENT 10 against a baseline of 200 days: 180 is the line', () => {
    const reduce = { comparator: 'REDUCE_BY_PERCENT' as const, targetValue: 10, rollup: 'AVERAGE' as const };
    expect(status(reduce, [obs('2025', 180.1)], 200).status).toBe('OFF_TRACK');
    expect(status(reduce, [obs('2025', 180)], 200)).toMatchObject({ status: 'ACHIEVED', effectiveTarget: 180, progress: 100 });
    expect(status(reduce, [obs('2025', 179.9)], 200).status).toBe('ACHIEVED');
  });

  it('INCREASE_BY_PERCENT 20 against a baseline of 50 cases: 60 is the line', () => {
    const increase = { comparator: 'INCREASE_BY_PERCENT' as const, targetValue: 20, rollup: 'SUM' as const };
    expect(status(increase, [obs('2025', 59)], 50).status).toBe('OFF_TRACK');
    expect(status(increase, [obs('2025', 60)], 50)).toMatchObject({ status: 'ACHIEVED', effectiveTarget: 60, progress: 100 });
    expect(status(increase, [obs('2025', 61)], 50).status).toBe('ACHIEVED');
  });
});

describe('without data or baseline', () => {
  it('says NO_DATA when nothing is reported for the window', () => {
    expect(status({}, [])).toMatchObject({ status: 'NO_DATA', actual: null });
    expect(status({ rollup: 'SUM' }, [obs('2024', 500)])).toMatchObject({ status: 'NO_DATA', window: '2025' });
  });

  it('says NO_BASELINE for a relative target until a baseline is recorded, never a guess', () => {
    expect(status({ comparator: 'REDUCE_BY_PERCENT', targetValue: 10 }, [obs('2025', 90)])).toMatchObject({
      status: 'NO_BASELINE',
      effectiveTarget: null,
      progress: null,
    });
  });

  it('says NO_TARGET for a monitoring indicator, and still gives its value', () => {
    expect(status({ comparator: null, targetValue: null, rollup: 'SUM' }, [obs('2025Q1', 5), obs('2025Q2', 7)])).toMatchObject({
      status: 'NO_TARGET',
      actual: 12,
    });
  });
});

describe('roll-up rules', () => {
  const year = { start: '2025-01-01', end: '2025-12-31' };
  it('SUM adds the periods of the window, at one granularity (a year figure wins over its quarters)', () => {
    expect(rollUp('SUM', [obs('2025Q1', 10), obs('2025Q2', 20), obs('2024Q4', 99)], year, false).value).toBe(30);
    expect(rollUp('SUM', [obs('2025Q1', 10), obs('2025', 50), obs('2025-03', 1)], year, false)).toMatchObject({ value: 50 });
  });

  it('LAST takes the latest period ending by the evaluation date', () => {
    const rolled = rollUp(
      'LAST',
      [obs('2024', 150), obs('2025H1', 180), obs('2025Q3', 190)],
      { start: '0000-01-01', end: '2025-12-31' },
      false,
    );
    expect(rolled).toMatchObject({ value: 190, periods: [expect.objectContaining({ text: '2025Q3' })] });
  });

  it('AVERAGE is the mean of the periods', () => {
    expect(rollUp('AVERAGE', [obs('2025Q1', 110), obs('2025Q2', 100), obs('2025Q3', 90)], year, false).value).toBe(100);
  });

  it('RATIO is the sum of numerators over the sum of denominators, not the mean of the rates', () => {
    const rolled = rollUp('RATIO', [obs('2025Q1', 90, 90, 100), obs('2025Q2', 99, 990, 1000)], year, true);
    expect(rolled).toMatchObject({ numerator: 1080, denominator: 1100 });
    expect(rolled.value).toBeCloseTo(98.1818, 3);
    expect((90 + 99) / 2).not.toBeCloseTo(rolled.value!, 1);
  });
});

describe('windows and trends', () => {
  it('evaluates a 2025 target as of 2025-12-31 on the completed year, and the same after', () => {
    const annual = { rollup: 'SUM' as const, targetValue: 3500, comparator: 'MORE_THAN' as const };
    const figures = [obs('2025Q1', 800), obs('2025Q2', 900), obs('2025Q3', 900), obs('2025Q4', 950)];
    expect(status(annual, figures)).toMatchObject({ status: 'ACHIEVED', actual: 3550, windowComplete: true });
    expect(status(annual, figures, null, '2026-06-30')).toMatchObject({ status: 'ACHIEVED', window: '2025' });
  });

  it('projects a flow by least squares: ON_TRACK when the projection meets the target, AT_RISK when not', () => {
    const annual = { rollup: 'SUM' as const, targetValue: 3500, comparator: 'MORE_THAN' as const };
    const rising = status(annual, [obs('2025Q1', 800), obs('2025Q2', 900)], null, '2025-07-15');
    expect(rising.projected).toBeCloseTo(800 + 900 + 1000 + 1100, 6);
    expect(rising.status).toBe('ON_TRACK');
    const slow = status(annual, [obs('2025Q1', 500), obs('2025Q2', 500)], null, '2025-07-15');
    expect(slow).toMatchObject({ status: 'AT_RISK', projected: 2000, willMeetTarget: false });
  });

  it("projects an average's annual mean, not its value in December", () => {
    const days = { rollup: 'AVERAGE' as const, comparator: 'AT_MOST' as const, targetValue: 100 };
    // The line through 115 and 108 gives Q3 101 and Q4 94: the year's mean is 104.5, though December's value is below 100.
    const falling = status(days, [obs('2025Q1', 115), obs('2025Q2', 108)], null, '2025-07-15');
    expect(falling).toMatchObject({ status: 'AT_RISK', willMeetTarget: false });
    expect(falling.projected!).toBeCloseTo(104.5, 9);
    const faster = status(days, [obs('2025Q1', 105), obs('2025Q2', 98)], null, '2025-07-15');
    expect(faster.projected!).toBeCloseTo(94.5, 9);
    expect(faster.status).toBe('ON_TRACK');
  });

  it('does not call a score read by LAST achieved before the deadline (a level, not a stock)', () => {
    const score = {
      rollup: 'LAST' as const,
      valueKind: 'SCORE' as const,
      comparator: 'AT_LEAST' as const,
      targetValue: 83.5,
      percent: true,
    };
    expect(status(score, [obs('2025H1', 84)], null, '2025-07-15').status).toBe('ON_TRACK');
    expect(status(score, [obs('2025H1', 84)], null, '2025-12-31').status).toBe('ACHIEVED');
  });

  it("says which periods a level's districts reported without a total, newer than the total it counts", () => {
    const tally = (period: string, values: number[]) => ({
      period: parsePeriod(period)!,
      figures: values.length,
      value: values.reduce((s, v) => s + v, 0),
      valueMissing: 0,
      ...{ numerator: 0, numeratorMissing: values.length, denominator: 0, denominatorMissing: values.length, demo: 0 },
    });
    const term = indicator({ rollup: 'LAST', valueKind: 'YEARS', targetValue: 10 });
    // H1's city term counts; H2's districts (5 and 12.5 years) are not a term of 17.5, but they are said.
    const kpi = evaluateKpi({
      indicator: term,
      observations: [obs('2025H1', 12)],
      baseline: null,
      asOf: '2026-03-31',
      breakdownTallies: [tally('2025H2', [5, 12.5])],
    });
    // H1's term is not the term at the close: one district granted 5 years in H2. No verdict.
    expect(kpi).toMatchObject({ actual: 12, periods: ['2025H1'], status: 'INCOMPLETE' });
    expect(kpi.reason).toContain('the window closed on 2025-12-31 with its latest reading of breakdowns alone: no verdict');
    expect(kpi.reason).toContain('2025H2: only breakdowns reported, which do not add up to a total');
    // A mean's quarter reported by districts alone is named wherever it falls in the window.
    const mean = evaluateKpi({
      indicator: indicator({ rollup: 'AVERAGE', valueKind: 'DAYS', comparator: 'AT_MOST', targetValue: 120 }),
      observations: [obs('2025Q1', 100), obs('2025Q2', 100), obs('2025Q4', 100)],
      baseline: null,
      asOf: '2026-03-31',
      breakdownTallies: [tally('2025Q3', [90, 130])],
    });
    expect(mean.reason).toContain('2025Q3: only breakdowns reported, which do not add up to a total');
    // A rate's districts that sent rates without their parts are no sum, and are named too.
    const rate = evaluateKpi({
      indicator: indicator({ rollup: 'RATIO', valueKind: 'PERCENT', percent: true, targetValue: 90 }),
      observations: [],
      baseline: null,
      asOf: '2026-03-31',
      breakdownTallies: [tally('2025Q4', [95, 97])],
    });
    expect(rate).toMatchObject({ actual: null, status: 'NO_DATA' });
    expect(rate.reason).toBe('2025Q4: only breakdowns reported, which do not add up to a total');
    // A stock's districts add up: their sum stands for the total, with nothing to say of parts alone.
    const stock = evaluateKpi({
      indicator: indicator({ rollup: 'LAST', valueKind: 'COUNT' }),
      observations: [obs('2025H1', 12)],
      baseline: null,
      asOf: '2026-03-31',
      breakdownTallies: [tally('2025H2', [5, 12])],
    });
    expect(stock).toMatchObject({ actual: 17, periods: ['2025H2'] });
    expect(stock.reason ?? '').not.toContain('only breakdowns');
  });

  it("weighs an average by months, and says why, rather than mix an indicator's totals with sums of some districts", () => {
    const days = indicator({
      rollup: 'AVERAGE',
      valueKind: 'DAYS',
      comparator: 'AT_MOST',
      targetValue: 120,
      weightIndicator: 'closed',
    });
    const quarters = [obs('2025Q1', 100), obs('2025Q2', 100), obs('2025Q3', 130), obs('2025Q4', 130)];
    // The city's cases closed for the first half; two districts' alone for the second.
    const sums = [obs('2025Q3', 200), obs('2025Q4', 200)];
    const weights = [obs('2025Q1', 5000), obs('2025Q2', 5000), ...sums];
    const kpi = evaluateKpi({
      indicator: days,
      observations: quarters,
      baseline: null,
      asOf: '2026-01-31',
      weights,
      summedWeights: sums,
    });
    // By months: 115; by 5,000 · 5,000 · 200 · 200 it would be 101.15, the second half all but unseen.
    expect(kpi.actual).toBe(115);
    expect(kpi.reason).toContain(
      "[closed] 2025Q3, [closed] 2025Q4: sums of breakdowns, not combined with the weight indicator's reported totals",
    );
    expect(kpi.reason).toContain('the mean weighted by months');
    // All of them sums: they weigh (as the districts' cases closed do where the city reported none).
    const allSums = evaluateKpi({
      indicator: days,
      observations: quarters.slice(2),
      baseline: null,
      asOf: '2026-01-31',
      weights: sums,
      summedWeights: sums,
    });
    expect(allSums.reason ?? '').not.toContain('not combined');
  });

  it('does not call a rate achieved before its window closes', () => {
    const rate = { rollup: 'RATIO' as const, comparator: 'AT_LEAST' as const, targetValue: 95, percent: true };
    expect(status(rate, [obs('2025Q1', 96, 96, 100)], null, '2025-05-01').status).toBe('ON_TRACK');
  });
});

describe('progress', () => {
  it('is 100 at the target for every comparator', () => {
    expect(progressPercent('AT_LEAST', 40, 40, null)).toBe(100);
    expect(progressPercent('AT_MOST', 100, 100, null)).toBe(100);
    expect(progressPercent('AT_MOST', 100, 125, null)).toBe(80);
    expect(progressPercent('REDUCE_BY_PERCENT', 10, 95, 100)).toBeCloseTo(50);
    expect(progressPercent('INCREASE_BY_PERCENT', 20, 110, 100)).toBeCloseTo(50);
  });
});

describe('derived indicators', () => {
  const closureRate = parseFormula('[within] / [closed] × 100');
  const inputs = (within: Observation[], closed: Observation[]) =>
    new Map([
      ['within', { rule: 'SUM' as const, observations: within, percent: false }],
      ['closed', { rule: 'SUM' as const, observations: closed, percent: false }],
    ]);

  it("compute over the window from their inputs' roll-ups: a ratio of sums", () => {
    const kpi = evaluateKpi({
      indicator: indicator({ rollup: 'RATIO', formula: closureRate, targetValue: 95 }),
      observations: [],
      baseline: null,
      asOf: AS_OF,
      inputs: inputs([obs('2025Q1', 90), obs('2025Q2', 990)], [obs('2025Q1', 100), obs('2025Q2', 1000)]),
    });
    expect(kpi.actual).toBeCloseTo(98.18, 2);
    // The year is over and its inputs cover half of it: no verdict on a rate.
    expect([kpi.coverage, kpi.status]).toEqual([0.5, 'INCOMPLETE']);
  });

  it("never project an input's report that is due and missing: it is counted missing, and the reason names it", () => {
    // A derived flow of one quarterly input: Q1 reported; Q2 and Q3 due (15 days after their end) and missing on 2025-10-31.
    const flow = parseFormula('[cases]');
    const reporting = { asOf: '2025-10-31', periodType: 'QUARTER' as const, dueDays: 15 };
    const kpi = evaluateKpi({
      indicator: indicator({ rollup: 'SUM', formula: flow, comparator: 'MORE_THAN', targetValue: 3500 }),
      observations: [],
      baseline: null,
      asOf: '2025-10-31',
      inputs: new Map([['cases', { rule: 'SUM' as const, observations: [obs('2025Q1', 1000)], percent: false, reporting }]]),
    });
    // Q1 and Q4 (not yet due, projected as the mean so far): 2,000, not the 4,000 of projecting Q2 and Q3 too.
    expect(kpi).toMatchObject({ actual: 1000, projected: 2000, status: 'AT_RISK' });
    expect(kpi.reason).toContain('cases 2025Q2, cases 2025Q3 due and not reported: counted as missing, not projected');
  });

  describe('combine the same months of each input, in the actual value and in the projection', () => {
    const rate = (
      within: Observation[],
      closed: Observation[],
      asOf: string,
      dueDays = 15,
      closedBy: 'QUARTER' | 'MONTH' = 'QUARTER',
    ) => {
      const reporting = { asOf, periodType: 'QUARTER' as const, dueDays };
      return evaluateKpi({
        indicator: indicator({ rollup: 'RATIO', formula: closureRate, targetValue: 95, percent: true }),
        observations: [],
        baseline: null,
        asOf,
        dueDays,
        inputs: new Map([
          ['within', { rule: 'SUM' as const, observations: within, percent: false, reporting }],
          [
            'closed',
            { rule: 'SUM' as const, observations: closed, percent: false, reporting: { ...reporting, periodType: closedBy } },
          ],
        ]),
      });
    };

    it('a quarter one input misses in the middle is projected for neither', () => {
      // Cases closed for Q2 are due and missing; Q4 is projected for both from Q1 and Q3.
      const kpi = rate(
        [obs('2025Q1', 980), obs('2025Q2', 965), obs('2025Q3', 950)],
        [obs('2025Q1', 1000), obs('2025Q3', 1000)],
        '2025-10-31',
      );
      expect(kpi.actual).toBe(96.5);
      expect(kpi.reason).toContain('[within] 2025Q2 left out');
      // Within the limit falls 15 a quarter from Q1 to Q3: (980 + 950 + 935) / 3,000, not 3,830 / 3,000 held at 100 %.
      expect(kpi.projected).toBe(95.5);
    });

    it("inputs whose last figures end on the window's end are final on the months they share", () => {
      const within = [obs('2025Q1', 980), obs('2025Q2', 980), obs('2025Q4', 980)];
      const closed = ['2025Q1', '2025Q2', '2025Q3', '2025Q4'].map((q) => obs(q, 1000));
      // As of 2026-01-10 (the Q4 reports due 30 days after): 98 % over Q1, Q2 and Q4, not 73.5 % (AT_RISK) nor 130.67 %.
      expect(rate(within, closed, '2026-01-10', 30)).toMatchObject({ actual: 98, projected: 98, status: 'ON_TRACK' });
      expect(rate(closed, within, '2026-01-10', 30)).toMatchObject({ actual: expect.closeTo(102.04, 2) });
      expect(rate(closed, within, '2026-01-10', 30).projected).toBeCloseTo(102.04, 2);
    });

    it('months of one input against quarters of the other: the quarters both cover', () => {
      const closed = ['01', '02', '03', '04', '05', '06', '07', '08'].map((m) => obs(`2025-${m}`, 1000));
      const within = ['2025Q1', '2025Q2', '2025Q3'].map((q) => obs(q, 2940));
      // Cases closed are reported monthly: September is due (15 days after) and missing on 2025-10-20.
      const kpi = rate(within, closed, '2025-10-20', 15, 'MONTH');
      // Q3's months are not all in both: Q1 and Q2 count (5,880 / 6,000), Q4 is projected for both, Q3 for neither.
      expect(kpi.actual).toBe(98);
      expect(kpi.projected).toBe(98);
      expect(kpi.status).toBe('ON_TRACK');
    });
  });

  it('give no value, with the reason, on a division by zero', () => {
    const kpi = evaluateKpi({
      indicator: indicator({ rollup: 'RATIO', formula: closureRate, targetValue: 95 }),
      observations: [],
      baseline: null,
      asOf: AS_OF,
      inputs: inputs([obs('2025Q1', 0)], [obs('2025Q1', 0)]),
    });
    expect(kpi).toMatchObject({ status: 'NO_DATA', actual: null, reason: 'division by zero' });
  });
});

describe('demo figures', () => {
  const demo = (period: string, value: number): Observation => ({ ...obs(period, value), source: 'demo' });
  it('mark a KPI whose actual value counts one of them, and only then', () => {
    expect(status({}, [obs('2024', 90), demo('2025', 120)]).demo).toBe(true);
    expect(status({}, [demo('2024', 90), obs('2025', 120)]).demo).toBe(false);
    expect(status({ rollup: 'SUM' }, [obs('2025Q1', 10), demo('2025Q2', 20)]).demo).toBe(true);
  });

  it('mark a derived KPI when an input counted is one', () => {
    const kpi = evaluateKpi({
      indicator: indicator({ formula: parseFormula('[a] / [b]'), rollup: 'LAST', targetValue: 1 }),
      observations: [],
      baseline: null,
      asOf: AS_OF,
      inputs: new Map([
        ['a', { rule: 'LAST' as const, observations: [demo('2025', 10)], percent: false }],
        ['b', { rule: 'LAST' as const, observations: [obs('2025', 5)], percent: false }],
      ]),
    });
    expect(kpi).toMatchObject({ actual: 2, demo: true });
  });
});
