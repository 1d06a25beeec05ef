/**
 * Files of figures pushed as jobs: the job's row (who sent it, its options, its state and
 * progress, its summary or error) and the file's bytes, kept in parts until it has run.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { ErrorCode } from '../../../lib/errors';
import { column, readFirst, readOne, readRows } from '../../../lib/rows';

const JOB_STATES = ['RECEIVING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;

/** A job's row (COLUMNS), read through its schema: who sent it, its options, its state and progress, its summary or error. */
const JobColumns = z.object({
  id: column.text,
  writer: column.text,
  writerOrg: column.text,
  /** As they were when it was sent (services/bulk-jobs.ts keeps those the hub still knows). */
  roles: column.texts,
  /** The push's options, as the sender gave them (services/bulk-jobs.ts reads them). */
  request: z.record(z.string(), z.unknown()),
  /** The organisations its file names, as resolved when it was received. */
  organizations: z.record(z.string(), z.string()),
  state: column.oneOf(JOB_STATES),
  bytes: column.number,
  rowsRead: column.number,
  rowsWritten: column.number,
  summary: z.unknown(),
  error: z.looseObject({ code: z.string(), message: z.string() }).nullable(),
  createdAt: column.instant,
  updatedAt: column.instant,
  /** When it started running, when its file had been read, checked and staged, and when it finished. */
  startedAt: column.instant.nullable(),
  stagedAt: column.instant.nullable(),
  finishedAt: column.instant.nullable(),
  /** Runs found silent and taken from their hub (each queued again, but the third: it fails the job JOB_ABANDONED). */
  lostRuns: column.number,
});
export type BulkJob = z.output<typeof JobColumns>;

const IdColumns = z.object({ id: column.text });
const PartColumns = z.object({ data: z.instanceof(Buffer) });
const IdStateColumns = z.object({ id: column.text, state: column.oneOf(JOB_STATES) });

const COLUMNS = `id, writer, writer_org AS "writerOrg", roles, request, organizations, state, bytes::float8 AS bytes,
  rows_read AS "rowsRead", rows_written AS "rowsWritten", summary, error, created_at AS "createdAt", updated_at AS "updatedAt",
  started_at AS "startedAt", staged_at AS "stagedAt", finished_at AS "finishedAt", lost_runs AS "lostRuns"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A receiving job whose file has not grown for this long is not counted open: its upload stalled, or its hub died receiving it. */
const RECEIVING_SILENT_SECONDS = 120;

/** A job not yet done, as MAX_OPEN_JOBS counts it: queued, running, or receiving a file that grew lately. */
const OPEN = `(state IN ('QUEUED', 'RUNNING')
  OR (state = 'RECEIVING' AND updated_at > clock_timestamp() - make_interval(secs => ${RECEIVING_SILENT_SECONDS})))`;

/**
 * A new job of the writer's organisation, RECEIVING; null when the organisation has
 * `maxOpen` jobs not yet done (queued, running, or receiving a file that grew in the last
 * two minutes: a receipt its hub died in is not counted until it is dropped). The count and
 * the insert are one statement under a lock of the organisation's, so files sent at once
 * cannot pass it together.
 */
export async function createJob(
  db: DataSource,
  writer: { subject: string; org: string; roles: readonly string[] },
  request: object,
  maxOpen: number,
): Promise<string | null> {
  return db.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('figure_bulk_job:' || $1))`, [writer.org]);
    const rows: unknown = await manager.query(
      `INSERT INTO figure_bulk_job (writer, writer_org, roles, request)
       SELECT $1, $2, $3, $4
        WHERE (SELECT count(*) FROM figure_bulk_job WHERE writer_org = $2 AND ${OPEN}) < $5
       RETURNING id`,
      [writer.subject, writer.org, writer.roles, JSON.stringify(request), maxOpen],
    );
    return readFirst('job created', IdColumns, rows)?.id ?? null;
  });
}

/** Keeps the next part of a job's file, and says the job is alive (its file still arriving: dropStalledReceipts). */
export async function addPart(db: DataSource, jobId: string, seq: number, data: Buffer): Promise<void> {
  await db.query(
    `WITH part AS (INSERT INTO figure_bulk_part (job_id, seq, data) VALUES ($1, $2, $3))
     UPDATE figure_bulk_job SET bytes = bytes + $4, updated_at = clock_timestamp() WHERE id = $1`,
    [jobId, seq, data, data.length],
  );
}

/** A job's file, a part at a time; an error when its parts hold fewer bytes than it was received with (`bytes`, when given). */
export async function* jobParts(db: DataSource, jobId: string, bytes?: number): AsyncGenerator<Buffer> {
  let read = 0;
  for (let seq = 0; ; seq += 1) {
    const part = readFirst(
      'job part',
      PartColumns,
      await db.query(`SELECT data FROM figure_bulk_part WHERE job_id = $1 AND seq = $2`, [jobId, seq]),
    );
    if (!part) break;
    read += part.data.length;
    yield part.data;
  }
  if (bytes !== undefined && read !== bytes) throw new Error(`job ${jobId}: its file holds ${read} of its ${bytes} bytes`);
}

