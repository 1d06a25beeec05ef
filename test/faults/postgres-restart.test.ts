/**
 * Drill: PostgreSQL restarted under a stream of pushes, as an operator's `pg_ctl restart
 * -m fast` or `-m immediate` does it, on a server of this test's own. The hub recovers by
 * itself (its /readyz answers ready again, nothing restarted), every push it acknowledged
 * is in the database, the pushes it refused say DATABASE_UNAVAILABLE, and each of those,
 * retried with its idempotency key, lands once.
 */
import { GraphQLError, locatedError } from 'graphql';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { formatError } from '../../lib/format-error';
import type { Hub } from '../../hub';
import { bearer, graphql, type GraphQLResponse, startTestHub } from '../support/hub';
import { testPort } from '../support/isolation';
import { type PrivatePostgres, type StopMode, startPrivatePostgres } from '../support/private-postgres';

jest.setTimeout(60_000);

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created replayed rejected } }`;
const ROWS = 12;

let postgres: PrivatePostgres;
let hub: Hub;
let url: string;
let token: Record<string, string>;
const saved = process.env.TEST_DATABASE_SERVER_URL;

beforeAll(async () => {
  postgres = await startPrivatePostgres(testPort(24400));
  process.env.TEST_DATABASE_SERVER_URL = postgres.url;
  hub = await startTestHub();
  url = hub.gateway.url;
  token = await bearer('amr', ['reporter']);
});

afterAll(async () => {
  await hub?.stop();
  process.env.TEST_DATABASE_SERVER_URL = saved;
  await postgres?.destroy();
});

/** A push of ROWS figures of its own breakdown, under its own key. */
function push(key: string): Promise<GraphQLResponse> {
  const figures = Array.from({ length: ROWS }, (_, i) => ({
    indicator: 'ip-training-base-trainees',
    period: `2025-${String(i + 1).padStart(2, '0')}`,
    breakdown: key,
    value: i + 1,
  }));
  return graphql(url, PUSH, { input: { idempotencyKey: key, figures } }, token).catch((error: Error) => ({
    status: 0,
    errors: [{ message: error.message, extensions: { code: 'NO_ANSWER' } }],
  }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readyAgain(ms: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    const res = await fetch(new URL('/readyz', url)).catch(() => undefined);
    if (res?.status === 200) return Date.now() - start;
    if (Date.now() - start > ms) throw new Error(`/readyz not ready ${ms} ms after PostgreSQL came back`);
    await sleep(100);
  }
}

async function landed(keys: string[]): Promise<{ series: Record<string, number>; revisions: Record<string, number> }> {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    const count = async (sql: string) =>
      Object.fromEntries(((await db.query(sql, [keys])).rows as Array<{ key: string; n: number }>).map((r) => [r.key, r.n]));
    return {
      series: await count(
        `SELECT breakdown AS key, count(*)::int AS n FROM indicators.figure_series WHERE breakdown = ANY($1) GROUP BY 1`,
      ),
      revisions: await count(
        `SELECT s.breakdown AS key, count(*)::int AS n FROM indicators.figure_revision r
           JOIN indicators.figure_series s ON s.id = r.series_id WHERE s.breakdown = ANY($1) GROUP BY 1`,
      ),
    };
  } finally {
    await db.end();
  }
}

async function drill(mode: StopMode) {
  const acknowledged: string[] = [];
  const refused = new Map<string, string>();
  let running = true;
  let sent = 0;
  // Three clients pushing one batch after another.
  const stream = async (client: number) => {
    while (running) {
      const key = `drill-${mode}-${client}-${(sent += 1)}`;
      const res = await push(key);
      if (res.data?.pushFigures && !res.errors) {
        expect(res.data.pushFigures).toMatchObject({ created: ROWS, replayed: false, rejected: 0 });
        acknowledged.push(key);
      } else {
        refused.set(key, String(res.errors?.[0]?.extensions?.code));
        await sleep(50);
      }
    }
  };
  const streams = [0, 1, 2].map(stream);
  const waitAcknowledged = async (n: number) => {
    const target = acknowledged.length + n;
    const end = Date.now() + 30_000;
    while (acknowledged.length < target) {
      if (Date.now() > end) throw new Error(`fewer than ${n} pushes acknowledged in 30 s: ${[...refused.values()].join(', ')}`);
      await sleep(20);
    }
  };
  await waitAcknowledged(6);
  await postgres.stop(mode);
  // While the database is away the hub says so rather than pretending.
  const down = await fetch(new URL('/readyz', url));
  expect(down.status).toBe(503);
  await sleep(500);
  await postgres.start();
  const readyAfter = await readyAgain(20_000);
  await waitAcknowledged(6);
  running = false;
  await Promise.all(streams);

  // Refused pushes name the database, and are retried with their keys.
  expect(refused.size).toBeGreaterThan(0);
  expect(new Set(refused.values())).toEqual(new Set(['DATABASE_UNAVAILABLE']));
  for (const key of refused.keys()) {
    const retried = await push(key);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.pushFigures).toMatchObject({ rejected: 0 });
  }
  const keys = [...acknowledged, ...refused.keys()];
  const { series, revisions } = await landed(keys);
  const once = Object.fromEntries(keys.map((k) => [k, ROWS]));
  expect(series).toEqual(once);
  expect(revisions).toEqual(once);
  return { acknowledged: acknowledged.length, refused: refused.size, readyAfter };
}

it('PostgreSQL stopped fast and started again: the hub recovers by itself and nothing acknowledged is lost', async () => {
  const result = await drill('fast');
  expect(result.acknowledged).toBeGreaterThanOrEqual(12);
});

it('PostgreSQL stopped immediately (crash recovery) and started again: the same', async () => {
  const result = await drill('immediate');
  expect(result.acknowledged).toBeGreaterThanOrEqual(12);
});

/**
 * The error of a transaction whose connection the server ends (as a fast shutdown does)
 * after its first statement, then `more` runs in it; and the code a caller is answered.
 */
async function endedTransaction(more: (manager: EntityManager) => Promise<unknown>) {
  const db = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
  await db.initialize();
  try {
    const error = await db
      .transaction(async (manager) => {
        const [{ pid }] = await manager.query('SELECT pg_backend_pid() AS pid');
        await db.query('SELECT pg_terminate_backend($1)', [pid]);
        await sleep(300);
        await more(manager);
      })
      .then(
        () => undefined,
        (e: Error) => e,
      );
    const answer = formatError(
      { message: error!.message, path: ['pushFigures'] },
      new GraphQLError(error!.message, { path: ['pushFigures'], originalError: error }),
    );
    return { name: error?.name, code: answer.extensions?.code };
  } finally {
    await db.destroy();
  }
}

it('a connection the server ends inside a transaction reaches the caller as DATABASE_UNAVAILABLE', async () => {
  // Between two statements: the next one fails.
  expect((await endedTransaction((manager) => manager.query('SELECT 1'))).code).toBe('DATABASE_UNAVAILABLE');
});

it('a connection the server ends just before a transaction commits reaches the caller as DATABASE_UNAVAILABLE', async () => {
  // After the last statement: TypeORM has released the connection by the time it sends
  // COMMIT, and the commit fails on the released runner.
  expect(await endedTransaction(async () => undefined)).toEqual({
    name: 'QueryRunnerAlreadyReleasedError',
    code: 'DATABASE_UNAVAILABLE',
  });
});

it('a write to a connection the server closed (EPIPE, as a COPY meets it) reaches the caller as DATABASE_UNAVAILABLE', () => {
  // What pg-copy-streams throws when the server is gone mid-COPY: graphql-js wraps it as a
  // value thrown (an Error of Node's own realm, not of the test's), the hub must still name it.
  const thrown = { message: 'write EPIPE', errno: -32, code: 'EPIPE', syscall: 'write' };
  const located = locatedError(thrown, undefined, ['pushFigures']);
  expect(located.originalError).toMatchObject({ name: 'NonErrorThrown', thrownValue: thrown });
  const answer = formatError({ message: located.message, path: ['pushFigures'] }, located);
  expect(answer.extensions?.code).toBe('DATABASE_UNAVAILABLE');
});
