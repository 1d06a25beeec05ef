/**
 * The queue of files of figures pushed as jobs, on the hub's pg-boss queue (schema
 * ipzone_jobs, beside the notification worker's queues, whether NOTIFICATIONS runs or not).
 * A subgraph starts taking these jobs when it queues its first one, or at its start when
 * jobs wait or run: a hub that never receives a large file polls no queue for them. A job
 * that completes or fails runs once. One interrupted by its hub stopping is queued again
 * by it (services/bulk-jobs.ts); one whose hub died says nothing for a while
 * (JOB_HEARTBEAT_SECONDS) and is queued again by whichever hub takes jobs: at its start,
 * and every few heartbeats while it runs; one found silent so three times fails
 * JOB_ABANDONED instead, so that a file cannot stop every hub that starts. The job's own
 * row says what it is; the queue only carries its id, so an id queued twice runs once
 * (claimJob). A file whose receipt stopped for 15 minutes (its hub died while it arrived)
 * is dropped, with what was kept of it, at the next start and by the sweep.
 */
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { IndicatorSettings } from '../../../lib/config';
import { log } from '../../../lib/log';
import { dropStalledReceipts, pendingJobs, requeueSilent } from '../data/bulk-jobs';
import { IndicatorRepository } from '../data/repository';
import { runJob } from '../services/bulk-jobs';
import type { SubgraphRuntime } from '../../../lib/subgraph';
import { FIGURE_JOBS_QUEUE, inTransaction } from './queues';

/** A running job silent for this many heartbeats is taken for one whose hub died. */
const SILENT_BEATS = 6;
/** A job whose hub died this many times while it ran is not run again (JOB_ABANDONED). */
const MAX_LOST_RUNS = 3;
/** What the log says of a job given up. */
const ABANDONED = `a job of a file of figures fell silent with its hub ${MAX_LOST_RUNS} times: it failed, JOB_ABANDONED, and is not run again`;
const JOB_HOURS = 6;
/**
 * A job whose file has not moved for this long while being received (a part kept, or read
 * for its organisations) is taken for one whose hub died meanwhile: no upload stalls this
 * long and goes on.
 */
const RECEIPT_SILENT_SECONDS = 15 * 60;
/** What the log says of a job dropped so. */
const STALLED = `a file of figures stopped arriving ${RECEIPT_SILENT_SECONDS / 60} minutes ago (its hub died while receiving it): its job and the part of the file kept are dropped`;

export class FigureJobs {
  private boss?: Promise<{ boss: PgBoss; worker: string }>;
  private readonly stopping = new AbortController();
  private sweep?: NodeJS.Timeout;

  constructor(private readonly runtime: SubgraphRuntime<IndicatorSettings>) {}

  /** Ready to take jobs: the queue started (outside any transaction a job is queued in). */
  async ready(): Promise<void> {
    if (!this.stopping.signal.aborted) await this.started();
  }

