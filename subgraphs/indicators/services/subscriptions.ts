/**
 * Telling an organisation about its events: subscribing webhooks (an http or https URL
 * that the hub's policy lets it reach, a signing secret made here and shown once) and
 * setting its e-mail recipients. What is asked is checked here; the store keeps it.
 */
import { randomBytes } from 'node:crypto';
import { badInput } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import { canonicalAddress } from '../../../lib/mail-address';
import type { NotificationStore, Subscription } from '../data/notification-store';
import type { EventType } from '../model/notification-events';
import { checkWebhookTarget, type WebhookPolicy } from '../notifications/webhook-target';

/** Most webhook subscriptions one organisation may have. */
const MAX_WEBHOOKS = 20;
/** Most e-mail recipients of one organisation. */
const MAX_RECIPIENTS = 50;

function eventsArgument(events: EventType[]): EventType[] {
  if (events.length === 0) throw badInput('name at least one event', 'events');
  return [...new Set(events)];
}

/** Subscribes `url` to the organisation's `events`: the subscription, and its signing secret (shown this once). */
export async function subscribeWebhook(
  store: NotificationStore,
  policy: WebhookPolicy,
  identity: Identity,
  organizationId: string,
  url: string,
  events: EventType[],
): Promise<{ subscription: Subscription; secret: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badInput('url must be an http or https URL', 'url');
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || url.length > 2000 || parsed.username || parsed.password)
    throw badInput('url must be an http or https URL without credentials', 'url');
  const chosen = eventsArgument(events);
  await checkWebhookTarget(parsed.toString(), policy);
  const secret = randomBytes(32).toString('base64url');
  const subscription = await store.addWebhook(
    { organizationId, url: parsed.toString(), events: chosen, secret, createdBy: identity.subject },
    MAX_WEBHOOKS,
  );
  return { subscription, secret };
}

/** Sets whom the organisation's `events` are e-mailed to (an empty list stops them): the addresses as kept, and the events. */
export async function setMailRecipients(
  store: NotificationStore,
  identity: Identity,
  organizationId: string,
  emails: string[],
  events: EventType[],
): Promise<{ emails: string[]; events: EventType[] }> {
  if (emails.length > MAX_RECIPIENTS) throw badInput(`at most ${MAX_RECIPIENTS} recipients`, 'emails');
  const read = emails.map(canonicalAddress);
  const wrong = read.find((entry) => 'problem' in entry);
  if (wrong && 'problem' in wrong) throw badInput(wrong.problem, 'emails');
  const list = [...new Set(read.map((entry) => ('address' in entry ? entry.address : '')))];
  if (list.length > MAX_RECIPIENTS) throw badInput(`at most ${MAX_RECIPIENTS} recipients`, 'emails');
  const chosen = list.length > 0 ? eventsArgument(events) : [];
  await store.replaceMailRecipients(organizationId, list, chosen, identity.subject);
  return { emails: list, events: chosen };
}
