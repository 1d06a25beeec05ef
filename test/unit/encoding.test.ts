import iconv from 'iconv-lite';
import { decodeText } from '../../lib/encoding';

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
