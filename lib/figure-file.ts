/**
 * Files of figures, as `ipzone import`, `npm run demo` and the gateway's uploads read
 * them: CSV, or a sheet of an .xlsx workbook (the hub's reporting template filled in).
 * The first line names the columns (any order; a bilingual heading such as "数值 / value"
 * counts by the part after its last slash), one figure a line; in a workbook the header
 * is found by its content: the first sheet with a row naming indicator and period among
 * its first HEADER_WITHIN rows (a title above it, or a sheet of notes before it, is
 * passed over). Numbers are written in decimals (`1234.5`, `-3`, `1.2e3`); hexadecimal,
 * binary, `Infinity` and thousands separators are refused. Status and flags take their
 * codes or Chinese words (lib/figure-words.ts). Every row has as many fields as the
 * header; every problem names its cell.
 */
import { readFileSync } from 'node:fs';
import { fileProblem } from './command-line';
import type { FigureInput } from './gql/graphql';
import { type CsvRecord, parseCsv, streamCsv } from './csv';
import { decodeText } from './encoding';
import { ReadBudget, type ReadLimits, UNLIMITED } from './read-limits';
import { cell } from './figure-cells';
import { columnLetter, looksLikeXlsx } from './xlsx';
import { streamXlsx } from './xlsx-read';

const FIGURE_CSV_COLUMNS = [
  'indicator',
  'period',
  'value',
  'numerator',
  'denominator',
  'breakdown',
  'status',
  'note',
  'source',
  'reason',
  'explanation',
  'withdraw',
  'organization',
  'flags',
  'reported_on',
] as const;
/** Columns whose figure field is spelled otherwise. */
const FIELDS: Record<string, string> = { reported_on: 'reportedOn' };
/** Columns of the reporting template that only inform whoever fills it: read past, never sent. */
const TEMPLATE_ONLY_COLUMNS = ['name', 'unit', 'previous'] as const;
const REQUIRED = ['indicator', 'period'];
const FIGURE_CELLS = ['value', 'numerator', 'denominator', 'withdraw'];

export interface FigureRow {
  line: number;
  figure: Record<string, unknown>;
}

/**
 * Figures as `pushFigures` takes them, sent as the file gives them: the hub checks every
 * field and names what is wrong, so a file is not trusted to hold what FigureInput says.
 */
export const asFigureInputs = (figures: ReadonlyArray<Record<string, unknown>>): FigureInput[] =>
  figures.map((figure) => figure as FigureInput);

/** A row that cannot be read: `field` is the column at fault (or "row"); `column` (0-based) the cell's, when the field does not say it. */
interface FigureProblem {
  line: number;
  field: string;
  message: string;
  column?: number;
}

type RecordProblem = Omit<FigureProblem, 'line'>;

/** Rows of a sheet looked at for its header row. */
export const HEADER_WITHIN = 20;

/** The figures of a file: `columns` are the header's column names in order (template-only ones included). */
export interface FigureSheet {
  columns: string[];
  rows: FigureRow[];
  problems: FigureProblem[];
  /** Template rows left without a value, numerator, denominator or withdrawal: nothing to report. */
  unfilled: number;
}

/** A heading's column name: "数值 / value" → value. */
const columnName = (heading: string) =>
  heading
    .slice(heading.lastIndexOf('/') + 1)
    .trim()
    .toLowerCase();

/** What one record of a file of figures holds. */
export type FigureRecord = 'empty' | 'unfilled' | { row: FigureRow } | { problem: { field: string; message: string } };

/** Whether a row names the columns every file of figures has: the header row of a sheet. */
export const isFigureHeader = (fields: string[]): boolean => {
  const columns = fields.map(columnName);
  return REQUIRED.every((c) => columns.includes(c));
};

/** How many unknown columns a refusal names, and how many cells of each. */
const SHOWN = 5;

/** A list of cells: "D3", "E3". */
const cells = (line: number, indexes: number[]) => indexes.map((i) => `${columnLetter(i + 1)}${line}`).join(', ');

/**
 * Reads records of figures one at a time: the header first, then `add` each record and
 * `result`, or `read` each record for a caller that keeps none of them (a file streamed).
 */
export class FigureRecordReader {
  private readonly template: boolean;
  private readonly figureCells: number[];
  private readonly sheet: FigureSheet;
  readonly columns: string[];

