/**
 * A file of figures pushed as a job (POST /figures/bulk above BULK_JOB_BYTES): received
 * into the job's parts, its organisations resolved while its caller's identity is at hand
 * (a file that cannot be read is refused then, and its job dropped), then queued; the
 * worker pushes it as the caller (bulk-push.ts), keeping how many rows it has read and
 * written, and its summary or its error, which GET /figures/bulk/:id answers.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, forbidden, hubError, notFound } from '../../../lib/errors';
import { openJobsFull } from '../../../lib/open-jobs';
import { figureRecords } from '../../../lib/figure-stream';
import { FIGURE_WRITERS, hasRole, type Identity, isRole } from '../../../lib/identity';
import { log } from '../../../lib/log';
import { readOne } from '../../../lib/rows';
import { HttpError } from '../../../lib/http-refusals';
import {
  addPart,
  beat,
  claimJob,
  createJob,
  deleteJob,
  endRun,
  finishJob,
  jobById,
  jobParts,
  type JobEnd,
  type JobRun,
  markStaged,
  openJobs,
  type BulkJob,
  queueJob,
  recordProgress,
  requeueJob,
} from '../data/bulk-jobs';
import { type BulkRequest, BulkRequestFields, type BulkSummary, checkRequest, pushFile } from './bulk-push';
import { asHttpError } from './bulk-refusal';
import type { PushDependencies } from './push';

/** Bytes of the file kept in one part. */
const PART_BYTES = 1024 * 1024;
/** What the log says of a job its hub's stopping interrupted. */
const INTERRUPTED =
  'a job of a file of figures was interrupted (the hub is stopping): nothing of it was written; it runs again when a hub starts';
/** What the log says of a run whose job was queued again, taken for dead, while it ran. */
const TAKEN = 'a job of a file of figures was queued again while it ran (silent too long): this run stopped, rolled back';
/** Least time between two records of a job's progress. */
const PROGRESS_MS = 500;

const recordsOf = (request: BulkRequest) => (bytes: AsyncIterable<Buffer>) =>
  figureRecords(bytes, request.format, request.encoding);

/**
 * Receives the file into the job's parts as it arrives (each part saying the job is alive,
 * dropStalledReceipts), reading it meanwhile for the organisations it names (its
 * `organization` fields): the file is read once, while it arrives.
 */
async function receiveParts(db: DataSource, id: string, request: BulkRequest, source: AsyncIterable<Buffer>): Promise<string[]> {
  let [part, size, seq] = [[] as Buffer[], 0, 0];
  const flush = async () => {
    if (size > 0) await addPart(db, id, seq++, Buffer.concat(part));
    [part, size] = [[], 0];
  };
  const received = (async function* () {
    for await (const chunk of source) {
      part.push(chunk);
      size += chunk.length;
      if (size >= PART_BYTES) await flush();
      yield chunk;
    }
    await flush();
  })();
  const named = new Set<string>();
  for await (const record of recordsOf(request)(received)) {
    const ref = 'figure' in record ? record.figure.organization : undefined;
    if (typeof ref === 'string' && ref.trim() !== '' && ref.trim().length <= 200) named.add(ref.trim());
  }
  return [...named];
}

/** Where a received job is queued (FigureJobs). */
export interface JobQueue {
  /** Ready to take jobs (started outside the transaction that queues one). */
  ready(): Promise<void>;
  /** Writes the job's message in the transaction that marks it QUEUED (none once the hub is stopping: it waits for the next start). */
  send(manager: EntityManager, id: string): Promise<void>;
  /** Has the queue take what was just queued, once that transaction has committed. */
  wake(): Promise<void>;
}

/**
 * Receives the file into a new job and queues it: marked QUEUED and sent to the queue in
 * one transaction, so a job the queue never got is not kept (its sender is answered an
 * error, and no later start runs it); once the hub is stopping, it waits QUEUED for the
 * next start. The job as queued.
 */
export async function receiveFile(
  deps: PushDependencies,
  identity: Identity,
  request: BulkRequest,
  source: AsyncIterable<Buffer>,
  queue: JobQueue,
  /** Most jobs the caller's organisation may have not yet done (MAX_OPEN_JOBS). */
  max: number,
): Promise<JobView> {
  checkRequest(identity, request);
  const id = await createJob(deps.db, identity, request, max);
  if (id === null) throw hubError(ErrorCode.TOO_MANY_REQUESTS, openJobsFull(identity.org, max));
  let queued: JobView;
  try {
    const named = await receiveParts(deps.db, id, request, source);
    const organizations = Object.fromEntries(named.length > 0 ? await deps.organizations.resolve(named) : []);
    await queue.ready();
    queued = await deps.db.transaction(async (manager) => {
      const job = await queueJob(manager, id, organizations);
      await queue.send(manager, id);
      return viewOf(job);
    });
  } catch (error) {
    await deleteJob(deps.db, id);
    throw error;
  }
  await queue.wake();
  return queued;
}

/** How a job runs: stopped when `signal` aborts (its hub stops), saying it is alive every `heartbeatSeconds`. */
export interface RunOptions {
  signal: AbortSignal;
  heartbeatSeconds: number;
}

/** Why a run stops before its end: its hub is stopping, or its job was queued again (taken for dead) and is another run's. */
type Stop = 'stopping' | 'taken';

/**
 * Runs a queued job (taken first: a job another worker took, or one done, is left alone):
 * the file pushed as the caller who sent it, with `base` (its organisations as resolved on
 * receipt). Interrupted by its hub stopping, it is rolled back and queued again, its file
 * kept. Every write names the run, so a run whose job was taken for dead and queued again
 * stops, rolled back, at its next word, and writes nothing over the new run's.
 */
