/**
 * The text of a file as spreadsheets save it: UTF-8 (with or without a byte-order mark)
 * or GB18030/GBK (what Excel on a Chinese Windows writes by default). Either is named,
 * or recognised (recognisedEncoding):
 *
 * - bytes that are all UTF-8 are UTF-8;
 * - bytes that are mostly UTF-8 are UTF-8 with errors, refused with the line and byte of
 *   the first sequence that is not, never read as GB18030: "mostly" is at least
 *   UTF8_MAJORITY (4) well-formed UTF-8 multi-byte characters for each ill-formed
 *   sequence, or any ill-formed one after a UTF-8 byte-order mark. GB18030 text of
 *   Chinese characters holds by chance about one well-formed UTF-8 character for every
 *   three or four ill-formed sequences (the demo file: 57 to 216); a file whose only
 *   Chinese is a word or two may still reach four to one, and is refused with the way to
 *   name its encoding;
 * - other bytes are GB18030.
 *
 * Bytes that the encoding named or recognised does not read are refused with their line,
 * never replaced by U+FFFD.
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

/** An encoding's name for people. */
export const DISPLAY: Record<TextEncodingName, string> = { 'utf-8': 'UTF-8', gb18030: 'GB18030' };

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

/** Well-formed UTF-8 multi-byte characters wanted for each ill-formed sequence in a file read as UTF-8 with errors. */
const UTF8_MAJORITY = 4;

interface Utf8Census {
  /** Well-formed multi-byte characters. */
  valid: number;
  /** Ill-formed sequences (each maximal one, as a UTF-8 decoder counts them). */
  invalid: number;
  /** Where the first ill-formed sequence starts; -1 when there is none. */
  first: number;
}

/**
 * The continuation bytes a UTF-8 lead byte wants, and the range of the first (RFC 3629:
 * no overlong forms, surrogates or code points past U+10FFFF); null for a byte that starts none.
 */
function wants(lead: number): [number, number, number] | null {
  if (lead >= 0xc2 && lead <= 0xdf) return [1, 0x80, 0xbf];
  if (lead >= 0xe0 && lead <= 0xef) return [2, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf];
  if (lead >= 0xf0 && lead <= 0xf4) return [3, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf];
  return null;
}

/** How `bytes` read as UTF-8; unless `final`, a character cut at their end is not counted (the rest is still to come). */
function utf8Census(bytes: Uint8Array, final: boolean): Utf8Census {
  const census = { valid: 0, invalid: 0, first: -1 };
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const [wanted, low, high] = wants(lead) ?? [0, 0, 0];
    let n = 1;
    while (n <= wanted && i + n < bytes.length) {
      const byte = bytes[i + n];
      if (byte < (n === 1 ? low : 0x80) || byte > (n === 1 ? high : 0xbf)) break;
      n += 1;
    }
    if (wanted > 0 && n > wanted) census.valid += 1;
    else if (i + n >= bytes.length && wanted > 0 && !final) break;
    else {
      census.invalid += 1;
      if (census.first < 0) census.first = i;
    }
    i += n;
  }
  return census;
}

/**
 * The encoding of bytes that do not name it (the rule above): `final` when they are the
 * whole file, not its beginning. Throws for UTF-8 with errors.
 */
export function recognisedEncoding(bytes: Uint8Array, final: boolean): TextEncodingName {
  const { valid, invalid, first } = utf8Census(bytes, final);
  if (invalid === 0) return 'utf-8';
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (!bom && valid < UTF8_MAJORITY * invalid) return 'gb18030';
  let [line, lineStart] = [1, bom ? 3 : 0];
  for (let at = bytes.indexOf(0x0a); at >= 0 && at < first; at = bytes.indexOf(0x0a, at + 1))
    [line, lineStart] = [line + 1, at + 1];
  throw new TextDecodingError(
    line,
    `bytes that are not UTF-8 at byte ${first - lineStart + 1} of the line, in a file that is otherwise UTF-8 ` +
      '(a character cut or damaged): mend it and send the file again, or name its encoding if it is GB18030 ' +
      '(encoding=gb18030, --encoding gb18030)',
  );
}

/**
 * The first line (1-based) `encoding` cannot read, in bytes it cannot read (the last line
 * when no line before it is bad): a line break (0x0A) is never part of a character in either.
 */
export function firstBadLine(bytes: Uint8Array, encoding: TextEncodingName): number {
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
  recognisedEncoding(bytes, true); // throws for UTF-8 with errors: not GB18030
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
