/**
 * Files of figures pushed as jobs: the job's row (who sent it, its options, its state and
 * progress, its summary or error) and the file's bytes, kept in parts until it has run.
 */
import type { DataSource } from 'typeorm';

type JobState = 'RECEIVING' | 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface BulkJob {
  id: string;
  writer: string;
  writerOrg: string;
  roles: string[];
  request: Record<string, unknown>;
  organizations: Record<string, string>;
  state: JobState;
  bytes: number;
  rowsRead: number;
  rowsWritten: number;
  summary: unknown;
  error: { code: string; message: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, writer, writer_org AS "writerOrg", roles, request, organizations, state, bytes::float8 AS bytes,
  rows_read AS "rowsRead", rows_written AS "rowsWritten", summary, error, created_at AS "createdAt", updated_at AS "updatedAt"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function createJob(
  db: DataSource,
  writer: { subject: string; org: string; roles: readonly string[] },
  request: object,
): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO figure_bulk_job (writer, writer_org, roles, request) VALUES ($1, $2, $3, $4) RETURNING id`,
    [writer.subject, writer.org, writer.roles, JSON.stringify(request)],
  );
  return id;
}

/** Keeps the next part of a job's file. */
export async function addPart(db: DataSource, jobId: string, seq: number, data: Buffer): Promise<void> {
  await db.query(`INSERT INTO figure_bulk_part (job_id, seq, data) VALUES ($1, $2, $3)`, [jobId, seq, data]);
  await db.query(`UPDATE figure_bulk_job SET bytes = bytes + $2, updated_at = now() WHERE id = $1`, [jobId, data.length]);
}

/** A job's file, a part at a time. */
export async function* jobParts(db: DataSource, jobId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq += 1) {
    const rows: Array<{ data: Buffer }> = await db.query(`SELECT data FROM figure_bulk_part WHERE job_id = $1 AND seq = $2`, [
      jobId,
      seq,
    ]);
    if (rows.length === 0) return;
    yield rows[0].data;
  }
}

export async function jobById(db: DataSource, id: string): Promise<BulkJob | null> {
  if (!UUID.test(id)) return null;
  const rows: BulkJob[] = await db.query(`SELECT ${COLUMNS} FROM figure_bulk_job WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** Sets what changed of a job: its state, progress, organisations resolved, summary or error. */
export async function updateJob(
  db: DataSource,
  id: string,
  change: Partial<Pick<BulkJob, 'state' | 'rowsRead' | 'rowsWritten' | 'organizations' | 'summary' | 'error'>>,
): Promise<void> {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  await db.query(
    `UPDATE figure_bulk_job SET state = COALESCE($2, state), rows_read = COALESCE($3, rows_read),
            rows_written = COALESCE($4, rows_written), organizations = COALESCE($5::jsonb, organizations),
            summary = COALESCE($6::jsonb, summary), error = COALESCE($7::jsonb, error), updated_at = now()
      WHERE id = $1`,
    [
      id,
      change.state ?? null,
      change.rowsRead ?? null,
      change.rowsWritten ?? null,
      json(change.organizations),
      json(change.summary),
      json(change.error),
    ],
  );
}

/** Drops a job's file once it has run (or its job was refused). */
export async function dropParts(db: DataSource, jobId: string): Promise<void> {
  await db.query(`DELETE FROM figure_bulk_part WHERE job_id = $1`, [jobId]);
}

export async function deleteJob(db: DataSource, jobId: string): Promise<void> {
  await db.query(`DELETE FROM figure_bulk_job WHERE id = $1`, [jobId]);
}

/** Whether jobs wait to run (a worker must start to take them). */
export async function jobsWaiting(db: DataSource): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM figure_bulk_job WHERE state IN ('QUEUED', 'RUNNING') LIMIT 1`);
  return rows.length > 0;
}
