/**
 * A file of figures read as it arrives, never held whole: CSV (the columns of
 * figure-file.ts; UTF-8 or GB18030, named or recognised from the file's first 64 KiB as
 * encoding.ts says: UTF-8 with errors there is refused, not read as GB18030) or
 * NDJSON (one JSON object a line, with the fields of `pushFigures`' figures). Each record
 * that holds a figure, or should, comes out with its index (0-based, in file order) and
 * the line it starts on; a record that cannot be read comes out as its problem.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, type Options, parse } from 'csv-parse';
import { CSV_OPTIONS, CsvSyntaxError, QUOTE_PROBLEMS } from './csv';
import { ENCODING_LABELS, firstBadLine, recognisedEncoding, type TextEncodingName, TextDecodingError } from './encoding';
import { FigureRecordReader } from './figure-file';

export type FileFormat = 'csv' | 'ndjson';

export type StreamedRecord = { index: number; line: number } & (
  { figure: Record<string, unknown> } | { problem: { field: string; message: string } }
);

/** Bytes looked at to recognise the encoding of a file that does not name it. */
const SNIFF_BYTES = 64 * 1024;
/** Bytes of one line kept to find the line of bytes the decoder refuses (the line is named less exactly past them). */
const LINE_KEPT = 1024 * 1024;
const LINE_BREAKS = /\r\n|\r|\n/g;
const lineBreaks = (text: string) => text.match(LINE_BREAKS)?.length ?? 0;

/** The encoding of a file from its first bytes (`head`, the whole file when `final`): named, or recognised as encoding.ts says. */
function encodingOf(head: Buffer, named: string | undefined, final: boolean): TextEncodingName {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    throw new TextDecodingError(null, 'the file is UTF-16 ("Unicode text"): save it as "CSV UTF-8" or plain CSV');
  if (named !== undefined) {
    const encoding = ENCODING_LABELS[named.trim().toLowerCase()];
    if (!encoding) throw new TextDecodingError(null, `unknown encoding "${named}": use utf-8 or gb18030 (gbk)`);
    return encoding;
  }
  return recognisedEncoding(head, final);
}

/**
 * The text of the bytes, a piece at a time; bytes the encoding cannot read are refused with
 * their line. `recognised` is told the encoding once it is known.
 */
async function* decoded(
  source: AsyncIterable<Buffer>,
  named: string | undefined,
  recognised: (encoding: TextEncodingName) => void,
): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let encoding: TextEncodingName = 'utf-8';
  let head: Buffer[] = [];
  let headBytes = 0;
  let line = 1;
  // The bytes of the line being read, since its start; null when there are more than LINE_KEPT.
  let lineBytes: Buffer[] | null = [];
  let lineLength = 0;
  const keep = (bytes: Buffer) => {
    const end = bytes.lastIndexOf(0x0a);
    if (end >= 0) [lineBytes, lineLength] = [[], 0];
    lineLength += bytes.length - end - 1;
    if (lineLength > LINE_KEPT) lineBytes = null;
    else lineBytes?.push(bytes.subarray(end + 1));
  };
  const decode = (bytes: Buffer | undefined): string => {
    let text: string;
    try {
      text = bytes ? decoder!.decode(bytes, { stream: true }) : decoder!.decode();
    } catch {
      const name = encoding === 'utf-8' ? 'UTF-8' : 'GB18030';
      const at = lineBytes && line - 1 + firstBadLine(Buffer.concat([...lineBytes, ...(bytes ? [bytes] : [])]), encoding);
      throw new TextDecodingError(at ?? line, `bytes that are not ${name}${named ? '' : '; name the encoding (encoding=…)'}`);
    }
    if (bytes) keep(bytes);
    // eslint-disable-next-line no-control-regex -- NUL is one of the characters a damaged conversion leaves
    const bad = /[\uFFFD\u0000]/.exec(text);
    if (bad)
      throw new TextDecodingError(
        line + lineBreaks(text.slice(0, bad.index)),
        bad[0] === '\u0000' ? 'holds a NUL character: is this a text file?' : 'holds U+FFFD (�): export the sheet again',
      );
    line += lineBreaks(text);
    return text;
  };
  const start = (final: boolean) => {
    const bytes = Buffer.concat(head);
    encoding = encodingOf(bytes, named, final);
    recognised(encoding);
    decoder = new TextDecoder(encoding, { fatal: true });
    head = [];
    return decode(bytes);
  };
  for await (const chunk of source) {
    if (decoder) {
      yield decode(chunk);
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes >= SNIFF_BYTES) yield start(false);
  }
  if (!decoder) yield start(true);
  yield decode(undefined);
}

