/**
 * A job of a file of figures when its hub stops, as an operator's hub does: `ipzone start`
 * in a process group of its own on a database of the test's, the job held inside the
 * database by a lock this test takes on the figures table (so that it is still running
 * when the hub stops). Ctrl-C (SIGINT to the group): the hub stops at once, exits 0, the
 * job is queued again with nothing written, and the next start lands it. Killed (SIGKILL):
 * the job stays RUNNING while it could still be alive; once it has been silent for six
 * heartbeats the next hub queues it again and lands it, once; a file whose runs take their
 * hub down three times fails JOB_ABANDONED and is not run again. A run whose job was queued
 * again while it ran (taken for dead by another hub) stops, rolled back, at its next word.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../lib/free-ports';
import { toCsv } from '../../lib/csv';
import { settingsWith } from '../../lib/settings';
import { issueToken } from '../../lib/tokens';
import { ipzone } from '../support/cli';
import { recreateDatabase } from '../support/database';
import { type StartedHub, startHubProcess } from '../support/embedded-hub';
import { TEST_DB_PREFIX } from '../support/isolation';

jest.setTimeout(180_000);

const DATABASE_VARIABLES = ['DATABASE_URL', 'ORGANIZATIONS_DATABASE_URL', 'TASKS_DATABASE_URL', 'INDICATORS_DATABASE_URL'];
const dir = mkdtempSync(path.join(tmpdir(), 'ipz-job-stops-'));
const secretsFile = path.join(dir, 'secrets.json');
let databaseUrl: string;
let db: Client;
let env: NodeJS.ProcessEnv;
let gateway: string;
const children: ChildProcess[] = [];

/** `ipzone start` as npm start runs it, in a process group of its own; resolves once it answers. */
async function startHub(): Promise<StartedHub> {
  const hub = startHubProcess(env, { detached: true });
  children.push(hub.child);
  await hub.ready;
  return hub;
}

beforeAll(async () => {
  databaseUrl = await recreateDatabase(process.env.TEST_DATABASE_SERVER_URL!, `${TEST_DB_PREFIX}_job_stops`);
  const ports = { GATEWAY_PORT: await freePort(), ORGANIZATIONS_PORT: 0, TASKS_PORT: 0, INDICATORS_PORT: 0 };
  for (const name of ['ORGANIZATIONS_PORT', 'TASKS_PORT', 'INDICATORS_PORT'] as const) ports[name] = await freePort();
  const inherited = { ...process.env };
  for (const name of DATABASE_VARIABLES) delete inherited[name];
  env = {
    ...inherited,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    DATABASE_URL: databaseUrl,
    SECRETS_FILE: secretsFile,
    LOG_LEVEL: 'warn',
    JOB_HEARTBEAT_SECONDS: '1',
  };
  gateway = `http://127.0.0.1:${ports.GATEWAY_PORT}`;
  db = new Client({ connectionString: databaseUrl });
  await db.connect();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  await db?.end();
  rmSync(dir, { recursive: true, force: true });
});

const token = async () =>
  `Bearer ${await issueToken(settingsWith({ SECRETS_FILE: secretsFile }).tokens, { org: 'amr', roles: ['coordinator'] }, 600)}`;

/** A file of `count` monthly figures of breakdowns named after `run`. */
const file = (run: string, count: number) =>
  toCsv(
    ['indicator', 'period', 'breakdown', 'value'],
    Array.from({ length: count }, (_, i) => [
      'ip-training-base-trainees',
      `2022-${String((i % 12) + 1).padStart(2, '0')}`,
      `${run}-${Math.floor(i / 12)}`,
      String(1 + (i % 9)),
    ]),
  );

async function sendJob(body: string): Promise<string> {
  const response = await fetch(`${gateway}/figures/bulk?job=true`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: await token() },
    body,
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { id: string }).id;
}

const jobRow = async (id: string) =>
  (
    await db.query<{
      state: string;
      rows_read: number;
      rows_written: number;
      started_at: Date | null;
      staged_at: Date | null;
      parts: number;
    }>(
      `SELECT state, rows_read, rows_written, started_at, staged_at,
              (SELECT count(*)::int FROM indicators.figure_bulk_part p WHERE p.job_id = j.id) AS parts
         FROM indicators.figure_bulk_job j WHERE id = $1`,
      [id],
    )
  ).rows[0];

const jobUpdatedAt = async (id: string) =>
  (
    await db.query<{ at: Date }>('SELECT updated_at AS at FROM indicators.figure_bulk_job WHERE id = $1', [id])
  ).rows[0].at.getTime();

