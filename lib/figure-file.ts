/**
 * Files of figures, as `ipzone import`, `npm run demo` and the gateway's uploads read
 * them: CSV, or the first sheet of an .xlsx workbook (the hub's reporting template
 * filled in). The first line names the columns (any order; a bilingual heading such as
 * "数值 / value" counts by the part after its last slash), one figure a line. Numbers are
 * written in decimals (`1234.5`, `-3`, `1.2e3`); hexadecimal, binary, `Infinity` and
 * thousands separators are refused. Every row has as many fields as the header.
 */
import { readFileSync } from 'node:fs';
import { fileProblem } from './command-line';
import { type CsvRecord, parseCsv, streamCsv } from './csv';
import { decodeText } from './encoding';
import { ReadBudget, type ReadLimits, UNLIMITED } from './read-limits';
import { looksLikeXlsx } from './xlsx';
import { streamXlsx } from './xlsx-read';

export const FIGURE_CSV_COLUMNS = [
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
  'withdraw',
  'organization',
  'flags',
  'reported_on',
] as const;
/** Columns whose figure field is spelled otherwise. */
const FIELDS: Record<string, string> = { reported_on: 'reportedOn' };
/** Columns of the reporting template that only inform whoever fills it: read past, never sent. */
export const TEMPLATE_ONLY_COLUMNS = ['name', 'unit', 'previous'] as const;
const REQUIRED = ['indicator', 'period'];
const FIGURE_CELLS = ['value', 'numerator', 'denominator', 'withdraw'];
const NUMBERS = new Set(['value', 'numerator', 'denominator']);
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const BOOLEANS: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

export interface FigureRow {
  line: number;
  figure: Record<string, unknown>;
}

export interface FigureProblem {
  line: number;
  field: string;
  message: string;
}

/** A decimal number, or why the cell is not one. */
export function decimalCell(raw: string): number | string {
  const shown = `"${raw.slice(0, 40)}"`;
  if (GROUPED.test(raw)) return `${shown} has thousands separators: write ${raw.replace(/,/g, '')}`;
  if (!DECIMAL.test(raw)) return `${shown} is not a decimal number`;
  const n = Number(raw);
  return Number.isFinite(n) ? n : `${shown} is too large`;
}

function cell(column: string, raw: string): { value: unknown } | { problem: string } {
  if (NUMBERS.has(column)) {
    const n = decimalCell(raw);
    return typeof n === 'number' ? { value: n } : { problem: n };
  }
  if (column === 'withdraw') {
    const flag = BOOLEANS[raw.toLowerCase()];
    return flag === undefined ? { problem: `"${raw.slice(0, 40)}" is not true or false` } : { value: flag };
  }
  // Quality flags: ESTIMATED;BREAK_IN_SERIES (separated by ; | or spaces).
  if (column === 'flags')
    return {
      value: raw
        .toUpperCase()
        .split(/[;| ]+/)
        .filter(Boolean),
    };
  return { value: column === 'status' ? raw.toUpperCase() : raw };
}

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

/** Reads records of figures one at a time: the header first, then `add` each record, then `result`. */
export class FigureRecordReader {
  private readonly columns: string[];
  private readonly template: boolean;
  private readonly figureCells: number[];
  private readonly sheet: FigureSheet;

  constructor(header: CsvRecord) {
    const columns = header.fields.map(columnName);
    const known = [...FIGURE_CSV_COLUMNS, ...TEMPLATE_ONLY_COLUMNS] as readonly string[];
    const unknown = columns.filter((c) => !known.includes(c));
    if (unknown.length > 0)
      throw new Error(`unknown column(s): ${unknown.join(', ')}; columns are: ${FIGURE_CSV_COLUMNS.join(', ')}`);
    const missing = REQUIRED.filter((c) => !columns.includes(c));
    if (missing.length > 0) throw new Error(`missing column(s): ${missing.join(', ')}`);
    this.columns = columns;
    this.template = TEMPLATE_ONLY_COLUMNS.some((c) => columns.includes(c));
    this.figureCells = FIGURE_CELLS.map((c) => columns.indexOf(c)).filter((i) => i >= 0);
    this.sheet = { columns, rows: [], problems: [], unfilled: 0 };
  }

  add(record: CsvRecord): void {
    const { columns, sheet } = this;
    const cells = record.fields.map((f) => f.trim());
    // A spreadsheet's empty rows (",,,") are no figures.
    if (cells.every((c) => c === '')) return;
    if (this.template && cells.length === columns.length && this.figureCells.every((i) => cells[i] === '')) {
      sheet.unfilled += 1;
      return;
    }
    if (cells.length !== columns.length) {
      sheet.problems.push({
        line: record.line,
        field: 'row',
        message:
          `${cells.length} fields under a header of ${columns.length} columns` +
          (cells.length > columns.length ? ' (quote a field that holds a comma)' : ''),
      });
      return;
    }
    const figure: Record<string, unknown> = {};
    let problem: { field: string; message: string } | undefined;
    columns.forEach((column, i) => {
      if (cells[i] === '' || (TEMPLATE_ONLY_COLUMNS as readonly string[]).includes(column)) return;
      const read = cell(column, cells[i]);
      if ('problem' in read) problem ??= { field: column, message: read.problem };
      else figure[FIELDS[column] ?? column] = read.value;
    });
    problem ??= REQUIRED.filter((c) => figure[c] === undefined).map((field) => ({ field, message: `${field} is empty` }))[0];
    if (problem) sheet.problems.push({ line: record.line, ...problem });
    else sheet.rows.push({ line: record.line, figure });
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
 * Reads a file's bytes: an .xlsx workbook (recognised by its first bytes) or CSV in the
 * encoding named (utf-8, gb18030) or recognised. `format` says which was read. The file
 * is read a record at a time within `limits` (ReadLimitError past one), returning to the
 * event loop every few milliseconds.
 */
export async function readFigureBytes(
  bytes: Buffer,
  encoding?: string,
  limits: ReadLimits = UNLIMITED,
): Promise<FigureSheet & { format: string; sheet: string | null }> {
  const budget = new ReadBudget(limits);
  let records: AsyncIterable<CsvRecord>;
  let format: string;
  let sheet: string | null = null;
  if (looksLikeXlsx(bytes)) {
    const workbook = await streamXlsx(bytes, budget);
    [records, sheet, format] = [workbook.records, workbook.sheet, `.xlsx, sheet "${workbook.sheet}"`];
  } else {
    const decoded = decodeText(bytes, encoding);
    await budget.lines(decoded.text);
    [records, format] = [streamCsv(decoded.text), decoded.encoding];
  }
  let reader: FigureRecordReader | undefined;
  for await (const record of records) {
    budget.record(record.fields.length);
    if (reader) reader.add(record);
    else reader = new FigureRecordReader(record);
    await budget.pause();
  }
  if (!reader) throw new Error('the file is empty');
  return { ...reader.result(), format, sheet };
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
    throw new Error(`${file}: ${(error as Error).message}; nothing was imported`);
  }
}