/** CSV records with the line each starts on, as csv-parse reads them. */
async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<{ line: number; fields: string[] }> {
  const options = {
    ...CSV_OPTIONS,
    on_record: (fields: string[], context: { lines: number }) => ({ line: context.lines - lineBreaks(fields.join('')), fields }),
  } as unknown as Options;
  const parser = parse(options);
  const feeding = pipeline(Readable.from(text), parser).catch((error: unknown) => parser.destroy(error as Error));
  try {
    for await (const record of parser) yield record as { line: number; fields: string[] };
  } catch (error) {
    if (error instanceof CsvError)
      throw new CsvSyntaxError((error as CsvError & { lines?: number }).lines ?? 0, QUOTE_PROBLEMS[error.code] ?? error.message);
    throw error;
  } finally {
    parser.destroy();
    await feeding;
  }
}

async function* csvFigures(text: AsyncIterable<string>): AsyncGenerator<StreamedRecord> {
  let reader: FigureRecordReader | undefined;
  let index = 0;
  for await (const record of csvRecords(text)) {
    if (!reader) {
      reader = new FigureRecordReader(record);
      continue;
    }
    const read = reader.read(record);
    if (read === 'empty' || read === 'unfilled') continue;
    if ('problem' in read) yield { index: index++, line: record.line, problem: read.problem };
    else yield { index: index++, line: record.line, figure: read.row.figure };
  }
  if (!reader) throw new Error('the file is empty');
}

/** The longest line of an NDJSON file, in characters: a figure takes a few hundred. */
export const MAX_NDJSON_LINE = 1024 * 1024;

async function* ndjsonFigures(text: AsyncIterable<string>): AsyncGenerator<StreamedRecord> {
  let [line, index] = [0, 0];
  // The line being read, in the pieces it arrived in (joined once, at its end: each piece is copied once).
  let [parts, length, tooLong] = [[] as string[], 0, false];
  const parsed = (raw: string): StreamedRecord => {
    try {
      const value: unknown = JSON.parse(raw);
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        return { index: index++, line, figure: value as Record<string, unknown> };
      return { index: index++, line, problem: { field: 'row', message: 'a line holds one JSON object' } };
    } catch (error) {
      return { index: index++, line, problem: { field: 'row', message: `not JSON: ${(error as Error).message}` } };
    }
  };
  const add = (text: string) => {
    if (tooLong) return;
    if (length + text.length > MAX_NDJSON_LINE) {
      [parts, length, tooLong] = [[], 0, true];
      return;
    }
    parts.push(text);
    length += text.length;
  };
  /** The line read to its end: its record, if it holds anything. */
  const ended = (): StreamedRecord | null => {
    line += 1;
    const [raw, long] = [parts.join(''), tooLong];
    [parts, length, tooLong] = [[], 0, false];
    if (long)
      return {
        index: index++,
        line,
        problem: { field: 'row', message: `the line is longer than ${MAX_NDJSON_LINE} characters` },
      };
    return raw.trim() === '' ? null : parsed(raw);
  };
  for await (const piece of text) {
    let from = 0;
    for (let at = piece.indexOf('\n'); at >= 0; at = piece.indexOf('\n', from)) {
      add(piece.slice(from, at));
      from = at + 1;
      const record = ended();
      if (record) yield record;
    }
    add(piece.slice(from));
  }
  const last = ended();
  if (last) yield last;
}

/** The records of a file of figures as they arrive, and the encoding it is read in once that is known. */
export type FigureRecords = AsyncGenerator<StreamedRecord> & { readonly encoding: TextEncodingName | undefined };

/** The records of a file of figures as they arrive. */
export function figureRecords(source: AsyncIterable<Buffer>, format: FileFormat, encoding?: string): FigureRecords {
  let read: TextEncodingName | undefined;
  const text = decoded(source, format === 'ndjson' ? 'utf-8' : encoding, (name) => (read = name));
  const records = format === 'csv' ? csvFigures(text) : ndjsonFigures(text);
  return Object.defineProperty(records, 'encoding', { get: () => read }) as FigureRecords;
}
