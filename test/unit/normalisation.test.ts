/** How the hub reads names, months, periods and CSV as people and the OCR text write them. */
import { parseCsv, toCsv } from '../../lib/csv';
import { isYearMonth, parseChineseDeadline, parsePeriod, periodContains, previousPeriod } from '../../lib/period';
import { likePattern, nameKey } from '../../lib/text';

describe('names', () => {
  it('fold full-width forms, spaces and Latin case, so OCR variants meet', () => {
    expect(nameKey(' 市市场监管局 ')).toBe(nameKey('市市场监管局'));
    expect(nameKey('市 市场 监管局')).toBe('市市场监管局');
    expect(nameKey('ＷＩＰＯ（世界知识产权组织）')).toBe(nameKey('wipo(世界知识产权组织)'));
    expect(nameKey('市场监管局')).not.toBe(nameKey('市市场监管局'));
  });

  it('escape LIKE wildcards so a search matches literally', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});

describe('deadlines as the annex writes them', () => {
  it.each([
    ['2025年12月', { deadline: '2025-12', ongoing: false }],
    ['2024年9月', { deadline: '2024-09', ongoing: false }],
    [' 2025 年 6 月', { deadline: '2025-06', ongoing: false }],
    ['长期坚持', { deadline: null, ongoing: true }],
  ])('%s', (text, expected) => expect(parseChineseDeadline(text)).toEqual(expected));

  it('refuse what is not a deadline', () => {
    expect(() => parseChineseDeadline('2025年13月')).toThrow();
    expect(() => parseChineseDeadline('年底')).toThrow();
  });

  it('months are YYYY-MM', () => {
    expect(isYearMonth('2025-12')).toBe(true);
    for (const bad of ['2025-13', '2025-1', '25-01', '2025-00', '']) expect(isYearMonth(bad)).toBe(false);
  });
});

describe('periods', () => {
  it.each([
    ['2025', 'YEAR', '2025-01-01', '2025-12-31'],
    ['2025H1', 'HALF', '2025-01-01', '2025-06-30'],
    ['2025h2', 'HALF', '2025-07-01', '2025-12-31'],
    ['2025Q3', 'QUARTER', '2025-07-01', '2025-09-30'],
    ['2024-02', 'MONTH', '2024-02-01', '2024-02-29'],
    ['2025-02', 'MONTH', '2025-02-01', '2025-02-28'],
  ])('%s is a %s from %s to %s', (text, type, start, end) => {
    expect(parsePeriod(text)).toMatchObject({ type, start, end });
  });

  it.each([
    '2025Q5',
    '2025Q0',
    '2025-13',
    '2025-00',
    '2025H3',
    '',
    ' ',
    '1999',
    '2101',
    '2025-7',
    'x'.repeat(10_000),
    '２０２５',
  ])('refuse %j', (text) => expect(parsePeriod(text)).toBeNull());

  it('know the period before, across a year end', () => {
    expect(previousPeriod(parsePeriod('2025Q1')!).text).toBe('2024Q4');
    expect(previousPeriod(parsePeriod('2025H2')!).text).toBe('2025H1');
    expect(previousPeriod(parsePeriod('2025-01')!).text).toBe('2024-12');
    expect(previousPeriod(parsePeriod('2025')!).text).toBe('2024');
  });

  it('contain their parts, so locking a year locks its quarters and months', () => {
    const year = parsePeriod('2025')!;
    expect(periodContains(year, parsePeriod('2025Q4')!)).toBe(true);
    expect(periodContains(year, parsePeriod('2025-06')!)).toBe(true);
    expect(periodContains(year, parsePeriod('2024Q4')!)).toBe(false);
    expect(periodContains(parsePeriod('2025Q1')!, year)).toBe(false);
  });
});

describe('CSV', () => {
  it('reads quotes, commas, line breaks inside quotes, CRLF and a byte-order mark', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n2,"line\nbreak",\n\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, "y"', '3'] },
      { line: 3, fields: ['2', 'line\nbreak', ''] },
    ]);
  });

  it('writes what it reads', () => {
    const rows = [['江岸区', 'a "quoted", text', 12.5, null]];
    const [, back] = parseCsv(toCsv(['name', 'note', 'value', 'empty'], rows));
    expect(back.fields).toEqual(['江岸区', 'a "quoted", text', '12.5', '']);
  });

  it('refuses an unclosed quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/line 2/);
  });

  it('refuses text after a closing quote and a quote inside an unquoted field, naming the line', () => {
    expect(() => parseCsv('a,b\n1,2\n"x"y,3')).toThrow(/^line 3: text follows a closing quote/);
    expect(() => parseCsv('a,b\n"two\nlines",2\n3,x"y"')).toThrow(/^line 4: a quote inside an unquoted field/);
  });

  it('names the line a record starts on, across quoted line breaks and blank lines', () => {
    const records = parseCsv('a,b\r\n"one\r\ntwo\nthree",1\r\n\r\n\n4,5\r6,7');
    expect(records.map((r) => r.line)).toEqual([1, 2, 7, 8]);
  });

  it('writes text that a spreadsheet would run as a formula with a leading apostrophe, and numbers as they are', () => {
    const csv = toCsv(
      ['text', 'number', 'flag'],
      [
        ['=HYPERLINK("http://x","y")', -12.5, true],
        ['+1', 0, false],
        ['-1', -3, null],
        ['@SUM(A1)', 1e-7, null],
        ['\tx', 2, null],
        ['＝1', 3, null],
        ['a=b', 4, null],
      ],
    );
    expect(parseCsv(csv).map((r) => r.fields)).toEqual([
      ['text', 'number', 'flag'],
      ['\'=HYPERLINK("http://x","y")', '-12.5', 'true'],
      ["'+1", '0', 'false'],
      ["'-1", '-3', ''],
      ["'@SUM(A1)", '1e-7', ''],
      ["'\tx", '2', ''],
      ["'＝1", '3', ''],
      ['a=b', '4', ''],
    ]);
  });

  it('refuses to write a row wider or narrower than its header', () => {
    expect(() => toCsv(['a', 'b'], [['1', '2'], ['3']])).toThrow(/row 2 has 1 fields under 2 columns/);
  });
});
