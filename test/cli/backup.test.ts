/**
 * `ipzone backup` and `ipzone restore`: a backup of a running hub holding every kind of
 * record (figures with revisions and a withdrawal, locks and their audit, a baseline, a
 * formula, owners, progress reports, idempotency records) restored into a fresh embedded
 * data folder and into fresh per-subgraph databases finds every table equal, row by row,
 * and a hub started on the restored folder answers every KPI as the original did. A
 * restore on the running hub brings back the backed-up state; a damaged file changes nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { config } from '../../lib/config';
import { loadDemo } from '../../scripts/demo';
import { recreateDatabase } from '../support/database';
import { ipzone, IPZONE } from '../support/cli';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';
import { TEST_DB_PREFIX, testPort } from '../support/isolation';

const { url, db } = useHubAndDatabase();
const dir = mkdtempSync(path.join(tmpdir(), 'ipzone-backup-'));
const file = path.join(dir, 'hub.ipzone-backup');
const DATA = path.join(dir, 'restored-postgres');
const EMBEDDED_PORT = testPort(54359);
const GATEWAY_PORT = testPort(4180);
const children: ChildProcess[] = [];
const DATABASE_VARIABLES = ['DATABASE_URL', 'ORGANIZATIONS_DATABASE_URL', 'TASKS_DATABASE_URL', 'INDICATORS_DATABASE_URL'];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  rmSync(dir, { recursive: true, force: true });
});

/** The environment of a command on databases of its own: `databases` replaces every database variable. */
function envWith(databases: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'error',
    EMBEDDED_PG_DIR: DATA,
    EMBEDDED_PG_PORT: String(EMBEDDED_PORT),
  };
  for (const name of DATABASE_VARIABLES) delete env[name];
  return { ...env, ...databases };
}

/** Every row of every table of the subgraphs' schemas (as PostgreSQL prints it), and every sequence. */
async function snapshot(connection: string, schemas = ['org', 'tasks', 'indicators']): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: connection });
  await client.connect();
  try {
    const result: Record<string, string[]> = {};
    const { rows: relations } = await client.query<{ schema: string; name: string; kind: string }>(
      `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'S') ORDER BY 1, 2`,
      [schemas],
    );
    for (const { schema, name, kind } of relations) {
      const sql =
        kind === 'S'
          ? `SELECT last_value || ' ' || is_called AS row FROM "${schema}"."${name}"`
          : `SELECT t::text AS row FROM "${schema}"."${name}" t ORDER BY 1`;
      result[`${schema}.${name}`] = (await client.query<{ row: string }>(sql)).rows.map((r) => r.row);
    }
    return result;
  } finally {
    await client.end();
  }
}

const KPIS = `{
  scoreboard(asOf: "2025-12-31") {
    headline { total achieved onTrack atRisk offTrack noData noBaseline }
    targets { total achieved onTrack atRisk offTrack noData noBaseline }
    headlineGoals { indicator { id } actual effectiveTarget gap progress status reason }
  }
  kpis(asOf: "2025-12-31") { indicator { id } breakdown actual numerator denominator baseline effectiveTarget gap progress projected status demo }
  periodLockEvents { action period reason }
  figures(indicator: "average-trial-closure-days", includeWithdrawn: true) { period value status history { revision value reason } }
  task(id: "T14") { progress(asOf: "2025-12-31") { status effectiveStatus } }
}`;

async function mutate(query: string, org: string, role: 'coordinator' | 'admin' | 'reporter'): Promise<void> {
  const res = await graphql(url(), query, {}, await bearer(org, [role]));
  expect({ query, errors: res.errors }).toEqual({ query, errors: undefined });
}

