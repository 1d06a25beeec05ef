/**
 * When a figure was reported, and its status apart from its quality, through the gateway:
 * periods that have not begun take no figure, periods in progress only PROVISIONAL ones;
 * coordinators loading history give `reportedOn`, which reporting completeness uses; a
 * FINAL figure stays FINAL through corrections, each of which needs a reason; quality
 * flags are a field of their own.
 */
import type { Hub } from '../../hub';
import { stepPeriod, parsePeriod, todayUtc } from '../../lib/period';
import { bearer, graphql, startTestHub } from '../support/hub';

let hub: Hub;
let url: string;

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) {
  created updated unchanged rejected rejections { index field code message } } }`;
const push = async (org: string, roles: string[], figures: object[]) => {
  const res = await graphql(url, PUSH, { input: { figures } }, await bearer(org, roles as never));
  expect(res.errors).toBeUndefined();
  return res.data!.pushFigures;
};
const FIGURE = `query($period: Period) { figures(indicator: "court-ip-cases-closed", period: $period) {
  value status flags reportedOn history { value status flags reportedOn reason recordedByOrganization { id } } } }`;
const figure = async (period: string) => (await graphql(url, FIGURE, { period })).data!.figures[0];

beforeAll(async () => {
  hub = await startTestHub();
  url = hub.gateway.url;
});
afterAll(() => hub?.stop());

describe('periods and the day a figure is pushed', () => {
  const current = parsePeriod(todayUtc().slice(0, 4) + 'Q' + (Math.floor((Number(todayUtc().slice(5, 7)) - 1) / 3) + 1))!;
  const next = stepPeriod(current, 1);

  it('refuses a figure for a period that has not begun, and a FINAL one for a period in progress', async () => {
    const res = await push(
      'court',
      ['reporter'],
      [
        { indicator: 'court-ip-cases-closed', period: next.text, value: 10 },
        { indicator: 'court-ip-cases-closed', period: current.text, value: 10, status: 'FINAL' },
        { indicator: 'court-ip-cases-closed', period: current.text.slice(0, 4), value: 10, status: 'FINAL' },
        { indicator: 'court-ip-cases-closed', period: stepPeriod(current, -1).text, value: 10, status: 'FINAL' },
      ],
    );
    expect(res.rejections.map((r: { index: number; field: string; code: string }) => [r.index, r.field, r.code])).toEqual([
      [0, 'period', 'BAD_USER_INPUT'],
      [1, 'status', 'BAD_USER_INPUT'],
      [2, 'status', 'BAD_USER_INPUT'],
    ]);
    expect(res.created).toBe(1);
    expect(await figure(next.text)).toBeUndefined();
    // In progress, a PROVISIONAL figure lands.
    expect(
      (await push('court', ['reporter'], [{ indicator: 'court-ip-cases-closed', period: current.text, value: 10 }])).created,
    ).toBe(1);
  });
});

describe('reportedOn', () => {
  it('is given by coordinators only, never in the future, kept in the revision, and used for completeness', async () => {
    const reporter = await push(
      'court',
      ['reporter'],
      [{ indicator: 'court-ip-cases-closed', period: '2024Q4', value: 900, reportedOn: '2025-01-10' }],
    );
    expect(reporter.rejections).toEqual([expect.objectContaining({ index: 0, field: 'reportedOn', code: 'FORBIDDEN' })]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const bad = await push(
      'amr',
      ['coordinator'],
      [
        { indicator: 'court-ip-cases-closed', period: '2024Q4', value: 900, reportedOn: tomorrow, organization: 'court' },
        { indicator: 'court-ip-cases-closed', period: '2024Q4', value: 900, reportedOn: '2024-09-30', organization: 'court' },
        { indicator: 'court-ip-cases-closed', period: '2024Q4', value: 900, reportedOn: '2025-02-30', organization: 'court' },
      ],
    );
    expect(bad.rejections.map((r: { field: string; code: string }) => [r.field, r.code])).toEqual([
      ['reportedOn', 'BAD_USER_INPUT'],
      ['reportedOn', 'BAD_USER_INPUT'],
      ['reportedOn', 'BAD_USER_INPUT'],
    ]);
    expect(bad.created).toBe(0);

    // History loaded today: 2024Q4 reported on time (due 2025-01-15), 2025Q1 late (due 2025-04-15).
    const loaded = await push(
      'amr',
      ['coordinator'],
      [
        {
          indicator: 'court-ip-cases-closed',
          period: '2024Q4',
          value: 900,
          status: 'FINAL',
          reportedOn: '2025-01-10',
          organization: 'court',
        },
        {
          indicator: 'court-ip-cases-closed',
          period: '2025Q1',
          value: 950,
          status: 'FINAL',
          reportedOn: '2025-05-02',
          organization: 'court',
        },
        { indicator: 'court-ip-cases-closed', period: '2025Q2', value: 980, status: 'FINAL', organization: 'court' },
      ],
    );
    expect(loaded.rejections).toEqual([]);
    expect(await figure('2024Q4')).toMatchObject({
      reportedOn: '2025-01-10',
      history: [{ reportedOn: '2025-01-10', recordedByOrganization: { id: 'amr' } }],
    });
    const reports = await graphql(
      url,
      `
        {
          indicator(id: "court-ip-cases-closed") {
            reporting(asOf: "2025-06-30") {
              period
              due
              status
              firstReportedAt
            }
          }
        }
      `,
    );
    const byPeriod = Object.fromEntries(reports.data!.indicator.reporting.map((r: { period: string }) => [r.period, r]));
    expect(byPeriod['2024Q4']).toMatchObject({ status: 'ON_TIME', firstReportedAt: '2025-01-10' });
    expect(byPeriod['2025Q1']).toMatchObject({ status: 'LATE', firstReportedAt: '2025-05-02' });
    // Recorded today without reportedOn: as of 2025-06-30 it was not there yet.
    expect(byPeriod['2025Q2']).toBeUndefined();
  });

  it('counts a period reported by its districts alone as reported, as its KPI counts their sum', async () => {
    const loaded = await push(
      'amr',
      ['coordinator'],
      ['江岸区', '洪山区'].map((breakdown, i) => ({
        indicator: 'court-ip-cases-closed-within-limit',
        period: '2024Q4',
        breakdown,
        value: 400 + i * 10,
        reportedOn: `2025-01-1${i}`,
        organization: 'court',
      })),
    );
    expect(loaded.rejections).toEqual([]);
    const reports = await graphql(
      url,
      `
        {
          indicator(id: "court-ip-cases-closed-within-limit") {
            reporting(asOf: "2025-06-30") {
              period
              status
              firstReportedAt
            }
          }
        }
      `,
    );
    const byPeriod = Object.fromEntries(reports.data!.indicator.reporting.map((r: { period: string }) => [r.period, r]));
    // The first district's report, by the due day (2025-01-15): on time, not MISSING.
    expect(byPeriod['2024Q4']).toMatchObject({ status: 'ON_TIME', firstReportedAt: '2025-01-10' });
  });
});

describe('status and quality flags', () => {
  it('keeps a corrected FINAL figure FINAL, and asks a reason of every correction', async () => {
    await push('court', ['reporter'], [{ indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1000, status: 'FINAL' }]);
    const noReason = await push('court', ['reporter'], [{ indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1010 }]);
    expect(noReason.rejections).toEqual([expect.objectContaining({ field: 'reason', code: 'BAD_USER_INPUT' })]);
    const first = await push(
      'court',
      ['reporter'],
      [{ indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1010, reason: 'late returns' }],
    );
    expect(first.updated).toBe(1);
    expect((await figure('2025Q3')).status).toBe('FINAL');
    const second = await push('court', ['reporter'], [{ indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1020 }]);
    expect(second.rejections).toEqual([expect.objectContaining({ field: 'reason', code: 'BAD_USER_INPUT' })]);
    // A push that states PROVISIONAL reopens it, with a reason.
    await push(
      'court',
      ['reporter'],
      [{ indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1020, status: 'PROVISIONAL', reason: 'under review' }],
    );
    const now = await figure('2025Q3');
    expect(now.history.map((h: { status: string; reason: string | null }) => [h.status, h.reason])).toEqual([
      ['FINAL', null],
      ['FINAL', 'late returns'],
      ['PROVISIONAL', 'under review'],
    ]);
  });

  it('takes quality flags apart from the status, with their SDMX codes described', async () => {
    const res = await push(
      'court',
      ['reporter'],
      [{ indicator: 'court-ip-cases-closed', period: '2025Q4', value: 1000, flags: ['ESTIMATED', 'BREAK_IN_SERIES'] }],
    );
    expect(res.created).toBe(1);
    expect(await figure('2025Q4')).toMatchObject({ status: 'PROVISIONAL', flags: ['BREAK_IN_SERIES', 'ESTIMATED'] });
    const same = await push(
      'court',
      ['reporter'],
      [{ indicator: 'court-ip-cases-closed', period: '2025Q4', value: 1000, flags: ['BREAK_IN_SERIES', 'ESTIMATED'] }],
    );
    expect(same.unchanged).toBe(1);
    const counted = await push(
      'court',
      ['reporter'],
      [{ indicator: 'court-ip-cases-closed', period: '2025Q4', value: 1000, status: 'FINAL' }],
    );
    expect(counted.updated).toBe(1);
    expect(await figure('2025Q4')).toMatchObject({ status: 'FINAL', flags: [] });
    const type = await graphql(url, '{ __type(name: "QualityFlag") { enumValues { name description } } }');
    expect(type.data!.__type.enumValues).toEqual(
      expect.arrayContaining([
        { name: 'ESTIMATED', description: 'SDMX OBS_STATUS E' },
        { name: 'BREAK_IN_SERIES', description: 'SDMX OBS_STATUS B' },
        { name: 'FORECAST', description: 'SDMX OBS_STATUS F' },
      ]),
    );
    const status = await graphql(url, '{ __type(name: "FigureStatus") { enumValues { name } } }');
    expect(status.data!.__type.enumValues.map((v: { name: string }) => v.name)).toEqual(['PROVISIONAL', 'FINAL']);
  });
});
