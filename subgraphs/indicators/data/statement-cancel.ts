/**
 * A long piece of work on one connection stopped from outside: when the signal aborts,
 * the statement the connection runs is cancelled from another one (pg_cancel_backend), so
 * a push waiting on a lock or inside a long statement stops at once.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { column, readRows } from '../../../lib/rows';

const Backend = z.object({ pid: column.number });

/** Listens to `signal` for `runner`'s connection; the result stops listening (call it before the connection is released). */
export async function cancelOnAbort(db: DataSource, runner: QueryRunner, signal: AbortSignal): Promise<() => Promise<void>> {
  const [{ pid }] = readRows('backend', Backend, await runner.query('SELECT pg_backend_pid() AS pid'));
  let cancelling: Promise<unknown> = Promise.resolve();
  const cancel = () => {
    cancelling = db.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
  };
  signal.addEventListener('abort', cancel, { once: true });
  // Aborted while the connection was being taken: no event comes any more.
  if (signal.aborted) cancel();
  return async () => {
    signal.removeEventListener('abort', cancel);
    // A cancel sent must not reach the next user of the connection.
    await cancelling;
  };
}
