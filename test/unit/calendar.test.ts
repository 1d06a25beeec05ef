/** Reporting calendars: which periods are due, by when, and whether a report was on time. */
import { defaultCalendar, expectedPeriods, reportStatus } from '../../subgraphs/indicators/model/calendar';

describe('expected periods', () => {
  it('start with the first full period of the plan and stop at those not yet due', () => {
    const due = expectedPeriods({ periodType: 'QUARTER', dueDays: 15 }, '2024-09-01', '2025-12-31', null);
    expect(due.map((d) => [d.period.text, d.due])).toEqual([
      ['2024Q4', '2025-01-15'],
      ['2025Q1', '2025-04-15'],
      ['2025Q2', '2025-07-15'],
      ['2025Q3', '2025-10-15'],
    ]);
  });

  it("count the due day itself, and stop after the deadline's period", () => {
    expect(
      expectedPeriods({ periodType: 'HALF', dueDays: 30 }, '2024-09-01', '2025-07-30', '2025-12').map((d) => d.period.text),
    ).toEqual(['2025H1']);
    expect(expectedPeriods({ periodType: 'HALF', dueDays: 30 }, '2024-09-01', '2025-07-29', '2025-12')).toEqual([]);
    expect(
      expectedPeriods({ periodType: 'HALF', dueDays: 30 }, '2024-09-01', '2027-12-31', '2025-12').map((d) => d.period.text),
    ).toEqual(['2025H1', '2025H2']);
  });

  it('handle years and months', () => {
    expect(
      expectedPeriods({ periodType: 'YEAR', dueDays: 60 }, '2024-09-01', '2026-03-01', null).map((d) => d.period.text),
    ).toEqual(['2025']);
    expect(
      expectedPeriods({ periodType: 'MONTH', dueDays: 0 }, '2025-11-01', '2025-12-31', null).map((d) => d.period.text),
    ).toEqual(['2025-11', '2025-12']);
  });
});

describe('a report', () => {
  it('is on time up to and including its due day, late after, missing without one', () => {
    expect(reportStatus('2025-04-15', '2025-04-15T23:59:00.000Z')).toBe('ON_TIME');
    expect(reportStatus('2025-04-15', '2025-04-16T00:00:00.000Z')).toBe('LATE');
    expect(reportStatus('2025-04-15', null)).toBe('MISSING');
  });
});

describe('default calendars', () => {
  it('ask flows and rates quarterly, stocks half-yearly, the survey and population yearly, and nothing of derived indicators', () => {
    expect(defaultCalendar({ id: 'x', valueKind: 'COUNT', periodicity: 'ANNUAL' })).toEqual({
      periodType: 'QUARTER',
      dueDays: 15,
    });
    expect(defaultCalendar({ id: 'x', valueKind: 'COUNT', periodicity: 'BY_DEADLINE' })).toEqual({
      periodType: 'HALF',
      dueDays: 30,
    });
    expect(defaultCalendar({ id: 'x', valueKind: 'PERCENT', periodicity: 'BY_DEADLINE', rollup: 'RATIO' })).toEqual({
      periodType: 'QUARTER',
      dueDays: 15,
    });
    expect(defaultCalendar({ id: 'x', valueKind: 'SCORE', periodicity: 'BY_DEADLINE' })).toEqual({
      periodType: 'YEAR',
      dueDays: 60,
    });
    expect(defaultCalendar({ id: 'x', valueKind: 'RATIO', periodicity: 'BY_DEADLINE', formula: '[a] / [b]' })).toBeNull();
  });
});
