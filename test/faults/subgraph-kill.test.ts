/**
 * Drill: the indicators subgraph, a process of its own as in a container, killed with
 * SIGKILL in the middle of a large push: while its transaction is writing (nothing of it
 * lands), and while its COMMIT is under way (all of it lands, unacknowledged; the commit
 * is held by a synchronous standby that never answers, on a PostgreSQL of this test's
 * own). The gateway uses the subgraph again once it is back on its port, and the push
 * retried with its idempotency key lands exactly once.
 */
import { startGateway } from '../../gateway';
import type { RunningService } from '../../lib/server';
import { bearer, graphql, type GraphQLResponse, useHubAndDatabase } from '../support/hub';
import { testPort } from '../support/isolation';
import { type PrivatePostgres, startPrivatePostgres } from '../support/private-postgres';
import { type ServiceProcess, spawnService } from '../support/processes';

jest.setTimeout(60_000);

let postgres: PrivatePostgres;
const saved = process.env.TEST_DATABASE_SERVER_URL;
beforeAll(async () => {
  postgres = await startPrivatePostgres(testPort(24402));
  process.env.TEST_DATABASE_SERVER_URL = postgres.url;
});
const started = useHubAndDatabase();
const PORT = testPort(4520);
const ROWS = 2000;
const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created updated unchanged rejected replayed } }`;
let indicators: ServiceProcess;
let gateway: RunningService;

const spawnIndicators = () =>
  spawnService('indicators', {
    DATABASE_URL: process.env.DATABASE_URL,
    SEED: 'false',
    INDICATORS_PORT: String(PORT),
    ORGANIZATIONS_URL: started.hub().subgraphs.organizations.url,
  });

beforeAll(async () => {
  indicators = await spawnIndicators();
  const { subgraphs } = started.hub();
  gateway = await startGateway(started.hub().settings, {
    port: 0,
    subgraphUrls: { organizations: subgraphs.organizations.url, tasks: subgraphs.tasks.url, indicators: indicators.url },
  });
}, 60_000);
afterAll(async () => {
  await gateway?.stop();
  await indicators?.stop();
  process.env.TEST_DATABASE_SERVER_URL = saved;
  await postgres?.destroy();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The backend of the killed subgraph's push transaction, once it holds a transaction id (it has written). */
async function writingBackend(): Promise<number | undefined> {
  const { rows } = await started.db().query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'ipzone-indicators'
       AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()`,
  );
  return rows[0]?.pid;
}

async function counts(key: string): Promise<{ series: number; revisions: number; records: number }> {
  const { rows } = await started.db().query(
    `SELECT (SELECT count(*)::int FROM indicators.figure_series WHERE breakdown LIKE $1) AS series,
            (SELECT count(*)::int FROM indicators.figure_revision r JOIN indicators.figure_series s ON s.id = r.series_id
              WHERE s.breakdown LIKE $1) AS revisions,
            (SELECT count(*)::int FROM indicators.push_record WHERE idempotency_key = $2) AS records`,
    [`${key}-%`, key],
  );
  return rows[0];
}

function pushInput(key: string) {
  const figures = Array.from({ length: ROWS }, (_, i) => ({
    indicator: 'ip-training-base-trainees',
    period: `2025-${String((i % 12) + 1).padStart(2, '0')}`,
    breakdown: `${key}-${Math.floor(i / 12)}`,
    value: i + 1,
  }));
  return { idempotencyKey: key, figures };
}

/** Waits until `find` names the push's backend, then kills the subgraph; answers the push's answer and that backend. */
async function killWhen(pushed: Promise<GraphQLResponse>, find: () => Promise<number | undefined>) {
  let pid: number | undefined;
  const until = Date.now() + 30_000;
  while (!(pid = await find())) {
    if (Date.now() > until) throw new Error('the push never reached the awaited step');
    await sleep(2);
  }
  indicators.child.kill('SIGKILL');
  const res = await pushed;
  expect(res.data?.pushFigures ?? null).toBeNull();
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'indicators' });
  return pid;
}

async function backendGone(pid: number) {
  while ((await started.db().query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount) await sleep(20);
}

/** Back on its port: the gateway uses it again, without a restart; the retry lands the push once. */
async function retryLandsOnce(key: string, token: Record<string, string>, firstRetry: Record<string, unknown>) {
  indicators = await spawnIndicators();
  const input = pushInput(key);
  const retried = await graphql(gateway.url, PUSH, { input }, token);
  expect(retried.errors).toBeUndefined();
  expect(retried.data!.pushFigures).toEqual({ created: ROWS, updated: 0, unchanged: 0, rejected: 0, ...firstRetry });
  const again = await graphql(gateway.url, PUSH, { input }, token);
  expect(again.data!.pushFigures).toMatchObject({ created: ROWS, replayed: true });
  expect(await counts(key)).toEqual({ series: ROWS, revisions: ROWS, records: 1 });
  expect((await fetch(new URL('/readyz', gateway.url))).status).toBe(200);
}

it('killed while its push transaction writes: nothing of the push lands, and its retry lands it once', async () => {
  const token = await bearer('amr', ['reporter']);
  const key = 'drill-kill-writing';
  const pushed = graphql(gateway.url, PUSH, { input: pushInput(key) }, token);
  const pid = await killWhen(pushed, writingBackend);
  // PostgreSQL ends the orphaned transaction when it finds its client gone.
  await backendGone(pid);
  expect(await counts(key)).toEqual({ series: 0, revisions: 0, records: 0 });
  await retryLandsOnce(key, token, { replayed: false });
});

it('killed while its COMMIT is under way: the push lands whole unacknowledged, and its retry answers its summary', async () => {
  const token = await bearer('amr', ['reporter']);
  const key = 'drill-kill-committing';
  const db = started.db();
  // Every commit now waits for a synchronous standby that does not exist.
  await db.query(`ALTER SYSTEM SET synchronous_standby_names = 'absent_standby'`);
  await db.query('SELECT pg_reload_conf()');
  try {
    const pushed = graphql(gateway.url, PUSH, { input: pushInput(key) }, token);
    const pid = await killWhen(pushed, async () => {
      const { rows } = await db.query(
        `SELECT pid FROM pg_stat_activity WHERE application_name = 'ipzone-indicators' AND wait_event = 'SyncRep'`,
      );
      return rows[0]?.pid;
    });
    // Released: the commit, already written, completes.
    await db.query(`ALTER SYSTEM RESET synchronous_standby_names`);
    await db.query('SELECT pg_reload_conf()');
    await backendGone(pid);
  } finally {
    await db.query(`ALTER SYSTEM RESET synchronous_standby_names`);
    await db.query('SELECT pg_reload_conf()');
  }
  expect(await counts(key)).toEqual({ series: ROWS, revisions: ROWS, records: 1 });
  await retryLandsOnce(key, token, { replayed: true });
});
