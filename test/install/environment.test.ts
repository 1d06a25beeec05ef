/**
 * One module reads the environment: lib/config.ts. lib/settings.ts parses what it gives
 * once, as a process starts, and the settings are passed down; everything else asks
 * lib/config.ts only for the environment a child process starts with (childEnvironment)
 * or to set a variable for one (setEnvironment), so a setting has one reading and one
 * place to look it up.
 * bin/ipzone.js is the exception: it runs before dist/ is built, so it cannot load lib/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const FOLDERS = ['gateway', 'subgraphs', 'lib', 'hub', 'scripts', 'bench', 'seeds', 'dashboard', 'report', 'client'];
const CONFIGURATION = new Set(['lib/config.ts']);
// `process.env` as code, not as the name in a string (the pages' bundler replaces `'process.env.NODE_ENV'`).
const READS = /(?<!['"`])\bprocess\.env\b/;

function sources(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.split(path.sep).includes('gql'))
    .map((file) => path.join(folder, file));
}

it('no module outside the configuration reads or writes process.env', () => {
  const readers = FOLDERS.flatMap(sources)
    .filter((file) => !CONFIGURATION.has(file))
    .filter((file) => READS.test(readFileSync(path.join(ROOT, file), 'utf8')));
  expect(readers).toEqual([]);
});

it('would notice one that does', () => {
  expect(READS.test('const port = process.env.PORT;')).toBe(true);
  expect(READS.test("define: { 'process.env.NODE_ENV': '\"production\"' }")).toBe(false);
});
