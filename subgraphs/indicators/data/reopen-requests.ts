/**
 * An organisation's request that its decided submission be reopened, kept on the
 * submission until a coordinator decides (reopens or returns it, which clears it).
 */
import type { EntityManager } from 'typeorm';
import type { Identity } from '../../../lib/identity';

/**
 * Records the request (another reason replaces the one pending); when it was recorded, or
 * null when the same request is already pending (asked twice: nothing new to tell).
 */
export async function recordReopenRequest(
  manager: EntityManager,
  actor: Identity,
  submissionId: string,
  reason: string,
): Promise<string | null> {
  const rows: Array<{ at: string }> = await manager.query(
    `UPDATE submission SET reopen_reason = $2, reopen_requested_by = $3, reopen_requested_at = clock_timestamp()
      WHERE id = $1 AND reopen_reason IS DISTINCT FROM $2 RETURNING reopen_requested_at::text AS at`,
    [submissionId, reason, actor.subject],
  );
  return rows[0]?.at ?? null;
}

/** Clears a request once the submission is reopened or returned. */
export async function clearReopenRequest(manager: EntityManager, submissionId: string): Promise<void> {
  await manager.query(
    `UPDATE submission SET reopen_reason = NULL, reopen_requested_by = NULL, reopen_requested_at = NULL WHERE id = $1`,
    [submissionId],
  );
}
