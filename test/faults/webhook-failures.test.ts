/**
 * Drill: the job queue's webhook receivers all fail — one answers 500, one drops every
 * connection. Each delivery is tried once and retried WEBHOOK_RETRY_LIMIT times, then
 * given up: its last attempt says so in webhookDeliveries, its job is failed in the queue,
 * and no receiver hears of the event again, even when the relay runs again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import PgBoss from 'pg-boss';
import type { Hub } from '../../hub';
import { recordEvents } from '../../subgraphs/indicators/notifications/outbox';
import { QUEUES } from '../../subgraphs/indicators/notifications/queues';
import { bearer, graphql, startTestHub, testNotifications } from '../support/hub';

jest.setTimeout(60_000);

const LIMIT = 2;
const EVENTS = 3;

/** A receiver that fails every request, counting them by event. */
function failingReceiver(fail: (res: http.ServerResponse) => void) {
  const heard = new Map<string, number>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['x-ipzone-event-id']);
      heard.set(id, (heard.get(id) ?? 0) + 1);
      fail(res);
    });
  });
  return { server, heard };
}
const erring = failingReceiver((res) => res.writeHead(500).end('down'));
const dropping = failingReceiver((res) => res.socket?.destroy());
const receivers = [erring, dropping];

let hub: Hub;

beforeAll(async () => {
  await Promise.all(receivers.map((r) => new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve))));
  // As WEBHOOK_RETRY_LIMIT=2 sets it, beside testNotifications' own.
  hub = await startTestHub({ indicatorSettings: { notifications: testNotifications({ retryLimit: LIMIT }) } });
});
afterAll(async () => {
  await hub?.stop();
  await Promise.all(receivers.map((r) => new Promise((resolve) => r.server.close(resolve))));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a relay job, as its schedule does every minute. */
async function relay(): Promise<void> {
  const boss = new PgBoss({
    connectionString: process.env.DATABASE_URL,
    schema: 'ipzone_jobs',
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await boss.send(QUEUES.relay, {});
  await boss.stop({ graceful: true, wait: true });
}

async function webhookJobs(): Promise<Array<{ state: string; retry_count: number }>> {
  return hub.subgraphs.indicators.store.dataSource.query(`SELECT state, retry_count FROM ipzone_jobs.job WHERE name = $1`, [
    QUEUES.webhook,
  ]);
}

it('failing receivers get each event 1 + WEBHOOK_RETRY_LIMIT times, then the delivery is given up, and never again', async () => {
  const url = hub.gateway.url;
  // The coordinator's office subscribes the court's receivers and reads their log.
  const office = await bearer('amr', ['coordinator']);
  for (const r of receivers) {
    const res = await graphql(
      url,
      `
        mutation ($url: String!) {
          subscribeWebhook(url: $url, events: [SUBMISSION_RETURNED], organization: "court") {
            subscription {
              id
            }
          }
        }
      `,
      { url: `http://127.0.0.1:${(r.server.address() as AddressInfo).port}/hook` },
      office,
    );
    expect(res.errors).toBeUndefined();
  }
  await hub.subgraphs.indicators.store.dataSource.transaction((manager) =>
    recordEvents(
      manager,
      Array.from({ length: EVENTS }, (_, i) => ({
        type: 'SUBMISSION_RETURNED' as const,
        organizationId: 'court',
        key: `drill-returned-${i}`,
        payload: { period: '2025Q1', comment: `return ${i}` },
      })),
    ),
  );
  await relay();

  // Every delivery job ends failed (pg-boss's dead end), after its retries.
  const end = Date.now() + 40_000;
  for (;;) {
    const jobs = await webhookJobs();
    if (jobs.length === EVENTS * receivers.length && jobs.every((j) => j.state === 'failed')) break;
    if (Date.now() > end) throw new Error(`delivery jobs not all failed: ${JSON.stringify(jobs)}`);
    await sleep(250);
  }
  // The relay again, and longer than the next retry would have waited: nothing more is sent.
  await relay();
  await sleep(5000);
  expect(await webhookJobs()).toEqual(Array(EVENTS * receivers.length).fill({ state: 'failed', retry_count: LIMIT }));
  for (const r of receivers) {
    expect(r.heard.size).toBe(EVENTS);
    expect([...r.heard.values()]).toEqual(Array(EVENTS).fill(1 + LIMIT));
  }

  const log = await graphql(
    url,
    `
      {
        webhookDeliveries(organization: "court") {
          subscriptionId
          eventId
          attempt
          delivered
          httpStatus
          error
          gaveUp
        }
      }
    `,
    {},
    office,
  );
  expect(log.errors).toBeUndefined();
  const deliveries = log.data!.webhookDeliveries as Array<Record<string, any>>;
  expect(deliveries).toHaveLength(EVENTS * receivers.length * (1 + LIMIT));
  const byDelivery = new Map<string, Array<Record<string, any>>>();
  for (const d of deliveries)
    byDelivery.set(`${d.subscriptionId}:${d.eventId}`, [...(byDelivery.get(`${d.subscriptionId}:${d.eventId}`) ?? []), d]);
  expect(byDelivery.size).toBe(EVENTS * receivers.length);
  for (const attempts of byDelivery.values()) {
    attempts.sort((a, b) => a.attempt - b.attempt);
    expect(attempts.map((a) => [a.attempt, a.delivered, a.gaveUp])).toEqual([
      [1, false, false],
      [2, false, false],
      [3, false, true],
    ]);
    expect(attempts.every((a) => a.httpStatus === 500 || (a.httpStatus === null && a.error))).toBe(true);
  }
});
