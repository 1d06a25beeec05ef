/**
 * `npm run bench` beside a hub already running: with the hub's default ports (4000–4003),
 * the ports the bench once fixed for its cold start (4160–4163, embedded PostgreSQL 54369)
 * and the embedded PostgreSQL's default (54329) all held by listening sockets, the smallest
 * bench scenario — the cold-start section with one sample: `npm start` on a fresh data
 * folder, then on the folder it left — runs on ports chosen free, and measures the
 * processes it started (a port answered by another process fails the run). Not a timing test.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { coldStartPorts } from '../../bench/coldstart';
import type { BenchRow } from '../../bench/report';
import { runBench } from '../../bench/run';
import { TEST_DB_PREFIX } from '../support/isolation';

const HELD = [4000, 4001, 4002, 4003, 4160, 4161, 4162, 4163, 54329, 54369];
const servers: Server[] = [];
const results = mkdtempSync(path.join(os.tmpdir(), 'ipzone-bench-ports-'));

/** Listens on `port`; a port some other process holds already is held just as well. */
const hold = (port: number) =>
  new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve() : reject(error)));
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve();
    });
  });

beforeAll(async () => {
  for (const port of HELD) await hold(port);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(results, { recursive: true, force: true });
});

it('chooses free ports for every start', async () => {
  const ports = Object.values(await coldStartPorts()).map(Number);
  expect(new Set(ports).size).toBe(5);
  expect(ports.filter((p) => HELD.includes(p))).toEqual([]);
});

it('runs the cold start while another hub holds the usual ports', async () => {
  const { rows } = await runBench({
    sections: ['cold-start'],
    full: false,
    coldStartSamples: 1,
    databaseName: `${TEST_DB_PREFIX}_bench`,
    resultsDir: results,
  });
  expect(rows.map((r) => r.name)).toEqual([
    'npm start to first answer, fresh data folder',
    'npm start to first answer, existing data folder',
  ]);
  for (const row of rows) {
    expect(row.rounds).toHaveLength(1);
    expect(row.value).toBeGreaterThan(0);
  }
  const written = JSON.parse(readFileSync(path.join(results, 'latest.json'), 'utf8')) as { rows: BenchRow[] };
  expect(written.rows).toHaveLength(2);
}, 120_000);
