import { randomBytes } from 'node:crypto';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { badInput, ErrorCode, forbidden, hubError } from '../../../lib/errors';
import { hasRole, type Identity, requireIdentity } from '../../../lib/identity';
import { canonicalAddress } from '../../../lib/mail-address';
import { isoTime } from '../../../lib/sql';
import type { IndicatorContext } from '../context';
import {
  MailRecipient,
  NotificationEvent,
  WebhookDelivery,
  WebhookSubscription,
  WebhookSubscriptionCreated,
} from '../schema/notification';
import { checkWebhookTarget } from '../notifications/webhook-target';
import { organizationIdArgument } from './organization-argument';

/** Most webhook subscriptions one organisation may have. */
const MAX_WEBHOOKS = 20;

type Context = IndicatorContext;

/** The organisation a caller acts on: its own, or for coordinators and admins any named one. */
async function targetOrganization(context: Context, identity: Identity, organization?: string | null): Promise<string> {
  if (!organization) return identity.org;
  const id = await organizationIdArgument(context, organization);
  if (id !== identity.org && !hasRole(identity, 'coordinator', 'admin'))
    throw forbidden('only coordinators and admins act for another organisation');
  return id;
}

function eventsArgument(events: NotificationEvent[]): NotificationEvent[] {
  if (events.length === 0) throw badInput('name at least one event', 'events');
  return [...new Set(events)];
}

const toSubscription = (r: Record<string, any>): WebhookSubscription => ({
  id: String(r.id),
  organization: { id: r.organization_id },
  url: r.url,
  events: r.events,
  createdBy: r.created_by,
  createdAt: isoTime(r.created_at),
});

@Resolver()
export class NotificationResolver {
  @Authorized('coordinator', 'admin')
  @Mutation(() => WebhookSubscriptionCreated, {
    description:
      'Subscribes an https URL outside the hub’s own networks to events of an organisation (default the caller’s); the signing secret is shown once',
  })
  async subscribeWebhook(
    @Ctx() context: Context,
    @Arg('url') url: string,
    @Arg('events', () => [NotificationEvent]) events: NotificationEvent[],
    @Arg('organization', () => String, { nullable: true }) organization?: string | null,
  ): Promise<WebhookSubscriptionCreated> {
    const identity = requireIdentity(context);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badInput('url must be an http or https URL', 'url');
    }
    if (!['http:', 'https:'].includes(parsed.protocol) || url.length > 2000 || parsed.username || parsed.password)
      throw badInput('url must be an http or https URL without credentials', 'url');
    const chosen = eventsArgument(events);
    const organizationId = await targetOrganization(context, identity, organization);
    await checkWebhookTarget(parsed.toString(), context.settings.notifications.webhooks);
    const secret = randomBytes(32).toString('base64url');
    const row = await context.store.dataSource.transaction(async (manager) => {
      // One subscriber of an organisation at a time: the count and the duplicate check hold until commit.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('webhook_subscription'), hashtext($1))`, [organizationId]);
      const [{ count, same }] = await manager.query(
        `SELECT count(*)::int AS count, count(*) FILTER (WHERE url = $2)::int AS same FROM webhook_subscription WHERE organization_id = $1`,
        [organizationId, parsed.toString()],
      );
      if (same > 0) throw hubError(ErrorCode.CONFLICT, 'this URL is already subscribed for the organisation', { field: 'url' });
      if (count >= MAX_WEBHOOKS)
        throw hubError(ErrorCode.TOO_MANY_WEBHOOKS, `an organisation has at most ${MAX_WEBHOOKS} webhook subscriptions`);
      const [created] = await manager.query(
        `INSERT INTO webhook_subscription (organization_id, url, events, secret, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [organizationId, parsed.toString(), chosen, secret, identity.subject],
      );
      return created;
    });
    return { subscription: toSubscription(row), secret };
  }

  @Authorized('coordinator', 'admin')
  @Mutation(() => Boolean, { description: 'Ends a webhook subscription and drops its delivery log; false when there was none' })
  async unsubscribeWebhook(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    requireIdentity(context);
    if (!/^\d{1,18}$/.test(id)) throw badInput('id must be a subscription id', 'id');
    return context.store.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM webhook_delivery WHERE subscription_id = $1`, [id]);
      const [, deleted] = await manager.query(`DELETE FROM webhook_subscription WHERE id = $1`, [id]);
      return deleted > 0;
    });
  }

  @Authorized()
  @Query(() => [WebhookSubscription], { nullable: true, description: "An organisation's webhooks (default the caller's)" })
  async webhookSubscriptions(
    @Ctx() context: Context,
    @Arg('organization', () => String, { nullable: true }) organization?: string | null,
  ): Promise<WebhookSubscription[]> {
    const id = await targetOrganization(context, requireIdentity(context), organization);
    const rows = await context.store.dataSource.query(
      `SELECT * FROM webhook_subscription WHERE organization_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map(toSubscription);
  }

  // Who may not subscribe may not read what receivers answered either: the log would be a probe.
  @Authorized('coordinator', 'admin')
  @Query(() => [WebhookDelivery], {
    nullable: true,
    description:
      "The delivery log of an organisation's webhooks (default the caller's), latest first; coordinators and admins only",
  })
  async webhookDeliveries(
    @Ctx() context: Context,
    @Arg('organization', () => String, { nullable: true }) organization?: string | null,
  ): Promise<WebhookDelivery[]> {
    const id = await targetOrganization(context, requireIdentity(context), organization);
    const rows: Array<Record<string, any>> = await context.store.dataSource.query(
      `SELECT d.*, s.url, o.event FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
         JOIN outbox o ON o.id = d.outbox_id WHERE s.organization_id = $1 ORDER BY d.id DESC LIMIT 1000`,
      [id],
    );
    return rows.map((r) => ({
      subscriptionId: String(r.subscription_id),
      url: r.url,
      eventId: String(r.outbox_id),
      event: r.event,
      attempt: r.attempt,
      delivered: r.delivered,
      httpStatus: r.http_status,
      error: r.error,
      gaveUp: r.gave_up,
      at: isoTime(r.at),
    }));
  }

  @Authorized('reporter', 'approver', 'coordinator', 'admin')
  @Mutation(() => [MailRecipient], {
    description:
      "Sets whom an organisation's events are e-mailed to (default the caller's organisation); an empty list stops them",
  })
  async setMailRecipients(
    @Ctx() context: Context,
    @Arg('emails', () => [String]) emails: string[],
    @Arg('events', () => [NotificationEvent]) events: NotificationEvent[],
    @Arg('organization', () => String, { nullable: true }) organization?: string | null,
  ): Promise<MailRecipient[]> {
    const identity = requireIdentity(context);
    const id = await targetOrganization(context, identity, organization);
    if (emails.length > 50) throw badInput('at most 50 recipients', 'emails');
    const read = emails.map(canonicalAddress);
    const wrong = read.find((entry) => 'problem' in entry);
    if (wrong && 'problem' in wrong) throw badInput(wrong.problem, 'emails');
    const list = [...new Set(read.map((entry) => ('address' in entry ? entry.address : '')))];
    if (list.length > 50) throw badInput('at most 50 recipients', 'emails');
    const chosen = list.length > 0 ? eventsArgument(events) : [];
    await context.store.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM mail_recipient WHERE organization_id = $1`, [id]);
      await manager.query(
        `INSERT INTO mail_recipient (organization_id, email, events, set_by) SELECT $1, e, $3, $4 FROM unnest($2::text[]) AS e`,
        [id, list, chosen, identity.subject],
      );
    });
    return list.map((email) => ({ organization: { id }, email, events: chosen }));
  }
}
