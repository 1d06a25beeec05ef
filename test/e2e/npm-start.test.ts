/**
 * `npm start` as a newcomer runs it, with no database configured: an embedded PostgreSQL
 * in a folder of the project, migrated and seeded, the hub answering, and Ctrl-C
 * stopping all of it; and as a process manager runs it: SIGTERM or SIGINT sent to the npm
 * process alone stops every process of the hub.
 * The hub makes its own secrets, the database's password among them, and keeps them across
 * restarts.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { SERVICE_NODE_FLAGS } from '../../lib/node-flags';
import { settingsWith } from '../../lib/settings';
import { issueToken } from '../../lib/tokens';
import { testPort } from '../support/isolation';

const ROOT = path.resolve(__dirname, '../..');
// A folder that does not exist yet, as .data/ on a fresh checkout.
const HOME = path.join(ROOT, '.data', `test-start-${process.pid}`);
const DATA = path.join(HOME, 'postgres');
const SECRETS_FILE = `${HOME}-secrets.json`;
const PG_PORT = testPort(24349);
const PORTS = {
  GATEWAY_PORT: String(testPort(4170)),
  ORGANIZATIONS_PORT: String(testPort(4171)),
  TASKS_PORT: String(testPort(4172)),
  INDICATORS_PORT: String(testPort(4173)),
};
const children: ChildProcess[] = [];

function postgresRunningOn(dir: string): boolean {
  try {
    return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .some((line) => line.includes(`-D ${dir}`));
  } catch {
    return false;
  }
}

/** `node dist/scripts/start.js`, or with `npm`, `npm start` itself. */
function startHub(npm = false): {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
  exited: Promise<number | null>;
} {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...PORTS,
    EMBEDDED_PG_DIR: DATA,
    EMBEDDED_PG_PORT: String(PG_PORT),
    SECRETS_FILE,
    LOG_LEVEL: 'warn',
  };
  for (const name of ['DATABASE_URL', 'ORGANIZATIONS_DATABASE_URL', 'TASKS_DATABASE_URL', 'INDICATORS_DATABASE_URL'])
    delete env[name];
  const [command, args] = npm ? ['npm', ['start']] : ['node', [path.join(ROOT, 'dist/scripts/start.js')]];
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('Ctrl-C stops the hub')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${text}`)));
  });
  // On 'close': the exit code once the process's output is read to its end (its last log line included).
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => text, ready, exited };
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(HOME, { recursive: true, force: true });
  rmSync(SECRETS_FILE, { force: true });
});

/** Connects to the embedded PostgreSQL as its superuser with `password`: the error code when refused. */
async function connectsWith(password: string): Promise<string> {
  const client = new Client({ host: '127.0.0.1', port: PG_PORT, user: 'postgres', password, database: 'postgres' });
  try {
    await client.connect();
    return 'connected';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

it('serves the plan on an embedded database, prints the URL and an example, and Ctrl-C leaves nothing running', async () => {
  const first = startHub();
  await first.ready;
  expect(first.output()).toContain('embedded PostgreSQL');
  expect(first.output()).toContain(`http://localhost:${PORTS.GATEWAY_PORT}/graphql`);
  expect(existsSync(path.join(DATA, 'PG_VERSION'))).toBe(true);
  // Secrets made for this hub: a file only its owner reads; the database's password is one of them.
  expect(statSync(SECRETS_FILE).mode & 0o777).toBe(0o600);
  const secrets = readFileSync(SECRETS_FILE, 'utf8');
  const { postgresPassword } = JSON.parse(secrets) as { postgresPassword: string };
  expect(await connectsWith('ipzone-embedded')).toBe('28P01');
  expect(await connectsWith(postgresPassword)).toBe('connected');

  const res = await fetch(`http://127.0.0.1:${PORTS.GATEWAY_PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ tasks { id } organizationByName(name: "市场监管局") { leadTasks { id } } }' }),
  });
  const body = await res.json();
  expect(body.data.tasks).toHaveLength(58);
  expect(body.data.organizationByName.leadTasks).toHaveLength(40);
  // The dashboard is served from the same fresh start.
  const dashboard = await fetch(`http://127.0.0.1:${PORTS.GATEWAY_PORT}/dashboard`);
  expect(dashboard.status).toBe(200);
  expect(dashboard.headers.get('content-type')).toContain('text/html');

  first.child.kill('SIGINT');
  expect(await first.exited).toBe(0);
  expect(postgresRunningOn(DATA)).toBe(false);
  // Its last word says it stopped, database included.
  expect(first.output()).toContain('ipzone-hub stopped (the embedded PostgreSQL too).');

  // A second start reuses the data folder: no new cluster, no second seeding.
  const second = startHub();
  await second.ready;
  expect(second.output()).not.toContain('creating the embedded PostgreSQL data folder');
  expect(readFileSync(SECRETS_FILE, 'utf8')).toBe(secrets);

  // SIGTERM drains: a push in flight completes and is answered before the hub exits.
  // Signed as the token command signs: with the JWT secret the hub keeps in its secrets file.
  const token = await issueToken(settingsWith({ SECRETS_FILE }).tokens, { org: 'amr', roles: ['reporter'] }, 600);
  const figures = Array.from({ length: 4000 }, (_, i) => ({
    indicator: 'ip-training-base-trainees',
    period: `2025-${String((i % 12) + 1).padStart(2, '0')}`,
    breakdown: `drain-${Math.floor(i / 12)}`,
    value: 1,
  }));
  const inFlight = fetch(`http://127.0.0.1:${PORTS.GATEWAY_PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created } }',
      variables: { input: { figures } },
    }),
  });
  // SIGTERM once the push is inside the hub (its SQL running), or answered already.
  let answered = false;
  void inFlight.finally(() => (answered = true)).catch(() => undefined);
  await untilPushIsInside(() => answered);
  second.child.kill('SIGTERM');
  const answer = await (await inFlight).json();
  expect(answer.data.pushFigures.created).toBe(4000);
  expect(await second.exited).toBe(0);
  expect(postgresRunningOn(DATA)).toBe(false);
}, 120_000);

/** Waits until a statement touching figures runs in the hub's database (or `done()`), at most 30 s. */
async function untilPushIsInside(done: () => boolean): Promise<void> {
  const password = JSON.parse(readFileSync(SECRETS_FILE, 'utf8')).postgresPassword as string;
  const client = new Client({ host: '127.0.0.1', port: PG_PORT, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    for (const started = Date.now(); !done() && Date.now() - started < 30_000;) {
      const { rowCount } = await client.query(
        "SELECT 1 FROM pg_stat_activity WHERE state <> 'idle' AND pid <> pg_backend_pid() AND query ILIKE '%figure%'",
      );
      if (rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    await client.end();
  }
}

/** Every process descending from `pid`. */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0;) {
    const children = table.filter(([, ppid]) => frontier.includes(ppid)).map(([child]) => child);
    found.push(...children);
    frontier = children;
  }
  return found;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portOpen = (port: string): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  it(`${signal} sent to the npm start process alone stops the hub within 10 s and leaves no process behind`, async () => {
    const hub = startHub(true);
    await hub.ready;
    const processes = descendants(hub.child.pid!);
    // npm runs the hub itself: no shell in between that would keep the signal from it.
    const commands = processes.map((pid) => execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    expect(commands.some((c) => /^(ba|da)?sh\b/.test(c))).toBe(false);
    expect(commands.some((c) => c.includes(`${SERVICE_NODE_FLAGS.join(' ')} bin/ipzone.js start`))).toBe(true);
    expect(postgresRunningOn(DATA)).toBe(true);

    hub.child.kill(signal);
    expect(await hub.exited).toBe(0);
    expect(processes.filter(alive)).toEqual([]);
    expect(postgresRunningOn(DATA)).toBe(false);
    for (const port of [...Object.values(PORTS), String(testPort(24349))])
      expect({ port, open: await portOpen(port) }).toEqual({ port, open: false });
  }, 120_000);
}
