/**
 * The events the hub tells people about, written to the outbox in the transaction of the
 * change that causes them. Each has a key: the same event twice (two replicas scanning,
 * a job run again) is one row.
 */
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { column, readRows } from '../../../lib/rows';
import type { EventType } from '../model/notification-events';

export interface HubEvent {
  type: EventType;
  /** Whom it concerns; null: the whole hub (the weekly digest). */
  organizationId: string | null;
  /** What makes it one event, e.g. "REPORT_DUE_SOON court-ip-cases-closed 2026Q4". */
  key: string;
  payload: Record<string, unknown>;
}

/** What recording answers: the id of each event that was new. */
const RecordedColumns = z.object({ id: column.id });

/** Writes events to the outbox; those already there (by key) are left alone. Returns how many were new. */
export async function recordEvents(manager: EntityManager, events: HubEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows: unknown = await manager.query(
    `INSERT INTO outbox (event, organization_id, event_key, payload)
     SELECT e.type, e.organization_id, e.key, e.payload
       FROM jsonb_to_recordset($1::jsonb) AS e(type text, organization_id text, key text, payload jsonb)
     ON CONFLICT (event_key) DO NOTHING RETURNING id`,
    [JSON.stringify(events.map((e) => ({ type: e.type, organization_id: e.organizationId, key: e.key, payload: e.payload })))],
  );
  return readRows('outbox events recorded', RecordedColumns, rows).length;
}
