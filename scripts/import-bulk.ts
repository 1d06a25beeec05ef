/**
 * `ipzone import` of a large CSV file (import.ts): the file streamed from disk to the
 * gateway's POST /figures/bulk as a job, never read whole; a progress bar (cli-progress)
 * follows the job's rows read, then written, until its summary comes. The idempotency key
 * is made from the file's content, so the same file again writes nothing.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import { request } from 'undici';
import type { TextEncodingName } from '../lib/encoding';
import type { ClientError } from '../lib/client';
import { ErrorCode } from '../lib/errors';
import { openJobsFull } from '../lib/open-jobs';
import { looksLikeXlsx } from '../lib/xlsx';

/** CSV files larger than this go through the bulk path. */
const BULK_IMPORT_BYTES = 1024 * 1024;

/** Whether a file goes through the bulk path: a CSV file (not an .xlsx workbook, a zip) of more than BULK_IMPORT_BYTES. */
export function isLargeCsv(file: string): boolean {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false; // reading it names the problem
  }
  if (size <= BULK_IMPORT_BYTES) return false;
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return !looksLikeXlsx(head);
}

export interface BulkImportOptions {
  url: string;
  token: string;
  dryRun: boolean;
  atomic: boolean;
  encoding?: string;
}

/** A bulk push's summary as the import prints it. */
export interface BulkImportSummary {
  /** The encoding the hub read the file in. */
  encoding: TextEncodingName;
  replayed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: Array<{ line: number; field: string; code: string; message: string }>;
  warnings: Array<{ line: number; indicator: string; period: string; breakdown: string; code: string; message: string }>;
}

interface Job {
  id: string;
  state: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  rowsRead: number;
  rowsWritten: number;
  summary: BulkImportSummary | null;
  error: { code: string; message: string } | null;
}

/** The file's SHA-256 and its lines, in one pass. */
async function digest(file: string): Promise<{ sha256: string; lines: number }> {
  const hash = createHash('sha256');
  let lines = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) lines += 1;
  }
  return { sha256: hash.digest('hex'), lines };
}

type Refusal = { errors?: ClientError[] };

/** A refusal's answer, for people: its code and its message. */
const refusalText = (status: number, body: Refusal): string => {
  const error = body.errors?.[0];
  return `${error?.extensions?.code ?? status}: ${error?.message ?? 'the hub refused the file'}`;
};

async function answer<T>(response: Awaited<ReturnType<typeof request>>): Promise<T> {
  const body = (await response.body.json()) as T & Refusal;
  if (response.statusCode >= 400) throw new Error(refusalText(response.statusCode, body));
  return body;
}

/** An organisation's jobs not yet done, as GET /figures/bulk lists them. */
interface OpenJobs {
  organization: string;
  maxOpenJobs: number;
  jobs: Array<Pick<Job, 'id' | 'state' | 'rowsRead' | 'rowsWritten'> & { createdAt: string }>;
}

const jobLines = (jobs: OpenJobs['jobs']): string[] =>
  jobs.map((j) => `  job ${j.id}: ${j.state} since ${j.createdAt}, ${j.rowsRead} rows read, ${j.rowsWritten} written`);

/** The organisation's open jobs; a hub that does not answer in 10 s is not waited for (the file is sent, or the refusal stands alone). */
const listOpenJobs = async (url: string, authorization: string): Promise<OpenJobs> =>
  answer<OpenJobs>(
    await request(new URL('/figures/bulk', url), { headers: { authorization }, headersTimeout: 10_000, bodyTimeout: 10_000 }),
  );

/**
 * Before a file is sent: the refusal it would meet (MAX_OPEN_JOBS), with the organisation's
 * jobs not yet done, one a line; null when it has a place, or when the hub does not say (the
 * file is sent, and the hub answers for itself). A file is refused only once it has arrived
 * whole, so this spares sending a large one for nothing.
 */
