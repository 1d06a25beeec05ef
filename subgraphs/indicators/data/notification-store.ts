/** Who is told about an organisation's events: its webhook subscriptions and their delivery log, its e-mail recipients. */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ErrorCode, hubError } from '../../../lib/errors';
import { column, readOne, readRows } from '../../../lib/rows';
import { EVENT_TYPES, type EventType } from '../model/notification-events';

export interface Subscription {
  id: string;
  organizationId: string;
  url: string;
  events: EventType[];
  createdBy: string;
  createdAt: string;
}

export interface Delivery {
  subscriptionId: string;
  url: string;
  eventId: string;
  event: EventType;
  attempt: number;
  delivered: boolean;
  httpStatus: number | null;
  error: string | null;
  gaveUp: boolean;
  at: string;
}

const event = column.oneOf(EVENT_TYPES);

const SubscriptionRow = z
  .object({
    id: column.id,
    organization_id: column.text,
    url: column.text,
    events: z.array(event),
    created_by: column.text,
    created_at: column.instant,
  })
  .transform((r): Subscription => ({
    id: r.id,
    organizationId: r.organization_id,
    url: r.url,
    events: r.events,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));

const DeliveryRow = z
  .object({
    subscription_id: column.id,
    url: column.text,
    outbox_id: column.id,
    event,
    attempt: column.number,
    delivered: column.boolean,
    http_status: column.optionalNumber,
    error: column.optionalText,
    gave_up: column.boolean,
    at: column.instant,
  })
  .transform((r): Delivery => ({
    subscriptionId: r.subscription_id,
    url: r.url,
    eventId: r.outbox_id,
    event: r.event,
    attempt: r.attempt,
    delivered: r.delivered,
    httpStatus: r.http_status,
    error: r.error,
    gaveUp: r.gave_up,
    at: r.at,
  }));

const Counts = z.object({ count: column.number, same: column.number });

export class NotificationStore {
  constructor(private readonly db: DataSource) {}

  /**
   * Adds a subscription. One subscriber of an organisation at a time: the count and the
   * duplicate check hold until commit. CONFLICT when the organisation has the URL already,
   * TOO_MANY_WEBHOOKS when it has `most`.
   */
  async addWebhook(
    subscription: { organizationId: string; url: string; events: EventType[]; secret: string; createdBy: string },
    most: number,
  ): Promise<Subscription> {
    const { organizationId, url } = subscription;
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('webhook_subscription'), hashtext($1))`, [organizationId]);
      const { count, same } = readOne(
        'webhook subscriptions counted',
        Counts,
        await manager.query(
          `SELECT count(*)::int AS count, count(*) FILTER (WHERE url = $2)::int AS same
             FROM webhook_subscription WHERE organization_id = $1`,
          [organizationId, url],
        ),
      );
      if (same > 0) throw hubError(ErrorCode.CONFLICT, 'this URL is already subscribed for the organisation', { field: 'url' });
      if (count >= most) throw hubError(ErrorCode.TOO_MANY_WEBHOOKS, `an organisation has at most ${most} webhook subscriptions`);
      const created: unknown = await manager.query(
        `INSERT INTO webhook_subscription (organization_id, url, events, secret, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [organizationId, url, subscription.events, subscription.secret, subscription.createdBy],
      );
      return readOne('webhook subscription added', SubscriptionRow, created);
    });
  }

  /** Ends a subscription and drops its delivery log; false when there was none. */
  async removeWebhook(id: string): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM webhook_delivery WHERE subscription_id = $1`, [id]);
      const [, deleted] = await manager.query<[unknown, number]>(`DELETE FROM webhook_subscription WHERE id = $1`, [id]);
      return deleted > 0;
    });
  }

  async webhooks(organizationId: string): Promise<Subscription[]> {
    const rows: unknown = await this.db.query(`SELECT * FROM webhook_subscription WHERE organization_id = $1 ORDER BY id`, [
      organizationId,
    ]);
    return readRows('webhook subscriptions', SubscriptionRow, rows);
  }

  /** The latest 1,000 attempts to deliver to the organisation's webhooks, latest first. */
  async deliveries(organizationId: string): Promise<Delivery[]> {
    const rows: unknown = await this.db.query(
      `SELECT d.*, s.url, o.event FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
         JOIN outbox o ON o.id = d.outbox_id WHERE s.organization_id = $1 ORDER BY d.id DESC LIMIT 1000`,
      [organizationId],
    );
    return readRows('webhook deliveries', DeliveryRow, rows);
  }

  /** Replaces whom the organisation's events are e-mailed to. */
  async replaceMailRecipients(organizationId: string, emails: string[], events: EventType[], setBy: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM mail_recipient WHERE organization_id = $1`, [organizationId]);
      await manager.query(
        `INSERT INTO mail_recipient (organization_id, email, events, set_by) SELECT $1, e, $3, $4 FROM unnest($2::text[]) AS e`,
        [organizationId, emails, events, setBy],
      );
    });
  }
}
