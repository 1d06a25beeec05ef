/**
 * The notification worker, started with the indicators subgraph (NOTIFICATIONS=false
 * leaves it off). Scheduling and delivery are pg-boss jobs in PostgreSQL: the scans and
 * the digest run on cron schedules, the outbox relay every minute and after each scan,
 * deliveries as jobs retried with exponential backoff. However many replicas run, a
 * scheduled job is created once per tick and taken by one worker, and jobs survive
 * restarts.
 */
import { today } from '../../../lib/clock';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import type { SubgraphRuntime } from '../../../lib/subgraph';
import { log } from '../../../lib/log';
import { deliverMail, deliverWebhook } from './deliver';
import { QUEUES } from './queues';
import { relayOutbox } from './relay';
import { scanReminders, writeDigest } from './scan';
import type { IndicatorSettings } from '../../../lib/config';

export interface Worker {
  stop(): Promise<void>;
}

export async function startNotifications({
  store,
  databaseUrl,
  clock,
  settings,
}: SubgraphRuntime<IndicatorSettings>): Promise<Worker> {
  const notifications = settings.notifications;
  if (!notifications.enabled) return { stop: async () => undefined };
  const poll = notifications.pollSeconds;
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: 'ipzone_jobs',
    application_name: 'ipzone-notifications',
    max: 4,
    cronMonitorIntervalSeconds: Math.min(45, Math.max(1, Math.round(poll))),
  });
  boss.on('error', (error) => log.warn('notification worker error', { error: error.message }));
  // A pool of its own: jobs never take the connections requests use.
  const options = store.dataSource.options as Extract<typeof store.dataSource.options, { type: 'postgres' }>;
  const db = new DataSource({
    ...options,
    logging: false,
    logger: undefined,
    extra: { ...options.extra, max: 3, application_name: 'ipzone-notifications' },
  });
  await db.initialize();
  await boss.start();
  const retries = { retryLimit: notifications.retryLimit, retryDelay: notifications.retryDelaySeconds, retryBackoff: true };
  for (const name of Object.values(QUEUES)) {
    const options = name === QUEUES.webhook || name === QUEUES.mail ? retries : {};
    await boss.createQueue(name, { name, ...options });
    await boss.updateQueue(name, { name, ...options });
  }
  await boss.schedule(QUEUES.scan, notifications.scanCron);
  await boss.schedule(QUEUES.digest, notifications.digestCron);
  await boss.schedule(QUEUES.relay, '* * * * *');

  const work = { pollingIntervalSeconds: poll, batchSize: 1 };
  const relay = async () => {
    const relayed = await relayOutbox(db, boss);
    if (relayed > 0) log.info('outbox relayed', { events: relayed });
  };
  await boss.work(QUEUES.scan, work, async () => {
    log.info('reminder scan', { events: await scanReminders(db, today(clock), settings) });
    await relay();
  });
  await boss.work(QUEUES.digest, work, async () => {
    await writeDigest(db, today(clock), settings);
    await relay();
  });
  await boss.work(QUEUES.relay, work, relay);
  await boss.work<{ outboxId: string; subscriptionId: string }>(
    QUEUES.webhook,
    { ...work, includeMetadata: true },
    async ([job]) => deliverWebhook(db, job.data, job.retryCount >= job.retryLimit, notifications.webhooks),
  );
  await boss.work<{ outboxId: string; to: string[] }>(QUEUES.mail, work, async ([job]) =>
    deliverMail(db, job.data, notifications.mail),
  );
  let stopping: Promise<void> | undefined;
  return {
    stop: async () => {
      // Stopping twice (a subgraph stopped, then its hub) is stopping once.
      stopping ??= boss.stop({ graceful: true, wait: true, timeout: 5000 }).then(() => db.destroy());
      await stopping;
    },
  };
}
