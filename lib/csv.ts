/**
 * CSV as spreadsheets write it (RFC 4180), read with csv-parse and written with
 * csv-stringify: comma-separated, fields in double quotes may hold commas, quotes ("")
 * and line breaks; CRLF, LF or CR; a byte-order mark is ignored; blank lines are skipped.
 * A file that breaks the quoting rules is refused with the line it breaks them on.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export interface CsvRecord {
  /** 1-based line of the file the record starts on. */
  line: number;
  fields: string[];
}

/** A file that is not CSV: the quoting is broken at `line`. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const lineBreaks = (text: string): number => text.match(/\r\n|\r|\n/g)?.length ?? 0;

const QUOTE_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed',
  CSV_INVALID_CLOSING_QUOTE: 'text follows a closing quote (like "x"y); quote the whole field and double the quotes inside it',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field; quote the whole field and double the quotes inside it',
};

/**
 * Every record with the line it starts on. Records keep as many fields as they have:
 * callers compare them with their header.
 */
export function parseCsv(text: string): CsvRecord[] {
  // Where the last complete record ended, to name the line a broken record starts on.
  let lastLine = 0;
  let lastEmptyLines = 0;
  const starts: number[] = [];
  try {
    const records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (fields: string[], context) => {
        lastLine = context.lines;
        lastEmptyLines = context.empty_lines;
        starts.push(context.lines - fields.reduce((n, f) => n + lineBreaks(f), 0));
        return fields;
      },
    });
    return records.map((fields, i) => ({ line: starts[i], fields }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const context = error as CsvError & { lines?: number; empty_lines?: number };
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new CsvSyntaxError(lastLine + 1 + ((context.empty_lines ?? 0) - lastEmptyLines), QUOTE_PROBLEMS[error.code]);
    }
    throw new CsvSyntaxError(context.lines ?? lastLine + 1, QUOTE_PROBLEMS[error.code] ?? error.message);
  }
}

/**
 * A CSV file (CRLF line ends) of a header and rows of exactly its width. Numbers are
 * written as they are; text beginning with = + - @ tab or CR gets a leading apostrophe,
 * so that a spreadsheet shows it as text instead of running it as a formula (OWASP's
 * advice against formula injection).
 */
export function toCsv(header: string[], rows: unknown[][]): string {
  const uneven = rows.findIndex((row) => row.length !== header.length);
  if (uneven >= 0) throw new Error(`CSV row ${uneven + 1} has ${rows[uneven].length} fields under ${header.length} columns`);
  return stringify([header, ...rows], {
    record_delimiter: '\r\n',
    escape_formulas: true,
    cast: { boolean: (value) => String(value) },
  });
}
