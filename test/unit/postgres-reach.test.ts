/**
 * As root, the embedded PostgreSQL's `postgres` user must reach its binaries and data
 * folder: each folder on the way that others may not enter gets o+x (enter, not list);
 * files are never changed, nor folders others may enter already.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { letPostgresUserReach } from '../../lib/embedded-db';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ipz-reach-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (p: string) => statSync(p).mode & 0o777;

it('gives the closed folders on the way o+x and leaves the file it starts from as it was', () => {
  const closed = path.join(root, 'home');
  const inner = path.join(closed, 'pkg', 'dist');
  mkdirSync(inner, { recursive: true });
  const entry = path.join(inner, 'index.js');
  writeFileSync(entry, '');
  chmodSync(entry, 0o644);
  chmodSync(closed, 0o700);
  chmodSync(path.join(closed, 'pkg'), 0o750);
  chmodSync(inner, 0o755);
  letPostgresUserReach([entry]);
  expect([mode(entry), mode(inner), mode(path.join(closed, 'pkg')), mode(closed)]).toEqual([0o644, 0o755, 0o751, 0o701]);
});
