/**
 * The text of a file as spreadsheets save it: UTF-8 (with or without a byte-order mark)
 * or GB18030/GBK (what Excel on a Chinese Windows writes by default). Either is named,
 * or recognised: bytes that are not UTF-8 are read as GB18030. Bytes that neither
 * encoding reads are refused with their line, never replaced by U+FFFD.
 */

export type TextEncodingName = 'utf-8' | 'gb18030';

/** Names a user may give, to the decoder that reads them (GBK and GB2312 are subsets of GB18030). */
export const ENCODING_LABELS: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  cp936: 'gb18030',
};

const DISPLAY: Record<TextEncodingName, string> = { 'utf-8': 'UTF-8', gb18030: 'GB18030' };

export interface DecodedText {
  text: string;
  /** What was read, for people: "UTF-8", "UTF-8 with BOM", "GB18030". */
  encoding: string;
}

/** Bytes a file cannot be read from; `line` is 1-based. */
export class TextDecodingError extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

function decode(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new TextDecodingError(null, `this Node.js cannot decode ${DISPLAY[encoding]} (it was built without full ICU)`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** The first line (1-based) `encoding` cannot read: a line break (0x0A) is never part of a character in either. */
function firstBadLine(bytes: Uint8Array, encoding: TextEncodingName): number {
  let start = 0;
  for (let line = 1; ; line += 1) {
    const end = bytes.indexOf(0x0a, start);
    if (decode(bytes.subarray(start, end < 0 ? bytes.length : end), encoding) === null) return line;
    if (end < 0) return line;
    start = end + 1;
  }
}

/** Refuses characters that only a damaged conversion leaves behind. */
function checked(text: string, encoding: string): DecodedText {
  // eslint-disable-next-line no-control-regex -- NUL is one of the characters a damaged conversion leaves
  const bad = /[\uFFFD\u0000]/.exec(text);
  if (bad) {
    const line = lineBreaksBefore(text, bad.index) + 1;
    throw new TextDecodingError(
      line,
      bad[0] === '\u0000'
        ? 'holds a NUL character: is this a text file?'
        : 'holds U+FFFD (�), the mark of characters lost by an earlier conversion; export the sheet again',
    );
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding };
}

function lineBreaksBefore(text: string, index: number): number {
  return text.slice(0, index).match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** The canonical encoding of a name given by a user; throws for one the hub does not read. */
function textEncoding(name: string): TextEncodingName {
  const encoding = ENCODING_LABELS[name.trim().toLowerCase()];
  if (!encoding) throw new TextDecodingError(null, `unknown encoding "${name}": use utf-8 or gb18030 (gbk)`);
  return encoding;
}

/** Decodes a file's bytes in the encoding named, or in the one recognised. */
export function decodeText(bytes: Uint8Array, named?: string): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new TextDecodingError(null, 'the file is UTF-16 ("Unicode text"): save it as "CSV UTF-8" or plain CSV');
  }
  const bom = startsWith(bytes, UTF8_BOM);
  const encoding = named ? textEncoding(named) : bom ? 'utf-8' : null;
  if (encoding) {
    const text = decode(bytes, encoding);
    if (text === null) {
      throw new TextDecodingError(firstBadLine(bytes, encoding), `bytes that are not ${DISPLAY[encoding]}`);
    }
    return checked(text, `${DISPLAY[encoding]}${encoding === 'utf-8' && bom ? ' with BOM' : ''}`);
  }
  const utf8 = decode(bytes, 'utf-8');
  if (utf8 !== null) return checked(utf8, DISPLAY['utf-8']);
  const gb = decode(bytes, 'gb18030');
  if (gb !== null) return checked(gb, DISPLAY.gb18030);
  // Neither reads it: name the line where the encoding that reads further stops.
  const [utf8Line, gbLine] = [firstBadLine(bytes, 'utf-8'), firstBadLine(bytes, 'gb18030')];
  throw new TextDecodingError(
    Math.max(utf8Line, gbLine),
    `bytes that are neither UTF-8 nor GB18030 (the file reads as ${gbLine > utf8Line ? 'GB18030' : 'UTF-8'} up to here); ` +
      'name its encoding with --encoding',
  );
}
