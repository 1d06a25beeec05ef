import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { badInput, forbidden } from '../../../lib/errors';
import { hasRole, type Identity, requireIdentity } from '../../../lib/identity';
import type { IndicatorContext } from '../context';
import { NotificationStore, type Subscription } from '../data/notification-store';
import {
  MailRecipient,
  NotificationEvent,
  WebhookDelivery,
  WebhookSubscription,
  WebhookSubscriptionCreated,
} from '../schema/notification';
import { setMailRecipients, subscribeWebhook } from '../services/subscriptions';
import { organizationIdArgument } from './organization-argument';

type Context = IndicatorContext;

/** The organisation a caller acts on: its own, or for coordinators and admins any named one. */
async function targetOrganization(context: Context, identity: Identity, organization?: string | null): Promise<string> {
  if (!organization) return identity.org;
  const id = await organizationIdArgument(context, organization);
  if (id !== identity.org && !hasRole(identity, 'coordinator', 'admin'))
    throw forbidden('only coordinators and admins act for another organisation');
  return id;
}

const storeOf = (context: Context) => new NotificationStore(context.store.dataSource);

const toSubscription = ({ organizationId, ...subscription }: Subscription): WebhookSubscription => ({
  ...subscription,
  organization: { id: organizationId },
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
    const organizationId = await targetOrganization(context, identity, organization);
    const policy = context.settings.notifications.webhooks;
    const { subscription, secret } = await subscribeWebhook(storeOf(context), policy, identity, organizationId, url, events);
    return { subscription: toSubscription(subscription), secret };
  }

  @Authorized('coordinator', 'admin')
  @Mutation(() => Boolean, { description: 'Ends a webhook subscription and drops its delivery log; false when there was none' })
  async unsubscribeWebhook(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    requireIdentity(context);
    if (!/^\d{1,18}$/.test(id)) throw badInput('id must be a subscription id', 'id');
    return storeOf(context).removeWebhook(id);
  }

  @Authorized()
  @Query(() => [WebhookSubscription], { nullable: true, description: "An organisation's webhooks (default the caller's)" })
  async webhookSubscriptions(
    @Ctx() context: Context,
    @Arg('organization', () => String, { nullable: true }) organization?: string | null,
  ): Promise<WebhookSubscription[]> {
    const id = await targetOrganization(context, requireIdentity(context), organization);
    return (await storeOf(context).webhooks(id)).map(toSubscription);
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
    return storeOf(context).deliveries(id);
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
    const set = await setMailRecipients(storeOf(context), identity, id, emails, events);
    return set.emails.map((email) => ({ organization: { id }, email, events: set.events }));
  }
}
