/**
 * One organisation's files cannot hold the job queue for the others: an organisation may
 * have MAX_OPEN_JOBS files as jobs not yet done (receiving, queued or running). One more
 * is refused 429 TOO_MANY_REQUESTS and nothing of it is kept; other organisations' files
 * are taken meanwhile, and the organisation's next file once one of its jobs is done.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bearer, useHubAndDatabase } from '../support/hub';

const { url, db } = useHubAndDatabase({ env: { MAX_OPEN_JOBS: '2', REQUEST_TIMEOUT_MS: '30000' } });

const AMR_ROWS = 'indicator,period,value\nip-training-base-trainees,2025-10,5\n';
const COURT_ROWS = 'indicator,period,value\ncourt-ip-cases-closed,2025Q1,10\n';

/** An upload sent as a job that states a length, sends its first bytes and then waits: its job stays RECEIVING. */
async function heldUpload(): Promise<net.Socket> {
  const { authorization } = await bearer('amr', ['coordinator']);
  const socket = net.connect({ host: '127.0.0.1', port: Number(new URL(url()).port) });
  socket.on('error', () => undefined);
  socket.write(
    `POST /figures/bulk?job=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${authorization}\r\n` +
      `Content-Type: text/csv\r\nContent-Length: 4000\r\n\r\n${AMR_ROWS}`,
  );
  return socket;
}

/** A TCP proxy to the gateway that counts the bytes clients send through it. */
async function countingProxy(): Promise<{ url: string; sent: () => number; close: () => void }> {
  const target = new URL(url());
  let sent = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: target.hostname, port: Number(target.port) });
    for (const socket of [client, upstream]) socket.on('error', () => socket.destroy());
    client.on('data', (chunk: Buffer) => (sent += chunk.length));
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}${target.pathname}`, sent: () => sent, close: () => server.close() };
}

/** An HTTP proxy to the gateway for a hub that does not list open jobs (GET /figures/bulk answers 404, as before it did). */
async function hubWithoutListing(): Promise<{ url: string; close: () => void }> {
  const target = new URL(url());
  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url?.split('?')[0] === '/figures/bulk') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: 'nothing at GET /figures/bulk', extensions: { code: 'NOT_FOUND' } }] }));
      return;
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}${target.pathname}`, close: () => server.close() };
}

