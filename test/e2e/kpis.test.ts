/**
 * Combined KPIs through the gateway: the owners push realistic figures for the eight city
 * goals, and one query answers where the plan stands as of 2026-03-31, once every 2025 figure is due.
 */
import { parseCsv } from '../../lib/csv';
import type { Hub } from '../../hub';
import { bearer, countStatements, graphql, startTestHub } from '../support/hub';

let hub: Hub;
let url: string;

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created rejected rejections { index field message } } }`;

async function push(org: string, figures: object[]): Promise<void> {
  const res = await graphql(url, PUSH, { input: { figures } }, await bearer(org, ['reporter']));
  expect(res.errors).toBeUndefined();
  expect(res.data!.pushFigures.rejections).toEqual([]);
}

const quarters = (indicator: string, values: number[], year = 2025) =>
  values.map((value, i) => ({ indicator, period: `${year}Q${i + 1}`, value, source: 'demo' }));

beforeAll(async () => {
  hub = await startTestHub();
  url = hub.gateway.url;
  // Met: satisfaction 84.2 ≥ 83.5; patents per 10k 57,000 ÷ 1,380 = 41.3 > 40; mediation 3,650 > 3,500; closure within limit 96 % ≥ 95 %.
  // Missed: copyright 78,000 < 85,000; patent-intensive share 14.76 % < 15 %; average closure 102 days > 100.
  // No baseline: the administrative case cycle (压减 10%).
  await push('amr', [
    { indicator: 'ip-protection-satisfaction', period: '2025', value: 84.2, status: 'FINAL', source: 'demo' },
    { indicator: 'high-value-invention-patents', period: '2025H2', value: 57000, source: 'demo' },
    ...quarters('assistance-mediation-cases', [800, 900, 950, 1000]),
    ...quarters('admin-case-cycle-reduction', [55, 53, 51, 49]),
  ]);
  await push('statistics', [
    { indicator: 'resident-population', period: '2025', value: 1380, source: 'demo' },
    { indicator: 'patent-intensive-industry-share', period: '2025', numerator: 3100, denominator: 21000, source: 'demo' },
  ]);
  await push('publicity', quarters('copyright-registrations', [18000, 20000, 21000, 19000]));
  await push('court', [
    ...quarters('court-ip-cases-closed', [1000, 1000, 1000, 1000]),
    ...quarters('court-ip-cases-closed-within-limit', [950, 960, 965, 965]),
    ...quarters('average-trial-closure-days', [112, 104, 98, 94]),
  ]);
});
afterAll(() => hub?.stop());

const SCOREBOARD = `query($asOf: LocalDate) { scoreboard(asOf: $asOf) {
  asOf
  headline { total achieved onTrack atRisk offTrack noData noBaseline }
  targets { total achieved offTrack noData noBaseline }
  headlineGoals { indicator { id owners { name } } actual numerator denominator effectiveTarget gap progress status }
  needingAttention { indicator { id } status }
} }`;

describe('the plan scoreboard as of 2026-03-31, when every 2025 figure is due', () => {
  it("gives each city goal the status its owners' figures earn, in one query", async () => {
    const res = await graphql(url, SCOREBOARD, { asOf: '2026-03-31' });
    expect(res.errors).toBeUndefined();
    const board = res.data!.scoreboard;
    expect(board.headline).toEqual({ total: 8, achieved: 4, onTrack: 0, atRisk: 0, offTrack: 3, noData: 0, noBaseline: 1 });
    const status = Object.fromEntries(board.headlineGoals.map((g: any) => [g.indicator.id, g.status]));
    expect(status).toEqual({
      'ip-protection-satisfaction': 'ACHIEVED',
      'high-value-patents-per-10k': 'ACHIEVED',
      'assistance-mediation-cases': 'ACHIEVED',
      'trial-closure-within-limit-rate': 'ACHIEVED',
      'copyright-registrations': 'OFF_TRACK',
      'patent-intensive-industry-share': 'OFF_TRACK',
      'average-trial-closure-days': 'OFF_TRACK',
      'admin-case-cycle-reduction': 'NO_BASELINE',
    });
    const byId = Object.fromEntries(board.headlineGoals.map((g: any) => [g.indicator.id, g]));
    expect(byId['copyright-registrations']).toMatchObject({ actual: 78000, gap: -7000 });
    expect(byId['high-value-patents-per-10k'].actual).toBeCloseTo(41.304, 3);
    expect(byId['average-trial-closure-days']).toMatchObject({ actual: 102, progress: (100 / 102) * 100 });
    expect(byId['patent-intensive-industry-share']).toMatchObject({ numerator: 3100, denominator: 21000 });
    expect(byId['patent-intensive-industry-share'].actual).toBeCloseTo(14.762, 3);
    expect(byId['trial-closure-within-limit-rate'].actual).toBeCloseTo(96, 6);
    expect(byId['admin-case-cycle-reduction']).toMatchObject({ effectiveTarget: null, progress: null });
    expect(board.needingAttention.map((k: any) => k.status)).toEqual(expect.arrayContaining(['OFF_TRACK']));
    expect(board.targets.total).toBeGreaterThan(8);
  });

  it('takes a relative target off NO_BASELINE once its owner records a baseline', async () => {
    const res = await graphql(
      url,
      'mutation { setBaseline(indicator: "admin-case-cycle-reduction", value: 60, period: "2023", note: "2023年平均办理周期") { value period } }',
      {},
      await bearer('amr', ['reporter']),
    );
    expect(res.data!.setBaseline).toEqual({ value: 60, period: '2023' });
    const kpi = await graphql(
      url,
      '{ indicator(id: "admin-case-cycle-reduction") { kpi(asOf: "2026-03-31") { actual baseline effectiveTarget progress status } } }',
    );
    // 2025 average 52 days against 60 × (1 − 10 %) = 54: a 13.3 % reduction, 133 % of the 10 % asked.
    expect(kpi.data!.indicator.kpi).toMatchObject({ actual: 52, baseline: 60, effectiveTarget: 54, status: 'ACHIEVED' });
    expect(kpi.data!.indicator.kpi.progress).toBeCloseTo(133.33, 1);
    const foreign = await graphql(
      url,
      'mutation { setBaseline(indicator: "admin-case-cycle-reduction", value: 1) { value } }',
      {},
      await bearer('court', ['reporter']),
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('projects mid-year: ON_TRACK where the trend meets the target, AT_RISK where it misses', async () => {
    const res = await graphql(
      url,
      `
        {
          kpis(asOf: "2025-06-30", filter: { headline: true }) {
            indicator {
              id
            }
            projected
            status
            windowComplete
          }
        }
      `,
    );
    const byId = Object.fromEntries(res.data!.kpis.map((k: any) => [k.indicator.id, k]));
    expect(byId['assistance-mediation-cases']).toMatchObject({ status: 'ON_TRACK', projected: 3800, windowComplete: false });
    expect(byId['copyright-registrations']).toMatchObject({ status: 'AT_RISK', projected: 84000 });
  });
});

describe('the sections of the plan', () => {
  it('sum up the targets of their tasks, which the indicators subgraph finds from the task ids the tasks subgraph gives (@requires)', async () => {
    const res = await graphql(
      url,
      '{ sections { seq taskIds kpiSummary(asOf: "2025-12-31") { total achieved noData } kpis(asOf: "2025-12-31") { indicator { tasks { id } } } } }',
    );
    expect(res.errors).toBeUndefined();
    const sections = res.data!.sections as Array<{
      seq: number;
      taskIds: string[];
      kpiSummary: { total: number };
      kpis: Array<{ indicator: { tasks: Array<{ id: string }> } }>;
    }>;
    for (const section of sections) {
      expect(section.kpis).toHaveLength(section.kpiSummary.total);
      for (const kpi of section.kpis) expect(kpi.indicator.tasks.some((t) => section.taskIds.includes(t.id))).toBe(true);
    }
    // Every target written in a task belongs to exactly one section: 33 targets less the 8 city goals.
    expect(sections.reduce((n, s) => n + s.kpiSummary.total, 0)).toBe(25);
  });
});

describe('derived indicators', () => {
  it('refuse a formula with unknown ids or a cycle, as BAD_USER_INPUT', async () => {
    const admin = await bearer('amr', ['admin']);
    const unknown = await graphql(
      url,
      'mutation { setIndicatorFormula(indicator: "technical-investigators", formula: "[nothing] * 2") { id } }',
      {},
      admin,
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'formula' });
    const cycle = await graphql(
      url,
      'mutation { setIndicatorFormula(indicator: "resident-population", formula: "[resident-population] × 2") { id } }',
      {},
      admin,
    );
    expect(cycle.errors?.[0].message).toContain('cycle');
    const derivedInput = await graphql(
      url,
      'mutation { setIndicatorFormula(indicator: "technical-investigators", formula: "[high-value-patents-per-10k] * 2") { id } }',
      {},
      admin,
    );
    expect(derivedInput.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'formula' });
    const malformed = await graphql(
      url,
      'mutation { setIndicatorFormula(indicator: "technical-investigators", formula: "2 +") { id } }',
      {},
      admin,
    );
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('reporting completeness', () => {
  it('lists per organisation what it reported and what it owes', async () => {
    const res = await graphql(
      url,
      `
        {
          reportingCompleteness(asOf: "2025-12-31", organizationId: "court") {
            organization {
              name
            }
            expected
            onTime
            late
            missing
            owed {
              indicator {
                id
              }
              period
              due
            }
          }
        }
      `,
    );
    const [court] = res.data!.reportingCompleteness;
    expect(court.organization.name).toBe('市法院');
    // Quarterly within 15 days, from 2024Q4 (the first full quarter of the plan): 2024Q4–2025Q3 of its four
    // reported indicators are due by 2025-12-31. The figures above were recorded after that date, so as of
    // 2025-12-31 none was there yet.
    expect(court).toMatchObject({ expected: 16, onTime: 0, late: 0, missing: 16 });
    expect(court.owed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ indicator: { id: 'average-trial-closure-days' }, period: '2024Q4', due: '2025-01-15' }),
      ]),
    );
    // Later, the 2025 quarters count as reported, late; the rest is still owed. Through 2030Q3: the two
    // ongoing counts 24 quarters each, the two targets due 2025-12 five each.
    const later = await graphql(
      url,
      '{ reportingCompleteness(asOf: "2030-12-31", organizationId: "court") { expected onTime late missing } }',
    );
    expect(later.data!.reportingCompleteness[0]).toEqual({ expected: 58, onTime: 0, late: 12, missing: 46 });
  });

  it('owes a continuing target in every period it is judged, past its deadline', async () => {
    // Patent-dispute mediation coverage: 100 % from 2024-12 on, judged every year, reported
    // quarterly within 15 days; as of 2026-01-15 the quarters 2024Q4–2025Q4 are due.
    const res = await graphql(
      url,
      `
        {
          reportingCompleteness(asOf: "2026-01-15", organizationId: "amr") {
            reports {
              indicator {
                id
              }
              period
            }
          }
          q2: owedIndicators(organization: "amr", period: "2026Q2") {
            id
          }
        }
      `,
    );
    expect(res.errors).toBeUndefined();
    const periods = res
      .data!.reportingCompleteness[0].reports.filter((r: any) => r.indicator.id === 'patent-dispute-mediation-coverage')
      .map((r: any) => r.period);
    expect(periods).toEqual(['2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4']);
    expect(res.data!.q2.map((i: any) => i.id)).toContain('patent-dispute-mediation-coverage');
  });
});

describe('the scorecard of 市市场监管局', () => {
  const SCORECARD = `query($id: ID!) { organization(id: $id) {
    name
    taskScorecard(asOf: "2025-12-31") { led { total overdue } ledTasks { id progress(asOf: "2025-12-31") { effectiveStatus } } }
    indicatorScorecard(asOf: "2026-03-31") { counts { total achieved } kpis { indicator { id name } status } reporting { expected missing } }
  } }`;

  it('lists its 40 led tasks and its indicators with status, in a constant number of SQL statements per subgraph', async () => {
    let amr: any;
    const big = await countStatements(hub, async () => {
      const res = await graphql(url, SCORECARD, { id: 'amr' });
      expect(res.errors).toBeUndefined();
      amr = res.data!.organization;
    });
    expect(amr.name).toBe('市市场监管局');
    expect(amr.taskScorecard.ledTasks).toHaveLength(40);
    expect(amr.taskScorecard.led.total).toBe(40);
    for (const task of amr.taskScorecard.ledTasks)
      expect(task.progress.effectiveStatus).toMatch(/^(NOT_STARTED|IN_PROGRESS|DONE|BLOCKED|OVERDUE)$/);
    expect(amr.indicatorScorecard.kpis.length).toBeGreaterThan(20);
    expect(amr.indicatorScorecard.kpis.find((k: any) => k.indicator.id === 'ip-protection-satisfaction').status).toBe('ACHIEVED');
    const small = await countStatements(hub, async () => {
      const res = await graphql(url, SCORECARD, { id: 'customs' });
      expect(res.data!.organization.taskScorecard.ledTasks.length).toBeLessThan(5);
    });
    expect(big).toEqual(small);
  });
});

describe('CSV export', () => {
  it('gives exactly the numbers of the GraphQL answer', async () => {
    const gql = await graphql(
      url,
      `
        {
          kpis(asOf: "2025-12-31", filter: { includeMonitoring: true }) {
            indicator {
              id
            }
            actual
            progress
            status
            gap
          }
        }
      `,
    );
    const csv = await fetch(new URL('/export/kpis.csv?asOf=2025-12-31', url));
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const [header, ...rows] = parseCsv(await csv.text());
    const col = (name: string) => header.fields.indexOf(name);
    expect(rows).toHaveLength(gql.data!.kpis.length);
    rows.forEach((row, i) => {
      const k = gql.data!.kpis[i];
      expect(row.fields[col('indicator')]).toBe(k.indicator.id);
      expect(row.fields[col('status')]).toBe(k.status);
      for (const [column, value] of [
        ['actual', k.actual],
        ['progress_percent', k.progress],
        ['gap', k.gap],
      ] as const) {
        expect(row.fields[col(column)]).toBe(value === null ? '' : String(value));
      }
    });
  });

  it("exports the scoreboard and an organisation's scorecard, and answers a bad date with 400", async () => {
    const board = parseCsv(await (await fetch(new URL('/export/scoreboard.csv?asOf=2026-03-31', url))).text());
    // Four goals met by their figures, and the case cycle since its baseline was recorded above.
    expect(board[1].fields.slice(0, 4)).toEqual(['headline', '2026-03-31', '8', '5']);
    const org = parseCsv(await (await fetch(new URL('/export/organization.csv?id=amr&asOf=2026-03-31', url))).text());
    expect(org.filter((r) => r.fields[1] === 'led task')).toHaveLength(40);
    expect((await fetch(new URL('/export/kpis.csv?asOf=2025-13-01', url))).status).toBe(400);
    expect((await fetch(new URL('/export/nothing.csv', url))).status).toBe(404);
  });

  it('gives every row as many fields as its header, in every export', async () => {
    for (const path of ['kpis.csv', 'scoreboard.csv', 'completeness.csv', 'organization.csv?id=amr']) {
      const res = await fetch(new URL(`/export/${path}${path.includes('?') ? '&' : '?'}asOf=2025-12-31`, url));
      expect(res.status).toBe(200);
      const [header, ...rows] = parseCsv(await res.text());
      expect(rows.length).toBeGreaterThan(1);
      expect(rows.filter((r) => r.fields.length !== header.fields.length)).toEqual([]);
    }
  });

  it('names the file from the export, the organisation and the date it was asked for', async () => {
    const res = await fetch(new URL('/export/organization.csv?id=court&asOf=2025-12-31', url));
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="organization-court-2025-12-31.csv"');
    const today = await fetch(new URL('/export/kpis.csv', url));
    expect(today.headers.get('content-disposition')).toBe('attachment; filename="kpis.csv"');
  });

  it('answers an unknown organisation with 404 and a malformed date or a missing id with 400, as JSON errors', async () => {
    const unknown = await fetch(new URL('/export/organization.csv?id=no-such-org&asOf=2025-12-31', url));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect((await unknown.json()).errors[0]).toMatchObject({
      message: expect.stringContaining('no-such-org'),
      extensions: { code: 'NOT_FOUND' },
    });
    for (const asOf of ['2025-12-31"; filename="x.exe', '2025-12-31T00:00:00Z', '2025-02-30', 'today']) {
      for (const path of [
        'kpis.csv?',
        'scoreboard.csv?',
        'completeness.csv?',
        'organization.csv?id=amr&',
        'organization.csv?id=nobody&',
      ]) {
        const res = await fetch(new URL(`/export/${path}asOf=${encodeURIComponent(asOf)}`, url));
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.headers.get('content-disposition')).toBeNull();
        expect((await res.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      }
    }
    const missing = await fetch(new URL('/export/organization.csv', url));
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
    const nothing = await fetch(new URL('/export/nothing.csv', url));
    expect((await nothing.json()).errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
