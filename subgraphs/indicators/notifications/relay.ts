/**
 * The outbox relay: takes the events not yet dispatched (rows locked, skipped by any other
 * replica relaying at the same time), makes one delivery job per webhook subscription and
 * one e-mail job per organisation's recipients that want the event, and marks the events
 * dispatched — jobs and mark in one transaction, so each event is dispatched once.
 */
import type PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { log } from '../../../lib/log';
import { canonicalAddress } from '../../../lib/mail-address';
import { column, readRows } from '../../../lib/rows';
import { inTransaction, QUEUES } from './queues';

/** An event not yet dispatched; organization_id null: the whole hub. The event stays text: it is only matched. */
const OutboxColumns = z.object({ id: column.id, event: column.text, organization_id: column.optionalText });
type OutboxRow = z.output<typeof OutboxColumns>;

const SubscriptionColumns = z.object({ id: column.id, organization_id: column.text, events: column.texts });

const RecipientColumns = z.object({ email: column.text, organization_id: column.text, events: column.texts });

/** A subscription or recipient wants an event of its organisation (or of the whole hub) of a type it listed. */
const wants = (target: { organization_id: string; events: string[] }, event: OutboxRow) =>
  target.events.includes(event.event) && (event.organization_id === null || event.organization_id === target.organization_id);

export async function relayOutbox(db: DataSource, boss: PgBoss): Promise<number> {
  return db.transaction(async (manager) => {
    const events = readRows(
      'outbox events to relay',
      OutboxColumns,
      await manager.query(
        `SELECT id::text, event, organization_id FROM outbox WHERE dispatched_at IS NULL ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED`,
      ),
    );
    if (events.length === 0) return 0;
    const subscriptions = readRows(
      'webhook subscriptions to relay to',
      SubscriptionColumns,
      await manager.query(`SELECT id::text, organization_id, events FROM webhook_subscription`),
    );
    const listed = readRows(
      'mail recipients to relay to',
      RecipientColumns,
      await manager.query(`SELECT email, organization_id, events FROM mail_recipient ORDER BY email`),
    );
    // Only addresses the mailer reads as written (one stored before they were checked may not be).
    const recipients = listed.filter((r) => {
      const plain = 'address' in canonicalAddress(r.email);
      if (!plain) log.warn('a mail recipient is not a plain address; no mail goes to it', { organization: r.organization_id });
      return plain;
    });
    // pg-boss writes the jobs through this transaction.
    const db = inTransaction(manager);
    for (const event of events) {
      for (const subscription of subscriptions.filter((s) => wants(s, event))) {
        await boss.send(
          QUEUES.webhook,
          { outboxId: event.id, subscriptionId: subscription.id },
          { db, singletonKey: `${event.id}:${subscription.id}` },
        );
      }
      const to = [...new Set(recipients.filter((r) => wants(r, event)).map((r) => r.email))];
      if (to.length > 0) await boss.send(QUEUES.mail, { outboxId: event.id, to }, { db, singletonKey: `${event.id}:mail` });
    }
    await manager.query(`UPDATE outbox SET dispatched_at = clock_timestamp() WHERE id = ANY($1::bigint[])`, [
      events.map((e) => e.id),
    ]);
    return events.length;
  });
}