async function noPlace(url: string, authorization: string): Promise<string | null> {
  let open: OpenJobs;
  try {
    open = await listOpenJobs(url, authorization);
  } catch {
    return null;
  }
  if (typeof open.maxOpenJobs !== 'number' || !Array.isArray(open.jobs) || open.jobs.length < open.maxOpenJobs) return null;
  return [
    `${ErrorCode.TOO_MANY_REQUESTS}: ${openJobsFull(open.organization, open.maxOpenJobs)}; the file was not sent`,
    ...jobLines(open.jobs),
  ].join('\n');
}

/** The refusal of a file for MAX_OPEN_JOBS, with the organisation's jobs not yet done (GET /figures/bulk), one a line. */
async function whatHoldsThePlace(
  refused: Awaited<ReturnType<typeof request>>,
  url: string,
  authorization: string,
): Promise<string> {
  const refusal = refusalText(refused.statusCode, (await refused.body.json()) as Refusal);
  try {
    return [refusal, ...jobLines((await listOpenJobs(url, authorization)).jobs)].join('\n');
  } catch {
    return refusal;
  }
}

/**
 * The job as the hub answers it now; when the hub does not answer, or answers that it is
 * unavailable (5xx: stopping, a service down), an error that says the job is kept.
 */
async function polled(id: string, url: string, authorization: string): Promise<Job> {
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(new URL(`/figures/bulk/${id}`, url), { headers: { authorization } });
    if (response.statusCode >= 500) {
      await response.body.dump();
      throw new Error(`HTTP ${response.statusCode}`);
    }
  } catch (error) {
    throw new Error(
      `the hub stopped answering while job ${id} ran (${(error as Error).message}); the job and its file are kept: ` +
        'it runs again when the hub starts, and this import run again then answers its summary',
      { cause: error },
    );
  }
  return answer<Job>(response);
}

/** Pushes the file through POST /figures/bulk as a job, showing its progress on stderr; its summary. */
export async function importBulk(file: string, options: BulkImportOptions): Promise<BulkImportSummary> {
  const { sha256, lines } = await digest(file);
  const endpoint = new URL('/figures/bulk', options.url);
  const params = endpoint.searchParams;
  params.set('job', 'true');
  params.set('dryRun', String(options.dryRun));
  params.set('atomic', String(options.atomic));
  if (options.encoding) params.set('encoding', options.encoding);
  if (!options.dryRun) params.set('idempotencyKey', `import:${sha256.slice(0, 24)}:bulk${options.atomic ? ':atomic' : ''}`);
  const authorization = `Bearer ${options.token}`;
  const full = await noPlace(options.url, authorization);
  if (full) throw new Error(full);
  const sent = await request(endpoint, {
    method: 'POST',
    headers: { authorization, 'content-type': 'text/csv', 'content-length': String(statSync(file).size) },
    body: createReadStream(file),
  });
  if (sent.statusCode === 429) throw new Error(await whatHoldsThePlace(sent, options.url, authorization));
  let job = await answer<Job>(sent);
  const total = Math.max(lines - 1, 1);
  const bar = new SingleBar(
    {
      format: '  {phase} [{bar}] {percentage}% | {value}/{total} rows',
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 2000,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { phase: 'reading' });
  try {
    while (job.state === 'QUEUED' || job.state === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = await polled(job.id, options.url, authorization);
      const writing = job.rowsWritten > 0;
      bar.update(Math.min(writing ? job.rowsWritten : job.rowsRead, total), { phase: writing ? 'writing' : 'reading' });
    }
    if (job.state === 'COMPLETED') bar.update(total, { phase: 'done' });
  } finally {
    bar.stop();
  }
  if (job.state === 'FAILED' || !job.summary)
    throw new Error(`${job.error?.code ?? 'FAILED'}: ${job.error?.message ?? 'the import failed'}; nothing was imported`);
  return job.summary;
}
