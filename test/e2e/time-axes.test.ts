/**
 * The two time axes of a KPI, through the gateway: the reference date (`asOf`: which
 * periods have ended, which figures are due) and the vintage (`recordedAsOf`: the figures as
 * recorded at an instant). A scoreboard published once can be asked for again, equal.
 */
import { parseCsv } from '../../lib/csv';
import type { Hub } from '../../hub';
import { bearer, graphql, startTestHub } from '../support/hub';

let hub: Hub;
let url: string;

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created updated rejected rejections { index field code } } }`;

async function push(org: string, figures: object[]) {
  const res = await graphql(url, PUSH, { input: { figures } }, await bearer(org, ['reporter']));
  expect(res.errors).toBeUndefined();
  expect(res.data!.pushFigures.rejections).toEqual([]);
  return res.data!.pushFigures;
}

/** The instant the latest revision of these figures was recorded, as the hub answers it. */
async function lastRecorded(indicator: string): Promise<string> {
  const res = await graphql(url, `{ figures(indicator: "${indicator}") { recordedAt } }`);
  return res
    .data!.figures.map((f: { recordedAt: string }) => f.recordedAt)
    .sort()
    .at(-1);
}

const KPI = `query($id: ID!, $asOf: LocalDate, $at: DateTime) { indicator(id: $id) {
  kpi(asOf: $asOf, recordedAsOf: $at) { actual periods windowEnd windowComplete status } } }`;
const kpi = async (id: string, asOf: string, at: string | null = null) => {
  const res = await graphql(url, KPI, { id, asOf, at });
  expect(res.errors).toBeUndefined();
  return res.data!.indicator.kpi;
};

const SCOREBOARD = `query($asOf: LocalDate, $at: DateTime) { scoreboard(asOf: $asOf, recordedAsOf: $at) {
  asOf recordedAsOf
  headline { total achieved onTrack atRisk offTrack incomplete noData noBaseline }
  targets { total achieved onTrack atRisk offTrack incomplete noData noBaseline }
  headlineGoals { indicator { id } actual numerator denominator projected gap progress status windowComplete }
  needingAttention { indicator { id } status projected }
} }`;

beforeAll(async () => {
  hub = await startTestHub();
  url = hub.gateway.url;
});
afterAll(() => hub?.stop());

describe('the reference date', () => {
  it('counts a period only once it has ended: a 2025 figure does not count as of 2025-06-30', async () => {
    await push('amr', [{ indicator: 'assistance-mediation-cases', period: '2025', value: 3600 }]);
    expect(await kpi('assistance-mediation-cases', '2025-06-30')).toMatchObject({ actual: null, status: 'NO_DATA' });
    expect(await kpi('assistance-mediation-cases', '2025-12-31')).toMatchObject({ actual: 3600, periods: ['2025'] });
  });

  it("completes a window when its last figure is due by the calendar, not on the window's last day", async () => {
    const values = [26000, 25000, 24500, 24000];
    await push(
      'publicity',
      values.map((value, i) => ({ indicator: 'copyright-registrations', period: `2025Q${i + 1}`, value })),
    );
    // Flows are reported quarterly within 15 days: Q4 2025 is due on 2026-01-15.
    const calendar = await graphql(
      url,
      '{ indicator(id: "copyright-registrations") { reportingCalendar { periodType dueDays } } }',
    );
    expect(calendar.data!.indicator.reportingCalendar).toEqual({ periodType: 'QUARTER', dueDays: 15 });
    expect(await kpi('copyright-registrations', '2025-12-31')).toMatchObject({ windowEnd: '2025-12-31', windowComplete: false });
    expect(await kpi('copyright-registrations', '2026-01-14')).toMatchObject({ windowComplete: false });
    expect(await kpi('copyright-registrations', '2026-01-15')).toMatchObject({
      windowComplete: true,
      status: 'ACHIEVED',
      actual: 99500,
    });
  });
});

describe('the vintage', () => {
  it('answers a scoreboard asked with a past recordedAsOf as it was answered then, after corrections', async () => {
    await push('court', [
      ...[1000, 1000, 1000, 1000].map((value, i) => ({ indicator: 'court-ip-cases-closed', period: `2025Q${i + 1}`, value })),
      ...[950, 960, 965, 965].map((value, i) => ({
        indicator: 'court-ip-cases-closed-within-limit',
        period: `2025Q${i + 1}`,
        value,
      })),
      ...[112, 104, 98, 94].map((value, i) => ({ indicator: 'average-trial-closure-days', period: `2025Q${i + 1}`, value })),
    ]);
    const published = await lastRecorded('average-trial-closure-days');
    // A push is recorded at one instant, every figure of it: a vintage holds it whole or not at all.
    const instants = await Promise.all(
      ['court-ip-cases-closed', 'court-ip-cases-closed-within-limit', 'average-trial-closure-days'].map(lastRecorded),
    );
    expect(new Set(instants)).toEqual(new Set([published]));
    const first = await graphql(url, SCOREBOARD, { asOf: '2026-01-20' });
    expect(first.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 10));

    // Corrections after publication: the court's closure days and within-limit cases, a new quarter of copyright.
    const corrected = await push('court', [
      ...[90, 88, 85, 84].map((value, i) => ({ indicator: 'average-trial-closure-days', period: `2025Q${i + 1}`, value })),
      { indicator: 'court-ip-cases-closed-within-limit', period: '2025Q4', value: 700 },
    ]);
    expect(corrected.updated).toBe(5);
    await push('amr', [{ indicator: 'assistance-mediation-cases', period: '2025', withdraw: true, reason: 'double count' }]);
    await graphql(
      url,
      'mutation { setBaseline(indicator: "admin-case-cycle-reduction", value: 60, period: "2023") { value } }',
      undefined,
      await bearer('amr', ['reporter']),
    );

    const now = await graphql(url, SCOREBOARD, { asOf: '2026-01-20' });
    expect(now.data!.scoreboard).not.toEqual(first.data!.scoreboard);
    const again = await graphql(url, SCOREBOARD, { asOf: '2026-01-20', at: published });
    expect(again.errors).toBeUndefined();
    expect({ ...again.data!.scoreboard, recordedAsOf: null }).toEqual(first.data!.scoreboard);
    expect(again.data!.scoreboard.recordedAsOf).toBe(published);

    // Reporting completeness of the same vintage: what was reported by then.
    const COMPLETENESS = `query($at: DateTime) { reportingCompleteness(asOf: "2026-01-20", organizationId: "court", recordedAsOf: $at) {
      reports { indicator { id } period status } } }`;
    const reported = async (at: string | null) =>
      (await graphql(url, COMPLETENESS, { at }))
        .data!.reportingCompleteness[0].reports.filter(
          (r: { indicator: { id: string } }) => r.indicator.id === 'average-trial-closure-days',
        )
        .map((r: { period: string; status: string }) => `${r.period} ${r.status}`);
    expect(await reported(published)).toEqual(await reported(null));
    expect(await reported('2020-01-01T00:00:00Z')).not.toContain('2025Q1 LATE');
    expect(await reported('2020-01-01T00:00:00Z')).toContain('2025Q1 MISSING');

    // A figure withdrawn after the vintage was reported in it: the vintage's completeness counts it.
    await push('court', [{ indicator: 'court-ip-cases-closed', period: '2025Q4', withdraw: true, reason: 'double count' }]);
    // As of today: the figures were recorded today, after their due days.
    const TODAY = `query($at: DateTime, $asOf: LocalDate) { reportingCompleteness(asOf: $asOf, organizationId: "court", recordedAsOf: $at) {
      reports { indicator { id } period status } } }`;
    const today = new Date().toISOString().slice(0, 10);
    const closed = async (at: string | null) =>
      (await graphql(url, TODAY, { at, asOf: today }))
        .data!.reportingCompleteness[0].reports.filter(
          (r: { indicator: { id: string } }) => r.indicator.id === 'court-ip-cases-closed',
        )
        .map((r: { period: string; status: string }) => `${r.period} ${r.status}`);
    expect(await closed(null)).toContain('2025Q4 MISSING');
    expect(await closed(published)).toContain('2025Q4 LATE');

    // Before anything was recorded, nothing counts.
    const before = await kpi('average-trial-closure-days', '2026-01-20', '2020-01-01T00:00:00Z');
    expect(before).toMatchObject({ actual: null, status: 'NO_DATA' });
  });

  it('exports the scoreboard of a vintage, and answers a bad vintage with 400', async () => {
    const published = await lastRecorded('court-ip-cases-closed');
    const board = (q: string) => fetch(new URL(`/export/scoreboard.csv?asOf=2026-01-20${q}`, url)).then((r) => r.text());
    const then = await graphql(url, SCOREBOARD, { asOf: '2026-01-20', at: published });
    const csv = parseCsv(await board(`&recordedAsOf=${encodeURIComponent(published)}`));
    const headline = then.data!.scoreboard.headline;
    expect(csv[1].fields).toEqual(['headline', '2026-01-20', ...Object.values(headline).map(String)]);
    const bad = await fetch(new URL('/export/kpis.csv?asOf=2026-01-20&recordedAsOf=yesterday', url));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recordedAsOf' });
  });
});
