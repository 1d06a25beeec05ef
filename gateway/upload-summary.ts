/**
 * What an upload of figures answers: the summary (counts, and each rejection and warning
 * by its sheet cell, with the rows they are about and, for a period's report, the receipt),
 * built from the answers of `pushFigures` and `submitReport` that the gateway runs as the
 * caller; the explanations sent beside a file; and every problem as CSV.
 */
import { toCsv } from '../lib/csv';
import { graphql } from '../lib/gql';
import type { PushFiguresInput, SubmitReportInput, UploadReportMutation } from '../lib/gql/graphql';
import type { PushSummaryFields } from '../lib/hub-fragments';
import { HttpError } from '../lib/http-refusals';
import { storableStrings } from '../lib/server';
import { ErrorCode } from '../lib/errors';
import type { FigureRow } from '../lib/figure-file';

export const UPLOAD_MUTATION = graphql(`
  mutation UploadFigures($input: PushFiguresInput!) {
    pushFigures(input: $input) {
      ...PushSummaryFields
    }
  }
`).toString();

/** What UPLOAD_MUTATION asks of `pushFigures`, as the gateway's schema answers it. */
export type Summary = PushSummaryFields;

/** Sends one batch through the gateway as the caller; throws the GraphQL error the push answered. */
export type PushBatch = (input: PushFiguresInput) => Promise<Summary>;

/** A period's report, as SUBMIT_MUTATION answers it: the receipt when everything landed. */
export const SUBMIT_MUTATION = graphql(`
  mutation UploadReport($input: SubmitReportInput!) {
    submitReport(input: $input) {
      summary {
        ...PushSummaryFields
      }
      receipt {
        id
        period
        submittedBy
        submittedAt
        created
        updated
        unchanged
      }
    }
  }
`).toString();

/** Submits a period's report through the gateway as the caller (`submitReport`). */
export type SubmitReport = (input: SubmitReportInput) => Promise<UploadReportMutation['submitReport']>;

type UploadReceipt = NonNullable<UploadReportMutation['submitReport']['receipt']>;

/** The report a file is (`?period=`, and `organization` or the caller's). */
export interface ReportTarget {
  period: string;
  organization: string;
}

/**
 * A cell a rejection or warning is about: its row in the sheet (line in a CSV), and its
 * column when the field is one; a warning, and a figure refused for want of an
 * explanation (field `explanation`), name the cell of the value (a rate's numerator).
 */
interface CellReference {
  row: number;
  column: string | null;
  cell: string | null;
  field: string | null;
}

export interface UploadSummary {
  dryRun: boolean;
  /** SHA-256 of the file: the idempotency keys of a confirmed upload are made from it (and from its explanations). */
  sha256: string;
  format: string;
  /** The sheet read (the first with the header row; null for CSV), and the header's row (a CSV's line 1). */
  sheet: string | null;
  headerRow: number | null;
  /** The period of the report the file is (`?period=`); null for figures of any period. */
  period: string | null;
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
  /** The rows the listed rejections and warnings are about (a row the file could not read is not among them). */
  problemRows: ProblemRow[];
  /** The receipt of a report (`?period=`) that landed; null otherwise. */
  receipt: UploadReceipt | null;
}

export type Problem = CellReference & { code: string; message: string };

/** A row a listed rejection or warning is about, with what the file gives in it. */
export interface ProblemRow {
  row: number;
  indicator: string;
  period: string;
  breakdown: string;
}

/** Most rejections, and most warnings, an upload's answer lists; the rest are counted (and in the CSV of them). */
export const MAX_LISTED = 100;

/** The cell of `field` in `row`; `column` (0-based) names a cell no field does (one under no heading, beyond the header). */
export type Reference = (row: number, field: string | null, column?: number) => CellReference;

/** Lists an answer's rejections and warnings by the cells of `rows`, the rows the answer's indexes count. */
export function addProblems(summary: UploadSummary, answer: Summary, rows: FigureRow[], reference: Reference): void {
  // A warning is in the value, or for a rate in its numerator; so is the rejection of a warned figure left unexplained.
  const warnedCell = (row: FigureRow) => reference(row.line, row.figure.value !== undefined ? 'value' : 'numerator');
  for (const r of answer.rejections) {
    const row = rows[r.index];
    if (r.code === 'EXPLANATION_REQUIRED') {
      // Named at the value; the message says where the explanation goes when the file has a column for it.
      const explanation = reference(row.line, 'explanation').cell;
      const where = explanation ? `; write the explanation in ${explanation} (情况说明 / explanation)` : '';
      summary.rejections.push({ ...warnedCell(row), field: r.field, code: r.code, message: `${r.message}${where}` });
    } else summary.rejections.push({ ...reference(row.line, r.field), code: r.code, message: r.message });
  }
  for (const w of answer.warnings) {
    const row = rows[w.index];
    summary.warnings.push({
      ...(w.code === 'IMPLAUSIBLE_JUMP' ? warnedCell(row) : reference(row.line, null)),
      code: w.code,
      message: w.message,
    });
  }
}

/** Adds the counts of an answer that wrote (or would write) its rows; a batch landed before writes nothing now. */
export function addCounts(summary: UploadSummary, answer: Summary): void {
  summary.created += answer.replayed ? 0 : answer.created;
  summary.updated += answer.replayed ? 0 : answer.updated;
  summary.unchanged += answer.unchanged + (answer.replayed ? answer.created + answer.updated : 0);
  summary.rejected += answer.rejected;
  summary.skipped += answer.skipped;
}

export const rowFigure = ({ line, figure }: FigureRow): ProblemRow => ({
  row: line,
  indicator: String(figure.indicator),
  period: String(figure.period),
  breakdown: typeof figure.breakdown === 'string' ? figure.breakdown : '',
});

/**
 * The explanations sent beside a file: a JSON object from sheet row to text,
 * `{"7": "四季度集中审结一批系列案件"}`; empty texts are dropped.
 */
export function readExplanations(text: string): Map<number, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const refuse = (why: string) => new HttpError(400, ErrorCode.BAD_USER_INPUT, `explanations: ${why}`);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw refuse('send a JSON object from sheet row to text, e.g. {"7": "…"}');
  const explanations = new Map<number, string>();
  for (const [row, value] of Object.entries(parsed)) {
    if (!/^[1-9]\d{0,8}$/.test(row)) throw refuse(`"${row.slice(0, 20)}" is not a sheet row`);
    if (typeof value !== 'string' || !storableStrings(value)) throw refuse(`row ${row}: the explanation is not text`);
    if (value.trim() !== '') explanations.set(Number(row), value.trim());
  }
  return explanations;
}

/** Every rejection and warning of an upload, one a line, by row. */
export function uploadProblemsCsv(all: { rejections: Problem[]; warnings: Problem[] }): string {
  const line = (kind: string) => (p: Problem) => [kind, p.row, p.column ?? '', p.cell ?? '', p.field ?? '', p.code, p.message];
  const lines = [...all.rejections.map(line('rejection')), ...all.warnings.map(line('warning'))];
  return toCsv(['kind', 'row', 'column', 'cell', 'field', 'code', 'message'], lines);
}
