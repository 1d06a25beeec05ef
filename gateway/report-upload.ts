/**
 * A filled reporting template (or any file of figures, .xlsx or CSV) sent back to the
 * gateway: read, pushed through `pushFigures` as the caller, and answered with a summary
 * that names each rejected cell by its sheet row and column letter. A dry run writes
 * nothing; a confirmed upload carries idempotency keys made from the file's bytes, so the
 * same file again writes nothing (`replayed`). The file is read within the upload limits
 * (rows, cells, unpacked bytes, the request's time); the answer lists the first
 * MAX_LISTED rejections and warnings and counts the rest, all of which `uploadProblemsCsv`
 * writes out.
 */
import { createHash } from 'node:crypto';
import { config } from '../lib/config';
import { ErrorCode } from '../lib/errors';
import { TextDecodingError } from '../lib/encoding';
import { CsvSyntaxError, toCsv } from '../lib/csv';
import { CELLS_PER_ROW, MAX_UNPACKED_BYTES, ReadLimitError, type ReadLimits } from '../lib/read-limits';
import { HttpError } from '../lib/server';
import { columnLetter, looksLikeXlsx, XlsxReadError } from '../lib/xlsx';
import { type FigureSheet, readFigureBytes } from '../lib/figure-file';

export const UPLOAD_MUTATION = `mutation UploadFigures($input: PushFiguresInput!) { pushFigures(input: $input) {
  replayed created updated unchanged rejected skipped rejections { index field code message } warnings { index code message } } }`;

/** What UPLOAD_MUTATION asks of `pushFigures`, as the gateway's schema answers it. */
interface Summary {
  replayed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: number;
  rejections: Array<{ index: number; field: string; code: string; message: string }>;
  warnings: Array<{ index: number; code: string; message: string }>;
}

/** Sends one batch through the gateway as the caller; throws the GraphQL error the push answered. */
export type PushBatch = (input: Record<string, unknown>) => Promise<Summary>;

/** A cell a rejection or warning is about: its row in the sheet (line in a CSV), and its column when the field is one. */
export interface CellReference {
  row: number;
  column: string | null;
  cell: string | null;
  field: string | null;
}

export interface UploadSummary {
  dryRun: boolean;
  /** SHA-256 of the file: the idempotency keys of a confirmed upload are made from it. */
  sha256: string;
  format: string;
  sheet: string | null;
  /** Rows holding a figure (rejected ones included); `unfilled` template rows are not among them. */
  rows: number;
  unfilled: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: number;
  /**
   * True when every batch had been landed by an earlier upload of the same file: nothing
   * was written, and the rows that upload created or updated count as unchanged.
   */
  replayed: boolean;
  /** The first MAX_LISTED rejections, by row; `rejectionsOmitted` more are counted in `rejected`. */
  rejections: Problem[];
  rejectionsOmitted: number;
  /** The first MAX_LISTED warnings, by row; `warningsOmitted` more were given. */
  warnings: Problem[];
  warningsOmitted: number;
}

type Problem = CellReference & { code: string; message: string };

/** Most rejections, and most warnings, an upload's answer lists; the rest are counted (and in the CSV of them). */
export const MAX_LISTED = 100;

/** Limits of an upload's reading, ending at `deadline`. */
export function uploadLimits(deadline: number): ReadLimits {
  const rows = config.maxUploadRows();
  return { rows, cells: rows * CELLS_PER_ROW, unpackedBytes: MAX_UNPACKED_BYTES, deadline };
}

const timedOut = () =>
  new HttpError(
    503,
    ErrorCode.REQUEST_TIMEOUT,
    `the upload took longer than ${config.requestTimeoutMs()} ms; what was confirmed of it may have landed: send the same file again`,
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
): Promise<FigureSheet & { format: string; sheet: string | null }> {
  checkFormat(format, bytes);
  try {
    return await readFigureBytes(bytes, encoding, limits);
  } catch (error) {
    if (error instanceof ReadLimitError) {
      if (error.kind === 'time') throw timedOut();
      const rest = error.kind === 'rows' ? ` (MAX_UPLOAD_ROWS); a larger file goes through \`ipzone import\`` : '; split it';
      throw new HttpError(413, ErrorCode.FILE_TOO_LARGE, `${error.message.replace(/: split it$/, '')}${rest}`);
    }
    if (error instanceof XlsxReadError || error instanceof TextDecodingError || error instanceof CsvSyntaxError) {
      throw new HttpError(400, ErrorCode.UNREADABLE_FILE, error.message);
    }
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, (error as Error).message);
  }
}