export async function runJob(base: Omit<PushDependencies, 'organizations'>, id: string, options: RunOptions): Promise<void> {
  const { db } = base;
  const claimed = await claimJob(db, id);
  if (!claimed) return;
  const { job, run } = claimed;
  const identity: Identity = { subject: job.writer, org: job.writerOrg, roles: job.roles.filter(isRole) };
  const deps: PushDependencies = {
    ...base,
    organizations: {
      resolve: async (refs) => new Map(refs.filter((r) => r in job.organizations).map((r) => [r, job.organizations[r]])),
    },
  };
  const stop = new AbortController();
  const onStopping = () => stop.abort('stopping' satisfies Stop);
  options.signal.addEventListener('abort', onStopping, { once: true });
  if (options.signal.aborted) onStopping();
  const progress = { rowsRead: 0, rowsWritten: 0 };
  let [recorded, saving] = [0, Promise.resolve()];
  const save = (write: () => Promise<boolean>) => {
    saving = saving
      .then(write)
      .then((ours) => {
        if (!ours) stop.abort('taken' satisfies Stop);
      })
      .catch(() => undefined);
  };
  const record = () => {
    if (Date.now() - recorded < PROGRESS_MS) return;
    recorded = Date.now();
    const { rowsRead, rowsWritten } = progress;
    save(() => recordProgress(db, run, rowsRead, rowsWritten));
  };
  const heartbeat = setInterval(() => save(() => beat(db, run)), options.heartbeatSeconds * 1000);
  const settled = async () => {
    clearInterval(heartbeat);
    options.signal.removeEventListener('abort', onStopping);
    await saving;
  };
  let summary: BulkSummary;
  try {
    // Options kept that no longer read fail the job (its error names the field), as any other error of its run.
    const request = readOne("a job's options", BulkRequestFields, [job.request]);
    summary = await pushFile(
      deps,
      identity,
      request,
      recordsOf(request),
      jobParts(db, id, job.bytes),
      {
        // A run whose rows land ends in its landing's transaction: a hub that dies once it has
        // committed leaves nothing to run again (a run again would set back figures changed since).
        committing: async (manager, landed) => {
          if (!(await endRun(manager, run, completed(landed)))) stop.abort('taken' satisfies Stop);
          stop.signal.throwIfAborted();
        },
        read: (rows) => ((progress.rowsRead = rows), record()),
        staged: () => save(() => markStaged(db, run, progress.rowsRead)),
        written: (rows) => ((progress.rowsWritten = rows), record()),
      },
      stop.signal,
    );
  } catch (error) {
    await settled();
    if (stop.signal.aborted) return interrupted(db, run, stop.signal.reason as Stop);
    const refusal = asHttpError(error);
    const known = refusal instanceof HttpError;
    const code = known ? refusal.code : ErrorCode.INTERNAL_SERVER_ERROR;
    const message = known ? refusal.message : 'the file could not be pushed: nothing was written';
    const end = {
      state: 'FAILED' as const,
      rowsRead: progress.rowsRead,
      rowsWritten: 0,
      summary: null,
      error: { code, message },
    };
    // A run whose job another hub took meanwhile (its file dropped under it, say) failed as that run's, not as the job's.
    if (!(await finishJob(db, run, end))) return interrupted(db, run, 'taken');
    if (!known) {
      log.error('a job of a file of figures failed', { jobId: id, error });
      throw error;
    }
    return;
  }
  await settled();
  // A dry run, or a key's replay, landed nothing: its end is kept now (a landing kept its own: nothing to do).
  await finishJob(db, run, completed(summary));
}

/** A run's end with the file's summary. */
function completed(summary: BulkSummary): JobEnd {
  const rowsWritten = summary.dryRun ? 0 : summary.created + summary.updated;
  return { state: 'COMPLETED', rowsRead: summary.received, rowsWritten, summary, error: null };
}

/** A run stopped before its end: nothing of it was written; its job queued again unless another run has it. */
async function interrupted(db: DataSource, run: JobRun, why: Stop): Promise<void> {
  if (why === 'taken') {
    log.warn(TAKEN, { jobId: run.id });
    return;
  }
  await requeueJob(db, run);
  log.warn(INTERRUPTED, { jobId: run.id });
}

/** A job as its sender sees it: all but who sent it and how it is to run. */
const viewOf = ({
  writer: _writer,
  writerOrg: _org,
  roles: _roles,
  request: _request,
  organizations: _names,
  ...view
}: BulkJob) => view;
export type JobView = ReturnType<typeof viewOf>;

/** A job, for its sender's organisation, coordinators and admins; NOT_FOUND for anyone else. */
export async function jobStatus(db: DataSource, identity: Identity, id: string): Promise<JobView> {
  const job = await jobById(db, id);
  if (!job || (job.writerOrg !== identity.org && !hasRole(identity, 'coordinator', 'admin')))
    throw notFound('job', id.slice(0, 80));
  return viewOf(job);
}

/** The caller's organisation's jobs not yet done, which hold its place (MAX_OPEN_JOBS, `max`): oldest first. */
export async function openJobsOf(
  db: DataSource,
  identity: Identity,
  max: number,
): Promise<{ organization: string; maxOpenJobs: number; jobs: JobView[] }> {
  if (!hasRole(identity, ...FIGURE_WRITERS)) throw forbidden('files of figures need the reporter, coordinator or admin role');
  return { organization: identity.org, maxOpenJobs: max, jobs: (await openJobs(db, identity.org)).map(viewOf) };
}