const written = async (run: string) =>
  (
    await db.query<{ series: number; revisions: number }>(
      `SELECT count(DISTINCT s.id)::int AS series, count(r.*)::int AS revisions
         FROM indicators.figure_series s JOIN indicators.figure_revision r ON r.series_id = s.id
        WHERE s.breakdown LIKE $1`,
      [`${run}-%`],
    )
  ).rows[0];

const lostRuns = async (id: string) =>
  (await db.query<{ lost: number }>('SELECT lost_runs AS lost FROM indicators.figure_bulk_job WHERE id = $1', [id])).rows[0].lost;

/** Waits until no statement of a killed hub's connections still writes the figures table (each ends once the lock is gone). */
const killedWritesEnded = () =>
  until(
    "the killed hub's write ending",
    async () =>
      (
        await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
              AND pid <> pg_backend_pid() AND query LIKE '%INSERT INTO figure_series%'`,
        )
      ).rowCount,
    (count) => count === 0,
  );

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 90_000): Promise<T> {
  for (let waited = 0; ; waited += 100) {
    const value = await read();
    if (done(value)) return value;
    if (waited > ms) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Holds every write to the figures table (reads go on) until the returned function releases it. */
async function holdWrites(): Promise<() => Promise<void>> {
  const blocker = new Client({ connectionString: databaseUrl });
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query('LOCK TABLE indicators.figure_series IN EXCLUSIVE MODE');
  return async () => {
    await blocker.query('ROLLBACK');
    await blocker.end();
  };
}

/** The job's file read and staged, and its first write waiting on the lock inside the database. */
async function landingHeld(id: string): Promise<void> {
  await until(
    `job ${id} staged`,
    () => jobRow(id),
    (row) => row.state === 'RUNNING' && row.staged_at !== null,
  );
  await until(
    'a write waiting on the figures table',
    async () =>
      (
        await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE '%INSERT INTO figure_series%'`,
        )
      ).rowCount,
    (count) => count === 1,
  );
}

async function landed(id: string): Promise<Record<string, any>> {
  return until(
    `job ${id} landed`,
    async () => {
      const response = await fetch(`${gateway}/figures/bulk/${id}`, { headers: { authorization: await token() } });
      return (await response.json()) as Record<string, any>;
    },
    (job) => job.state === 'COMPLETED' || job.state === 'FAILED',
  );
}

it('Ctrl-C during a job: the hub stops at once, the job is queued again with nothing written, the next start lands it', async () => {
  let hub = await startHub();
  const release = await holdWrites();
  // `ipzone import` of a file over 1 MiB: a job, whose progress the command follows.
  const csv = path.join(dir, 'ctrl-c.csv');
  writeFileSync(csv, file('ctrl-c', 30_000));
  const importEnv = { ...process.env, IPZONE_URL: `${gateway}/graphql`, IPZONE_TOKEN: (await token()).slice(7) };
  try {
    const importing = ipzone(['import', csv], { env: importEnv });
    const id = await until(
      "the import's job",
      async () => (await db.query<{ id: string }>('SELECT id FROM indicators.figure_bulk_job')).rows[0]?.id,
      (found) => found !== undefined,
    );
    await landingHeld(id);
    // Staged, the job says it has read the whole file.
    expect((await jobRow(id)).rows_read).toBe(30_000);
    // Held longer than six heartbeats, it is alive and says so: nobody takes it for dead.
    const before = await jobUpdatedAt(id);
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect((await jobRow(id)).state).toBe('RUNNING');
    expect(await jobUpdatedAt(id)).toBeGreaterThan(before + 5000);
    process.kill(-hub.child.pid!, 'SIGINT');
    // It stops with the lock still held: the job's statement is cancelled, not waited for.
    expect(await hub.exited).toBe(0);
    expect(hub.output()).toContain('a job of a file of figures was interrupted');
    expect(await jobRow(id)).toEqual({
      state: 'QUEUED',
      rows_read: 0,
      rows_written: 0,
      started_at: null,
      staged_at: null,
      parts: 2,
    });
    const stopped = await importing;
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain(`the hub stopped answering while job ${id} ran`);
    await release();
    expect(await written('ctrl-c')).toEqual({ series: 0, revisions: 0 });

    hub = await startHub();
    const job = await landed(id);
    expect(job).toMatchObject({ state: 'COMPLETED', error: null, rowsRead: 30_000, rowsWritten: 30_000 });
    expect(job.summary).toMatchObject({ received: 30_000, created: 30_000, rejected: 0 });
    expect(await written('ctrl-c')).toEqual({ series: 30_000, revisions: 30_000 });
    expect((await jobRow(id)).parts).toBe(0);
    // As the import said: run again, it answers the summary, and writes nothing twice.
    const again = await ipzone(['import', csv], { env: importEnv });
    expect(again.stdout).toContain(
      'imported: 30000 created, 0 updated, 0 unchanged, 0 rejected (1 batch(es) already imported earlier',
    );
    expect(again.code).toBe(0);
    expect(await written('ctrl-c')).toEqual({ series: 30_000, revisions: 30_000 });
    process.kill(-hub.child.pid!, 'SIGINT');
    expect(await hub.exited).toBe(0);
  } finally {
    await release().catch(() => undefined);
  }
});

