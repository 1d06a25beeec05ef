/**
 * PostgreSQL stops in the middle of a request: the scoreboard as the dashboard asks for
 * it, one target's scorecard with its figures, reporting completeness, and a push. The
 * hub (gateway over HTTP, three subgraphs) reaches a server of this test's own through a
 * hop that reads each statement sent (test/support/postgres-proxy.ts): at a chosen
 * statement of the request the subgraph sending it is cut off there and the server is
 * stopped (fast shutdown), so the stop falls at the same point every run. Each answer is
 * an error, DATABASE_UNAVAILABLE, whose data holds what did succeed exactly as the whole
 * answer has it and null where an error says why: never fewer targets or rows without an
 * error. A push lands nothing and says so (DATABASE_UNAVAILABLE too when the organizations
 * subgraph's database stops as it resolves the names it carries). With the server back, the same
 * request answers in full, and the push retried with its key lands once.
 */
import { Client } from 'pg';
import { DASHBOARD, DETAIL } from '../../dashboard/queries';
import type { SubgraphName } from '../../lib/config';
import type { Hub } from '../../hub';
import { bearer, graphql, type GraphQLResponse, startTestHub } from '../support/hub';
import { testPort } from '../support/isolation';
import { type PostgresProxy, startPostgresProxy } from '../support/postgres-proxy';
import { type PrivatePostgres, startPrivatePostgres } from '../support/private-postgres';

jest.setTimeout(60_000);

const AS_OF = '2025-12-31';
const INDICATORS = 'ipzone-indicators';
const ORGANIZATIONS = 'ipzone-organizations';
const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
const PUSH = `mutation Push($input: PushFiguresInput!) { pushFigures(input: $input) { created updated rejected replayed } }`;
type Answer = GraphQLResponse<Record<string, any>>;

let postgres: PrivatePostgres;
let proxy: PostgresProxy;
let hub: Hub;
let url: string;
/** The hub's database, straight on the server (not through the proxy). */
let direct: string;
const saved = process.env.TEST_DATABASE_SERVER_URL;

beforeAll(async () => {
  postgres = await startPrivatePostgres(testPort(24403));
  proxy = await startPostgresProxy(postgres.url);
  process.env.TEST_DATABASE_SERVER_URL = proxy.url;
  hub = await startTestHub();
  url = hub.gateway.url;
  const database = new URL(process.env.DATABASE_URL!);
  database.port = new URL(postgres.url).port;
  direct = database.toString();
  const figures = ['2025Q1', '2025Q2', '2025Q3'].map((period, i) => ({
    indicator: 'court-ip-cases-closed',
    period,
    value: 1000 + 100 * i,
  }));
  const pushed = await graphql(url, PUSH, { input: { figures } }, await bearer('court', ['reporter']));
  expect(pushed.errors).toBeUndefined();
});

afterAll(async () => {
  await hub?.stop();
  await proxy?.close();
  process.env.TEST_DATABASE_SERVER_URL = saved;
  await postgres?.destroy();
});

/** Requests a subgraph has answered for clients (the gateway's own timed operations left out). */
async function answered(name: SubgraphName): Promise<number> {
  const { values } = await hub.subgraphs[name].metrics.requests.get();
  return values
    .filter((v) => !['IdentityDirectory', 'RecordTokenUse'].includes(String(v.labels.operation)))
    .reduce((sum, v) => sum + v.value, 0);
}

