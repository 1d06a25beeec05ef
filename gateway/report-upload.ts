/**
 * A filled reporting template (or any file of figures, .xlsx or CSV) sent back to the
 * gateway: read, pushed through `pushFigures` as the caller, and answered with a summary
 * that names each rejected cell by its sheet row and column letter. A dry run writes
 * nothing; a confirmed upload carries idempotency keys made from the file's bytes (and
 * the explanations sent with it), so the same upload again writes nothing (`replayed`).
 * A figure that raises a warning (an implausible jump) lands only explained, as on the
 * reporting form: in the file's explanation column, or beside the file by sheet row. A
 * file sent as a period's report (`?period=`, as the reporting page sends it) is checked
 * as one atomic push, and lands through `submitReport`, with a receipt.
 * The file is read within the upload limits (rows, cells, unpacked bytes, the request's
 * time); the answer lists the first MAX_LISTED rejections and warnings and counts the
 * rest, all of which `uploadProblemsCsv` (upload-summary.ts) writes out.
 */
import { createHash } from 'node:crypto';
import { ErrorCode } from '../lib/errors';
import { TextDecodingError } from '../lib/encoding';
import { CsvSyntaxError } from '../lib/csv';
import { CELLS_PER_ROW, MAX_UNPACKED_BYTES, ReadLimitError, type ReadLimits } from '../lib/read-limits';
import { parsePeriod } from '../lib/period';
import { HttpError } from '../lib/http-refusals';
import { columnLetter, looksLikeXlsx, XlsxReadError } from '../lib/xlsx';
import { asFigureInputs, type FigureRow, type FigureSheet, readFigureBytes } from '../lib/figure-file';
import {
  addCounts,
  addProblems,
  MAX_LISTED,
  type Problem,
  type PushBatch,
  type Reference,
  type ReportTarget,
  rowFigure,
  type SubmitReport,
  type UploadSummary,
} from './upload-summary';

/** Limits of an upload's reading: at most `rows` rows (MAX_UPLOAD_ROWS), ending at `deadline`. */
export function uploadLimits(rows: number, deadline: number): ReadLimits {
  return { rows, cells: rows * CELLS_PER_ROW, unpackedBytes: MAX_UNPACKED_BYTES, deadline };
}

const timedOut = (timeoutMs: number) =>
  new HttpError(
    503,
    ErrorCode.REQUEST_TIMEOUT,
    `the upload took longer than ${timeoutMs} ms; what was confirmed of it may have landed: send the same file again`,
  );

/** The upload's `format` (by its URL) against the bytes: a clear refusal before anything is read. */
function checkFormat(format: 'xlsx' | 'csv', bytes: Buffer): void {
  if (bytes.length === 0)
    throw new HttpError(400, ErrorCode.UNREADABLE_FILE, 'the request body is empty: send the file as the body');
  if (format === 'xlsx' && !looksLikeXlsx(bytes)) {
    throw new HttpError(
      400,
      ErrorCode.UNREADABLE_FILE,
      'the file is not an .xlsx workbook; a CSV file goes to /report/upload.csv',
    );
  }
  if (format === 'csv' && looksLikeXlsx(bytes)) {
    throw new HttpError(400, ErrorCode.UNREADABLE_FILE, 'the file is an .xlsx workbook, not CSV: send it to /report/upload.xlsx');
  }
}

async function readFile(
  format: 'xlsx' | 'csv',
  bytes: Buffer,
  encoding: string | undefined,
  limits: ReadLimits,
  timeoutMs: number,
): Promise<FigureSheet & { format: string; sheet: string | null; headerRow: number | null }> {
  checkFormat(format, bytes);
  try {
    return await readFigureBytes(bytes, encoding, limits);
  } catch (error) {
    if (error instanceof ReadLimitError) {
      if (error.kind === 'time') throw timedOut(timeoutMs);
      const rest = error.kind === 'rows' ? ` (MAX_UPLOAD_ROWS); a larger file goes through \`ipzone import\`` : '; split it';
      throw new HttpError(413, ErrorCode.FILE_TOO_LARGE, `${error.message.replace(/: split it$/, '')}${rest}`);
    }
    if (error instanceof XlsxReadError || error instanceof TextDecodingError || error instanceof CsvSyntaxError) {
      throw new HttpError(400, ErrorCode.UNREADABLE_FILE, error.message);
    }
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, (error as Error).message);
  }
}