/** `ipzone import` of a CSV file over 1 MiB (sent through POST /figures/bulk as a job), as amr's coordinator, at `at`. */
async function importLarge(at = url()): Promise<{ code: number; stderr: string; bytes: number }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ipzone-open-jobs-')), 'large.csv');
  const lines = ['indicator,period,value,breakdown'];
  for (let i = 0; i < 40_000; i += 1) lines.push(`ip-training-base-trainees,2025-10,${i % 50},base-${i}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const bytes = statSync(file).size;
  const token = (await bearer('amr', ['coordinator'])).authorization.replace('Bearer ', '');
  const env = { ...process.env, IPZONE_URL: at, IPZONE_TOKEN: token, LOG_LEVEL: 'error' };
  try {
    const { stderr } = await promisify(execFile)('node', [path.resolve(__dirname, '../../dist/scripts/import.js'), file], {
      env,
    });
    return { code: 0, stderr, bytes };
  } catch (error) {
    return { ...(error as { code: number; stderr: string }), bytes };
  }
}

const send = async (org: string, role: 'coordinator' | 'reporter', rows: string) =>
  fetch(`${new URL(url()).origin}/figures/bulk?job=true&dryRun=true`, {
    method: 'POST',
    headers: { ...(await bearer(org, [role])), 'content-type': 'text/csv' },
    body: rows,
  });

const openJobs = async (org: string) =>
  (
    await db().query(
      `SELECT count(*)::int AS n FROM indicators.figure_bulk_job WHERE writer_org = $1 AND state IN ('RECEIVING', 'QUEUED', 'RUNNING')`,
      [org],
    )
  ).rows[0].n as number;

async function eventually(check: () => Promise<number>, wanted: number): Promise<number> {
  let value = await check();
  for (let waited = 0; value !== wanted && waited < 15_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await check();
  }
  return value;
}

it("refuses an organisation's file beyond MAX_OPEN_JOBS 429, keeping nothing, and takes the others' meanwhile", async () => {
  const held = [await heldUpload(), await heldUpload()];
  expect(await eventually(() => openJobs('amr'), 2)).toBe(2);
  const jobsBefore = (await db().query(`SELECT count(*)::int AS n FROM indicators.figure_bulk_job`)).rows[0].n;

  const refused = await send('amr', 'coordinator', AMR_ROWS);
  expect(refused.status).toBe(429);
  const body = await refused.json();
  expect(body.errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
  expect(body.errors[0].message).toContain('MAX_OPEN_JOBS');
  expect(body.errors[0].message).toContain('GET /figures/bulk lists them');
  expect((await db().query(`SELECT count(*)::int AS n FROM indicators.figure_bulk_job`)).rows[0].n).toBe(jobsBefore);

  // The organisation sees which of its files hold its place: the two still arriving; another organisation sees none of them.
  const listed = await fetch(`${new URL(url()).origin}/figures/bulk`, { headers: await bearer('amr', ['reporter']) });
  expect(listed.status).toBe(200);
  const open = (await listed.json()) as { jobs: Array<{ id: string; state: string }>; maxOpenJobs: number };
  expect(open.maxOpenJobs).toBe(2);
  expect(open.jobs.map((j) => j.state)).toEqual(['RECEIVING', 'RECEIVING']);
  const others = await fetch(`${new URL(url()).origin}/figures/bulk`, { headers: await bearer('court', ['reporter']) });
  expect((await others.json()).jobs).toEqual([]);
  // ipzone import of a large file, refused, names them too, and asks before it sends the file rather than after.
  const proxy = await countingProxy();
  const imported = await importLarge(proxy.url);
  proxy.close();
  expect(imported.code).toBe(2);
  expect(imported.stderr).toContain('TOO_MANY_REQUESTS: amr has 2 files of figures not yet done (MAX_OPEN_JOBS');
  expect(imported.stderr).toContain('the file was not sent');
  for (const job of open.jobs) expect(imported.stderr).toContain(`job ${job.id}: RECEIVING since `);
  expect(imported.bytes).toBeGreaterThan(1024 * 1024);
  expect(proxy.sent()).toBeLessThan(16 * 1024);
  // A hub that does not say how many places are left: the file is sent, and the hub's own refusal printed.
  const older = await hubWithoutListing();
  const sent = await importLarge(older.url);
  older.close();
  expect(sent.code).toBe(2);
  expect(sent.stderr).toContain('TOO_MANY_REQUESTS: amr has 2 files of figures not yet done (MAX_OPEN_JOBS');
  expect(sent.stderr).not.toContain('the file was not sent');

  // Another organisation's file is taken.
  expect((await send('court', 'reporter', COURT_ROWS)).status).toBe(202);

  // Once the held uploads are given up, the organisation sends again.
  for (const socket of held) socket.destroy();
  expect(await eventually(() => openJobs('amr'), 0)).toBe(0);
  expect((await send('amr', 'coordinator', AMR_ROWS)).status).toBe(202);
});

it('does not count a receipt whose file stopped growing minutes ago (its hub died receiving it)', async () => {
  // The file the test above sent last is done first: it would count.
  expect(await eventually(() => openJobs('amr'), 0)).toBe(0);
  const held = [await heldUpload(), await heldUpload()];
  expect(await eventually(() => openJobs('amr'), 2)).toBe(2);
  // As a hub killed mid-upload leaves them: RECEIVING, silent since.
  await db().query(
    `UPDATE indicators.figure_bulk_job SET updated_at = clock_timestamp() - interval '5 minutes' WHERE state = 'RECEIVING'`,
  );
  expect((await send('amr', 'coordinator', AMR_ROWS)).status).toBe(202);
  for (const socket of held) socket.destroy();
});
