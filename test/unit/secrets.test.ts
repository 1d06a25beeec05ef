/** The secrets a hub makes for itself: random, kept 0600, the same on every start. */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localSecrets } from '../../lib/secrets';

const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'ipzone-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What another process (a restart, the token command) reads from the same file. */
function readElsewhere(file: string): unknown {
  const script = `process.stdout.write(JSON.stringify(require(${JSON.stringify(path.join(ROOT, 'dist/lib/secrets.js'))}).localSecrets(${JSON.stringify(file)})))`;
  return JSON.parse(execFileSync('node', ['-e', script], { encoding: 'utf8' }));
}

it('made at first use into a file only its owner reads, and read back unchanged by a later process', () => {
  const file = path.join(dir, 'data', 'secrets.json');
  const secrets = localSecrets(file);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(secrets.jwtSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(secrets.gatewayPrivateKey).toContain('BEGIN PRIVATE KEY');
  expect(secrets.gatewayPublicKey).toContain('BEGIN PUBLIC KEY');
  expect(secrets.postgresPassword.length).toBeGreaterThanOrEqual(32);
  expect(readElsewhere(file)).toEqual(secrets);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(secrets);
});

it('differ from one data folder to another', () => {
  const a = localSecrets(path.join(dir, 'a', 'secrets.json'));
  const b = localSecrets(path.join(dir, 'b', 'secrets.json'));
  expect(a.jwtSecret).not.toBe(b.jwtSecret);
  expect(a.gatewayPrivateKey).not.toBe(b.gatewayPrivateKey);
  expect(a.postgresPassword).not.toBe(b.postgresPassword);
});

it('processes starting at once agree on one set', () => {
  const file = path.join(dir, 'race', 'secrets.json');
  const script = `process.stdout.write(require(${JSON.stringify(path.join(ROOT, 'dist/lib/secrets.js'))}).localSecrets(${JSON.stringify(file)}).jwtSecret + String.fromCharCode(10))`;
  const out = execFileSync('bash', ['-c', `for i in 1 2 3 4; do node -e '${script}' & done; wait`], { encoding: 'utf8' });
  const seen = out.trim().split('\n');
  expect(seen).toHaveLength(4);
  expect(new Set(seen).size).toBe(1);
});

it('a file others can read is closed to them again; a file missing a secret is named', () => {
  const file = path.join(dir, 'open', 'secrets.json');
  const secrets = localSecrets(file);
  chmodSync(file, 0o644);
  expect(readElsewhere(file)).toEqual(secrets);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const broken = path.join(dir, 'broken.json');
  writeFileSync(broken, JSON.stringify({ jwtSecret: 'x' }), { mode: 0o600 });
  expect(() => localSecrets(broken)).toThrow(/lacks gatewayPrivateKey, gatewayPublicKey, postgresPassword/);
});
