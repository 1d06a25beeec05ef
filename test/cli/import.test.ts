/** `npm run import` and `npm run token`, run as a user runs them, against the running hub. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { Client } from 'pg';
import type { Hub } from '../../hub';
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
    expect((await cli('token', ['--org', 'amr', '--role', 'boss'])).stderr).toContain('--role "boss" is not one of');
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

  it('groups alike warnings per code, indicator and period, and lists every one in --warnings-file', async () => {
    // A total for each month of 2026 and 50 breakdowns of it whose sum is not the total.
    const file = path.join(dir, 'disagree.csv');
    const lines = ['indicator,period,value,breakdown'];
    for (let month = 1; month <= 4; month += 1) {
      const period = `2026-${String(month).padStart(2, '0')}`;
      lines.push(`ip-training-base-trainees,${period},10,`);
      for (let i = 0; i < 50; i += 1) lines.push(`ip-training-base-trainees,${period},7,培训点${i}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const list = path.join(dir, 'warnings.csv');
    const token = (await bearer('amr', ['reporter'])).authorization.slice(7);
    const res = await cli('import', [file, '--warnings-file', list], { IPZONE_TOKEN: token });
    expect(res.code).toBe(0);
    const shown = res.stdout.split('\n').filter((l) => l.startsWith('warning: '));
    const listed = readFileSync(list, 'utf8').trim().split('\n').slice(1);
    expect(listed.length).toBeGreaterThan(shown.length);
    // One line per code and month, its count the number of warnings the file lists for them.
    for (const line of shown) {
      const [, code, count, period] =
        /^warning: (\w+) × ([\d,]+): ip-training-base-trainees (2026-0\d) \(lines [\d, …]+\); the first: /.exec(line)!;
      expect(listed.filter((l) => l.includes(`,${period},`) && l.includes(`,${code},`))).toHaveLength(
        Number(count.replace(/,/g, '')),
      );
    }
    expect(shown.length).toBeGreaterThanOrEqual(4);
    expect(shown.length).toBeLessThanOrEqual(8);
    expect(res.stderr).toContain(`${listed.length} warning(s) listed in ${list}`);
  });

  it('imports the example file of seeds/ as a court reporter', async () => {
    const token = (await bearer('court', ['reporter'])).authorization.slice(7);
    const res = await cli('import', [path.join(ROOT, 'seeds/example-figures.csv')], { IPZONE_TOKEN: token });
    expect(res.stdout).toContain('0 rejected');
    expect(res.code).toBe(0);
  });
});

describe('npm run import of files as spreadsheets save them', () => {
  const court = async () => (await bearer('court', ['reporter'])).authorization.slice(7);
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  /** The court's average closure days stored for `periods`, as period → [value, note]. */
  const stored = async (...periods: string[]) => {
    const { rows } = await db.query(
      `SELECT period, value::float AS value, note FROM indicators.figure_series
        WHERE indicator_id = 'average-trial-closure-days' AND period = ANY($1) ORDER BY period`,
      [periods],
    );
    return Object.fromEntries(rows.map((r) => [r.period, [r.value, r.note]]));
  };

  it('reads a GB18030 file, as Excel on a Chinese Windows saves it, recognised or named with --encoding', async () => {
    const rows = (periods: string[]) =>
      [
        'indicator,period,value,note',
        `全年平均结案时间,${periods[0]},110,含简易程序案件`,
        `全年平均结案时间,${periods[1]},108,"“繁简分流”后, 二审另计"`,
      ].join('\r\n');
    const landed = (periods: string[]) => ({
      [periods[0]]: [110, '含简易程序案件'],
      [periods[1]]: [108, '“繁简分流”后, 二审另计'],
    });
    const recognised = write('gb18030.csv', iconv.encode(rows(['2023Q1', '2023Q2']), 'gb18030'));
    const res = await cli('import', [recognised], { IPZONE_TOKEN: await court() });
    expect(res.stderr).toContain('(GB18030)');
    expect(res.stdout).toContain('imported: 2 created, 0 updated, 0 unchanged, 0 rejected');
    expect(res.code).toBe(0);
    expect(await stored('2023Q1', '2023Q2')).toEqual(landed(['2023Q1', '2023Q2']));

    const named = write('gbk.csv', iconv.encode(rows(['2023Q3', '2023Q4']), 'gbk'));
    const gbk = await cli('import', [named, '--encoding', 'gbk'], { IPZONE_TOKEN: await court() });
    expect(gbk.code).toBe(0);
    expect(await stored('2023Q3', '2023Q4')).toEqual(landed(['2023Q3', '2023Q4']));

    const wrong = write('gb-named-utf8.csv', iconv.encode(rows(['2022Q1', '2022Q2']), 'gb18030'));
    const refused = await cli('import', [wrong, '--encoding', 'utf-8'], { IPZONE_TOKEN: await court() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('line 2: bytes that are not UTF-8');
    expect(await stored('2022Q1', '2022Q2')).toEqual({});
    const unknown = await cli('import', [wrong, '--encoding', 'big5'], { IPZONE_TOKEN: await court() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown encoding "big5"');
  });

  it('reads UTF-8 with a byte-order mark', async () => {
    const file = write('bom.csv', `\uFEFFindicator,period,value,note\n全年平均结案时间,2022Q3,104,一审\n`);
    const res = await cli('import', [file], { IPZONE_TOKEN: await court() });
    expect(res.stderr).toContain('(UTF-8 with BOM)');
    expect(res.code).toBe(0);
    expect(await stored('2022Q3')).toEqual({ '2022Q3': [104, '一审'] });
  });

  it('refuses bytes it cannot read, naming their line, and writes nothing', async () => {
    const good = Buffer.from('indicator,period,value,note\naverage-trial-closure-days,2021Q1,100,好\n', 'utf8');
    const file = write(
      'broken.csv',
      Buffer.concat([good, Buffer.from('average-trial-closure-days,2021Q2,101,'), Buffer.from([0xff, 0x0a])]),
    );
    const res = await cli('import', [file], { IPZONE_TOKEN: await court() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('line 3: bytes that are neither UTF-8 nor GB18030');
    expect(res.stderr).toContain('nothing was imported');
    const replaced = write('replaced.csv', 'indicator,period,value,note\naverage-trial-closure-days,2021Q3,99,\uFFFD\uFFFD\n');
    const lost = await cli('import', [replaced], { IPZONE_TOKEN: await court() });
    expect(lost.code).toBe(2);
    expect(lost.stderr).toContain('line 2: holds U+FFFD');
    expect(await stored('2021Q1', '2021Q2', '2021Q3')).toEqual({});
  });

  it('takes decimal numbers only, naming each other number by its line', async () => {
    const refused: Array<[string, string, string]> = [
      ['2020Q1', '0x1F', '"0x1F" is not a decimal number'],
      ['2020Q2', '0b101', '"0b101" is not a decimal number'],
      ['2020Q3', 'Infinity', '"Infinity" is not a decimal number'],
      ['2020Q4', '"1,234"', '"1,234" has thousands separators: write 1234'],
      ['2019Q1', '1e999', '"1e999" is too large'],
      ['2019Q2', '0o17', '"0o17" is not a decimal number'],
    ];
    const lines = refused.map(([period, value]) => `average-trial-closure-days,${period},${value}`);
    const file = write(
      'numbers.csv',
      ['indicator,period,value', ...lines, 'average-trial-closure-days,2019Q3, 98.5 '].join('\n'),
    );
    const res = await cli('import', [file], { IPZONE_TOKEN: await court() });
    expect(res.code).toBe(1);
    refused.forEach(([, , message], i) => expect(res.stdout).toContain(`line ${i + 2}: value: BAD_USER_INPUT: ${message}\n`));
    expect(res.stdout).toContain('imported: 1 created, 0 updated, 0 unchanged, 6 rejected');
    expect(await stored(...refused.map(([period]) => period), '2019Q3')).toEqual({ '2019Q3': [98.5, null] });
  });

  it('refuses a file with broken quotes, naming the line, and writes nothing', async () => {
    const file = write(
      'quotes.csv',
      'indicator,period,value,note\naverage-trial-closure-days,2018Q1,100,ok\naverage-trial-closure-days,2018Q2,101,"x"y\n',
    );
    const res = await cli('import', [file], { IPZONE_TOKEN: await court() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('line 3: text follows a closing quote');
    const open = write(
      'open-quote.csv',
      'indicator,period,value,note\naverage-trial-closure-days,2018Q3,100,"open\n\nmore,1,2,3\n',
    );
    const unclosed = await cli('import', [open], { IPZONE_TOKEN: await court() });
    expect(unclosed.code).toBe(2);
    expect(unclosed.stderr).toContain('line 2: a quoted field is not closed');
    expect(await stored('2018Q1', '2018Q2', '2018Q3')).toEqual({});
  });

  it('names each row whose fields do not match the header, and lands none of them', async () => {
    const file = write(
      'ragged.csv',
      [
        'indicator,period,value,note',
        'average-trial-closure-days,2017Q1,100,含二审, 不含执行',
        'average-trial-closure-days,2017Q2,99',
        'average-trial-closure-days,2017Q3,98,ok',
        ',,,',
      ].join('\r\n'),
    );
    const res = await cli('import', [file], { IPZONE_TOKEN: await court() });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      'line 2: row: BAD_USER_INPUT: 5 fields under a header of 4 columns (quote a field that holds a comma, or clear the cells beyond the header)',
    );
    expect(res.stdout).toContain('line 3: row: BAD_USER_INPUT: 3 fields under a header of 4 columns');
    expect(res.stdout).toContain('imported: 1 created, 0 updated, 0 unchanged, 2 rejected');
    expect(await stored('2017Q1', '2017Q2', '2017Q3')).toEqual({ '2017Q3': [98, 'ok'] });
  });
});
