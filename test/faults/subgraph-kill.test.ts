/**
 * Drill: the indicators subgraph, a process of its own as in a container, killed with
 * SIGKILL in the middle of a large push (its transaction open and already writing). The
 * push lands whole or not at all, the gateway uses the subgraph again once it is back on
 * its port, and the push retried with its idempotency key lands exactly once.
 */
import { startGateway } from '../../gateway';
import type { RunningService } from '../../lib/server';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';
import { testPort } from '../support/isolation';
import { type ServiceProcess, spawnService } from '../support/processes';

jest.setTimeout(60_000);

const started = useHubAndDatabase();
const PORT = testPort(4520);
const ROWS = 5000;
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
  gateway = await startGateway({
    port: 0,
    subgraphUrls: { organizations: subgraphs.organizations.url, tasks: subgraphs.tasks.url, indicators: indicators.url },
  });
}, 60_000);
afterAll(async () => {
  await gateway?.stop();
  await indicators?.stop();
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

it('a subgraph killed with SIGKILL mid-push: the push landed whole or not at all, and its retry lands once', async () => {
  const token = await bearer('amr', ['reporter']);
  const key = 'drill-subgraph-kill';
  const figures = Array.from({ length: ROWS }, (_, i) => ({
    indicator: 'ip-training-base-trainees',
    period: `2025-${String((i % 12) + 1).padStart(2, '0')}`,
    breakdown: `${key}-${Math.floor(i / 12)}`,
    value: i + 1,
  }));
  const input = { idempotencyKey: key, figures };
  const pushed = graphql(gateway.url, PUSH, { input }, token);
  let pid: number | undefined;
  const until = Date.now() + 30_000;
  while (!(pid = await writingBackend())) {
    if (Date.now() > until) throw new Error('the push never opened a writing transaction');
    await sleep(2);
  }
  indicators.child.kill('SIGKILL');
  const res = await pushed;
  expect(res.data?.pushFigures ?? null).toBeNull();
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'indicators' });
  // PostgreSQL ends the orphaned transaction when it finds its client gone.
  while ((await started.db().query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount) await sleep(20);
  expect(await counts(key)).toEqual({ series: 0, revisions: 0, records: 0 });

  // Back on its port: the gateway uses it again, without a restart.
  indicators = await spawnIndicators();
  const retried = await graphql(gateway.url, PUSH, { input }, token);
  expect(retried.errors).toBeUndefined();
  expect(retried.data!.pushFigures).toEqual({ created: ROWS, updated: 0, unchanged: 0, rejected: 0, replayed: false });
  const again = await graphql(gateway.url, PUSH, { input }, token);
  expect(again.data!.pushFigures).toMatchObject({ created: ROWS, replayed: true });
  expect(await counts(key)).toEqual({ series: ROWS, revisions: ROWS, records: 1 });
  expect((await fetch(new URL('/readyz', gateway.url))).status).toBe(200);
});