/** How an upload reaches the gateway's schema as its caller: `pushFigures` in batches, and `submitReport` for a report. */
export interface UploadGateway {
  push: PushBatch;
  submit: SubmitReport;
}

/** What an upload does with a file: check it (a dry run) or land it, its explanations, and whether it is a period's report. */
export interface UploadOptions {
  dryRun: boolean;
  encoding?: string;
  limits: ReadLimits;
  /** The request's time limit (REQUEST_TIMEOUT_MS), named when the upload runs out of it. */
  timeoutMs: number;
  /** Rows in one push (MAX_PUSH_ROWS). */
  batchRows: number;
  /** Explanations of warned figures by their sheet row (a CSV's line), sent beside the file (a multipart form). */
  explanations?: Map<number, string>;
  /** The file is this organisation's report of this period (`?period=`): it lands whole through submitReport, or not at all. */
  report?: ReportTarget;
}

/** The figure rows of the file with their explanations; an explanation for a row that holds no figure is refused. */
function explained(rows: FigureRow[], explanations: Map<number, string>): FigureRow[] {
  const lines = new Set(rows.map((r) => r.line));
  const stray = [...explanations.keys()].filter((line) => !lines.has(line));
  if (stray.length > 0)
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, `explanations name row ${stray[0]}, which holds no figure of the file`);
  return rows.map((r) =>
    explanations.has(r.line) ? { ...r, figure: { ...r.figure, explanation: explanations.get(r.line) } } : r,
  );
}

/** Reads the file and pushes its figures in batches of at most MAX_PUSH_ROWS, or submits it as a period's report. */
export async function uploadFigures(
  format: 'xlsx' | 'csv',
  bytes: Buffer,
  options: UploadOptions,
  gateway: UploadGateway,
): Promise<UploadSummary & { all: { rejections: Problem[]; warnings: Problem[] } }> {
  const file = await readFile(format, bytes, options.encoding, options.limits, options.timeoutMs);
  const explanations = options.explanations ?? new Map<number, string>();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // The keys of a confirmed upload: from the file, and from its explanations when it has any.
  const keyHash =
    explanations.size === 0
      ? sha256
      : createHash('sha256')
          .update(sha256)
          .update(JSON.stringify([...explanations].sort((a, b) => a[0] - b[0])))
          .digest('hex');
  const reference: Reference = (row, field, at) => {
    const index = at ?? (field === null ? -1 : file.columns.indexOf(field));
    const column = index >= 0 ? columnLetter(index + 1) : null;
    return { row, column, cell: column && `${column}${row}`, field };
  };
  const rows = explained(file.rows, explanations);
  const summary: UploadSummary = {
    dryRun: options.dryRun,
    sha256,
    format: file.format,
    sheet: file.sheet,
    headerRow: file.headerRow,
    period: options.report?.period ?? null,
    rows: file.rows.length + file.problems.length,
    unfilled: file.unfilled,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: file.problems.length,
    skipped: 0,
    replayed: false,
    rejectionsOmitted: 0,
    warningsOmitted: 0,
    rejections: file.problems.map((p) => ({
      ...reference(p.line, p.field, p.column),
      code: ErrorCode.BAD_USER_INPUT,
      message: p.message,
    })),
    warnings: [],
    problemRows: [],
    receipt: null,
  };
  if (options.report) await submitReport(summary, rows, options, keyHash, reference, gateway);
  else await pushBatches(summary, rows, options, keyHash, reference, gateway.push);
  const all = {
    rejections: summary.rejections.sort((a, b) => a.row - b.row),
    warnings: summary.warnings.sort((a, b) => a.row - b.row),
  };
  summary.rejections = all.rejections.slice(0, MAX_LISTED);
  summary.rejectionsOmitted = all.rejections.length - summary.rejections.length;
  summary.warnings = all.warnings.slice(0, MAX_LISTED);
  summary.warningsOmitted = all.warnings.length - summary.warnings.length;
  const named = new Set([...summary.rejections, ...summary.warnings].map((p) => p.row));
  summary.problemRows = rows.filter((r) => named.has(r.line)).map((r) => rowFigure(r));
  return { ...summary, all };
}

/**
 * A file of several batches is refused whole, or lands batch by batch: a refusal of its
 * caller (403: an indicator or organisation not theirs) must come before any batch lands.
 * A dry run of one row for each indicator and organisation the file names asks the push's
 * own checks, and throws that refusal with nothing written.
 */
