/** Writes of coordinators and admins: period locks and indicator owners, each audited. */
import type { DataSource, EntityManager } from 'typeorm';
import type { LockAction } from '../../../lib/enums';
import { ErrorCode, hubError } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import type { Period } from '../../../lib/period';
import { excludePushes } from './figure-store';

/** One entry of the period-lock audit (period_lock_event). */
async function recordLockEvent(
  manager: EntityManager,
  action: LockAction,
  actor: Identity,
  indicatorId: string | null,
  period: Period,
  reason: string | null,
): Promise<void> {
  await manager.query(
    `INSERT INTO period_lock_event (action, indicator_id, period, reason, actor, actor_org) VALUES ($1, $2, $3, $4, $5, $6)`,
    [action, indicatorId, period.text, reason, actor.subject, actor.org],
  );
}

export async function lockPeriod(
  db: DataSource,
  actor: Identity,
  indicatorId: string | null,
  period: Period,
  reason: string | null,
): Promise<string> {
  return db.transaction(async (manager) => {
    await excludePushes(manager);
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO period_lock (indicator_id, period, period_start, period_end, reason, locked_by, locked_by_org)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
      [indicatorId, period.text, period.start, period.end, reason, actor.subject, actor.org],
    );
    if (inserted.length === 0)
      throw hubError(ErrorCode.CONFLICT, `period ${period.text} is already locked${indicatorId ? ` for ${indicatorId}` : ''}`);
    await recordLockEvent(manager, 'LOCK', actor, indicatorId, period, reason);
    return String(inserted[0].id);
  });
}

export async function unlockPeriod(
  db: DataSource,
  actor: Identity,
  indicatorId: string | null,
  period: Period,
  reason: string | null,
): Promise<void> {
  await db.transaction(async (manager) => {
    const [{ deleted }]: Array<{ deleted: number }> = await manager.query(
      `WITH d AS (DELETE FROM period_lock WHERE COALESCE(indicator_id, '') = COALESCE($1, '') AND period = $2 RETURNING id)
       SELECT count(*)::int AS deleted FROM d`,
      [indicatorId, period.text],
    );
    if (!deleted)
      throw hubError(ErrorCode.NOT_FOUND, `period ${period.text} is not locked${indicatorId ? ` for ${indicatorId}` : ''}`);
    await recordLockEvent(manager, 'UNLOCK', actor, indicatorId, period, reason);
  });
}

export async function setOwners(db: DataSource, actor: Identity, indicatorId: string, owners: string[]): Promise<void> {
  await db.transaction(async (manager) => {
    await manager.query(`SELECT 1 FROM indicator WHERE id = $1 FOR UPDATE`, [indicatorId]);
    await manager.query(`DELETE FROM indicator_owner WHERE indicator_id = $1`, [indicatorId]);
    await manager.query(
      `INSERT INTO indicator_owner (indicator_id, organization_id, position)
       SELECT $1, o, n FROM unnest($2::text[]) WITH ORDINALITY AS t(o, n)`,
      [indicatorId, owners],
    );
    await manager.query(`INSERT INTO owner_event (indicator_id, owners, actor, actor_org) VALUES ($1, $2, $3, $4)`, [
      indicatorId,
      owners,
      actor.subject,
      actor.org,
    ]);
  });
}
