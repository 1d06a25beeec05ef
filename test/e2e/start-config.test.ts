/**
 * `ipzone start` in production as an operator half-configures it: every problem of the
 * configuration named at once, exit code 1, nothing listening; a DATABASE_URL naming a
 * database that does not exist is refused (not created and seeded), and `ipzone db create`
 * is the step that creates it. Real processes, the real command line.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { TEST_DB_PREFIX, testPort } from '../support/isolation';

const ROOT = path.resolve(__dirname, '../..');
const GATEWAY_PORT = testPort(4480);
const PORTS = {
  GATEWAY_PORT: String(GATEWAY_PORT),
  ORGANIZATIONS_PORT: String(testPort(4481)),
  TASKS_PORT: String(testPort(4482)),
  INDICATORS_PORT: String(testPort(4483)),
};
const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL!;
const DATABASE = `${TEST_DB_PREFIX}_start_config_${process.pid}`;
const databaseUrl = (name: string) => Object.assign(new URL(SERVER_URL), { pathname: `/${name}` }).toString();

const pair = generateKeyPairSync('ed25519');
const PRIVATE_JWK = JSON.stringify(pair.privateKey.export({ format: 'jwk' }));
const SECRET = 'a-production-secret-of-more-than-32-characters';

interface Run {
  code: number | null;
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * `node bin/ipzone.js …` with the test's environment plus `env` (no database variable but
 * those given); stops it when `until` is met by its output (SIGTERM), or after 40 s (SIGKILL).
 */
function ipzone(args: string[], env: Record<string, string>, until?: (stdout: string) => boolean): Promise<Run> {
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    ...PORTS,
    LOG_LEVEL: 'warn',
    SECRETS_FILE: path.join(os.tmpdir(), `ipzone-start-config-${process.pid}.json`),
    ...env,
  };
  for (const name of ['DATABASE_URL', 'ORGANIZATIONS_DATABASE_URL', 'TASKS_DATABASE_URL', 'INDICATORS_DATABASE_URL'])
    if (!(name in env)) delete merged[name];
  const child = spawn('node', [path.join(ROOT, 'bin/ipzone.js'), ...args], { cwd: ROOT, env: merged });
  const run: Run = { code: null, stdout: '', stderr: '' };
  let stopping = false;
  child.stdout.on('data', (chunk: Buffer) => {
    run.stdout += chunk.toString();
    // The banner is written just before the signal handlers are set: give them a moment.
    if (!stopping && until?.(run.stdout)) setTimeout(() => child.kill('SIGTERM'), 1000, (stopping = true));
  });
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ ...run, code, signal });
    }),
  );
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(DATABASE)} WITH (FORCE)`);
  await client.end();
});

const production = (env: Record<string, string>) => ({ NODE_ENV: 'production', DATABASE_URL: SERVER_URL, ...env });

it('with no secret and DATABASE_URL=not-a-url names every problem at once, exits 1 and listens nowhere', async () => {
  const run = await ipzone(['start'], production({ DATABASE_URL: 'not-a-url' }));
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('the configuration has 3 problems; nothing was started');
  expect(run.stderr).toMatch(/JWT_SECRET must be set in production/);
  expect(run.stderr).toMatch(/GATEWAY_PRIVATE_KEY must be set in production/);
  expect(run.stderr).toContain('DATABASE_URL is not a URL');
  expect(run.stderr).not.toContain('ENOTFOUND'); // no DNS lookup of "base"
  expect(run.stdout).not.toContain('ipzone-hub is running');
  expect(await listening(GATEWAY_PORT)).toBe(false);
}, 60_000);

it.each([
  ['export', ['export', 'kpis']],
  ['import', ['import', 'seeds/example-figures.csv', '--dry-run']],
  ['briefing', ['briefing', '--html']],
])(
  '`ipzone %s` with a mistyped variable names it and exits 1, asking the hub nothing',
  async (_name, args) => {
    const run = await ipzone(args, { MAX_QUERY_DEPTH: 'deep', IPZONE_URL: `http://127.0.0.1:${GATEWAY_PORT}/graphql` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the configuration has a problem; nothing was started');
    expect(run.stderr).toContain('MAX_QUERY_DEPTH must be a whole number of at least 1, got "deep"');
    expect(run.stderr).not.toContain('cannot reach');
    expect(run.stdout).toBe('');
  },
  60_000,
);

it('refuses a short JWT_SECRET (which used to start and answer every token with HTTP 500)', async () => {
  const run = await ipzone(['start'], production({ JWT_SECRET: 'only-twenty-characte', GATEWAY_PRIVATE_KEY: PRIVATE_JWK }));
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('JWT_SECRET is 20 characters long: a secret needs at least 32');
  expect(run.stdout).toBe('');
}, 60_000);

it("names a key pasted with the .env file's quotes, where OpenSSL named no variable", async () => {
  const run = await ipzone(['start'], production({ JWT_SECRET: SECRET, GATEWAY_PRIVATE_KEY: `'${PRIVATE_JWK}'` }));
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('GATEWAY_PRIVATE_KEY is wrapped in quotes: the quotes of the .env file came along with the value');
  expect(run.stderr).not.toContain('DECODER');
}, 60_000);

it('refuses a database that does not exist; `ipzone db create` creates it; then production starts with its own banner', async () => {
  const env = production({ DATABASE_URL: databaseUrl(DATABASE), JWT_SECRET: SECRET, GATEWAY_PRIVATE_KEY: PRIVATE_JWK });
  const refused = await ipzone(['start'], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`DATABASE_URL names the database "${DATABASE}", which does not exist`);
  expect(refused.stderr).toContain('ipzone db create');
  expect(await databaseExists(DATABASE)).toBe(false);

  const created = await ipzone(['db', 'create'], env);
  expect(created.stderr).toBe('');
  expect(created.stdout).toContain(`created database "${DATABASE}"`);
  expect(created.code).toBe(0);
  expect(await databaseExists(DATABASE)).toBe(true);
  expect((await ipzone(['db', 'create'], env)).stdout).toContain(`exists:  database "${DATABASE}"`);

  const started = await ipzone(['start'], env, (stdout) => stdout.includes('Ctrl-C stops the hub'));
  expect(started.stdout).toContain('production: explorer and introspection off');
  expect(started.stdout).not.toContain('explorer)'); // no invitation to an explorer production turns off
  expect({ code: started.code, signal: started.signal, stderr: started.stderr }).toEqual({ code: 0, signal: null, stderr: '' });
}, 120_000);

it('refuses in one line a port another program holds, naming the service and its variable, before starting anything', async () => {
  const held = createServer();
  await new Promise<void>((resolve) => held.listen(Number(PORTS.TASKS_PORT), '127.0.0.1', resolve));
  try {
    const run = await ipzone(['start'], { DATABASE_URL: databaseUrl(`${DATABASE}_ports`) });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `port ${PORTS.TASKS_PORT} on 127.0.0.1 (TASKS_PORT, the tasks subgraph) is in use by another program (another hub?): stop it, or set TASKS_PORT to a free port`,
    ]);
    // Nothing started: no database made, no other port listened on.
    expect(await databaseExists(`${DATABASE}_ports`)).toBe(false);
    expect(await listening(Number(PORTS.GATEWAY_PORT))).toBe(false);
  } finally {
    held.close();
  }
}, 60_000);
