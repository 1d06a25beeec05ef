/**
 * A file of figures pushed as a job (POST /figures/bulk above BULK_JOB_BYTES): received
 * into the job's parts, its organisations resolved while its caller's identity is at hand
 * (a file that cannot be read is refused then, and its job dropped), then queued; the
 * worker pushes it as the caller (bulk-push.ts), keeping how many rows it has read and
 * written, and its summary or its error, which GET /figures/bulk/:id answers.
 */
import type { DataSource } from 'typeorm';
import { ErrorCode, notFound } from '../../../lib/errors';
import { figureRecords } from '../../../lib/figure-stream';
import { hasRole, type Identity, type Role } from '../../../lib/identity';
import { HttpError } from '../../../lib/server';
import { addPart, createJob, deleteJob, dropParts, jobById, jobParts, type BulkJob, updateJob } from '../data/bulk-jobs';
import { type BulkRequest, checkRequest, pushFile } from './bulk-push';
import { asHttpError } from './bulk-refusal';
import type { PushDependencies } from './push';

/** Bytes of the file kept in one part. */
const PART_BYTES = 1024 * 1024;
/** Least time between two records of a job's progress. */
const PROGRESS_MS = 500;

const recordsOf = (request: BulkRequest) => (bytes: AsyncIterable<Buffer>) =>
  figureRecords(bytes, request.format, request.encoding);

/** The organisations the file names (its `organization` fields), read from the job's parts. */
async function namedOrganizations(db: DataSource, id: string, request: BulkRequest): Promise<string[]> {
  const named = new Set<string>();
  for await (const record of recordsOf(request)(jobParts(db, id))) {
    const ref = 'figure' in record ? record.figure.organization : undefined;
    if (typeof ref === 'string' && ref.trim() !== '' && ref.trim().length <= 200) named.add(ref.trim());
  }
  return [...named];
}

/** Receives the file into a new job and queues it; the job's id. */
export async function receiveFile(
  deps: PushDependencies,
  identity: Identity,
  request: BulkRequest,
  source: AsyncIterable<Buffer>,
): Promise<string> {
  checkRequest(identity, request);
  const id = await createJob(deps.db, identity, request);
  try {
    let [part, size, seq] = [[] as Buffer[], 0, 0];
    const flush = async () => {
      if (size > 0) await addPart(deps.db, id, seq++, Buffer.concat(part));
      [part, size] = [[], 0];
    };
    for await (const chunk of source) {
      part.push(chunk);
      size += chunk.length;
      if (size >= PART_BYTES) await flush();
    }
    await flush();
    const named = await namedOrganizations(deps.db, id, request);
    const organizations = Object.fromEntries(named.length > 0 ? await deps.organizations.resolve(named) : []);
    await updateJob(deps.db, id, { state: 'QUEUED', organizations });
    return id;
  } catch (error) {
    await deleteJob(deps.db, id);
    throw error;
  }
}

/** Runs a queued job: the file pushed as the caller who sent it, with `base` (its organisations as resolved on receipt). */
export async function runJob(base: Omit<PushDependencies, 'organizations'>, id: string): Promise<void> {
  const { db } = base;
  const job = await jobById(db, id);
  if (!job || (job.state !== 'QUEUED' && job.state !== 'RUNNING')) return;
  await updateJob(db, id, { state: 'RUNNING' });
  const identity: Identity = { subject: job.writer, org: job.writerOrg, roles: job.roles as Role[] };
  const request = job.request as unknown as BulkRequest;
  const deps: PushDependencies = {
    ...base,
    organizations: {
      resolve: async (refs) => new Map(refs.filter((r) => r in job.organizations).map((r) => [r, job.organizations[r]])),
    },
  };
  const progress = { rowsRead: 0, rowsWritten: 0 };
  let [recorded, saving] = [0, Promise.resolve()];
  const record = () => {
    if (Date.now() - recorded < PROGRESS_MS) return;
    recorded = Date.now();
    const change = { ...progress };
    saving = saving.then(() => updateJob(db, id, change)).catch(() => undefined);
  };
  try {
    const summary = await pushFile(deps, identity, request, recordsOf(request), jobParts(db, id), {
      read: (rows) => ((progress.rowsRead = rows), record()),
      written: (rows) => ((progress.rowsWritten = rows), record()),
    });
    await saving;
    const rowsWritten = summary.dryRun ? 0 : summary.created + summary.updated;
    await updateJob(db, id, { state: 'COMPLETED', rowsRead: summary.received, rowsWritten, summary });
  } catch (error) {
    await saving;
    const refusal = asHttpError(error);
    const known = refusal instanceof HttpError;
    const code = known ? refusal.code : ErrorCode.INTERNAL_SERVER_ERROR;
    const message = known ? refusal.message : 'the file could not be pushed: nothing was written';
    await updateJob(db, id, { state: 'FAILED', rowsWritten: 0, error: { code, message } });
    if (!known) throw error;
  } finally {
    await dropParts(db, id);
  }
}

/** A job as its sender sees it. */
export interface JobView {
  id: string;
  state: BulkJob['state'];
  bytes: number;
  rowsRead: number;
  rowsWritten: number;
  createdAt: Date;
  updatedAt: Date;
  summary: unknown;
  error: BulkJob['error'];
}

/** A job, for its sender's organisation, coordinators and admins; NOT_FOUND for anyone else. */
export async function jobStatus(db: DataSource, identity: Identity, id: string): Promise<JobView> {
  const job = await jobById(db, id);
  if (!job || (job.writerOrg !== identity.org && !hasRole(identity, 'coordinator', 'admin')))
    throw notFound('job', id.slice(0, 80));
  const { writer: _writer, writerOrg: _org, roles: _roles, request: _request, organizations: _names, ...view } = job;
  return view;
}
