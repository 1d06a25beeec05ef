/**
 * A file whose body stops arriving holds nothing. Uploads to POST /figures/bulk that state
 * a length, send its first bytes and then nothing, are answered 408 REQUEST_TIMEOUT when
 * the request times out; the push reading them gives the body up with them, so no
 * connection of the indicators subgraph's pool stays in its COPY (more such uploads than
 * the pool has connections once took the subgraph down until a restart), no job is left
 * receiving, and the hub goes on answering.
 */
import net from 'node:net';
import { setLogSink } from '../../lib/log';
import { rawExchange, statusOf } from '../support/raw-http';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const { url, db } = useHubAndDatabase({ env: { REQUEST_TIMEOUT_MS: '1500', DB_POOL_SIZE: '3' } });

const FIRST_BYTES = 'indicator,period,value,breakdown\nip-training-base-trainees,2025-10,5,stalled\n';

async function stalledUpload(query: string): Promise<number | undefined> {
  const port = new URL(url()).port;
  const { authorization } = await bearer('amr', ['coordinator']);
  const head =
    `POST /figures/bulk${query} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${authorization}\r\n` +
    `Content-Type: text/csv\r\nContent-Length: 400\r\n\r\n`;
  const { response } = await rawExchange(Number(port), [head, FIRST_BYTES], { waitMs: 8000, untilStatus: true });
  return statusOf(response);
}

/** Polls `check` until it holds, for up to 10 s; its last value. */
async function eventually<T>(check: () => Promise<T>, holds: (value: T) => boolean): Promise<T> {
  let value = await check();
  for (let waited = 0; !holds(value) && waited < 10_000; waited += 200) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await check();
  }
  return value;
}

const copying = async () =>
  (
    await db().query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'COPY bulk_figure%'`,
    )
  ).rows[0].n as number;

it('answers more stalled uploads than the pool has connections 408, and holds no connection for them', async () => {
  const statuses = await Promise.all([1, 2, 3, 4].map(() => stalledUpload('?dryRun=false')));
  expect(statuses).toEqual([408, 408, 408, 408]);
  expect(await eventually(copying, (n) => n === 0)).toBe(0);
  const read = await graphql(url(), '{ indicator(id: "ip-training-base-trainees") { figures { period } } }');
  expect(read.errors).toBeUndefined();
  // The pool is whole: a push of a file goes through.
  const { authorization } = await bearer('amr', ['coordinator']);
  const pushed = await fetch(`${new URL(url()).origin}/figures/bulk?dryRun=true`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'text/csv' },
    body: FIRST_BYTES,
  });
  expect(pushed.status).toBe(200);
});

it('drops the job of a stalled upload sent as a job', async () => {
  const receiving = async () =>
    (await db().query(`SELECT count(*)::int AS n FROM indicators.figure_bulk_job WHERE state = 'RECEIVING'`)).rows[0].n as number;
  expect(await stalledUpload('?job=true')).toBe(408);
  expect(await eventually(receiving, (n) => n === 0)).toBe(0);
});

it('logs an upload its client gives up mid-body as no error of the hub', async () => {
  const entries: Array<Record<string, unknown>> = [];
  setLogSink((entry) => entries.push(entry));
  try {
    const { authorization } = await bearer('amr', ['coordinator']);
    for (const query of ['?dryRun=true', '?job=true']) {
      const socket = net.connect({ host: '127.0.0.1', port: Number(new URL(url()).port) });
      socket.on('error', () => undefined);
      socket.write(
        `POST /figures/bulk${query} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${authorization}\r\n` +
          `Content-Type: text/csv\r\nContent-Length: 4000\r\n\r\n${FIRST_BYTES}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } finally {
    setLogSink(null);
  }
  expect(entries.filter((e) => e.level === 'error').map((e) => e.message)).toEqual([]);
});