async function checkCaller(rows: FigureRow[], size: number, push: PushBatch): Promise<void> {
  const named = new Map<string, FigureRow>();
  for (const row of rows) {
    const key = JSON.stringify([row.figure.indicator, row.figure.organization]);
    if (!named.has(key)) named.set(key, row);
  }
  const firsts = [...named.values()];
  for (let start = 0; start < firsts.length; start += size) {
    const figures = asFigureInputs(firsts.slice(start, start + size).map((r) => r.figure));
    await push({ figures, dryRun: true, idempotencyKey: null, requireExplanations: true });
  }
}

async function pushBatches(
  summary: UploadSummary,
  rows: FigureRow[],
  options: UploadOptions,
  keyHash: string,
  reference: Reference,
  push: PushBatch,
): Promise<void> {
  const size = options.batchRows;
  if (!options.dryRun && rows.length > size) await checkCaller(rows, size, push);
  let replayed = 0;
  for (let start = 0; start < rows.length; start += size) {
    if (Date.now() > options.limits.deadline) throw timedOut(options.timeoutMs);
    const batch = rows.slice(start, start + size);
    const key = options.dryRun ? null : `upload:${keyHash.slice(0, 32)}:${start / size}`;
    // Warnings are explained or the row is refused, as on the reporting form (EXPLANATION_REQUIRED).
    const answer = await push({
      figures: asFigureInputs(batch.map((r) => r.figure)),
      dryRun: options.dryRun,
      idempotencyKey: key,
      requireExplanations: true,
    });
    addCounts(summary, answer);
    if (answer.replayed) replayed += 1;
    addProblems(summary, answer, batch, reference);
  }
  const batches = Math.ceil(rows.length / size);
  summary.replayed = batches > 0 && replayed === batches;
}

/**
 * A period's report: every row of that period and organisation (others are rejected by
 * their cell), every warning explained, checked as one atomic push; confirmed with nothing
 * rejected, it lands through `submitReport` and the answer carries the receipt.
 */
async function submitReport(
  summary: UploadSummary,
  rows: FigureRow[],
  options: UploadOptions,
  keyHash: string,
  reference: Reference,
  gateway: UploadGateway,
): Promise<void> {
  const { period, organization } = options.report!;
  const size = options.batchRows;
  if (rows.length > size) {
    throw new HttpError(
      413,
      ErrorCode.FILE_TOO_LARGE,
      `a report takes at most ${size} rows (MAX_PUSH_ROWS); upload a larger file without period`,
    );
  }
  const ours: FigureRow[] = [];
  for (const row of rows) {
    const [rowPeriod, rowOrganization] = [row.figure.period, row.figure.organization ?? ''].map((v) => String(v).trim());
    const other =
      parsePeriod(rowPeriod)?.text !== period
        ? { field: 'period', message: `the file is the report of ${period}; this row is for ${rowPeriod.slice(0, 40)}` }
        : rowOrganization !== '' && rowOrganization.toLowerCase() !== organization.toLowerCase()
          ? {
              field: 'organization',
              message: `the file is the report of ${organization}; this row is for ${rowOrganization.slice(0, 80)}`,
            }
          : null;
    if (other)
      summary.rejections.push({ ...reference(row.line, other.field), code: ErrorCode.BAD_USER_INPUT, message: other.message });
    else ours.push({ line: row.line, figure: { ...row.figure, organization } });
  }
  summary.rejected = summary.rejections.length;
  const figures = asFigureInputs(ours.map((r) => r.figure));
  if (options.dryRun || summary.rejected > 0) {
    if (figures.length > 0) {
      const answer = await gateway.push({ figures, dryRun: true, atomic: true, requireExplanations: true });
      addCounts(summary, answer);
      addProblems(summary, answer, ours, reference);
    }
  } else {
    if (figures.length === 0) throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'the file holds no figure: nothing to submit');
    const answer = await gateway.submit({ period, organization, figures, idempotencyKey: `upload:${keyHash.slice(0, 40)}` });
    addCounts(summary, answer.summary);
    addProblems(summary, answer.summary, ours, reference);
    summary.replayed = answer.summary.replayed;
    summary.receipt = answer.receipt;
  }
  // All or nothing: with any row rejected, the others are skipped (a row may be rejected for more than one reason).
  if (summary.rejected > 0) {
    summary.skipped = summary.rows - new Set(summary.rejections.map((r) => r.row)).size;
    summary.created = summary.updated = summary.unchanged = 0;
  }
}
