/**
 * Ctrl-C drains. A terminal's Ctrl-C signals the whole foreground process group: here the
 * hub is started in a group of its own and SIGINT is sent to that group while a push is
 * in flight (held inside the database by a lock this test takes on the figures table, so
 * that it is still running when the signal comes). The embedded PostgreSQL runs outside
 * the group and is stopped by the hub last: the push is answered OK, the hub exits 0, and
 * after a restart the figures are in the database. Then once more after a briefing was
 * printed, its Chromium still running in the group: the hub, not the browser's driver,
 * decides how the process ends.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { settingsWith } from '../../lib/settings';
import { issueToken } from '../../lib/tokens';
import { ROOT } from '../support/cli';
import {
  alive,
  embeddedClient,
  type EmbeddedSetup,
  postmasterPid,
  type StartedHub,
  startEmbeddedHub,
} from '../support/embedded-hub';
import { testPort } from '../support/isolation';

const DATA = path.join(ROOT, '.data', `test-ctrl-c-${process.pid}`);
const setup: EmbeddedSetup = {
  data: DATA,
  secretsFile: `${DATA}-secrets.json`,
  pgPort: testPort(24374),
  gatewayPort: testPort(4468),
};
const FIGURES = Array.from({ length: 24 }, (_, i) => ({
  indicator: 'ip-training-base-trainees',
  period: `2025-${String((i % 12) + 1).padStart(2, '0')}`,
  breakdown: `ctrl-c-${Math.floor(i / 12)}`,
  value: 1,
}));

const started: StartedHub[] = [];

afterAll(async () => {
  for (const { child } of started) if (child.exitCode === null) child.kill('SIGKILL');
  const server = postmasterPid(setup); // a server a failed test left running
  if (server && alive(server)) process.kill(server, 'SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  rmSync(DATA, { recursive: true, force: true });
  rmSync(setup.secretsFile, { force: true });
  rmSync(`${DATA}.hub.lock`, { force: true });
});

it('SIGINT to the whole process group during a push: the push lands, then the hub stops', async () => {
  mkdirSync(path.dirname(DATA), { recursive: true });
  const hub = startEmbeddedHub(setup, { detached: true });
  started.push(hub);
  await hub.ready;
  const server = postmasterPid(setup)!;
  expect(server).toBeGreaterThan(0);

  // The hub's own JWT secret signs the token.
  const token = await issueToken(
    settingsWith({ SECRETS_FILE: setup.secretsFile }).tokens,
    { org: 'amr', roles: ['reporter'] },
    600,
  );
  const blocker = await embeddedClient(setup);
  await blocker.query('BEGIN');
  await blocker.query('LOCK TABLE indicators.figure_series IN EXCLUSIVE MODE'); // reads go on, writes wait
  const push = fetch(`http://127.0.0.1:${setup.gatewayPort}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created } }',
      variables: { input: { figures: FIGURES } },
    }),
  }).then(async (res) => ({ status: res.status, body: await res.json() }));
  push.catch(() => undefined);

  // The push waits on the lock inside the database: in flight.
  for (let waited = 0; ; waited += 50) {
    await blocker.query('SELECT pg_stat_clear_snapshot()'); // statistics are read once per transaction otherwise
    const { rowCount } = await blocker.query(
      "SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
    );
    if (rowCount) break;
    if (waited > 30_000) {
      const settled = await Promise.race([push, new Promise((resolve) => setTimeout(() => resolve('pending'), 10))]);
      throw new Error(`the push never waited on the lock: ${JSON.stringify(settled)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  process.kill(-hub.child.pid!, 'SIGINT'); // Ctrl-C: the terminal signals the whole group
  await new Promise((resolve) => setTimeout(resolve, 1000));
  // Still draining: the server was not signalled, the test's own session is still open.
  expect((await blocker.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  await blocker.query('COMMIT');
  await blocker.end();

  const answer = await push;
  expect(answer).toEqual({ status: 200, body: { data: { pushFigures: { created: FIGURES.length } } } });
  expect(await hub.exited).toBe(0);

  const again = startEmbeddedHub(setup);
  started.push(again);
  await again.ready;
  const client = await embeddedClient(setup);
  const { rows } = await client.query("SELECT count(*)::int AS n FROM indicators.figure_series WHERE breakdown LIKE 'ctrl-c-%'");
  await client.end();
  expect(rows[0].n).toBe(FIGURES.length);
  again.child.kill('SIGINT');
  expect(await again.exited).toBe(0);
}, 240_000);

it('Ctrl-C after a briefing was printed: the hub stops in order, its database too, and exits 0', async () => {
  const hub = startEmbeddedHub(setup, { detached: true });
  started.push(hub);
  await hub.ready;
  const server = postmasterPid(setup)!;
  // The PDF is printed by the Chromium the gateway starts (and keeps for a minute): a child in the hub's group.
  const pdf = await fetch(`http://127.0.0.1:${setup.gatewayPort}/briefing.pdf?asOf=2025-12-31`);
  expect(pdf.status).toBe(200);
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  process.kill(-hub.child.pid!, 'SIGINT'); // Ctrl-C: the terminal signals the whole group, Chromium included
  expect(await hub.exited).toBe(0);
  expect(hub.output()).toContain('ipzone-hub stopped (the embedded PostgreSQL too).');
  expect(alive(server)).toBe(false);
}, 240_000);
