/**
 * `ipzone import` of a large CSV file: streamed to the gateway's POST /figures/bulk as a job,
 * its progress shown on stderr, its rejections by line and its warnings grouped as for any
 * import; the same file again writes nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { useHubAndDatabase, bearer } from '../support/hub';

const run = promisify(execFile);
const script = path.resolve(__dirname, '../../dist/scripts/import.js');
const { hub, db } = useHubAndDatabase();
const dir = mkdtempSync(path.join(tmpdir(), 'ipzone-import-bulk-'));

async function ipzoneImport(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const token = (await bearer('amr', ['coordinator'])).authorization.replace('Bearer ', '');
  const env = { ...process.env, IPZONE_URL: hub().gateway.url, IPZONE_TOKEN: token, LOG_LEVEL: 'error' };
  try {
    const { stdout, stderr } = await run('node', [script, file], { env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return error as { code: number; stdout: string; stderr: string };
  }
}

it('goes through the bulk path with a progress bar, prints problems by line and warnings grouped, and writes nothing twice', async () => {
  const lines = ['indicator,period,value,breakdown,note'];
  for (let b = 0; b < 2200; b += 1)
    for (let m = 1; m <= 12; m += 1)
      lines.push(`ip-training-base-trainees,2023-${String(m).padStart(2, '0')},${10 + (b % 4)},base-${b},批量导入`);
  // A total that disagrees with its 2,200 breakdowns, and two rows that cannot land.
  lines.push(
    'ip-training-base-trainees,2023-01,5,,',
    'ip-training-base-trainees,2023-13,5,x,',
    'copyright-registrations,2023,-1,,',
  );
  const file = path.join(dir, 'large.csv');
  writeFileSync(file, lines.join('\n') + '\n');

  const first = await ipzoneImport(file);
  expect(first.stderr).toContain('/figures/bulk');
  expect(first.stderr).toMatch(/\d+\/26403 rows/);
  // Which encoding the hub read the file in, as a small file's first line says.
  expect(first.stderr).toContain(`${file} was read as UTF-8`);
  expect(first.stdout).toContain(`line ${lines.length - 1}: period: BAD_USER_INPUT`);
  expect(first.stdout).toContain(`line ${lines.length}: value: BAD_USER_INPUT`);
  expect(first.stdout).toMatch(/warning: RECONCILIATION × \d[\d,]*: ip-training-base-trainees 2023-01 \(lines /);
  expect(first.stdout).toContain('imported: 26401 created, 0 updated, 0 unchanged, 2 rejected');
  expect(first.code).toBe(1);
  const { rows } = await db().query(`SELECT count(*)::int AS n FROM indicators.figure_revision`);

  const again = await ipzoneImport(file);
  expect(again.stdout).toContain(
    'imported: 26401 created, 0 updated, 0 unchanged, 2 rejected (1 batch(es) already imported earlier',
  );
  const after = await db().query(`SELECT count(*)::int AS n FROM indicators.figure_revision`);
  expect(after.rows[0].n).toBe(rows[0].n);
});
