/**
 * One hub per embedded data folder. With a hub running on it, `migrate`, `seed` and
 * `backup` work through its database (online) and leave it answering; a second `start`,
 * `db` and `restore` refuse with one line naming the running hub (pid, port) and how to
 * stop it, exit 1, and its database keeps running. A hub killed with SIGKILL leaves its
 * lock and its database behind: the next start takes both over.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ipzone, ROOT } from '../support/cli';
import {
  alive,
  embeddedClient,
  embeddedEnv,
  type EmbeddedSetup,
  postmasterPid,
  type StartedHub,
  startEmbeddedHub,
} from '../support/embedded-hub';
import { testPort } from '../support/isolation';

const DATA = path.join(ROOT, '.data', `test-one-hub-${process.pid}`);
const setup: EmbeddedSetup = {
  data: DATA,
  secretsFile: `${DATA}-secrets.json`,
  pgPort: testPort(24373),
  gatewayPort: testPort(4460),
};
const env = embeddedEnv(setup);
const gateway = `http://127.0.0.1:${setup.gatewayPort}`;
let hub: StartedHub;

beforeAll(async () => {
  mkdirSync(path.dirname(DATA), { recursive: true });
  hub = startEmbeddedHub(setup);
  await hub.ready;
}, 180_000);

afterAll(async () => {
  if (hub.child.exitCode === null) {
    hub.child.kill('SIGINT');
    await hub.exited;
  }
  const server = postmasterPid(setup); // a server a failed test left running
  if (server && alive(server)) process.kill(server, 'SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  rmSync(DATA, { recursive: true, force: true });
  rmSync(setup.secretsFile, { force: true });
  rmSync(`${DATA}.hub.lock`, { force: true });
}, 60_000);

/** The hub answers: ready, a query and the database behind it. */
async function answering(): Promise<{ readyz: string; tasks: number }> {
  const readyz = (await (await fetch(`${gateway}/readyz`)).json()) as { status: string; reason?: string };
  const res = await fetch(`${gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ tasks { id } }' }),
  });
  const body = (await res.json()) as { data?: { tasks: unknown[] }; errors?: unknown };
  return { readyz: readyz.reason ?? readyz.status, tasks: body.data?.tasks.length ?? -1 };
}

const ANSWERING = { readyz: 'ready', tasks: 58 };

it('records the running hub in a lock beside its data folder: pid, ports, start time', () => {
  const lock = JSON.parse(readFileSync(`${DATA}.hub.lock`, 'utf8'));
  expect(lock).toMatchObject({
    pid: hub.child.pid,
    command: 'start',
    ports: { database: setup.pgPort, gateway: setup.gatewayPort },
  });
  expect(Number.isNaN(Date.parse(lock.startedAt))).toBe(false);
});

it('migrate, seed and backup work through the running hub and leave it answering', async () => {
  const server = postmasterPid(setup);
  const migrate = await ipzone(['migrate'], { env });
  expect({ code: migrate.code, stderr: migrate.stderr }).toEqual({ code: 0, stderr: '' });
  expect(migrate.stdout).toContain('CreateFigures');
  // The running hub migrated its schemas: each line says that nothing was left to apply.
  expect(migrate.stdout.trim().split('\n')).toEqual([
    expect.stringMatching(/^organizations\s+up to date \(\d+ migrations in all: /),
    expect.stringMatching(/^tasks\s+up to date \(\d+ migrations in all: /),
    expect.stringMatching(/^indicators\s+up to date \(\d+ migrations in all: /),
  ]);
  expect(await answering()).toEqual(ANSWERING);

  const seed = await ipzone(['seed'], { env });
  expect({ code: seed.code, stderr: seed.stderr }).toEqual({ code: 0, stderr: '' });
  expect(seed.stdout).toMatch(/tasks\s+0 inserted, 0 updated, \d+ unchanged/);
  expect(await answering()).toEqual(ANSWERING);

  const backup = await ipzone(['backup', `${DATA}-test.ipzone-backup`], { env });
  rmSync(`${DATA}-test.ipzone-backup`, { force: true });
  expect(backup.code).toBe(0);
  expect(await answering()).toEqual(ANSWERING);
  expect(postmasterPid(setup)).toBe(server);
}, 180_000);

it('a second start, db and restore refuse in one line naming the hub, exit 1, and leave it answering', async () => {
  const server = postmasterPid(setup);
  const pid = hub.child.pid!;
  // The second start on other ports: refused for the folder, not for a port in use.
  const attempts = {
    start: await ipzone(['start'], { env: embeddedEnv(setup, testPort(4464)) }),
    db: await ipzone(['db'], { env }),
    restore: await ipzone(['restore', `${DATA}-missing.ipzone-backup`], { env }),
  };
  for (const [command, result] of Object.entries(attempts)) {
    const lines = result.stderr.trim().split('\n');
    expect({ command, code: result.code, lines: lines.length }).toEqual({ command, code: 1, lines: 1 });
    expect(lines[0]).toContain(`ipzone ${command}: refused`);
    expect(lines[0]).toContain(`pid ${pid}`);
    expect(lines[0]).toContain(`gateway port ${setup.gatewayPort}`);
    expect(lines[0]).toContain(`kill ${pid}`);
    expect(await answering()).toEqual(ANSWERING);
  }
  expect(postmasterPid(setup)).toBe(server);
  const client = await embeddedClient(setup);
  expect((await client.query('SELECT count(*)::int AS n FROM tasks.task')).rows[0].n).toBe(58);
  await client.end();
}, 180_000);

it('a hub killed with SIGKILL leaves its lock and database: the next start takes them over and answers', async () => {
  const orphan = postmasterPid(setup)!;
  hub.child.kill('SIGKILL');
  await hub.exited;
  expect(alive(orphan)).toBe(true); // the server outlives the killed hub
  hub = startEmbeddedHub(setup);
  await hub.ready;
  expect(hub.output()).toContain('stopping a PostgreSQL left running on the data folder by an earlier run');
  expect(alive(orphan)).toBe(false);
  expect(JSON.parse(readFileSync(`${DATA}.hub.lock`, 'utf8')).pid).toBe(hub.child.pid);
  expect(await answering()).toEqual(ANSWERING);
  hub.child.kill('SIGINT');
  expect(await hub.exited).toBe(0);
  expect(() => readFileSync(`${DATA}.hub.lock`)).toThrow(/ENOENT/);
}, 180_000);
