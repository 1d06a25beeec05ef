/**
 * Is the process answering on a port the one the bench started? The kernel says who holds
 * a listening socket: /proc/net/tcp{,6} give the socket's inode for the port, and
 * /proc/<pid>/fd lists the sockets a process holds. A port answered by another process (a
 * hub already running there, a leftover of an earlier run) fails the check, so the bench
 * never measures it. Linux only, as the bench's memory readings (/proc/<pid>/status) are.
 * The services themselves are not changed: nothing is added to their answers.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The inodes of the sockets listening on a TCP port, over IPv4 and IPv6. */
export function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl, local address:port (hex), remote address, state (0A: LISTEN), …, inode (the tenth field)
      if (fields.length < 10 || fields[3] !== '0A') continue;
      if (parseInt(fields[1].split(':').pop() ?? '', 16) === port) inodes.add(fields[9]);
    }
  }
  return inodes;
}

/** The inodes of the sockets a process holds open. */
function socketsOf(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** True when something listens on `port` and every listening socket there is held by `pid`. */
export function listensOn(pid: number, port: number): boolean {
  const listening = listeningInodes(port);
  if (listening.size === 0) return false;
  let held: Set<string>;
  try {
    held = socketsOf(pid);
  } catch {
    return false; // the process is gone
  }
  return [...listening].every((inode) => held.has(inode));
}

/** Throws unless the process `pid` (the one the bench started, named `what`) is the one listening at `url`'s port. */
export function verifyListener(url: string, pid: number | undefined, what: string): void {
  const port = Number(new URL(url).port);
  if (pid === undefined || !listensOn(pid, port))
    throw new Error(
      `bench: ${what}: port ${port} is not held by the process the bench started (pid ${pid ?? 'unknown'}); another process answers there`,
    );
}