export async function jobById(db: DataSource | EntityManager, id: string): Promise<BulkJob | null> {
  if (!UUID.test(id)) return null;
  return readFirst('job', JobColumns, await db.query(`SELECT ${COLUMNS} FROM figure_bulk_job WHERE id = $1`, [id]));
}

/** The organisation's jobs not yet done (those MAX_OPEN_JOBS counts), oldest first. */
export async function openJobs(db: DataSource, org: string): Promise<BulkJob[]> {
  const rows: unknown = await db.query(
    `SELECT ${COLUMNS} FROM figure_bulk_job WHERE writer_org = $1 AND ${OPEN} ORDER BY created_at, id`,
    [org],
  );
  return readRows('open jobs', JobColumns, rows);
}

/** Marks a received job QUEUED, with the organisations its file names as resolved then; the job as queued. */
export async function queueJob(db: EntityManager, id: string, organizations: Record<string, string>): Promise<BulkJob> {
  const [rows]: [unknown, number] = await db.query(
    `UPDATE figure_bulk_job SET state = 'QUEUED', organizations = $2::jsonb, updated_at = clock_timestamp()
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, JSON.stringify(organizations)],
  );
  return readOne('job queued', JobColumns, rows);
}

/**
 * One run of a job: its id and when the run started, to the microsecond. Every write of a
 * run names both, so a run whose job was queued again (taken for dead) writes nothing more.
 */
export interface JobRun {
  id: string;
  startedAt: string;
}

const OF_RUN = `id = $1 AND state = 'RUNNING' AND started_at = $2::timestamptz`;
const runParams = (run: JobRun) => [run.id, run.startedAt];
const changed = (result: [unknown[], number]) => result[1] > 0;

/** Records a run's progress; false when the job is no longer this run's. */
export async function recordProgress(db: DataSource, run: JobRun, rowsRead: number, rowsWritten: number): Promise<boolean> {
  return changed(
    await db.query(
      `UPDATE figure_bulk_job SET rows_read = $3, rows_written = $4, updated_at = clock_timestamp() WHERE ${OF_RUN}`,
      [...runParams(run), rowsRead, rowsWritten],
    ),
  );
}

/** Records that the run has read, checked and staged the whole file (all its `rowsRead`): its rows are landing now. */
export async function markStaged(db: DataSource, run: JobRun, rowsRead: number): Promise<boolean> {
  return changed(
    await db.query(
      `UPDATE figure_bulk_job SET rows_read = $3, staged_at = clock_timestamp(), updated_at = clock_timestamp()
        WHERE ${OF_RUN}`,
      [...runParams(run), rowsRead],
    ),
  );
}

/** Records that a run is alive (JOB_HEARTBEAT_SECONDS); false when the job is no longer this run's. */
export async function beat(db: DataSource, run: JobRun): Promise<boolean> {
  return changed(await db.query(`UPDATE figure_bulk_job SET updated_at = clock_timestamp() WHERE ${OF_RUN}`, runParams(run)));
}

/** How a run ends: COMPLETED with its summary, or FAILED with its error. */
export type JobEnd = Pick<BulkJob, 'rowsRead' | 'rowsWritten' | 'summary' | 'error'> & { state: 'COMPLETED' | 'FAILED' };

/**
 * Ends a run and drops its file, in the caller's transaction (the landing's own, for a run
 * whose rows land: its end commits with them). False when the job was no longer this run's.
 */
export async function endRun(manager: EntityManager, run: JobRun, end: JobEnd): Promise<boolean> {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  const ended = changed(
    await manager.query(
      `UPDATE figure_bulk_job SET state = $3, rows_read = $4, rows_written = $5, summary = $6::jsonb, error = $7::jsonb,
              updated_at = clock_timestamp(), finished_at = clock_timestamp()
        WHERE ${OF_RUN}`,
      [...runParams(run), end.state, end.rowsRead, end.rowsWritten, json(end.summary), json(end.error)],
    ),
  );
  if (ended) await manager.query(`DELETE FROM figure_bulk_part WHERE job_id = $1`, [run.id]);
  return ended;
}

/**
 * Ends a run that landed nothing (it failed, or was a dry run or a replay) in a transaction
 * of its own: a job whose end could not be kept keeps its file and runs again.
 */
export async function finishJob(db: DataSource, run: JobRun, end: JobEnd): Promise<boolean> {
  return db.transaction((manager) => endRun(manager, run, end));
}

/**
 * Drops the jobs still being received that have said nothing for `silentSeconds` (their
 * hub died while their file arrived), their parts with them; the ids dropped.
 */
export async function dropStalledReceipts(db: DataSource | EntityManager, silentSeconds: number): Promise<string[]> {
  const [rows]: [unknown, number] = await db.query(
    `DELETE FROM figure_bulk_job
      WHERE state = 'RECEIVING' AND updated_at < clock_timestamp() - make_interval(secs => $1) RETURNING id`,
    [silentSeconds],
  );
  return readRows('stalled receipts dropped', IdColumns, rows).map((r) => r.id);
}

export async function deleteJob(db: DataSource, jobId: string): Promise<void> {
  await db.query(`DELETE FROM figure_bulk_job WHERE id = $1`, [jobId]);
}

/** What a run had set, cleared when its job is queued again or given up. */
const RUN_CLEARED = `rows_read = 0, rows_written = 0, staged_at = NULL, updated_at = clock_timestamp()`;
const REQUEUED = `state = 'QUEUED', started_at = NULL, ${RUN_CLEARED}`;

/** Takes a queued job to run it: the job and its run, or null when it is not queued (another worker took it, or it is done). */
export async function claimJob(db: DataSource, id: string): Promise<{ job: BulkJob; run: JobRun } | null> {
  const [rows]: [unknown, number] = await db.query(
    `UPDATE figure_bulk_job SET state = 'RUNNING', started_at = clock_timestamp(), updated_at = clock_timestamp()
      WHERE id = $1 AND state = 'QUEUED' RETURNING ${COLUMNS}, started_at::text AS run`,
    [id],
  );
  const claimed = readFirst('job claimed', JobColumns.extend({ run: column.text }), rows);
  return claimed ? { job: claimed, run: { id, startedAt: claimed.run } } : null;
}

/** Queues a run's job again (its hub stopping interrupted it: nothing of it was written). */
export async function requeueJob(db: DataSource, run: JobRun): Promise<void> {
  await db.query(`UPDATE figure_bulk_job SET ${REQUEUED} WHERE ${OF_RUN}`, runParams(run));
}

/**
 * The jobs that have said nothing for `silentSeconds` while running (their hub died, and
 * their transaction with its connection): each counted as a run lost, and queued again;
 * one that has lost `maxLostRuns` runs (a file that takes its hub down each time it runs,
 * out of memory say) FAILED instead, JOB_ABANDONED, and its file dropped in the same
 * statement, so that it cannot stop every hub that starts.
 */
export async function requeueSilent(
  db: DataSource | EntityManager,
  silentSeconds: number,
  maxLostRuns: number,
): Promise<{ queued: string[]; abandoned: string[] }> {
  const abandon = `lost_runs + 1 >= $2`;
  // A job whose landing holds its row (its end written by endRun, until its commit) is not silent: skipped.
  const lost: unknown = await db.query(
    `WITH lost AS (
       UPDATE figure_bulk_job SET lost_runs = lost_runs + 1, ${RUN_CLEARED},
              state = CASE WHEN ${abandon} THEN 'FAILED' ELSE 'QUEUED' END,
              started_at = CASE WHEN ${abandon} THEN started_at END,
              finished_at = CASE WHEN ${abandon} THEN clock_timestamp() END,
              error = CASE WHEN ${abandon} THEN jsonb_build_object('code', $3::text, 'message',
                format('the hub running it fell silent (killed, out of memory, or cut off from its database) %s times:'
                       ' it is not run again, and nothing of it was written; if the file was not the cause, send it again',
                       lost_runs + 1))
              END
        WHERE id IN (SELECT id FROM figure_bulk_job
                      WHERE state = 'RUNNING' AND updated_at < clock_timestamp() - make_interval(secs => $1)
                      FOR UPDATE SKIP LOCKED)
       RETURNING id, state),
     dropped AS (DELETE FROM figure_bulk_part p USING lost WHERE p.job_id = lost.id AND lost.state = 'FAILED')
     SELECT id, state FROM lost`,
    [silentSeconds, maxLostRuns, ErrorCode.JOB_ABANDONED],
  );
  const rows = readRows('silent jobs', IdStateColumns, lost);
  return {
    queued: rows.filter((r) => r.state === 'QUEUED').map((r) => r.id),
    abandoned: rows.filter((r) => r.state === 'FAILED').map((r) => r.id),
  };
}

/**
 * The jobs that wait to run, first received first, and whether any runs (perhaps in a hub
 * that died, whose job runs again once it has been silent long enough): one read.
 */
export async function pendingJobs(db: DataSource): Promise<{ queued: string[]; running: boolean }> {
  const rows = readRows(
    'pending jobs',
    IdStateColumns,
    await db.query(`SELECT id, state FROM figure_bulk_job WHERE state IN ('QUEUED', 'RUNNING') ORDER BY created_at`),
  );
  return { queued: rows.filter((r) => r.state === 'QUEUED').map((r) => r.id), running: rows.some((r) => r.state === 'RUNNING') };
}
