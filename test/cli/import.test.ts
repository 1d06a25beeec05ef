/** `npm run import` and `npm run token`, run as a user runs them, against the running hub. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { Hub } from '../../lib/hub';
import { bearer, startTestHub } from '../support/hub';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const script = (name: string) => path.join(ROOT, 'dist/scripts', `${name}.js`);

let hub: Hub;
let db: Client;
let env: NodeJS.ProcessEnv;
const dir = mkdtempSync(path.join(tmpdir(), 'ipzone-import-'));

beforeAll(async () => {
  if (!existsSync(script('import'))) throw new Error('dist/ is missing: `npm test` builds it first (npm run build)');
  hub = await startTestHub();
  db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  env = { ...process.env, IPZONE_URL: hub.gateway.url, LOG_LEVEL: 'error' };
});
afterAll(async () => {
  await db?.end();
  await hub?.stop();
});

async function cli(
  name: string,
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [script(name), ...args], {
      env: { ...env, ...extraEnv },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const seriesCount = async (indicator: string) =>
  (await db.query('SELECT count(*)::int AS n FROM indicators.figure_series WHERE indicator_id = $1', [indicator])).rows[0].n;

describe('npm run token', () => {
  it('issues a token for an organisation named the way the document names it', async () => {
    const res = await cli('token', ['--org', '市场监管局', '--role', 'reporter', '--days', '7']);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('市市场监管局 (amr)');
    const payload = JSON.parse(Buffer.from(res.stdout.trim().split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({ org: 'amr', roles: ['reporter'] });
    expect(payload.exp - payload.iat).toBe(7 * 86400);
  });

  it('refuses an unknown organisation or role', async () => {
    expect((await cli('token', ['--org', '某某局', '--role', 'reporter'])).code).toBe(2);
    expect((await cli('token', ['--org', 'amr', '--role', 'boss'])).stderr).toContain('unknown role');
  });
});

describe('npm run import', () => {
  it('lands every row of a 10,000-row CSV, shows progress, and a second run writes nothing again', async () => {
    const file = path.join(dir, 'trainees.csv');
    const lines = ['indicator,period,value,breakdown,source'];
    for (let i = 0; i < 10_000; i += 1) {
      const month = String((i % 12) + 1).padStart(2, '0');
      lines.push(`ip-training-base-trainees,2024-${month},${(i % 97) + 3},培训点${Math.floor(i / 12)},demo`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const token = (await bearer('amr', ['reporter'])).authorization.slice(7);

    const first = await cli('import', [file], { IPZONE_TOKEN: token });
    expect(first.stdout).toContain('imported: 10000 created, 0 updated, 0 unchanged, 0 rejected');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('5,000 / 10,000 rows (50%)');
    expect(first.stderr).toContain('10,000 / 10,000 rows (100%)');
    expect(await seriesCount('ip-training-base-trainees')).toBeGreaterThanOrEqual(10_000);

    const again = await cli('import', [file], { IPZONE_TOKEN: token });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('10 batch(es) already imported earlier');
  }, 120_000);

  it('names the line, field and code of each rejected row and exits 1; a dry run writes nothing', async () => {
    const file = path.join(dir, 'court.csv');
    writeFileSync(
      file,
      [
        'indicator,period,value,note',
        'average-trial-closure-days,2024Q1,120,"含""简易程序""案件, 不含执行"',
        'average-trial-closure-days,2024Q5,118,',
        'average-trial-closure-days,2024Q3,abc,',
        'average-trial-closure-days,2024Q4,-3,',
      ].join('\r\n'),
    );
    const token = (await bearer('court', ['reporter'])).authorization.slice(7);
    const dry = await cli('import', [file, '--dry-run'], { IPZONE_TOKEN: token });
    expect(dry.stdout).toContain('would import: 1 created');
    const res = await cli('import', [file], { IPZONE_TOKEN: token });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('line 3: period: BAD_USER_INPUT');
    expect(res.stdout).toContain('line 4: value: BAD_USER_INPUT');
    expect(res.stdout).toContain('line 5: value: BAD_USER_INPUT');
    expect(res.stdout).toContain('imported: 1 created, 0 updated, 0 unchanged, 3 rejected');
    const { rows } = await db.query(
      `SELECT note FROM indicators.figure_series WHERE indicator_id = 'average-trial-closure-days' AND period = '2024Q1'`,
    );
    expect(rows).toEqual([{ note: '含"简易程序"案件, 不含执行' }]);
  });

  it('imports the example file of seeds/ as a court reporter', async () => {
    const token = (await bearer('court', ['reporter'])).authorization.slice(7);
    const res = await cli('import', [path.join(ROOT, 'seeds/example-figures.csv')], { IPZONE_TOKEN: token });
    expect(res.stdout).toContain('0 rejected');
    expect(res.code).toBe(0);
  });
});
