/** Windows covered by tiling sub-periods, figures reconciled with their parts, strict bounds, continuing targets. */
import { parsePeriod } from '../../lib/period';
import {
  addToTally,
  breakdownsAddUp,
  emptyTally,
  missingPeriods,
  type PartsTally,
  reconcileBreakdowns,
  reconcileParts,
  tile,
  totalsFromBreakdowns,
} from '../../subgraphs/indicators/model/coverage';
import { evaluateKpi, type KpiIndicator, type Observation } from '../../subgraphs/indicators/model/kpi';
import { reconciliationWarnings } from '../../subgraphs/indicators/model/push-checks';

const obs = (period: string, value: number, numerator: number | null = null, denominator: number | null = null): Observation => ({
  period: parsePeriod(period)!,
  value,
  numerator,
  denominator,
});
/** The breakdowns of one period added up, as the database keeps them. */
const tally = (...breakdowns: Observation[]): PartsTally => {
  const t = emptyTally(breakdowns[0].period);
  for (const o of breakdowns) addToTally(t, o);
  return t;
};
/** How flows of counts and rates combine (breakdownsAddUp). */
const COUNTS = { rollup: 'SUM', valueKind: 'COUNT' };
const RATES = { rollup: 'RATIO', valueKind: 'PERCENT' };
const YEAR = { start: '2025-01-01', end: '2025-12-31' };
const indicator = (over: Partial<KpiIndicator>): KpiIndicator => ({
  id: 'x',
  comparator: 'AT_LEAST',
  targetValue: 100,
  deadline: '2025-12',
  rollup: 'SUM',
  valueKind: 'COUNT',
  percent: false,
  formula: null,
  ...over,
});

describe('tiling a window', () => {
  it('takes H1 + Q3 + Q4 for the year, and the year itself over its quarters', () => {
    expect(tile([obs('2025H1', 1), obs('2025Q3', 2), obs('2025Q4', 3), obs('2025Q1', 9)], YEAR)).toMatchObject({
      used: [{ value: 1 }, { value: 2 }, { value: 3 }],
      coverage: 1,
    });
    expect(tile([obs('2025Q1', 1), obs('2025', 5), obs('2025-02', 1)], YEAR).used.map((o) => o.period.text)).toEqual(['2025']);
  });

  it('reports partial coverage, and never counts a month twice', () => {
    const tiled = tile([obs('2025Q1', 1), obs('2025-02', 1), obs('2025-07', 1), obs('2024Q4', 1)], YEAR);
    expect(tiled.used.map((o) => o.period.text)).toEqual(['2025Q1', '2025-07']);
    expect(tiled.coverage).toBeCloseTo(4 / 12, 12);
  });
});