  /** Columns read past: informative ones, and those a merged heading spans beyond its first. */
  private readonly passed: Set<number>;
  /** Columns without a heading: a cell holding something under one is refused. */
  private readonly unnamed: Set<number>;

  /** The header: its columns by name; a heading merged over several columns names the first of them. */
  constructor(header: CsvRecord & { covered?: number[] }) {
    const covered = new Set(header.covered ?? []);
    const columns = header.fields.map((heading, i) => (covered.has(i) ? '' : columnName(heading)));
    const known = [...FIGURE_CSV_COLUMNS, ...TEMPLATE_ONLY_COLUMNS] as readonly string[];
    // Each heading's columns, found in one pass: a header of many thousand columns costs no more than its length.
    const indexes = new Map<string, number[]>();
    columns.forEach((c, i) => indexes.set(c, [...(indexes.get(c) ?? []), i].slice(0, SHOWN + 1)));
    const at = (name: string) => indexes.get(name) ?? [];
    const unknown = [...indexes.keys()].filter((c) => c !== '' && !known.includes(c));
    if (unknown.length > 0) {
      const more = unknown.length > SHOWN ? ` and ${unknown.length - SHOWN} more` : '';
      throw new Error(
        `unknown column(s): ${unknown
          .slice(0, SHOWN)
          .map((c) => `${c.slice(0, 40)} (${cells(header.line, at(c).slice(0, SHOWN))})`)
          .join(', ')}${more}; columns are: ${FIGURE_CSV_COLUMNS.join(', ')}`,
      );
    }
    const missing = REQUIRED.filter((c) => !columns.includes(c));
    if (missing.length > 0) throw new Error(`missing column(s): ${missing.join(', ')}`);
    const twice = FIGURE_CSV_COLUMNS.find((c) => at(c).length > 1);
    if (twice) throw new Error(`the column ${twice} is there more than once (${cells(header.line, at(twice))}): keep one`);
    this.columns = columns;
    this.passed = new Set(
      columns.flatMap((c, i) => (covered.has(i) || (TEMPLATE_ONLY_COLUMNS as readonly string[]).includes(c) ? [i] : [])),
    );
    this.unnamed = new Set(columns.flatMap((c, i) => (c === '' && !covered.has(i) ? [i] : [])));
    this.template = TEMPLATE_ONLY_COLUMNS.some((c) => columns.includes(c));
    this.figureCells = FIGURE_CELLS.map((c) => columns.indexOf(c)).filter((i) => i >= 0);
    this.sheet = { columns, rows: [], problems: [], unfilled: 0 };
  }

  add(record: CsvRecord): void {
    const read = this.readCells(record);
    if (read === 'empty') return;
    if (read === 'unfilled') this.sheet.unfilled += 1;
    else if ('problem' in read) this.sheet.problems.push({ line: record.line, ...read.problem });
    else this.sheet.rows.push(read.row);
  }

  /** One record: a figure, a problem (its field), a template row left unfilled, or an empty row (no figure). */
  read(record: CsvRecord): FigureRecord {
    const read = this.readCells(record);
    return typeof read === 'object' && 'problem' in read
      ? { problem: { field: read.problem.field, message: read.problem.message } }
      : read;
  }

  /** One record, its problem naming the cell (`column`) when its field does not. */
  private readCells(record: CsvRecord): FigureRecord | { problem: RecordProblem } {
    const { columns } = this;
    const cells = record.fields.map((f) => f.trim());
    // A spreadsheet's empty rows (",,,") are no figures.
    if (cells.every((c) => c === '')) return 'empty';
    if (this.template && cells.length === columns.length && this.figureCells.every((i) => cells[i] === '')) return 'unfilled';
    if (cells.length !== columns.length) {
      const beyond = cells.findIndex((c, i) => i >= columns.length && c !== '');
      return {
        problem: {
          field: 'row',
          column: cells.length < columns.length ? cells.length : beyond >= 0 ? beyond : columns.length,
          message:
            `${cells.length} fields under a header of ${columns.length} columns` +
            (cells.length > columns.length ? ' (quote a field that holds a comma, or clear the cells beyond the header)' : ''),
        },
      };
    }
    const figure: Record<string, unknown> = {};
    let problem: RecordProblem | undefined;
    columns.forEach((column, i) => {
      if (cells[i] === '' || this.passed.has(i)) return;
      if (this.unnamed.has(i)) {
        problem ??= {
          field: 'row',
          column: i,
          message: `"${cells[i].slice(0, 40)}" is in a column without a heading: give the column one, or clear the cell`,
        };
        return;
      }
      const read = cell(column, cells[i]);
      if ('problem' in read) problem ??= { field: column, message: read.problem };
      else figure[FIELDS[column] ?? column] = read.value;
    });
    problem ??= REQUIRED.filter((c) => figure[c] === undefined).map((field) => ({ field, message: `${field} is empty` }))[0];
    if (problem) return { problem };
    // An estimate, as the reporting form offers it: a provisional figure flagged ESTIMATED.
    if (figure.status === 'ESTIMATED') {
      figure.status = 'PROVISIONAL';
      const flags = (figure.flags as string[] | undefined) ?? [];
      figure.flags = flags.includes('ESTIMATED') ? flags : [...flags, 'ESTIMATED'];
    }
    return { row: { line: record.line, figure } };
  }