function startRestoredHub(): Promise<string> {
  const ports = {
    GATEWAY_PORT,
    ORGANIZATIONS_PORT: GATEWAY_PORT + 1,
    TASKS_PORT: GATEWAY_PORT + 2,
    INDICATORS_PORT: GATEWAY_PORT + 3,
  };
  const env = { ...envWith({}), ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
  const child = spawn(process.execPath, [IPZONE, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('Ctrl-C stops the hub')) resolve(`http://127.0.0.1:${GATEWAY_PORT}/graphql`);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the restored hub exited with ${code}:\n${text}`)));
  });
}

let original: Record<string, string[]>;
let kpis: unknown;

beforeAll(async () => {
  const { problems } = await loadDemo(url(), (await bearer('amr', ['coordinator'])).authorization.slice(7));
  expect(problems).toEqual([]);
  await mutate(
    `mutation { pushFigures(input: { idempotencyKey: "withdraw-1", figures: [
      { indicator: "average-trial-closure-days", period: "2025Q3", withdraw: true, reason: "重复上报" }] }) { rejected } }`,
    'court',
    'reporter',
  );
  await mutate('mutation { lockPeriod(period: "2024", reason: "年度数据已确认") { period } }', 'amr', 'coordinator');
  await mutate('mutation { lockPeriod(period: "2023") { period } }', 'amr', 'coordinator');
  await mutate('mutation { unlockPeriod(period: "2023", reason: "补报") }', 'amr', 'coordinator');
  await mutate(
    'mutation { setBaseline(indicator: "admin-case-cycle-reduction", value: 60, period: "2023") { value } }',
    'amr',
    'admin',
  );
  await mutate(
    'mutation { setIndicatorFormula(indicator: "technical-investigators", formula: "[court-ip-cases-closed] ÷ 100") { id } }',
    'amr',
    'admin',
  );
  await mutate(
    'mutation { setIndicatorOwners(indicator: "police-ip-criminal-cases", owners: ["police", "amr"]) { id } }',
    'amr',
    'admin',
  );
  await mutate(
    'mutation { reportTaskProgress(task: "T14", status: IN_PROGRESS, note: "推进中") { status } }',
    'amr',
    'coordinator',
  );
  original = await snapshot(process.env.DATABASE_URL!);
  kpis = (await graphql(url(), KPIS)).data;
}, 180_000);

it('backs up the running hub, and a restore into a fresh embedded data folder equals it: every table, every KPI', async () => {
  const backup = await ipzone(['backup', file], { env: envWith({ DATABASE_URL: process.env.DATABASE_URL! }) });
  expect(backup.stderr).toMatch(/backed up \d+ tables/);
  expect(backup.code).toBe(0);
  for (const table of ['indicators.figure_revision', 'indicators.period_lock_event', 'tasks.task_report', 'org.organization'])
    expect(original[table]?.length).toBeGreaterThan(0);

  const restore = await ipzone(['restore', file], { env: envWith({}) });
  expect(restore.stderr).toMatch(/restored \d+ tables/);
  expect(restore.code).toBe(0);

  const restoredUrl = await startRestoredHub();
  const restored = await snapshot(
    `postgres://postgres:${encodeURIComponent(config.embeddedPassword())}@127.0.0.1:${EMBEDDED_PORT}/ipzone`,
  );
  expect(Object.keys(restored)).toEqual(Object.keys(original));
  for (const table of Object.keys(original)) expect({ table, rows: restored[table] }).toEqual({ table, rows: original[table] });
  expect((await graphql(restoredUrl, KPIS)).data).toEqual(kpis);

  // A backup of that hub while it runs shares its embedded database, leaves it running, and holds the same rows.
  const second = path.join(dir, 'second.ipzone-backup');
  const again = await ipzone(['backup', second], { env: envWith({}) });
  expect(again.code).toBe(0);
  const body = (f: string) => gunzipSync(readFileSync(f)).toString().split('\n').slice(1);
  expect(body(second)).toEqual(body(file));
  expect((await graphql(restoredUrl, KPIS)).data).toEqual(kpis);
}, 240_000);

it('restores into fresh databases, one per subgraph, on a PostgreSQL server', async () => {
  const urls = Object.fromEntries(
    await Promise.all(
      ['organizations', 'tasks', 'indicators'].map(async (name) => {
        const created = await recreateDatabase(process.env.TEST_DATABASE_SERVER_URL!, `${TEST_DB_PREFIX}_restore_${name}`);
        return [`${name.toUpperCase()}_DATABASE_URL`, created];
      }),
    ),
  );
  const restore = await ipzone(['restore', file], { env: envWith(urls) });
  expect(restore.code).toBe(0);
  const restored = {
    ...(await snapshot(urls.ORGANIZATIONS_DATABASE_URL, ['org'])),
    ...(await snapshot(urls.TASKS_DATABASE_URL, ['tasks'])),
    ...(await snapshot(urls.INDICATORS_DATABASE_URL, ['indicators'])),
  };
  expect(restored).toEqual(original);
}, 120_000);

it('a restore on the running hub brings back the backed-up state; a damaged backup changes nothing', async () => {
  await mutate(
    'mutation { pushFigures(input: { figures: [{ indicator: "court-ip-cases-closed", period: "2026Q1", value: 5 }] }) { created } }',
    'court',
    'reporter',
  );
  await mutate('mutation { reportTaskProgress(task: "T14", status: DONE) { status } }', 'amr', 'coordinator');
  const changed = await snapshot(process.env.DATABASE_URL!);
  expect(changed).not.toEqual(original);

  const text = gunzipSync(readFileSync(file));
  const damaged = path.join(dir, 'damaged.ipzone-backup');
  writeFileSync(damaged, gzipSync(text.subarray(0, Math.floor(text.length * 0.9))));
  const env = envWith({ DATABASE_URL: process.env.DATABASE_URL! });
  const refused = await ipzone(['restore', damaged], { env });
  expect(refused.code).toBe(2);
  // Cut inside a table's rows or inside a line that describes one, as the file's layout falls.
  expect(refused.stderr).toMatch(/it is (incomplete|damaged)/);
  writeFileSync(path.join(dir, 'other'), gzipSync('{"hello":1}\n'));
  const foreign = await ipzone(['restore', path.join(dir, 'other')], { env });
  expect(foreign.stderr).toContain('not a backup of the hub');
  expect(await snapshot(process.env.DATABASE_URL!)).toEqual(changed);

  const restore = await ipzone(['restore', file], { env });
  expect(restore.code).toBe(0);
  expect(await snapshot(process.env.DATABASE_URL!)).toEqual(original);
  expect((await graphql(url(), KPIS)).data).toEqual(kpis);
  // The running hub writes on after the restore, its ids continuing where the backup's left off.
  await mutate(
    'mutation { pushFigures(input: { figures: [{ indicator: "court-ip-cases-closed", period: "2026Q2", value: 6 }] }) { created } }',
    'court',
    'reporter',
  );
  const { rows } = await db().query(`SELECT count(*)::int AS n FROM indicators.figure_series WHERE period = '2026Q2'`);
  expect(rows[0].n).toBe(1);
}, 180_000);