/** Reads the file and pushes its figures in batches of at most MAX_PUSH_ROWS. */
export async function uploadFigures(
  format: 'xlsx' | 'csv',
  bytes: Buffer,
  options: { dryRun: boolean; encoding?: string; limits: ReadLimits },
  push: PushBatch,
): Promise<UploadSummary & { all: { rejections: Problem[]; warnings: Problem[] } }> {
  const file = await readFile(format, bytes, options.encoding, options.limits);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const reference = (row: number, field: string | null): CellReference => {
    const index = field === null ? -1 : file.columns.indexOf(field);
    const column = index >= 0 ? columnLetter(index + 1) : null;
    return { row, column, cell: column && `${column}${row}`, field };
  };
  const summary: UploadSummary = {
    dryRun: options.dryRun,
    sha256,
    format: file.format,
    sheet: file.sheet,
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
    rejections: file.problems.map((p) => ({ ...reference(p.line, p.field), code: ErrorCode.BAD_USER_INPUT, message: p.message })),
    warnings: [],
  };
  const size = config.maxPushRows();
  let replayed = 0;
  for (let start = 0; start < file.rows.length; start += size) {
    if (Date.now() > options.limits.deadline) throw timedOut();
    const batch = file.rows.slice(start, start + size);
    const key = options.dryRun ? null : `upload:${sha256.slice(0, 32)}:${start / size}`;
    const answer = await push({ figures: batch.map((r) => r.figure), dryRun: options.dryRun, idempotencyKey: key });
    // A batch landed by an earlier upload of the same file writes nothing now: its rows count as unchanged.
    summary.created += answer.replayed ? 0 : answer.created;
    summary.updated += answer.replayed ? 0 : answer.updated;
    summary.unchanged += answer.unchanged + (answer.replayed ? answer.created + answer.updated : 0);
    summary.rejected += answer.rejected;
    summary.skipped += answer.skipped;
    if (answer.replayed) replayed += 1;
    for (const r of answer.rejections) {
      summary.rejections.push({ ...reference(batch[r.index].line, r.field), code: r.code, message: r.message });
    }
    for (const w of answer.warnings) {
      // A jump is in the value, or for a rate in its numerator.
      const figure = batch[w.index].figure;
      const field = w.code !== 'IMPLAUSIBLE_JUMP' ? null : figure.value !== undefined ? 'value' : 'numerator';
      summary.warnings.push({ ...reference(batch[w.index].line, field), code: w.code, message: w.message });
    }
  }
  const batches = Math.ceil(file.rows.length / size);
  summary.replayed = batches > 0 && replayed === batches;
  const all = {
    rejections: summary.rejections.sort((a, b) => a.row - b.row),
    warnings: summary.warnings.sort((a, b) => a.row - b.row),
  };
  summary.rejections = all.rejections.slice(0, MAX_LISTED);
  summary.rejectionsOmitted = all.rejections.length - summary.rejections.length;
  summary.warnings = all.warnings.slice(0, MAX_LISTED);
  summary.warningsOmitted = all.warnings.length - summary.warnings.length;
  return { ...summary, all };
}

/** Every rejection and warning of an upload, one a line, by row. */
export function uploadProblemsCsv(all: { rejections: Problem[]; warnings: Problem[] }): string {
  const line = (kind: string) => (p: Problem) => [kind, p.row, p.column ?? '', p.cell ?? '', p.field ?? '', p.code, p.message];
  const lines = [...all.rejections.map(line('rejection')), ...all.warnings.map(line('warning'))];
  return toCsv(['kind', 'row', 'column', 'cell', 'field', 'code', 'message'], lines);
}
