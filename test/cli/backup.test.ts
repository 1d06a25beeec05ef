/**
 * `ipzone backup` and `ipzone restore`: a backup of a running hub holding every kind of
 * record (figures with revisions and a withdrawal, locks and their audit, a baseline, a
 * formula, owners, progress reports, idempotency records, a webhook subscription)
 * restored into a fresh embedded data folder and into fresh per-subgraph databases finds
 * every table equal, row by row (webhook secrets aside: they are left out of backups),
 * and a hub started on the restored folder answers every KPI as the original did. The
 * file is readable by its owner only. A restore on the running hub asks for --force, then
 * brings back the backed-up state; a damaged or altered file changes nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { SECRET_COLUMNS } from '../../lib/backup';
import { readSettings } from '../../lib/settings';
import { loadDemo } from '../../scripts/demo';
import { recreateDatabase } from '../support/database';
import { ipzone, IPZONE } from '../support/cli';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';
import { freePort } from '../../lib/free-ports';
import { TEST_DB_PREFIX, testPort } from '../support/isolation';

const { url, db } = useHubAndDatabase();
const dir = mkdtempSync(path.join(tmpdir(), 'ipzone-backup-'));
const file = path.join(dir, 'hub.ipzone-backup');
const DATA = path.join(dir, 'restored-postgres');
/**
 * The restored embedded PostgreSQL's port: one free when the file starts, not a fixed one,
 * which another run beside this one (or a connection's own port) may hold.
 */
let EMBEDDED_PORT = 0;
const GATEWAY_PORT = testPort(4500);
const WEBHOOK_SECRET = 'webhook-secret-that-must-not-be-in-backups';
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

/**
 * Every row of every table of the subgraphs' schemas (as PostgreSQL prints it, secret
 * columns aside), and every sequence.
 */
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
          : SECRET_COLUMNS[`${schema}.${name}`]
            ? `SELECT (to_jsonb(t) - $1::text[])::text AS row FROM "${schema}"."${name}" t ORDER BY 1`
            : `SELECT t::text AS row FROM "${schema}"."${name}" t ORDER BY 1`;
      const secrets = SECRET_COLUMNS[`${schema}.${name}`]?.columns;
      result[`${schema}.${name}`] = (await client.query<{ row: string }>(sql, secrets ? [secrets] : [])).rows.map((r) => r.row);
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
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the restored hub exited with ${code}:\n${text}`)));
  });
}

let original: Record<string, string[]>;
let kpis: unknown;

beforeAll(async () => {
  EMBEDDED_PORT = await freePort();
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
  // A subscription written as the mutation writes it, to a local port nothing listens on, for an event no test here raises.
  await db().query(
    `INSERT INTO indicators.webhook_subscription (organization_id, url, events, secret, created_by)
     VALUES ('court', 'https://127.0.0.1:9/hook', '{SUBMISSION_RETURNED}', $1, 'court-admin')`,
    [WEBHOOK_SECRET],
  );
  original = await snapshot(process.env.DATABASE_URL!);
  kpis = (await graphql(url(), KPIS)).data;
}, 180_000);

it('backs up the running hub, and a restore into a fresh embedded data folder equals it: every table, every KPI', async () => {
  const backup = await ipzone(['backup', file], { env: envWith({ DATABASE_URL: process.env.DATABASE_URL! }) });
  expect(backup.stderr).toMatch(/backed up \d+ tables/);
  expect(backup.code).toBe(0);
  // As sensitive as the data: readable by its owner only, no partial file left, no webhook secret inside.
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  expect(gunzipSync(readFileSync(file)).toString()).not.toContain(WEBHOOK_SECRET);
  expect(original['indicators.webhook_subscription']).toHaveLength(1);
  for (const table of ['indicators.figure_revision', 'indicators.period_lock_event', 'tasks.task_report', 'org.organization'])
    expect(original[table]?.length).toBeGreaterThan(0);

  const restore = await ipzone(['restore', file], { env: envWith({}) });
  expect(restore.stderr).toMatch(/restored \d+ tables/);
  expect(restore.stderr).toContain('indicators.webhook_subscription: 1 row(s): webhook subscriptions keep their URL');
  expect(restore.code).toBe(0);

  const restoredUrl = await startRestoredHub();
  const restored = await snapshot(
    `postgres://postgres:${encodeURIComponent(readSettings().embedded.password())}@127.0.0.1:${EMBEDDED_PORT}/ipzone`,
  );
  expect(Object.keys(restored)).toEqual(Object.keys(original));
  for (const table of Object.keys(original)) expect({ table, rows: restored[table] }).toEqual({ table, rows: original[table] });
  // The restored subscription signs with a fresh secret nobody knows: neither the old one nor an empty one.
  const client = new Client({
    connectionString: `postgres://postgres:${encodeURIComponent(readSettings().embedded.password())}@127.0.0.1:${EMBEDDED_PORT}/ipzone`,
  });
  await client.connect();
  const { rows: secrets } = await client.query<{ secret: string }>('SELECT secret FROM indicators.webhook_subscription');
  await client.end();
  expect(secrets).toHaveLength(1);
  expect(secrets[0].secret).toMatch(/^[0-9a-f]{64}$/);
  expect(secrets[0].secret).not.toBe(WEBHOOK_SECRET);
  expect((await graphql(restoredUrl, KPIS)).data).toEqual(kpis);

  // A backup of that hub while it runs shares its embedded database, leaves it running, and holds the same rows.
  const second = path.join(dir, 'second.ipzone-backup');
  const again = await ipzone(['backup', second], { env: envWith({}) });
  expect(again.code).toBe(0);
  // Every line but the header (its date) and the trailer (whose whole-file checksum covers the header); the tables' counts and checksums equal.
  const lines = (f: string) => gunzipSync(readFileSync(f)).toString().split('\n');
  expect(lines(second).slice(1, -2)).toEqual(lines(file).slice(1, -2));
  expect(JSON.parse(lines(second).at(-2)!).tables).toEqual(JSON.parse(lines(file).at(-2)!).tables);
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