it('a hub killed during a job: once the job has been silent for six heartbeats, the next hub lands it, once', async () => {
  let hub = await startHub();
  const release = await holdWrites();
  let id: string;
  try {
    id = await sendJob(file('killed', 3000));
    await landingHeld(id);
    process.kill(-hub.child.pid!, 'SIGKILL');
    await hub.exited;
  } finally {
    // The killed hub's statement goes on when the lock is gone; its transaction dies with its connection.
    await release();
  }
  expect((await jobRow(id)).state).toBe('RUNNING');
  hub = await startHub();
  const job = await landed(id);
  // Its answer says the run it lost.
  expect(job).toMatchObject({ state: 'COMPLETED', error: null, rowsWritten: 3000, summary: { created: 3000 }, lostRuns: 1 });
  expect(await written('killed')).toEqual({ series: 3000, revisions: 3000 });
  process.kill(-hub.child.pid!, 'SIGINT');
  expect(await hub.exited).toBe(0);
});

it('a file whose runs take their hub down three times fails JOB_ABANDONED, its file dropped, and the next hub stays up', async () => {
  let id = '';
  let killedRun: number | undefined;
  for (let death = 1; death <= 3; death += 1) {
    // From the second hub on, writes are held before it starts: it may take the silent job while starting.
    const heldFirst = death === 1 ? undefined : await holdWrites();
    const hub = await startHub();
    const release = heldFirst ?? (await holdWrites());
    try {
      // The first hub receives the file; each next one finds its job silent, queues it again and runs it.
      if (death === 1) id = await sendJob(file('abandoned', 3000));
      const run = await until(
        'a new run of the job',
        async () => (await jobRow(id)).started_at?.getTime(),
        (started) => started !== undefined && started !== killedRun,
      );
      await landingHeld(id);
      killedRun = run;
      process.kill(-hub.child.pid!, 'SIGKILL');
      await hub.exited;
    } finally {
      await release();
    }
    await killedWritesEnded();
    expect(await jobRow(id)).toMatchObject({ state: 'RUNNING', parts: 1 });
    expect(await lostRuns(id)).toBe(death - 1);
  }
  const hub = await startHub();
  const job = await landed(id);
  expect(job).toMatchObject({ state: 'FAILED', rowsWritten: 0, summary: null, error: { code: 'JOB_ABANDONED' }, lostRuns: 3 });
  expect(job.error.message).toContain('fell silent (killed, out of memory, or cut off from its database) 3 times');
  expect(await jobRow(id)).toMatchObject({ state: 'FAILED', parts: 0 });
  expect(await written('abandoned')).toEqual({ series: 0, revisions: 0 });
  await until(
    'the warning naming the job',
    async () => hub.output(),
    (output) => output.includes('fell silent with its hub 3 times: it failed, JOB_ABANDONED') && output.includes(id),
  );
  // The hub took no harm: it answers, and stops as asked.
  expect((await fetch(`${gateway}/readyz`)).status).toBe(200);
  process.kill(-hub.child.pid!, 'SIGINT');
  expect(await hub.exited).toBe(0);
});

it('a run whose job was queued again while it ran (taken for dead) stops, rolled back, and the job lands once', async () => {
  let hub = await startHub();
  const release = await holdWrites();
  let id: string;
  try {
    id = await sendJob(file('taken', 3000));
    await landingHeld(id);
    // What a hub that found the job silent too long does: it queues it again.
    await db.query(`UPDATE indicators.figure_bulk_job SET state = 'QUEUED', started_at = NULL WHERE id = $1`, [id]);
    await until(
      'the run stopping',
      async () => hub.output(),
      (output) => output.includes('was queued again while it ran'),
    );
  } finally {
    await release();
  }
  expect(await jobRow(id)).toMatchObject({ state: 'QUEUED', parts: 1 });
  expect(await written('taken')).toEqual({ series: 0, revisions: 0 });
  process.kill(-hub.child.pid!, 'SIGINT');
  expect(await hub.exited).toBe(0);
  hub = await startHub();
  expect(await landed(id)).toMatchObject({ state: 'COMPLETED', rowsWritten: 3000, summary: { created: 3000 } });
  expect(await written('taken')).toEqual({ series: 3000, revisions: 3000 });
  process.kill(-hub.child.pid!, 'SIGINT');
  expect(await hub.exited).toBe(0);
});
