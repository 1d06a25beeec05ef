/**
 * What a push's reconciliation reads: each breakdown-year once, with the one period type of
 * its rows (none when they mix types); a file's batches read only the breakdown-years found
 * to hold several types, since a whole and its parts are never of the same type.
 */
import { parsePeriod } from '../../lib/period';
import { onlyMixedYears, reconciliationKeys, yearKey } from '../../subgraphs/indicators/model/push-checks';

const row = (index: number, period: string, breakdown: string, indicatorId = 'x') => ({
  index,
  indicatorId,
  period: parsePeriod(period)!,
  breakdown,
  value: 1,
  numerator: null,
  denominator: null,
  withdrawn: false,
});

describe('the keys a reconciliation reads', () => {
  const rollup = (id: string) => ({ rollup: id === 'avg' ? 'AVERAGE' : 'SUM', valueKind: 'COUNT' });
  const keys = reconciliationKeys(
    [
      row(0, '2025-01', 'a'),
      row(1, '2025-02', 'a'),
      row(2, '2025-03', 'b'),
      row(3, '2025Q1', 'b'),
      row(4, '2024-12', 'a'),
      row(5, '2025-01', 'a', 'avg'),
    ],
    rollup,
  );

  it('name each breakdown-year once, with its rows’ one type or none, and skip averages', () => {
    expect(keys.years).toEqual([
      { indicatorId: 'x', breakdown: 'a', year: 2025, type: 'MONTH' },
      { indicatorId: 'x', breakdown: 'b', year: 2025, type: null },
      { indicatorId: 'x', breakdown: 'a', year: 2024, type: 'MONTH' },
    ]);
    expect(keys.periods.map((p) => p.period)).toEqual(['2025-01', '2025-02', '2025-03', '2025Q1', '2024-12']);
  });

  it('keep, for a file, only the breakdown-years that mix types, each read whole', () => {
    const mixed = new Set([yearKey('x', 'a', 2024), yearKey('x', 'b', 2025)]);
    expect(onlyMixedYears(keys, mixed)).toEqual({
      years: [
        { indicatorId: 'x', breakdown: 'b', year: 2025, type: null },
        { indicatorId: 'x', breakdown: 'a', year: 2024, type: null },
      ],
      periods: keys.periods,
    });
    expect(onlyMixedYears(keys, new Set()).years).toEqual([]);
  });
});
