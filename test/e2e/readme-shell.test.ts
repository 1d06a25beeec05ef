/**
 * The documentation is executable: the shell blocks of the README and of the pages under docs/,
 * page after page in the order of PAGES (test/support/docs.ts) and in each page in the order it
 * gives them, run on a fresh hub with exit 0 — the demo twice, a first query and the first push
 * (README), the example import twice (the second writes nothing) and the Excel round trip
 * (docs/reporting.md), the exports (docs/api.md), a backup and its restore on the running hub
 * (docs/operations.md). A block preceded by an HTML comment `<!-- not run … -->` (installing,
 * the long-running start, the suite, Docker) is left out. The commands run in a folder of their
 * own that links to the checkout, with the test hub's address in place of http://localhost:4000.
 */
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, runProgram } from '../support/cli';
import { PAGES, readPage } from '../support/docs';
import { graphql, useHubAndDatabase } from '../support/hub';

const { url, db } = useHubAndDatabase();

interface Block {
  page: string;
  line: number;
  code: string;
  run: boolean;
}

function shellBlocks(page: string): Block[] {
  const blocks: Block[] = [];
  const lines = readPage(page).split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i].trim() !== '```sh') continue;
    let end = i + 1;
    while (lines[end].trim() !== '```') end += 1;
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === '') before -= 1;
    blocks.push({
      page,
      line: i + 1,
      code: lines.slice(i + 1, end).join('\n'),
      run: !/^<!-- not run\b/.test(lines[before] ?? ''),
    });
    i = end;
  }
  return blocks;
}

const SCOREBOARD = '{ scoreboard(asOf: "2025-12-31") { targets { total achieved onTrack atRisk offTrack noData } } }';

it('runs every shell block of the README and the docs pages in order, each with exit 0', async () => {
  const blocks = PAGES.flatMap(shellBlocks);
  const run = blocks.filter((b) => b.run);
  // What the front door promises a newcomer can run is run; only set-up and long-running blocks are left out.
  const all = run.map((b) => b.code).join('\n');
  for (const command of [
    'npm run demo',
    'pushFigures',
    'npm run import -- seeds/example-figures.csv',
    'ipzone export',
    'ipzone backup',
    'ipzone restore',
  ]) {
    expect({ command, run: all.includes(command) }).toEqual({ command, run: true });
  }
  expect(blocks.filter((b) => !b.run).map((b) => b.code)).toEqual(
    expect.arrayContaining([expect.stringContaining('npm start'), expect.stringContaining('docker compose')]),
  );
  // The README's own: the set-up commands (not run), the demo, a first query and the first push.
  const readme = blocks.filter((b) => b.page === 'README.md');
  expect(readme.filter((b) => !b.run).map((b) => b.code)).toEqual([expect.stringContaining('npm start')]);
  const readmeRun = readme
    .filter((b) => b.run)
    .map((b) => b.code)
    .join('\n');
  for (const command of ['npm run demo', 'organizationByName', 'npx ipzone token', 'pushFigures'])
    expect({ command, run: readmeRun.includes(command) }).toEqual({ command, run: true });

  const work = mkdtempSync(path.join(tmpdir(), 'ipzone-readme-'));
  for (const entry of ['package.json', 'package-lock.json', 'node_modules', 'bin', 'dist', 'seeds'])
    symlinkSync(path.join(ROOT, entry), path.join(work, entry));
  const origin = new URL(url()).origin;
  const script = [
    'set -euo pipefail',
    ...run.map((b) => `echo "@@ ${b.page} line ${b.line}" >&2\n${b.code.replaceAll('http://localhost:4000', origin)}`),
  ].join('\n');
  const env: NodeJS.ProcessEnv = { ...process.env, IPZONE_URL: url(), LOG_LEVEL: 'error' };
  delete env.IPZONE_TOKEN;

  const res = await runProgram('bash', ['-c', script], { env, cwd: work, timeoutMs: 420_000 });
  const context = `${res.stdout.slice(-3000)}\n--- stderr ---\n${res.stderr.slice(-3000)}`;
  expect({ code: res.code, context }).toEqual({ code: 0, context });
  expect(res.stdout).not.toContain('"errors"');
  expect(res.stdout).not.toMatch(/"rejected":[1-9]/);
  expect(res.stdout).not.toMatch(/[1-9]\d* rejected/);

  // Each command did what its page says.
  expect(res.stdout).toMatch(/demo figures: [1-9]\d* created/);
  expect(res.stdout).toMatch(/"organizationByName":\{"id":"amr"/);
  expect(res.stdout).toContain('batch(es) loaded before');
  expect(res.stdout).toMatch(/imported: 6 created, 0 updated, 0 unchanged, 0 rejected/);
  expect(res.stdout).toContain('already imported earlier: nothing written again');
  const { rows } = await db().query(
    `SELECT value::float AS value, status FROM indicators.figure_series
      WHERE indicator_id = 'court-ip-cases-closed' AND period = '2024Q3' AND breakdown = ''`,
  );
  expect(rows).toEqual([{ value: 1040, status: 'FINAL' }]);
  for (const file of ['scoreboard.csv', 'kpis.csv', 'court.csv', 'completeness.csv']) {
    expect({ file, exists: existsSync(path.join(work, file)) }).toEqual({ file, exists: true });
    expect(readFileSync(path.join(work, file), 'utf8').split('\n').length).toBeGreaterThan(1);
  }
  // Restored on the running hub, which answers from the restored data as before.
  const scoreboard = await graphql(url(), SCOREBOARD);
  expect(scoreboard.errors).toBeUndefined();
  expect(readFileSync(path.join(work, 'scoreboard.csv'), 'utf8')).toBe(
    await fetch(new URL('/export/scoreboard.csv?asOf=2025-12-31', url())).then((r) => r.text()),
  );
}, 480_000);