  result(): FigureSheet {
    return this.sheet;
  }
}

/** Reads records of figures (a CSV's or a sheet's): FigureInput objects with their lines, and the rows that are not readable. */
export function readFigureRecords([header, ...records]: CsvRecord[]): FigureSheet {
  if (!header) throw new Error('the file is empty');
  const reader = new FigureRecordReader(header);
  for (const record of records) reader.add(record);
  return reader.result();
}

/** Reads the text of a CSV of figures. */
export const readFigureRows = (text: string): FigureSheet => readFigureRecords(parseCsv(text));

/**
 * Reads a file's bytes: an .xlsx workbook (recognised by its first bytes; the sheet and
 * header row found by their content) or CSV in the encoding named (utf-8, gb18030) or
 * recognised. `format` says which was read, `sheet` and `headerRow` where. The file is
 * read a record at a time within `limits` (ReadLimitError past one), returning to the
 * event loop every few milliseconds. A header that cannot be read is refused saying
 * which sheet and row was read.
 */
export async function readFigureBytes(
  bytes: Buffer,
  encoding?: string,
  limits: ReadLimits = UNLIMITED,
): Promise<FigureSheet & { format: string; sheet: string | null; headerRow: number | null }> {
  const budget = new ReadBudget(limits);
  let records: AsyncIterable<CsvRecord & { covered?: number[] }>;
  let format: string;
  let sheet: string | null = null;
  let headerRow: number | null = null;
  if (looksLikeXlsx(bytes)) {
    const workbook = await streamXlsx(bytes, budget, { isHeader: isFigureHeader, within: HEADER_WITHIN });
    [records, sheet, headerRow] = [workbook.records, workbook.sheet, workbook.headerRow];
    format = `.xlsx, sheet "${workbook.sheet}"${headerRow === null ? '' : `, header row ${headerRow}`}`;
  } else {
    const decoded = decodeText(bytes, encoding);
    await budget.lines(decoded.text);
    [records, format] = [streamCsv(decoded.text), decoded.encoding];
  }
  let reader: FigureRecordReader | undefined;
  for await (const record of records) {
    budget.record(record.fields.length);
    if (reader) reader.add(record);
    else {
      headerRow ??= record.line;
      try {
        reader = new FigureRecordReader(record);
      } catch (error) {
        if (sheet === null) throw error;
        const where = `sheet "${sheet}", row ${record.line} read as the header`;
        const rule = `the header is the first row naming ${REQUIRED.join(' and ')} within the first ${HEADER_WITHIN} rows of a sheet`;
        throw new Error(`${where}: ${(error as Error).message} (${rule})`, { cause: error });
      }
    }
    await budget.pause();
  }
  if (!reader) throw new Error(sheet === null ? 'the file is empty' : `the sheet "${sheet}" is empty`);
  return { ...reader.result(), format, sheet, headerRow };
}

/**
 * Reads a file of figures (.xlsx, or CSV in the encoding named or recognised); `bytes`
 * are the file's, for idempotency keys made from its content.
 */
export async function readFigureFile(
  file: string,
  encoding?: string,
): Promise<FigureSheet & { encoding: string; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw fileProblem('read', file, error);
  }
  try {
    const read = await readFigureBytes(bytes, encoding);
    return { ...read, encoding: read.format, bytes };
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}; nothing was imported`, { cause: error });
  }
}
