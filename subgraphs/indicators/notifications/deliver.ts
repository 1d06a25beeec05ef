/**
 * Delivery of one event: to a webhook (a JSON body signed with HMAC-SHA256 over
 * "timestamp.body" with the subscription's secret, in `x-ipzone-signature: t=…,v1=…`),
 * or by e-mail over SMTP (nodemailer). Each webhook attempt is logged; a failure throws,
 * and the job queue retries it with exponential backoff, WEBHOOK_RETRY_LIMIT times: the
 * attempt after which no retry follows is logged as given up (the dead letter). The target is checked again
 * before each attempt and the connection made to the address checked (webhook-target.ts); a
 * refused target is given up at once.
 */
import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { request } from 'undici';
import { z } from 'zod';
import type { NotificationSettings } from '../../../lib/config';
import { log } from '../../../lib/log';
import { ErrorCode } from '../../../lib/errors';
import { column, readFirst, readOne } from '../../../lib/rows';
import { isoTime } from '../../../lib/sql';
import { type CheckedTarget, checkWebhookTarget, pinnedAgent, type WebhookPolicy } from './webhook-target';

interface OutboxEvent {
  id: string;
  type: string;
  organizationId: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** An outbox row as delivered; the event stays text: an unknown one is sent as it is. */
const OutboxEventColumns = z.object({
  id: column.id,
  event: column.text,
  organization_id: column.optionalText,
  payload: z.record(z.string(), z.unknown()),
  created_at: column.instant,
});

const SubscriptionColumns = z.object({ url: column.text, secret: column.text });

async function outboxEvent(db: DataSource, id: string): Promise<OutboxEvent> {
  const row = readOne(
    'outbox event',
    OutboxEventColumns,
    await db.query(`SELECT id::text, event, organization_id, payload, created_at FROM outbox WHERE id = $1`, [id]),
  );
  return {
    id: row.id,
    type: row.event,
    organizationId: row.organization_id,
    occurredAt: row.created_at,
    data: row.payload,
  };
}

const signature = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** `last`: the job queue retries this attempt no more when it fails. */
export async function deliverWebhook(
  db: DataSource,
  job: { outboxId: string; subscriptionId: string },
  last: boolean,
  policy: WebhookPolicy,
): Promise<void> {
  const subscription = readFirst(
    'webhook subscription to deliver to',
    SubscriptionColumns,
    await db.query(`SELECT url, secret FROM webhook_subscription WHERE id = $1`, [job.subscriptionId]),
  );
  if (!subscription) return;
  const body = JSON.stringify(await outboxEvent(db, job.outboxId));
  const timestamp = Math.floor(Date.now() / 1000);
  let status: number | null = null;
  let error: string | null = null;
  let target: CheckedTarget | undefined;
  try {
    // Checked again at every delivery: a name may resolve elsewhere now than when it was subscribed.
    target = await checkWebhookTarget(subscription.url, policy);
  } catch (e) {
    error = `${ErrorCode.WEBHOOK_TARGET_FORBIDDEN}: ${(e as Error).message}`;
  }
  if (target) {
    const agent = pinnedAgent(target);
    try {
      // undici's request follows no redirect: a 3xx is the receiver's answer, not delivered.
      const response = await request(target.url, {
        method: 'POST',
        dispatcher: agent,
        headers: {
          'content-type': 'application/json',
          'x-ipzone-event-id': job.outboxId,
          'x-ipzone-signature': `t=${timestamp},v1=${signature(subscription.secret, timestamp, body)}`,
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.statusCode;
      await response.body.dump();
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = (e as Error).message.slice(0, 500);
    } finally {
      await agent.close().catch(() => undefined);
    }
  }
  const gaveUp = error !== null && (last || !target);
  await db.query(
    `INSERT INTO webhook_delivery (subscription_id, outbox_id, attempt, delivered, http_status, error, gave_up)
     SELECT $1, $2, count(*) + 1, $3, $4, $5, $6 FROM webhook_delivery WHERE subscription_id = $1 AND outbox_id = $2`,
    [job.subscriptionId, job.outboxId, error === null, status, error, gaveUp],
  );
  if (gaveUp) log.warn('webhook delivery given up', { subscriptionId: job.subscriptionId, eventId: job.outboxId, error });
  // A refused target is not retried: it stays refused until the subscription changes.
  if (error !== null && target) throw new Error(`webhook ${job.subscriptionId} for event ${job.outboxId}: ${error}`);
}

let transport: { url: string; transporter: Transporter } | undefined;

function mailer(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/** The subject and text of an event's e-mail. */
function mailText(event: OutboxEvent): { subject: string; text: string } {
  const d = event.data as Record<string, any>;
  const what: Record<string, string> = {
    REPORT_DUE_SOON: `report due: ${d.indicatorId} ${d.period} by ${d.due}`,
    REPORT_OVERDUE: `report overdue: ${d.indicatorId} ${d.period} was due ${d.due}`,
    SUBMISSION_RETURNED: `submission ${d.period} returned: ${d.comment ?? ''}`,
    SUBMISSION_ACCEPTED: `submission ${d.period} accepted`,
    REOPEN_REQUESTED: `${d.organizationId} asks to reopen its submission ${d.period}: ${d.reason}`,
    KPI_AT_RISK: `${d.indicatorId} is at risk (${d.window})`,
    KPI_OFF_TRACK: `${d.indicatorId} is off track (${d.window})`,
    WEEKLY_DIGEST: `weekly digest ${d.asOf}: ${d.late?.length ?? 0} reports missing, ${d.waiting?.length ?? 0} submissions waiting for review`,
  };
  const lines =
    event.type === 'WEEKLY_DIGEST'
      ? [
          'Late reports:',
          ...(d.late as any[]).map((r) => `  ${r.organizationId}  ${r.indicatorId}  ${r.period}  due ${r.due}`),
          'Waiting for review:',
          ...(d.waiting as any[]).map((s) => `  ${s.organizationId}  ${s.period}  ${s.state}  since ${isoTime(s.submittedAt)}`),
        ]
      : Object.entries(d).map(([k, v]) => `${k}: ${v ?? ''}`);
  return {
    subject: `[ipzone] ${what[event.type] ?? event.type}`,
    text: [`${event.type} (event ${event.id})`, '', ...lines].join('\n'),
  };
}

/** Sends an event's e-mail through `mail`'s server; nothing without one. */
export async function deliverMail(
  db: DataSource,
  job: { outboxId: string; to: string[] },
  mail: NotificationSettings['mail'],
): Promise<void> {
  if (!mail) return;
  const { subject, text } = mailText(await outboxEvent(db, job.outboxId));
  await mailer(mail.smtpUrl).sendMail({
    from: mail.from,
    to: job.to,
    subject,
    text,
    headers: { 'x-ipzone-event-id': job.outboxId },
  });
}