describe('reconciliation', () => {
  it('flags a year that disagrees with the quarters that tile it beyond the tolerance, not within it', () => {
    const quarters = [obs('2025Q1', 800), obs('2025Q2', 900), obs('2025Q3', 950), obs('2025Q4', 1000)];
    expect(reconcileParts('SUM', [...quarters, obs('2025', 3600)])).toEqual([
      expect.objectContaining({ code: 'RECONCILIATION', periods: ['2025', '2025Q1', '2025Q2', '2025Q3', '2025Q4'] }),
    ]);
    expect(reconcileParts('SUM', [...quarters, obs('2025', 3660)])).toEqual([]);
    // Quarters that do not tile the year are not a total's parts.
    expect(reconcileParts('SUM', [...quarters.slice(0, 3), obs('2025', 100)])).toEqual([]);
    // Averages are not additive.
    expect(reconcileParts('AVERAGE', [...quarters, obs('2025', 3600)])).toEqual([]);
  });

  it("reconciles a rate's numerators and denominators", () => {
    const warnings = reconcileParts('RATIO', [obs('2025H1', 50, 50, 100), obs('2025H2', 50, 60, 120), obs('2025', 50, 110, 200)]);
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('denominator 200 against 220')]);
  });

  it('flags a total that disagrees with its breakdowns, and sums breakdowns where no total was reported', () => {
    expect(reconcileBreakdowns(COUNTS, [obs('2025', 1000)], [tally(obs('2025', 600), obs('2025', 500))])).toHaveLength(1);
    expect(reconcileBreakdowns(COUNTS, [obs('2025', 1100)], [tally(obs('2025', 600), obs('2025', 500))])).toEqual([]);
    expect(totalsFromBreakdowns(RATES, [], [tally(obs('2025', 50, 5, 10), obs('2025', 25, 5, 20))], true)).toEqual([
      expect.objectContaining({ numerator: 10, denominator: 30, value: (10 / 30) * 100 }),
    ]);
    // A breakdown without a numerator leaves the rate's sum unknown, and one taken out again restores it.
    const missing = tally(obs('2025', 50, 5, 10), obs('2025', 25));
    expect(totalsFromBreakdowns(RATES, [], [missing], true)).toEqual([]);
    addToTally(missing, obs('2025', 25), -1);
    expect(totalsFromBreakdowns(RATES, [], [missing], true)).toEqual([
      expect.objectContaining({ numerator: 5, denominator: 10 }),
    ]);
  });

  it('neither sums nor reconciles the breakdowns of means and levels: scores, shares, ratios, terms in days or years', () => {
    const districts = tally(obs('2025', 80), obs('2025', 85));
    for (const valueKind of ['SCORE', 'PERCENT', 'RATIO', 'DAYS', 'YEARS']) {
      const level = { rollup: 'LAST', valueKind };
      expect({ valueKind, adds: breakdownsAddUp(level) }).toEqual({ valueKind, adds: false });
      expect(totalsFromBreakdowns(level, [], [districts], valueKind !== 'DAYS' && valueKind !== 'YEARS')).toEqual([]);
      expect(reconcileBreakdowns(level, [obs('2025', 84)], [districts])).toEqual([]);
    }
    expect(breakdownsAddUp({ rollup: 'AVERAGE', valueKind: 'DAYS' })).toBe(false);
    // Counts and amounts held (stations in place) add up across districts, as flows and rates' parts do.
    for (const combined of [COUNTS, RATES, { rollup: 'LAST', valueKind: 'COUNT' }, { rollup: 'LAST', valueKind: 'AMOUNT' }])
      expect({ combined, adds: breakdownsAddUp(combined) }).toEqual({ combined, adds: true });
    expect(totalsFromBreakdowns({ rollup: 'LAST', valueKind: 'COUNT' }, [], [districts], false)).toEqual([
      expect.objectContaining({ value: 165 }),
    ]);
  });

  it('warns at push on the rows of a year and its quarters that disagree, the batch applied over what is stored', () => {
    const row = (index: number, period: string, value: number) => ({
      index,
      indicatorId: 'x',
      period: parsePeriod(period)!,
      breakdown: '',
      value,
      numerator: null,
      denominator: null,
      withdrawn: false,
    });
    const stored = ['2025Q1', '2025Q2', '2025Q3'].map((period) => ({
      indicatorId: 'x',
      period,
      breakdown: '',
      value: 800,
      numerator: null,
      denominator: null,
      withdrawn: false,
    }));
    const sum = () => COUNTS;
    expect(reconciliationWarnings([row(0, '2025Q4', 800), row(1, '2025', 3000)], { figures: stored, tallies: [] }, sum)).toEqual([
      expect.objectContaining({ index: 0, code: 'RECONCILIATION' }),
      expect.objectContaining({ index: 1, code: 'RECONCILIATION' }),
    ]);
    expect(reconciliationWarnings([row(0, '2025Q4', 800), row(1, '2025', 3200)], { figures: stored, tallies: [] }, sum)).toEqual(
      [],
    );
    expect(reconciliationWarnings([row(0, '2025', 3000)], { figures: stored, tallies: [] }, sum)).toEqual([]);
  });
});

describe('rates', () => {
  const share = indicator({ rollup: 'RATIO', targetValue: 50, percent: true });
  it('are never a mean of percentages: a figure without its parts leaves no value, with the reason', () => {
    const kpi = evaluateKpi({
      indicator: share,
      observations: [obs('2025H1', 40), obs('2025H2', 60, 60, 100)],
      baseline: null,
      asOf: '2025-12-31',
    });
    expect(kpi).toMatchObject({
      actual: null,
      status: 'NO_DATA',
      reason: expect.stringContaining('2025H1 carry no numerator and denominator'),
    });
  });

  it('are averaged only when the indicator declares it, and the KPI says so', () => {
    const declared = { ...share, meanOfRates: true };
    const kpi = evaluateKpi({
      indicator: declared,
      observations: [obs('2025H1', 40), obs('2025Q3', 60), obs('2025Q4', 70)],
      baseline: null,
      asOf: '2025-12-31',
    });
    expect(kpi.actual).toBeCloseTo((40 * 6 + 60 * 3 + 70 * 3) / 12, 12);
    expect(kpi.reason).toContain('the mean of its rates');
  });
});

