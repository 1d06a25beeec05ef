import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { decodeText, TextDecodingError } from '../../lib/encoding';
import { figureRecords } from '../../lib/figure-stream';

const TEXT = 'indicator,note\r\n全年平均结案时间,“繁简分流” 𠀀 ①\r\n';

describe('decoding a file as spreadsheets save it', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeText(Buffer.from(TEXT))).toEqual({ text: TEXT, encoding: 'UTF-8' });
    expect(decodeText(Buffer.from(`\uFEFF${TEXT}`))).toEqual({ text: TEXT, encoding: 'UTF-8 with BOM' });
  });

  it('recognises GB18030, four-byte characters included, and reads GBK named as such', () => {
    expect(decodeText(iconv.encode(TEXT, 'gb18030'))).toEqual({ text: TEXT, encoding: 'GB18030' });
    const gbk = TEXT.replace(' 𠀀', '');
    expect(decodeText(iconv.encode(gbk, 'gbk'), 'GBK')).toEqual({ text: gbk, encoding: 'GB18030' });
  });

  it('names the line of bytes the named encoding cannot read', () => {
    expect(() => decodeText(iconv.encode(TEXT, 'gb18030'), 'utf8')).toThrow(/^line 2: bytes that are not UTF-8$/);
    expect(() => decodeText(Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xff, 0x0a]))).toThrow(
      /^line 3: bytes that are neither UTF-8 nor GB18030/,
    );
  });

  it('refuses UTF-16, replacement characters and NULs, and encodings it does not read', () => {
    expect(() => decodeText(iconv.encode(TEXT, 'utf-16le', { addBOM: true }))).toThrow(/UTF-16/);
    expect(() => decodeText(Buffer.from('a\nb\uFFFD\n'))).toThrow(/^line 2: holds U\+FFFD/);
    expect(() => decodeText(Buffer.from('a\r\nb\r\nc\u0000'))).toThrow(/^line 3: holds a NUL/);
    expect(() => decodeText(Buffer.from(TEXT), 'big5')).toThrow(/unknown encoding "big5"/);
  });
});

/**
 * UTF-8 with errors is not GB18030: a UTF-8 file of Chinese names with one character cut
 * short was read whole as GB18030 (鍖椾含甯 for 北京市), when GB18030 happened to read it.
 */
describe('a UTF-8 file with a damaged character', () => {
  const NAMES = ['城镇', '农村', '刑事案件', '北京市', '民事案件', '行政案件'];
  const CSV = `indicator,period,value,breakdown\n${NAMES.map((n, i) => `average-trial-closure-days,2024Q1,${120 + i},${n}\n`).join('')}`;
  const utf8 = Buffer.from(CSV);
  // 市 (three bytes) cut to its first two: line 5, whose 45th byte starts it.
  const at = utf8.indexOf(Buffer.from('市'));
  const cut = Buffer.concat([utf8.subarray(0, at + 2), utf8.subarray(at + 3)]);
  const REFUSED = /^line 5: bytes that are not UTF-8 at byte 45 of the line, in a file that is otherwise UTF-8/;

  async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
    for (let from = 0; from < bytes.length; from += size) yield bytes.subarray(from, from + size);
  }
  const streamed = async (bytes: Buffer, size: number, encoding?: string) => {
    const read: unknown[] = [];
    for await (const r of figureRecords(pieces(bytes, size), 'csv', encoding))
      read.push('figure' in r ? r.figure.breakdown : r.problem);
    return read;
  };

  it('is one GB18030 would read (the file of this test)', () => {
    expect(new TextDecoder('gb18030', { fatal: true }).decode(cut)).toContain('鍖椾含');
  });

  it('is refused with its line and byte, not read as GB18030', () => {
    expect(() => decodeText(cut)).toThrow(TextDecodingError);
    expect(() => decodeText(cut)).toThrow(REFUSED);
    // A GB18030 file mistaken for this is told how to name its encoding.
    expect(() => decodeText(cut)).toThrow(/name its encoding if it is GB18030 \(encoding=gb18030, --encoding gb18030\)$/);
    // Named, it is read as named.
    expect(() => decodeText(cut, 'utf-8')).toThrow(/^line 5: bytes that are not UTF-8$/);
    expect(decodeText(cut, 'gb18030').encoding).toBe('GB18030');
  });

  it('is refused after a byte-order mark however few its characters, on both paths', async () => {
    // One Chinese word, its last character cut: too few characters to tell by their count, but the mark says UTF-8.
    const word = Buffer.from('\uFEFFindicator,period,value,breakdown\naverage-trial-closure-days,2024Q1,120,北京市\n');
    const at = word.indexOf(Buffer.from('市'));
    const damaged = Buffer.concat([word.subarray(0, at + 2), word.subarray(at + 3)]);
    const MARKED = /^line 2: bytes that are not UTF-8/;
    expect(() => decodeText(damaged)).toThrow(MARKED);
    for (const size of [1, 4096]) await expect(streamed(damaged, size)).rejects.toThrow(MARKED);
  });

  it('is refused as it arrives too, whatever the pieces', async () => {
    for (const size of [1, 7, 4096]) await expect(streamed(cut, size)).rejects.toThrow(REFUSED);
  });

  it('is refused when the damage is among many lines, and a UTF-8 file cut in its pieces still reads', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `average-trial-closure-days,${2000 + i},1,${NAMES[i % 6]}\n`);
    const big = Buffer.from(`indicator,period,value,breakdown\n${lines.join('')}`);
    expect(big.length).toBeGreaterThan(64 * 1024);
    // 64 KiB and 1000-byte pieces both end inside characters.
    expect((await streamed(big, 1000)).slice(0, 4)).toEqual(NAMES.slice(0, 4));
    // 京 loses its lead byte to a comma: within the first 64 KiB, and past them (read in 1000-byte pieces).
    for (const from of [0, 82_000]) {
      const damaged = Buffer.from(big);
      const at = damaged.indexOf(Buffer.from('北京市'), from);
      damaged[at + 3] = 0x2c;
      const line = damaged.subarray(0, at).filter((b) => b === 0x0a).length + 1;
      expect(() => decodeText(damaged)).toThrow(new RegExp(`^line ${line}: bytes that are not UTF-8 at byte 39 of the line`));
      await expect(streamed(damaged, 1000)).rejects.toThrow(new RegExp(`^line ${line}: bytes that are not UTF-8`));
    }
  });

  it('leaves GB18030 files recognised: of a few Chinese characters, of many, and as Excel writes them', async () => {
    for (const text of [CSV, 'indicator,note\r\nx,北京\r\n', 'indicator,note\r\nx,全年平均结案时间\r\n']) {
      expect(decodeText(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'GB18030' });
    }
    expect(await streamed(iconv.encode(CSV, 'gb18030'), 7)).toEqual(NAMES);
    const excel = readFileSync(join(__dirname, '../fixtures/xlsx/court-2025Q4-libreoffice-gb18030.csv'));
    expect(decodeText(excel).encoding).toBe('GB18030');
  });

  it('reads the file whole as UTF-8', async () => {
    expect(decodeText(utf8)).toEqual({ text: CSV, encoding: 'UTF-8' });
    expect(await streamed(utf8, 7)).toEqual(NAMES);
  });
});
