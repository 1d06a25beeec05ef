/**
 * CSV as spreadsheets write it (RFC 4180), read with csv-parse and written with
 * csv-stringify: comma-separated, fields in double quotes may hold commas, quotes ("")
 * and line breaks; CRLF, LF or CR; a byte-order mark is ignored; blank lines are skipped.
 * A file that breaks the quoting rules is refused with the line it breaks them on.
 */
import { Readable } from 'node:stream';
import { CsvError as StreamCsvError, parse as parseStream } from 'csv-parse';
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

export const QUOTE_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed',
  CSV_INVALID_CLOSING_QUOTE: 'text follows a closing quote (like "x"y); quote the whole field and double the quotes inside it',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field; quote the whole field and double the quotes inside it',
};

/** How the hub reads CSV (streamed files of figures read it the same way: figure-stream.ts). */
export const CSV_OPTIONS = {
  bom: true,
  relax_column_count: true,
  skip_empty_lines: true,
  record_delimiter: ['\r\n', '\n', '\r'],
};

/** The 1-based line of each byte offset of `data` (CRLF, LF and CR each end a line). */
function lineIndex(data: Buffer): (offset: number) => number {
  const starts = [0];
  data.forEach((byte, i) => {
    if (byte === 0x0a || (byte === 0x0d && data[i + 1] !== 0x0a)) starts.push(i + 1);
  });
  return (offset) => {
    let [low, high] = [0, starts.length - 1];
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

/**
 * Every record with the line it starts on. Records keep as many fields as they have:
 * callers compare them with their header.
 */
export function parseCsv(text: string): CsvRecord[] {
  const data = Buffer.from(text, 'utf8');
  const lineAt = lineIndex(data);
  // A record starts where the one before it ended, after any blank lines.
  let end = 0;
  const startLine = () => {
    let offset = end;
    while (data[offset] === 0x0a || data[offset] === 0x0d) offset += 1;
    return lineAt(offset);
  };
  const lines: number[] = [];
  try {
    const records = parse(data, {
      ...CSV_OPTIONS,
      on_record: (fields: string[], context) => {
        lines.push(startLine());
        end = context.bytes;
        return fields;
      },
    });
    return records.map((fields, i) => ({ line: lines[i], fields }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new CsvSyntaxError(startLine(), QUOTE_PROBLEMS[error.code] ?? error.message);
  }
}

/** The 1-based line of increasing byte offsets of `data`, counted as far as asked. */
function lineCounter(data: Buffer): (offset: number) => number {
  let [at, line] = [0, 1];
  return (offset) => {
    for (; at < offset; at += 1) {
      const byte = data[at];
      if (byte === 0x0a || (byte === 0x0d && data[at + 1] !== 0x0a)) line += 1;
    }
    return line;
  };
}

/** Bytes handed to the parser at a time: a few milliseconds of work, even for rows of the wrong width (each costs the parser an error object). */
const CHUNK_BYTES = 1024;

function* chunks(data: Buffer): Generator<Buffer> {
  for (let at = 0; at < data.length; at += CHUNK_BYTES) yield data.subarray(at, at + CHUNK_BYTES);
}

/**
 * The records of `text` one at a time, as `parseCsv` reads them, parsed a piece at a
 * time: a caller that stops early (a limit reached) has parsed no more than it asked for.
 */
export async function* streamCsv(text: string): AsyncGenerator<CsvRecord> {
  const data = Buffer.from(text, 'utf8');
  const lineAt = lineCounter(data);
  let end = 0;
  const startLine = () => {
    let offset = end;
    while (data[offset] === 0x0a || data[offset] === 0x0d) offset += 1;
    return lineAt(offset);
  };
  // The lines of the records parsed and not yet taken, in order.
  const lines: number[] = [];
  const parser = Readable.from(chunks(data), { objectMode: false }).pipe(
    parseStream({
      ...CSV_OPTIONS,
      on_record: (fields: string[], context) => {
        lines.push(startLine());
        end = context.bytes;
        return fields;
      },
    }),
  );
  try {
    for await (const fields of parser) yield { line: lines.shift()!, fields: fields as string[] };
  } catch (error) {
    // The stream API's own CsvError class (csv-parse and csv-parse/sync each define one).
    if (!(error instanceof StreamCsvError)) throw error;
    throw new CsvSyntaxError(startLine(), QUOTE_PROBLEMS[error.code] ?? error.message);
  } finally {
    parser.destroy();
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
