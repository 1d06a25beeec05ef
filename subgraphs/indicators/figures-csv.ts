/**
 * CSV files of figures, as `npm run import` and `npm run demo` read them: the first line
 * names the columns (any order), one figure a line. Numbers are written in decimals
 * (`1234.5`, `-3`, `1.2e3`); hexadecimal, binary, `Infinity` and thousands separators are
 * refused. Every row has as many fields as the header.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../lib/csv';
import { decodeText } from '../../lib/encoding';

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
const REQUIRED = ['indicator', 'period'];
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

/** Reads a CSV of figures: the rows as FigureInput objects with their lines, and the rows that are not readable. */
export function readFigureRows(text: string): { rows: FigureRow[]; problems: FigureProblem[] } {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Error('the file is empty');
  const columns = header.fields.map((c) => c.trim().toLowerCase());
  const unknown = columns.filter((c) => !(FIGURE_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0)
    throw new Error(`unknown column(s): ${unknown.join(', ')}; columns are: ${FIGURE_CSV_COLUMNS.join(', ')}`);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new Error(`missing column(s): ${missing.join(', ')}`);
  const rows: FigureRow[] = [];
  const problems: FigureProblem[] = [];
  for (const record of records) {
    const cells = record.fields.map((f) => f.trim());
    // A spreadsheet's empty rows (",,,") are no figures.
    if (cells.every((c) => c === '')) continue;
    if (cells.length !== columns.length) {
      problems.push({
        line: record.line,
        field: 'row',
        message:
          `${cells.length} fields under a header of ${columns.length} columns` +
          (cells.length > columns.length ? ' (quote a field that holds a comma)' : ''),
      });
      continue;
    }
    const figure: Record<string, unknown> = {};
    let problem: { field: string; message: string } | undefined;
    columns.forEach((column, i) => {
      if (cells[i] === '') return;
      const read = cell(column, cells[i]);
      if ('problem' in read) problem ??= { field: column, message: read.problem };
      else figure[FIELDS[column] ?? column] = read.value;
    });
    problem ??= REQUIRED.filter((c) => figure[c] === undefined).map((field) => ({ field, message: `${field} is empty` }))[0];
    if (problem) problems.push({ line: record.line, ...problem });
    else rows.push({ line: record.line, figure });
  }
  return { rows, problems };
}

/**
 * Reads a CSV file of figures in the encoding named (utf-8, gb18030) or recognised;
 * `bytes` are the file's, for idempotency keys made from its content.
 */
export function readFigureFile(
  file: string,
  encoding?: string,
): { rows: FigureRow[]; problems: FigureProblem[]; encoding: string; bytes: Buffer } {
  const bytes = readFileSync(file);
  try {
    const decoded = decodeText(bytes, encoding);
    return { ...readFigureRows(decoded.text), encoding: decoded.encoding, bytes };
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}; nothing was imported`);
  }
}