it('a restore on the running hub asks for --force, then brings back the backed-up state; a damaged or altered backup changes nothing', async () => {
  await mutate(
    'mutation { pushFigures(input: { figures: [{ indicator: "court-ip-cases-closed", period: "2026Q1", value: 5 }] }) { created } }',
    'court',
    'reporter',
  );
  await mutate('mutation { reportTaskProgress(task: "T14", status: DONE) { status } }', 'amr', 'coordinator');
  const changed = await snapshot(process.env.DATABASE_URL!);
  expect(changed).not.toEqual(original);

  const env = envWith({ DATABASE_URL: process.env.DATABASE_URL! });
  const refuses = async (backup: string, message: string | RegExp) => {
    const res = await ipzone(['restore', backup, '--force'], { env });
    const pattern = typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message;
    expect({ code: res.code, stderr: res.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(pattern) });
    expect(res.stderr).not.toMatch(/^\s+at /m);
  };
  const text = gunzipSync(readFileSync(file));
  const damaged = path.join(dir, 'damaged.ipzone-backup');
  writeFileSync(damaged, gzipSync(text.subarray(0, Math.floor(text.length * 0.9))));
  // Cut inside a table's rows or inside a line that describes one, as the file's layout falls.
  await refuses(damaged, /it is (incomplete|damaged)/);
  writeFileSync(path.join(dir, 'other'), gzipSync('{"hello":1}\n'));
  await refuses(path.join(dir, 'other'), 'not a backup of the hub');
  await refuses(
    path.join(dir, 'missing.ipzone-backup'),
    `restore failed: cannot read ${path.join(dir, 'missing.ipzone-backup')}: no such file\n`,
  );

  // Altered files: each is written back as a backup would be, with what an editor could change.
  const lines = text.toString().split('\n');
  const alter = (name: string, edit: (lines: string[]) => string[]) => {
    const altered = path.join(dir, `${name}.ipzone-backup`);
    writeFileSync(altered, gzipSync(edit([...lines]).join('\n')));
    return altered;
  };
  const tableAt = (all: string[], table: string) => {
    const start = all.findIndex((l) => l.startsWith(`{"table":"${table}"`));
    return { start, end: all.indexOf('\\.', start) };
  };
  // The revisions' rows removed and a bare trailer: once restored with exit 0, deleting every revision.
  await refuses(
    alter('bare-trailer', (all) => {
      const { start, end } = tableAt(all, 'figure_revision');
      all.splice(start + 1, end - start - 1);
      all[all.length - 2] = '{"end":true}';
      return all;
    }),
    'without the row counts and checksums of its tables',
  );
  // One figure changed, the row count left as it was.
  await refuses(
    alter('edited-row', (all) => {
      const { start } = tableAt(all, 'figure_revision');
      all[start + 1] = all[start + 1].replace(/\t(\d+(\.\d+)?)\t/, '\t99999\t');
      return all;
    }),
    'indicators.figure_revision: its rows do not match their checksum',
  );
  // The revisions' table taken out whole: from its subgraph's list, the rows and the trailer, the file's checksum made again.
  await refuses(
    alter('table-removed', (all) => {
      const { start, end } = tableAt(all, 'figure_revision');
      all.splice(start, end - start + 1);
      const section = all.findIndex((l) => l.startsWith('{"subgraph":"indicators"'));
      const record = JSON.parse(all[section]);
      record.tables = record.tables.filter((t: string) => t !== 'figure_revision');
      all[section] = JSON.stringify(record);
      const trailer = JSON.parse(all[all.length - 2]);
      delete trailer.tables['indicators.figure_revision'];
      trailer.sha256 = createHash('sha256')
        .update(
          all
            .slice(0, -2)
            .map((l) => `${l}\n`)
            .join(''),
        )
        .digest('hex');
      all[all.length - 2] = JSON.stringify(trailer);
      return all;
    }),
    'the backup lacks indicators.figure_revision, which its schema version has',
  );
  // A backup of the earlier format, which carries no checksums.
  await refuses(
    alter('version-1', (all) => [all[0].replace('"version":2', '"version":1'), ...all.slice(1)]),
    'format version 1, which carries no checksums and cannot be verified',
  );
  expect(await snapshot(process.env.DATABASE_URL!)).toEqual(changed);

  // A sound backup on a hub that holds data: refused without --force, saying what it would replace.
  const unforced = await ipzone(['restore', file], { env });
  expect(unforced.code).toBe(2);
  expect(unforced.stderr).toMatch(/the hub holds [\d,]+ rows in \d+ tables \(.*indicators\.figure_revision [\d,]+/);
  expect(unforced.stderr).toContain('run it again with --force');
  // A refusal, not a failure: nothing went wrong, nothing was changed.
  expect(unforced.stderr).toMatch(/^not restored: the hub holds/);
  expect(unforced.stderr).not.toContain('failed');
  expect(await snapshot(process.env.DATABASE_URL!)).toEqual(changed);

  const restore = await ipzone(['restore', file, '--force'], { env });
  expect(restore.stderr).toContain('the restore replaces all of them with the backup made');
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