/** Waits until `count` is above `from` (a subgraph has answered its part of the request). */
async function above(count: () => Promise<number>, from: number): Promise<void> {
  const end = Date.now() + 20_000;
  while ((await count()) <= from) {
    if (Date.now() > end) throw new Error('the other subgraphs never answered their parts');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Sends `request`; at the first statement of `application` matching `at` the database is
 * cut off and stopped (once the subgraphs in `first` have answered their parts). Answers
 * the request's answer, the server back and passing statements again.
 */
async function stopAt(at: RegExp, request: () => Promise<Answer>, first: SubgraphName[] = [], application = INDICATORS) {
  const before = await Promise.all(first.map(answered));
  const stopped = proxy.cutAt(application, at).then(async (sql) => {
    try {
      await Promise.all(first.map((name, i) => above(() => answered(name), before[i])));
    } finally {
      await postgres.stop('fast');
    }
    return sql;
  });
  stopped.catch(() => undefined);
  const answer = await request();
  expect(proxy.cut).toBe(true);
  expect(await stopped).toMatch(at);
  await postgres.start();
  proxy.reopen();
  return answer;
}

/** Where `partial` differs from `full` other than by null in place of a value (a list of another length is a difference). */
function differences(full: unknown, partial: unknown, at: Array<string | number> = []): string[] {
  if (partial === null) return [];
  if (Array.isArray(full)) {
    if (!Array.isArray(partial) || partial.length !== full.length) return [at.join('.')];
    return full.flatMap((value, i) => differences(value, partial[i], [...at, i]));
  }
  if (full !== null && typeof full === 'object') {
    if (typeof partial !== 'object' || Array.isArray(partial)) return [at.join('.')];
    const keys = new Set([...Object.keys(full), ...Object.keys(partial)]);
    return [...keys].flatMap((key) =>
      differences((full as Record<string, unknown>)[key], (partial as Record<string, unknown>)[key], [...at, key]),
    );
  }
  return Object.is(full, partial) ? [] : [at.join('.')];
}

/** The paths where `partial` has null and `full` a value. */
function nulled(full: unknown, partial: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (full === null || typeof full !== 'object') return [];
  if (partial === null || partial === undefined) return [at];
  return Object.entries(full).flatMap(([key, value]) =>
    nulled(value, (partial as Record<string, unknown>)[key], [...at, Array.isArray(full) ? Number(key) : key]),
  );
}

/** An answer cut short by the database: errors saying so, every part it has as the whole answer has it, every null explained. */
function expectCutShort(whole: Answer, cut: Answer): void {
  expect(new Set(cut.errors?.map((e) => e.extensions?.code) ?? ['no error'])).toEqual(new Set([DATABASE_UNAVAILABLE]));
  expect(differences(whole.data, cut.data ?? null)).toEqual([]);
  const explained = (path: Array<string | number>) =>
    (cut.errors ?? []).some((e) => e.path && e.path.every((part, i) => i >= path.length || part === path[i]));
  expect(nulled(whole.data, cut.data ?? null).filter((path) => !explained(path))).toEqual([]);
}

describe('the scoreboard as the dashboard asks for it', () => {
  const variables = { asOf: AS_OF, ownerId: null, orgId: null, tasks: {} };
  let whole: Answer;
  beforeAll(async () => {
    whole = await graphql(url, DASHBOARD, variables);
    expect(whole.errors).toBeUndefined();
    expect(whole.data!.scoreboard.targets.total).toBeGreaterThan(10);
  });
  afterEach(async () => expect(await graphql(url, DASHBOARD, variables)).toEqual(whole));

  it('stopped at its first read of the figures: an error, not smaller counts; what the other subgraphs answered stands', async () => {
    const cut = await stopAt(/FROM figure_series/, () => graphql(url, DASHBOARD, variables), ['organizations', 'tasks']);
    expectCutShort(whole, cut);
    expect(cut.data).toEqual({
      organizations: whole.data!.organizations,
      tasks: whole.data!.tasks,
      scoreboard: null,
      targets: null,
      reportingCompleteness: null,
    });
  });

  it("stopped after its counts, while the targets' owners are read: the counts stand, the owners are an error, not none", async () => {
    const cut = await stopAt(/"IndicatorOwnerRecord"/, () => graphql(url, DASHBOARD, variables), ['organizations', 'tasks']);
    expectCutShort(whole, cut);
    const { headlineGoals: _goals, ...counts } = whole.data!.scoreboard;
    expect(cut.data!.scoreboard).toMatchObject(counts);
    const owners = (kpis: Array<{ indicator: { owners: unknown } | null }>) => kpis.map((k) => k.indicator?.owners ?? null);
    expect(new Set([...owners(cut.data!.targets), ...owners(cut.data!.scoreboard.headlineGoals)])).toEqual(new Set([null]));
  });
});

it("a target's scorecard with its figures: an error, not a KPI or figures read from fewer rows", async () => {
  const variables = { id: 'court-ip-cases-closed', ref: 'court-ip-cases-closed', asOf: AS_OF };
  const whole = await graphql(url, DETAIL, variables);
  expect(whole.errors).toBeUndefined();
  expect(whole.data!.figures).toHaveLength(3);
  expect(whole.data!.indicator.series.length).toBeGreaterThan(0);
  expect(whole.data!.indicator.kpi.actual).not.toBeNull();
  const cut = await stopAt(/FROM figure_series/, () => graphql(url, DETAIL, variables));
  expectCutShort(whole, cut);
  expect(cut.data?.figures ?? null).toBeNull();
  expect(cut.data?.indicator?.kpi ?? null).toBeNull();
  expect(cut.data?.indicator?.series ?? null).toBeNull();
  expect(await graphql(url, DETAIL, variables)).toEqual(whole);
});

it('reporting completeness: an error, not an empty list or fewer reports', async () => {
  const query = `query Completeness($asOf: LocalDate) { reportingCompleteness(asOf: $asOf) {
    organization { id name } expected onTime late missing completeness owed { indicator { id } period } } }`;
  const whole = await graphql(url, query, { asOf: AS_OF });
  expect(whole.errors).toBeUndefined();
  expect(whole.data!.reportingCompleteness.some((r: { expected: number }) => r.expected > 0)).toBe(true);
  const cut = await stopAt(/min\(first_recorded_at\) AS first/, () => graphql(url, query, { asOf: AS_OF }));
  expectCutShort(whole, cut);
  expect(cut.data?.reportingCompleteness ?? null).toBeNull();
  expect(await graphql(url, query, { asOf: AS_OF })).toEqual(whole);
});

const ROWS = 24;

/** Rows of the whole figure tables, and those of one key. */
async function landed(key: string) {
  const db = new Client({ connectionString: direct });
  await db.connect();
  const { rows } = await db.query(
    `SELECT (SELECT count(*)::int FROM indicators.figure_series) AS series,
            (SELECT count(*)::int FROM indicators.figure_revision) AS revisions,
            (SELECT count(*)::int FROM indicators.push_record) AS records,
            (SELECT count(*)::int FROM indicators.figure_series WHERE breakdown LIKE $1) AS "ofKey"`,
    [`${key}-%`],
  );
  await db.end();
  return rows[0];
}

it.each([
  {
    step: 'its organisation is resolved',
    application: ORGANIZATIONS,
    at: /JOIN organization_alias/,
    code: DATABASE_UNAVAILABLE,
  },
  { step: 'its figures are staged', application: INDICATORS, at: /^COPY staged_figure/, code: DATABASE_UNAVAILABLE },
  { step: 'its figures are written', application: INDICATORS, at: /^WITH upserted AS/, code: DATABASE_UNAVAILABLE },
  { step: 'it commits', application: INDICATORS, at: /^COMMIT$/, code: DATABASE_UNAVAILABLE },
])(
  'a push stopped while $step lands nothing, answers $code, and lands once when retried',
  async ({ step, application, at, code }) => {
    const key = `stopped-${step.replace(/\W+/g, '-')}`;
    const figures = Array.from({ length: ROWS }, (_, i) => ({
      indicator: 'ip-training-base-trainees',
      organization: '市场监管局',
      period: `2025-${String((i % 12) + 1).padStart(2, '0')}`,
      breakdown: `${key}-${Math.floor(i / 12)}`,
      value: i + 1,
    }));
    const input = { idempotencyKey: key, figures };
    const token = await bearer('amr', ['reporter']);
    const before = await landed(key);
    const cut = await stopAt(at, () => graphql(url, PUSH, { input }, token), [], application);
    expect(cut.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['pushFigures'], code]]);
    expect(cut.data?.pushFigures ?? null).toBeNull();
    expect(await landed(key)).toEqual(before);
    const retried = await graphql(url, PUSH, { input }, token);
    expect(retried.errors ?? retried.data).toEqual({ pushFigures: { created: ROWS, updated: 0, rejected: 0, replayed: false } });
    expect(await landed(key)).toEqual({
      series: before.series + ROWS,
      revisions: before.revisions + ROWS,
      records: before.records + 1,
      ofKey: ROWS,
    });
  },
);
