/**
 * CSV files of figures, as `npm run import` and `npm run demo` read them: the first line
 * names the columns (any order), one figure a line.
 */
import { parseCsv } from './csv';

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
] as const;
const REQUIRED = ['indicator', 'period'];
const NUMBERS = new Set(['value', 'numerator', 'denominator']);

export interface FigureRow {
  line: number;
  figure: Record<string, unknown>;
}

/** Reads a CSV of figures: the rows as FigureInput objects with their lines, and the cells that are not readable. */
export function readFigureRows(text: string): {
  rows: FigureRow[];
  problems: Array<{ line: number; field: string; message: string }>;
} {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Error('the file is empty');
  const columns = header.fields.map((c) => c.trim().toLowerCase());
  const unknown = columns.filter((c) => !(FIGURE_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0)
    throw new Error(`unknown column(s): ${unknown.join(', ')}; columns are: ${FIGURE_CSV_COLUMNS.join(', ')}`);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new Error(`missing column(s): ${missing.join(', ')}`);
  const rows: FigureRow[] = [];
  const problems: Array<{ line: number; field: string; message: string }> = [];
  for (const record of records) {
    const figure: Record<string, unknown> = {};
    let problem: { field: string; message: string } | null = null;
    columns.forEach((column, i) => {
      const raw = (record.fields[i] ?? '').trim();
      if (raw === '') return;
      if (NUMBERS.has(column)) {
        const n = Number(raw);
        if (!Number.isFinite(n)) problem ??= { field: column, message: `"${raw.slice(0, 40)}" is not a number` };
        figure[column] = n;
      } else if (column === 'withdraw') {
        figure.withdraw = /^(true|yes|1)$/i.test(raw);
      } else if (column === 'status') {
        figure.status = raw.toUpperCase();
      } else figure[column] = raw;
    });
    if (problem) problems.push({ line: record.line, ...(problem as { field: string; message: string }) });
    else rows.push({ line: record.line, figure });
  }
  return { rows, problems };
}