describe('strict bounds, gap and progress', () => {
  it('does not meet 超 80 % at +80 % exactly, and shows neither gap 0 nor progress 100 beside OFF_TRACK', () => {
    const growth = indicator({ rollup: 'LAST', comparator: 'INCREASE_BY_PERCENT', targetValue: 80, strict: true });
    const kpi = evaluateKpi({ indicator: growth, observations: [obs('2025H2', 1800)], baseline: 1000, asOf: '2025-12-31' });
    expect(kpi).toMatchObject({ status: 'OFF_TRACK', gap: null, progress: null, effectiveTarget: 1800 });
    const above = evaluateKpi({ indicator: growth, observations: [obs('2025H2', 1801)], baseline: 1000, asOf: '2025-12-31' });
    expect(above.status).toBe('ACHIEVED');
    const inclusive = evaluateKpi({
      indicator: { ...growth, strict: false },
      observations: [obs('2025H2', 1800)],
      baseline: 1000,
      asOf: '2025-12-31',
    });
    expect(inclusive).toMatchObject({ status: 'ACHIEVED', gap: 0, progress: 100 });
  });
});

describe('reconciliation with breakdowns at push', () => {
  it('warns on a total, or a breakdown, that disagrees with the other side for the same period', () => {
    const figure = (index: number, breakdown: string, value: number) => ({
      index,
      indicatorId: 'x',
      period: parsePeriod('2025')!,
      breakdown,
      value,
      numerator: null,
      denominator: null,
      withdrawn: false,
    });
    const stored = (breakdown: string, value: number) => ({
      indicatorId: 'x',
      period: '2025',
      breakdown,
      value,
      numerator: null,
      denominator: null,
      withdrawn: false,
    });
    // The database keeps the sum of the stored breakdowns (江岸区 600; with 武昌区 500: 1100).
    const kept = (...values: number[]) => [{ indicatorId: 'x', tally: tally(...values.map((v) => obs('2025', v))) }];
    const sum = () => COUNTS;
    expect(
      reconciliationWarnings([figure(0, '', 1000), figure(1, '武昌区', 500)], { figures: [], tallies: kept(600) }, sum),
    ).toEqual([
      expect.objectContaining({ index: 0, code: 'RECONCILIATION' }),
      expect.objectContaining({ index: 1, code: 'RECONCILIATION' }),
    ]);
    expect(reconciliationWarnings([figure(1, '武昌区', 500)], { figures: [stored('', 1000)], tallies: kept(600) }, sum)).toEqual([
      expect.objectContaining({ index: 1, message: expect.stringContaining('1000 against 1100') }),
    ]);
    expect(
      reconciliationWarnings([figure(0, '', 1100), figure(1, '武昌区', 500)], { figures: [], tallies: kept(600) }, sum),
    ).toEqual([]);
    // A breakdown pushed again replaces its stored figure in the sum: 1300 = 800 + 500, not 600 + 500 + 800.
    const both = { figures: [stored('', 1300), stored('江岸区', 600)], tallies: kept(600, 500) };
    expect(reconciliationWarnings([figure(0, '江岸区', 800)], both, sum)).toEqual([]);
    expect(reconciliationWarnings([figure(0, '江岸区', 700)], both, sum)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('1300 against 1200') }),
    ]);
    // Withdrawn, it leaves the sum: 1300 against 500.
    expect(
      reconciliationWarnings([{ ...figure(0, '江岸区', 600), value: null, withdrawn: true }, figure(1, '', 1300)], both, sum),
    ).toEqual([expect.objectContaining({ index: 1, message: expect.stringContaining('1300 against 500') })]);
  });
});

describe('missing reports at the end of the calendar', () => {
  it('names the owed quarters up to 9999-12-31 and never steps into a year 10000', () => {
    const reporting = { periodType: 'QUARTER' as const, dueDays: 15, asOf: '9999-12-31' };
    const window = { start: '9999-01-01', end: '9999-12-31' };
    // 9999Q4 is due on 10000-01-15, after every day the hub holds: not owed yet.
    expect(missingPeriods([], window, reporting)).toEqual(['9999Q1', '9999Q2', '9999Q3']);
  });
});
