/**
 * Faults: a subgraph that goes down and comes back, a PostgreSQL restart under the hub,
 * and a push in flight while it happens: it lands whole or fails whole, and says so.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Hub } from '../../hub';
import { startSubgraph } from '../../lib/subgraph';
import { subgraphDefinitions } from '../../subgraphs';
import { bearer, graphql, startTestHub } from '../support/hub';
import { testPort } from '../support/isolation';

const ROOT = path.resolve(__dirname, '../..');
const DATA = path.join(ROOT, '.data', `test-faults-${process.pid}`);

let database: ChildProcess;
let hub: Hub;
let url: string;
let serverUrl: string;
let output = '';

function waitFor(text: string, from: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" from the database:\n${output}`)), 30_000);
    const check = () => {
      if (output.slice(from).includes(text)) {
        clearTimeout(timer);
        database.stdout!.off('data', check);
        resolve();
      }
    };
    database.stdout!.on('data', check);
    check();
  });
}

async function restartDatabase(): Promise<void> {
  const from = output.length;
  database.kill('SIGHUP');
  await waitFor('restarted', from);
}

beforeAll(async () => {
  // A PostgreSQL of this test's own, so restarting it disturbs nothing else.
  database = spawn('node', [path.join(ROOT, 'dist/scripts/db.js')], {
    env: { ...process.env, EMBEDDED_PG_DIR: DATA, EMBEDDED_PG_PORT: String(testPort(24401)), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  database.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor('DATABASE_URL=', 0);
  serverUrl = /DATABASE_URL=(\S+)/.exec(output)![1];
  process.env.TEST_DATABASE_SERVER_URL_SAVED = process.env.TEST_DATABASE_SERVER_URL;
  process.env.TEST_DATABASE_SERVER_URL = serverUrl;
  hub = await startTestHub();
  url = hub.gateway.url;
}, 60_000);

afterAll(async () => {
  await hub?.stop();
  process.env.TEST_DATABASE_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL_SAVED;
  if (database && database.exitCode === null) {
    const exited = new Promise((resolve) => database.once('exit', resolve));
    database.kill('SIGTERM');
    await exited;
  }
  rmSync(DATA, { recursive: true, force: true });
});

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created updated rejected } }`;

it('a subgraph that goes down costs its fields, and is used again when it comes back, without restarting the gateway', async () => {
  const port = hub.subgraphs.indicators.port;
  await hub.subgraphs.indicators.stop();
  const down = await graphql(url, '{ task(id: "T22") { seq indicators { id } } }');
  expect(down.data!.task).toEqual({ seq: 22, indicators: null });
  expect(down.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'indicators' });
  hub.subgraphs.indicators = await startSubgraph(subgraphDefinitions.indicators, hub.settings, {
    port,
    peerUrls: { organizations: hub.subgraphs.organizations.url },
  });
  const back = await graphql(url, '{ task(id: "T22") { seq indicators { id } } }');
  expect(back.errors).toBeUndefined();
  expect(back.data!.task.indicators.length).toBe(4);
  const ready = await fetch(new URL('/readyz', url));
  expect(ready.status).toBe(200);
});

it('after PostgreSQL restarts, the subgraphs reconnect and the next request succeeds', async () => {
  expect((await graphql(url, '{ tasks { id } }')).data!.tasks).toHaveLength(58);
  await restartDatabase();
  const after = await graphql(url, '{ tasks { id } organizations { id } indicators { id } }');
  expect(after.errors).toBeUndefined();
  expect(after.data!.tasks).toHaveLength(58);
});

it('a push in flight during a restart lands whole or fails whole, and says so', async () => {
  const token = await bearer('amr', ['reporter']);
  const outcomes: string[] = [];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const breakdown = `inflight-${attempt}`;
    const figures = Array.from({ length: 3000 }, (_, i) => ({
      indicator: 'ip-training-base-trainees',
      period: `2025-${String((i % 12) + 1).padStart(2, '0')}`,
      breakdown: `${breakdown}-${Math.floor(i / 12)}`,
      value: i + 1,
    }));
    const pushed = graphql(url, PUSH, { input: { figures } }, token);
    await new Promise((resolve) => setTimeout(resolve, 40 + attempt * 40));
    await restartDatabase();
    const res = await pushed;
    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM indicators.figure_series WHERE breakdown LIKE $1`, [
      `${breakdown}-%`,
    ]);
    await db.end();
    if (res.data?.pushFigures) {
      expect(res.data.pushFigures.created).toBe(3000);
      expect(rows[0].n).toBe(3000);
      outcomes.push('landed');
    } else {
      expect(res.errors?.[0].extensions?.code).toMatch(/^(DATABASE_UNAVAILABLE|SUBGRAPH_UNAVAILABLE)$/);
      expect(rows[0].n).toBe(0);
      outcomes.push('failed');
    }
  }
  expect(outcomes).toHaveLength(3);
  // And the hub answers again.
  expect((await graphql(url, '{ task(id: "T01") { seq } }')).data).toEqual({ task: { seq: 1 } });
}, 120_000);
