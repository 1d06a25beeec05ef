/** The README is the front door: it must stay true to the code. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ENV_VARIABLES } from '../../lib/config';

const ROOT = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const scripts = Object.keys(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);

it('documents every environment variable the hub reads', () => {
  const missing = Object.keys(ENV_VARIABLES).filter((name) => !readme.includes(`\`${name}\``));
  expect(missing).toEqual([]);
});

it('names only npm scripts that exist, and shows the two set-up commands', () => {
  const named = [...readme.matchAll(/npm run (?:-s )?([a-z:-]+)/g)].map((m) => m[1]);
  expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  expect(readme).toContain('npm start');
  expect(readme).toContain('npm test');
});
