/** Exceptions to the entry windows: granted, listed, and those in force for a push. */
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Identity } from '../../../lib/identity';
import { column, readOne, readRows } from '../../../lib/rows';

export interface EntryExceptionRow {
  id: string;
  organizationId: string;
  period: string;
  until: string;
  reason: string | null;
  grantedBy: string;
  grantedByOrg: string;
  grantedAt: string;
}

const ExceptionColumns = z
  .object({
    id: column.id,
    organization_id: column.text,
    period: column.text,
    until: column.instant,
    reason: column.optionalText,
    granted_by: column.text,
    granted_by_org: column.text,
    granted_at: column.instant,
  })
  .transform((r): EntryExceptionRow => ({
    id: r.id,
    organizationId: r.organization_id,
    period: r.period,
    until: r.until,
    reason: r.reason,
    grantedBy: r.granted_by,
    grantedByOrg: r.granted_by_org,
    grantedAt: r.granted_at,
  }));

const Pair = z.object({ organization_id: column.text, period: column.text });
const DueDays = z.object({ id: column.text, days: column.optionalNumber });

export async function grantException(
  db: DataSource,
  actor: Identity,
  grant: { organizationId: string; period: string; until: string; reason: string | null },
): Promise<EntryExceptionRow> {
  const rows: unknown = await db.query(
    `INSERT INTO entry_exception (organization_id, period, until, reason, granted_by, granted_by_org)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [grant.organizationId, grant.period, grant.until, grant.reason, actor.subject, actor.org],
  );
  return readOne('granted exception', ExceptionColumns, rows);
}

export async function listExceptions(db: DataSource, organizationId: string | null): Promise<EntryExceptionRow[]> {
  const rows: unknown = await db.query(
    `SELECT * FROM entry_exception ${organizationId ? 'WHERE organization_id = $1' : ''} ORDER BY id`,
    organizationId ? [organizationId] : [],
  );
  return readRows('entry exceptions', ExceptionColumns, rows);
}

/** The (organisation, period) pairs among these with an exception in force at `now`. */
export async function exceptionsInForce(
  manager: EntityManager,
  keys: Array<{ organizationId: string; period: string }>,
  now: Date,
): Promise<Array<{ organizationId: string; period: string }>> {
  const rows: unknown = await manager.query(
    `SELECT DISTINCT e.organization_id, e.period FROM entry_exception e
       JOIN unnest($1::text[], $2::text[]) AS k(organization_id, period) USING (organization_id, period)
      WHERE e.until > $3`,
    [keys.map((k) => k.organizationId), keys.map((k) => k.period), now.toISOString()],
  );
  return readRows('exceptions in force', Pair, rows).map((r) => ({ organizationId: r.organization_id, period: r.period }));
}

/** Days after each period's end its report is due, per indicator (0 for those without a calendar). */
export async function dueDaysOf(manager: EntityManager, indicatorIds: string[]): Promise<Map<string, number>> {
  const rows: unknown = await manager.query(`SELECT id, calendar_due_days AS days FROM indicator WHERE id = ANY($1::text[])`, [
    indicatorIds,
  ]);
  return new Map(readRows('days reports are due', DueDays, rows).map((r) => [r.id, r.days ?? 0]));
}
