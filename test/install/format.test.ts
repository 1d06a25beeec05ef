/**
 * The layout check (`npm run format:check`): every file prettier reads (.prettierignore says
 * which it leaves alone) is laid out as `npm run format` would lay it out, and the check does
 * notice a file that is not.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const PRETTIER = path.join(ROOT, 'node_modules/prettier/bin/prettier.cjs');

/** The files prettier, with the project's settings, would lay out otherwise. */
function different(cwd: string, targets: string[]): string[] {
  const run = spawnSync(process.execPath, [PRETTIER, '--list-different', ...targets], { cwd, encoding: 'utf8' });
  if (run.error || (run.status !== 0 && run.status !== 1)) throw new Error(`prettier failed: ${run.stderr}`);
  return run.stdout.split('\n').filter(Boolean);
}

it('finds every file laid out as npm run format lays it out', () => {
  expect(different(ROOT, ['.'])).toEqual([]);
}, 120_000);

it('lists a file laid out otherwise', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ipzone-format-'));
  try {
    writeFileSync(path.join(dir, 'tidy.ts'), "export const tidy = 'yes';\n");
    writeFileSync(path.join(dir, 'untidy.ts'), 'export const untidy = "no"\n');
    expect(different(dir, ['--config', path.join(ROOT, '.prettierrc.json'), 'tidy.ts', 'untidy.ts'])).toEqual(['untidy.ts']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
