/** Exceptions to the entry windows: granted, listed, and those in force for a push. */
import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '../../../lib/identity';
import { isoTime } from '../../../lib/sql';

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

const toException = (r: Record<string, unknown>): EntryExceptionRow => ({
  id: String(r.id),
  organizationId: r.organization_id as string,
  period: r.period as string,
  until: isoTime(r.until),
  reason: r.reason as string | null,
  grantedBy: r.granted_by as string,
  grantedByOrg: r.granted_by_org as string,
  grantedAt: isoTime(r.granted_at),
});

export async function grantException(
  db: DataSource,
  actor: Identity,
  grant: { organizationId: string; period: string; until: string; reason: string | null },
): Promise<EntryExceptionRow> {
  const [row] = await db.query(
    `INSERT INTO entry_exception (organization_id, period, until, reason, granted_by, granted_by_org)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [grant.organizationId, grant.period, grant.until, grant.reason, actor.subject, actor.org],
  );
  return toException(row);
}

export async function listExceptions(db: DataSource, organizationId: string | null): Promise<EntryExceptionRow[]> {
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT * FROM entry_exception ${organizationId ? 'WHERE organization_id = $1' : ''} ORDER BY id`,
    organizationId ? [organizationId] : [],
  );
  return rows.map(toException);
}

/** The (organisation, period) pairs among these with an exception in force at `now`. */
export async function exceptionsInForce(
  manager: EntityManager,
  keys: Array<{ organizationId: string; period: string }>,
  now: Date,
): Promise<Array<{ organizationId: string; period: string }>> {
  const rows: Array<{ organization_id: string; period: string }> = await manager.query(
    `SELECT DISTINCT e.organization_id, e.period FROM entry_exception e
       JOIN unnest($1::text[], $2::text[]) AS k(organization_id, period) USING (organization_id, period)
      WHERE e.until > $3`,
    [keys.map((k) => k.organizationId), keys.map((k) => k.period), now.toISOString()],
  );
  return rows.map((r) => ({ organizationId: r.organization_id, period: r.period }));
}

/** Days after each period's end its report is due, per indicator (0 for those without a calendar). */
export async function dueDaysOf(manager: EntityManager, indicatorIds: string[]): Promise<Map<string, number>> {
  const rows: Array<{ id: string; days: number | null }> = await manager.query(
    `SELECT id, calendar_due_days AS days FROM indicator WHERE id = ANY($1::text[])`,
    [indicatorIds],
  );
  return new Map(rows.map((r) => [r.id, r.days ?? 0]));
}
