/**
 * One hub per embedded data folder. The process that runs the folder's PostgreSQL (a hub,
 * `ipzone db`, or a maintenance command that had to start it) holds a lock file beside the
 * folder, `<folder>.hub.lock`, with its pid, command, ports and start time. Another
 * command reads it: a live holder is worked through (its database shared) or refused with
 * one line naming it; a lock whose process is gone (a hub killed with SIGKILL) is taken
 * over, and the database it left running is then recovered as after any crash.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface LockHolder {
  pid: number;
  command: string;
  startedAt: string;
  /** Ports of the holder's services (gateway, subgraphs, database), once known. */
  ports: Record<string, number>;
}

export interface FolderLock {
  /** Records the holder's ports (once its services listen). */
  update(ports: Record<string, number>): void;
  release(): void;
}

/** Refusal to use a data folder another live process holds; its message is one line. */
export class FolderInUse extends Error {
  constructor(
    readonly holder: LockHolder,
    readonly dir: string,
    command: string,
  ) {
    const ports = Object.entries(holder.ports)
      .map(([name, port]) => `${name} port ${port}`)
      .join(', ');
    super(
      `ipzone ${command}: refused, \`ipzone ${holder.command}\` is running on the data folder ${dir} ` +
        `(pid ${holder.pid}${ports ? `, ${ports}` : ''}, since ${holder.startedAt}); ` +
        `stop it first (Ctrl-C in its terminal, or kill ${holder.pid}) — its database is left alone`,
    );
  }
}

const lockFileOf = (dir: string): string => `${dir}.hub.lock`;

/** Whether a process with this pid exists (one of another user's counts). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : undefined;
  } catch {
    return undefined; // missing, or cut short by a crash while it was written
  }
}

/** The live process holding `dir`, if any (a stale lock counts as none). */
export function folderHolder(dir: string): LockHolder | undefined {
  const holder = read(lockFileOf(dir));
  return holder && holder.pid !== process.pid && processAlive(holder.pid) ? holder : undefined;
}

/**
 * Takes the lock of `dir` for `command`, or throws FolderInUse naming its live holder. A
 * stale lock is replaced. Released by `release()` or when this process exits.
 */
export function lockFolder(dir: string, command: string): FolderLock {
  const file = lockFileOf(dir);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 }); // a fresh checkout has no .data/ yet
  const holder: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString(), ports: {} };
  const write = (flag: 'wx' | 'w') => {
    const fd = openSync(file, flag, 0o600);
    try {
      writeSync(fd, `${JSON.stringify(holder)}\n`);
    } finally {
      closeSync(fd);
    }
  };
  for (let attempt = 0; ; attempt++) {
    try {
      write('wx');
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 5) throw error;
      const current = folderHolder(dir);
      if (current) throw new FolderInUse(current, dir, command);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  const ours = () => read(file)?.pid === process.pid;
  const release = () => {
    if (ours()) rmSync(file, { force: true });
    process.removeListener('exit', release);
  };
  process.on('exit', release);
  return {
    update(ports) {
      holder.ports = { ...holder.ports, ...ports };
      if (ours()) write('w');
    },
    release,
  };
}
