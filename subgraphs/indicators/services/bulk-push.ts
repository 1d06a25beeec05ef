/**
 * A file of figures pushed in bulk (POST /figures/bulk): read as it arrives, each row
 * checked on its own as `pushFigures` checks it (push-rows.ts) and staged by COPY; the same
 * figure given twice found in SQL; then, in one transaction, the staged rows checked
 * against the stored state and written in batches (bulk-plan.ts) by the push's own checks
 * and writes (push-land.ts). Same revisions, same idempotency (a key's request is the
 * file's SHA-256), same summary as `pushFigures`, each problem with its line too.
 */
import { createHash } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import { z } from 'zod';
import { badInput, ErrorCode, forbidden } from '../../../lib/errors';
import type { TextEncodingName } from '../../../lib/encoding';
import type { FigureRecords, FileFormat, StreamedRecord } from '../../../lib/figure-stream';
import { FIGURE_WRITERS, hasRole, type Identity } from '../../../lib/identity';
import { todayUtc } from '../../../lib/period';
import { tooLong, tooLongMessage } from '../../../lib/text';
import { copyStaged, createStaging, dropStaging, removeRepeats, stagedLine, stagedPeriods } from '../data/bulk-staging';
import { isRetryable, type KeyClaim } from '../data/figure-store';
import { cancelOnAbort } from '../data/statement-cancel';
import type { IndicatorRules } from '../data/repository';
import type { PushSummary } from '../model/figure-types';
import { fileFigure, isRowProblem } from '../model/file-row';
import { isRejection, type Rejection } from '../model/rows';
import { type BulkProgress, landBatches } from './bulk-land';
import { combinedOf } from './push-land';
import { emptySummary, type PushDependencies } from './push';
import { indicatorReference, prepareFigure, refuseForeign, type RowContext } from './push-rows';

/** A file's push options: as the endpoint reads them from its query, and as a job keeps them (bulk-jobs.ts). */
export const BulkRequestFields = z.object({
  format: z.enum(['csv', 'ndjson']) satisfies z.ZodType<FileFormat>,
  encoding: z.string().optional(),
  dryRun: z.boolean(),
  atomic: z.boolean(),
  idempotencyKey: z.string().nullable(),
  requireExplanations: z.boolean(),
});
export type BulkRequest = z.output<typeof BulkRequestFields>;

/** A push's summary, each rejection and warning with the line of the file it names, the file's SHA-256 and the encoding it was read in. */
export type BulkSummary = Omit<PushSummary, 'rejections' | 'warnings'> & {
  sha256: string;
  encoding: TextEncodingName;
  rejections: Array<PushSummary['rejections'][number] & { line: number }>;
  warnings: Array<PushSummary['warnings'][number] & { line: number; indicator: string; period: string; breakdown: string }>;
};

/** Rows read before their references are resolved and their lines staged together. */
const READ_BATCH = 2000;

/** The caller may push figures at all, and the key is one. */
export function checkRequest(identity: Identity, request: BulkRequest): void {
  if (!hasRole(identity, ...FIGURE_WRITERS)) throw forbidden('pushing figures needs the reporter, coordinator or admin role');
  const key = request.idempotencyKey;
  if (key !== null && tooLong(key, 'idempotencyKey')) throw badInput(tooLongMessage('idempotencyKey'), 'idempotencyKey');
}

/** What reading the file leaves: the rows' problems, their lines, the organisations written for, the file's hash. */
interface Read {
  received: number;
  rejections: Rejection[];
  lines: Int32Array;
  targets: Set<string>;
  indicators: Map<string, IndicatorRules>;
  sha256: string;
  encoding: TextEncodingName;
}

