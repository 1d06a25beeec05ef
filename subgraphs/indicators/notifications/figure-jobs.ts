/**
 * The queue of files of figures pushed as jobs, on the hub's pg-boss queue (schema
 * ipzone_jobs, beside the notification worker's queues, whether NOTIFICATIONS runs or not).
 * A subgraph starts taking these jobs when it queues its first one, or at its start when
 * jobs wait: a hub that never receives a large file polls no queue for them. A job runs
 * once (a file whose push failed is not pushed again), for up to JOB_HOURS.
 */
import PgBoss from 'pg-boss';
import type { IndicatorSettings } from '../../../lib/config';
import { log } from '../../../lib/log';
import { jobsWaiting } from '../data/bulk-jobs';
import { IndicatorRepository } from '../data/repository';
import { runJob } from '../services/bulk-jobs';
import type { SubgraphRuntime } from '../../../lib/subgraph';
import { FIGURE_JOBS_QUEUE } from './queues';

const JOB_HOURS = 6;

export class FigureJobs {
  private boss?: Promise<PgBoss>;

  constructor(private readonly runtime: SubgraphRuntime<IndicatorSettings>) {}

  /** Queues a received job. */
  async enqueue(jobId: string): Promise<void> {
    const boss = await this.started();
    await boss.send(FIGURE_JOBS_QUEUE, { jobId });
  }

  /** Starts taking jobs when some wait (a hub stopped while they did). */
  async resume(): Promise<void> {
    if (await jobsWaiting(this.runtime.store.dataSource)) await this.started();
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    if (boss) await (await boss).stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  private started(): Promise<PgBoss> {
    this.boss ??= this.start();
    return this.boss;
  }

  private async start(): Promise<PgBoss> {
    const boss = new PgBoss({
      connectionString: this.runtime.databaseUrl,
      schema: 'ipzone_jobs',
      application_name: 'ipzone-figure-jobs',
      max: 2,
    });
    boss.on('error', (error) => log.warn('figure job queue error', { error: error.message }));
    await boss.start();
    const options = { name: FIGURE_JOBS_QUEUE, retryLimit: 0, expireInSeconds: JOB_HOURS * 3600 };
    await boss.createQueue(FIGURE_JOBS_QUEUE, options);
    await boss.updateQueue(FIGURE_JOBS_QUEUE, options);
    const { store, clock, settings } = this.runtime;
    const base = { db: store.dataSource, indicators: new IndicatorRepository(store.dataSource), clock, settings };
    await boss.work<{ jobId: string }>(
      FIGURE_JOBS_QUEUE,
      { pollingIntervalSeconds: this.runtime.settings.notifications.pollSeconds, batchSize: 1 },
      async ([job]) => runJob(base, job.data.jobId),
    );
    return boss;
  }
}