  /**
   * Writes a job's message in `manager`'s transaction (the one that marks it QUEUED: both
   * commit or neither does; wake() once it has committed). Once the hub is stopping, none:
   * the job waits QUEUED for the next start, which queues every job that waits.
   */
  async send(manager: EntityManager, jobId: string): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const { boss } = await this.started();
    const sent = await boss.send(FIGURE_JOBS_QUEUE, { jobId }, { db: inTransaction(manager) });
    if (!sent) throw new Error(`the job queue did not take job ${jobId}`);
  }

  /** Has the worker take what was queued now, not at its next poll (JOB_POLL_SECONDS later). */
  async wake(): Promise<void> {
    // A queue that could not start has queued nothing: the error was the sender's.
    const started = await this.boss?.catch(() => undefined);
    started?.boss.notifyWorker(started.worker);
  }

  /**
   * Starts taking jobs when some wait or run (a hub stopped, or died, while they did):
   * those of hubs that died long enough ago queued again, and every job that waits queued.
   */
  async resume(): Promise<void> {
    await this.dropStalledReceipts();
    this.abandoned(await requeueSilent(this.runtime.store.dataSource, this.silentSeconds(), MAX_LOST_RUNS));
    const { queued, running } = await pendingJobs(this.runtime.store.dataSource);
    if (queued.length === 0) {
      if (running) await this.started();
      return;
    }
    // An id the queue holds already (its hub stopped while it waited) runs once all the same.
    await this.ready();
    await this.runtime.store.dataSource.transaction(async (manager) => {
      for (const id of queued) await this.send(manager, id);
    });
    await this.wake();
  }

  /** Interrupts the job running (it is queued again), then stops taking jobs. */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.sweep);
    const boss = this.boss;
    this.boss = undefined;
    // A queue whose start failed has nothing to stop.
    const started = await boss?.catch(() => undefined);
    if (started) await started.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  private silentSeconds(): number {
    return SILENT_BEATS * this.runtime.settings.jobHeartbeatSeconds;
  }

  /** Jobs whose file stopped arriving (their hub died meanwhile): dropped with their parts, and said in the log. */
  private async dropStalledReceipts(): Promise<void> {
    for (const id of await dropStalledReceipts(this.runtime.store.dataSource, RECEIPT_SILENT_SECONDS))
      log.warn(STALLED, { jobId: id });
  }

  private abandoned(lost: { abandoned: string[] }): void {
    for (const id of lost.abandoned) log.warn(ABANDONED, { jobId: id });
  }

  /**
   * While the queue runs: the jobs of hubs that died queued again, each job's state and its
   * message in one transaction, or abandoned once they have stopped their hub too often.
   */
  private async queueJobsOfDeadHubs(): Promise<void> {
    await this.dropStalledReceipts();
    const lost = await this.runtime.store.dataSource.transaction(async (manager) => {
      const found = await requeueSilent(manager, this.silentSeconds(), MAX_LOST_RUNS);
      for (const id of found.queued) await this.send(manager, id);
      return found;
    });
    this.abandoned(lost);
    if (lost.queued.length > 0) await this.wake();
  }

  /** The queue, started once; a start that failed is tried again by the next caller. */
  private started(): Promise<{ boss: PgBoss; worker: string }> {
    this.boss ??= this.start().catch((error: unknown) => {
      this.boss = undefined;
      throw error;
    });
    return this.boss;
  }

  private async start(): Promise<{ boss: PgBoss; worker: string }> {
    const boss = new PgBoss({
      connectionString: this.runtime.databaseUrl,
      schema: 'ipzone_jobs',
      application_name: 'ipzone-figure-jobs',
      max: 2,
    });
    boss.on('error', (error) => log.warn('figure job queue error', { error: error.message }));
    const { store, clock, settings } = this.runtime;
    let worker: string;
    try {
      await boss.start();
      const options = { name: FIGURE_JOBS_QUEUE, retryLimit: 0, expireInSeconds: JOB_HOURS * 3600 };
      await boss.createQueue(FIGURE_JOBS_QUEUE, options);
      await boss.updateQueue(FIGURE_JOBS_QUEUE, options);
      const base = { db: store.dataSource, indicators: new IndicatorRepository(store.dataSource), clock, settings };
      worker = await boss.work<{ jobId: string }>(
        FIGURE_JOBS_QUEUE,
        { pollingIntervalSeconds: this.runtime.settings.notifications.pollSeconds, batchSize: 1 },
        async ([job]) => {
          try {
            await runJob(base, job.data.jobId, { signal: this.stopping.signal, heartbeatSeconds: settings.jobHeartbeatSeconds });
          } finally {
            // The next job is taken as soon as this one is done, not a poll later (pg-boss waits a poll after each fetch).
            boss.notifyWorker(worker);
          }
        },
      );
    } catch (error) {
      // A start that failed half way leaves no connections or timers behind: the next caller starts afresh.
      await boss.stop({ graceful: false }).catch(() => undefined);
      throw error;
    }
    // Jobs whose hub died are found while this one takes jobs, not only when a hub starts.
    const every = ((SILENT_BEATS / 2) * settings.jobHeartbeatSeconds * 1000) | 0;
    this.sweep = setInterval(() => {
      this.queueJobsOfDeadHubs().catch((error: Error) =>
        log.warn('figure jobs of hubs that died not looked for', { error: error.message }),
      );
    }, every);
    this.sweep.unref();
    return { boss, worker };
  }
}