/** Reads the file into the staging table: each row checked on its own, the lines of those that pass copied. */
async function stageFile(
  deps: PushDependencies,
  runner: QueryRunner,
  identity: Identity,
  records: (source: AsyncIterable<Buffer>) => FigureRecords,
  source: AsyncIterable<Buffer>,
  progress: BulkProgress | undefined,
  now: Date,
): Promise<Read> {
  const hash = createHash('sha256');
  const hashed = (async function* () {
    for await (const chunk of source) {
      hash.update(chunk);
      yield chunk;
    }
  })();
  const context: RowContext = { identity, indicators: new Map(), organizationIds: new Map(), today: todayUtc(now) };
  const read: Read = {
    received: 0,
    rejections: [],
    lines: new Int32Array(1024),
    targets: new Set(),
    indicators: context.indicators,
    sha256: '',
    encoding: 'utf-8',
  };
  const place = (index: number, line: number) => {
    if (index >= read.lines.length) {
      const grown = new Int32Array(read.lines.length * 2);
      grown.set(read.lines);
      read.lines = grown;
    }
    read.lines[index] = line;
  };
  const stage = async (batch: StreamedRecord[]): Promise<string> => {
    const figures = batch.flatMap((record) => {
      if ('problem' in record) {
        read.rejections.push({ index: record.index, code: ErrorCode.BAD_USER_INPUT, ...record.problem });
        return [];
      }
      const figure = fileFigure(record.figure);
      if (isRowProblem(figure)) {
        read.rejections.push({ index: record.index, ...figure });
        return [];
      }
      return [{ index: record.index, figure }];
    });
    const refs = figures.map((f) => indicatorReference(f.figure)).filter((r) => r.length <= 200 && !context.indicators.has(r));
    if (refs.length > 0) for (const [ref, rules] of await deps.indicators.byReferences(refs)) context.indicators.set(ref, rules);
    const named = figures.map((f) => f.figure.organization?.trim()).filter((o): o is string => !!o && o.length <= 200);
    const unknown = named.filter((o) => !context.organizationIds.has(o));
    if (unknown.length > 0)
      for (const [ref, id] of await deps.organizations.resolve(unknown)) context.organizationIds.set(ref, id);
    refuseForeign(
      context,
      figures.map((f) => f.figure),
      named,
    );
    let text = '';
    for (const { index, figure } of figures) {
      const row = prepareFigure(context, figure, index);
      if (isRejection(row)) read.rejections.push(row);
      else {
        read.targets.add(row.organizationId);
        text += stagedLine(row);
      }
    }
    progress?.read(read.received);
    return text;
  };
  const reading = records(hashed);
  const lines = async function* () {
    let batch: StreamedRecord[] = [];
    for await (const record of reading) {
      place(record.index, record.line);
      read.received = record.index + 1;
      batch.push(record);
      if (batch.length >= READ_BATCH) {
        yield await stage(batch);
        batch = [];
      }
    }
    yield await stage(batch);
  };
  await copyStaged(runner, lines());
  read.sha256 = hash.digest('hex');
  read.encoding = reading.encoding ?? read.encoding;
  return read;
}

/** Told how far a file's push has come, and asked before its landing commits with the file's summary (each problem with its line). */
type FileProgress = BulkProgress<BulkSummary>;

/** Told how far the push has come; each step first stops it when `signal` has aborted. */
const stopping = (
  signal: AbortSignal | undefined,
  progress: FileProgress | undefined,
  summarised: (summary: PushSummary) => BulkSummary,
): BulkProgress => ({
  committing: async (manager, summary) => (signal?.throwIfAborted(), await progress?.committing?.(manager, summarised(summary))),
  read: (rows) => (signal?.throwIfAborted(), progress?.read(rows)),
  staged: () => (signal?.throwIfAborted(), progress?.staged()),
  written: (rows) => (signal?.throwIfAborted(), progress?.written(rows)),
});

/**
 * Pushes a file: its records as `records` reads them from `source`. When `signal` aborts
 * the push stops, at its next step or inside the database at once, and nothing is written.
 */
export async function pushFile(
  deps: PushDependencies,
  identity: Identity,
  request: BulkRequest,
  records: (source: AsyncIterable<Buffer>) => FigureRecords,
  source: AsyncIterable<Buffer>,
  told?: FileProgress,
  signal?: AbortSignal,
): Promise<BulkSummary> {
  checkRequest(identity, request);
  signal?.throwIfAborted();
  let read: Read | undefined;
  const progress = stopping(signal, told, (summary) => withLines(summary, read!));
  const runner = deps.db.createQueryRunner();
  await runner.connect();
  let stopListening: (() => Promise<void>) | undefined;
  try {
    if (signal) stopListening = await cancelOnAbort(deps.db, runner, signal);
    signal?.throwIfAborted();
    await createStaging(runner);
    const now = deps.clock.now();
    read = await stageFile(deps, runner, identity, records, source, progress, now);
    for (const { index, first } of await removeRepeats(runner))
      read.rejections.push({ index, field: 'period', code: ErrorCode.CONFLICT, message: `the same figure as row ${first}` });
    const claim: KeyClaim | null = request.idempotencyKey
      ? {
          key: request.idempotencyKey,
          requestHash: `file:${read.sha256}`,
          writer: identity.subject,
          writerOrg: identity.org,
          targets: [...(read.targets.size > 0 ? read.targets : [identity.org])].sort(),
        }
      : null;
    const periods = await stagedPeriods(runner);
    progress.staged();
    const summary = emptySummary({ ...request, figures: { length: read.received } }, request.idempotencyKey);
    summary.rejections = read.rejections;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const landed = await landBatches(runner, {
          claim,
          periods,
          summary: structuredClone(summary),
          check: {
            identity,
            combinedOf: combinedOf(read.indicators.values()),
            requireExplanations: request.requireExplanations,
            now,
            settings: deps.settings,
          },
          progress,
        });
        return withLines(landed, read);
      } catch (error) {
        if (!isRetryable(error) || attempt >= 6 || signal?.aborted) throw error;
      }
    }
  } finally {
    await stopListening?.();
    await dropStaging(runner).catch(() => undefined);
    await runner.release();
  }
}

function withLines(summary: PushSummary, read: Read): BulkSummary {
  const line = (index: number) => read.lines[index];
  return {
    ...summary,
    sha256: read.sha256,
    encoding: read.encoding,
    rejections: summary.rejections.map((r) => ({ ...r, line: line(r.index) })),
    warnings: (summary.warnings as Array<BulkSummary['warnings'][number]>).map((w) => ({ ...w, line: line(w.index) })),
  };
}
