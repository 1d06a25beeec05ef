import { parsePeriod } from '../../lib/period';
import { checkTiming, settledStatus } from '../../subgraphs/indicators/model/figure-timing';
import type { PreparedRow } from '../../subgraphs/indicators/model/rows';

const row = (period: string, status: 'PROVISIONAL' | 'FINAL' = 'PROVISIONAL', statusStated = false): PreparedRow => ({
  index: 3,
  indicatorId: 'court-ip-cases-closed',
  period: parsePeriod(period)!,
  breakdown: '',
  explanation: null,
  warningCodes: [],
  value: 1,
  numerator: null,
  denominator: null,
  status,
  statusStated,
  flags: [],
  reportedOn: null,
  withdrawn: false,
  note: null,
  source: null,
  reason: null,
  organizationId: 'court',
});
const TODAY = '2025-08-14';

describe('when a figure may be pushed', () => {
  it('refuses a period not begun, and a FINAL figure for a period in progress (its last day included)', () => {
    expect(checkTiming(row('2025Q4'), null, TODAY, false)).toMatchObject({ index: 3, field: 'period', code: 'BAD_USER_INPUT' });
    expect(checkTiming(row('2025Q3', 'FINAL', true), null, TODAY, false)).toMatchObject({ field: 'status' });
    expect(checkTiming(row('2025-08', 'FINAL', true), null, '2025-08-31', false)).toMatchObject({ field: 'status' });
    expect(checkTiming(row('2025-08', 'FINAL', true), null, '2025-09-01', false)).toMatchObject({ period: { text: '2025-08' } });
    expect(checkTiming(row('2025Q3'), null, TODAY, false)).toMatchObject({ period: { text: '2025Q3' } });
  });

  it('takes reportedOn from coordinators only: a real day, not in the future, not before the period began', () => {
    expect(checkTiming(row('2025Q1'), '2025-04-10', TODAY, false)).toMatchObject({ field: 'reportedOn', code: 'FORBIDDEN' });
    for (const bad of ['2025-08-15', '2024-12-31', '2025-02-30', '10 April']) {
      expect(checkTiming(row('2025Q1'), bad, TODAY, true)).toMatchObject({ field: 'reportedOn', code: 'BAD_USER_INPUT' });
    }
    expect(checkTiming(row('2025Q1'), '2025-04-10', TODAY, true)).toMatchObject({ reportedOn: '2025-04-10' });
    expect(checkTiming(row('2025Q1'), '', TODAY, true)).toMatchObject({ reportedOn: null });
  });
});

describe('the status a correction lands with', () => {
  it('is the one stated, else the corrected figure’s, else PROVISIONAL', () => {
    expect(settledStatus(row('2025Q1'), { status: 'FINAL' })).toBe('FINAL');
    expect(settledStatus(row('2025Q1', 'PROVISIONAL', true), { status: 'FINAL' })).toBe('PROVISIONAL');
    expect(settledStatus(row('2025Q1'))).toBe('PROVISIONAL');
    expect(settledStatus(row('2025Q1', 'FINAL', true))).toBe('FINAL');
  });
});
