/** Workbooks ↔ rows (lib/xlsx) and the template's columns in the figure reader. */
import { Workbook } from 'exceljs';
import { columnLetter, writeXlsx, XlsxReadError } from '../../lib/xlsx';
import { MAX_UNPACKED_BYTES, readXlsx } from '../../lib/xlsx-read';
import { HEADER_WITHIN, isFigureHeader, readFigureBytes, readFigureRecords } from '../../lib/figure-file';
import { ReadBudget, UNLIMITED } from '../../lib/read-limits';
import { openEntry, zipEntries } from '../../lib/zip';

async function workbook(fill: (ws: import('exceljs').Worksheet) => void): Promise<Buffer> {
  const book = new Workbook();
  fill(book.addWorksheet('Sheet1'));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('lib/xlsx', () => {
  it('names columns as spreadsheets do', () => {
    expect([1, 7, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'G', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('reads cached formula results and rich text as text; a formula whose saved result is an error reads as its formula, never evaluated', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['a', 'b', 'c', 'd']);
      ws.addRow([
        { formula: 'B3+C3', result: 12.5 },
        { richText: [{ text: '江岸' }, { text: '区' }] },
        { formula: '1/0', result: { error: '#DIV/0!' } },
        { formula: 'NOW()' },
      ]);
    });
    const { records } = await readXlsx(bytes);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c', 'd'] },
      { line: 2, fields: ['12.5', '江岸区', '=1/0', '=NOW()'] },
    ]);
  });

  it('keeps rows as wide as the header, and a cell beyond it makes the row wider', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['a', 'b', 'c']);
      ws.getCell('A3').value = 1;
      ws.getCell('E4').value = 'x';
    });
    const { records } = await readXlsx(bytes);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 3, fields: ['1', '', ''] },
      { line: 4, fields: ['', '', '', '', 'x'] },
    ]);
  });

  it('refuses bytes that are no workbook, and a damaged one', async () => {
    await expect(readXlsx(Buffer.from('indicator,period\n'))).rejects.toBeInstanceOf(XlsxReadError);
    const bytes = await workbook((ws) => ws.addRow(['a']));
    await expect(readXlsx(bytes.subarray(0, bytes.length - 40))).rejects.toBeInstanceOf(XlsxReadError);
  });

  it('refuses a workbook that unpacks to more than it may, before unpacking it', async () => {
    const bytes = Buffer.from(await workbook((ws) => ws.addRow(['a'])));
    const entry = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(MAX_UNPACKED_BYTES + 1, entry + 24);
    await expect(readXlsx(bytes)).rejects.toThrow(/unpacks to \d+ bytes/);
  });

  it('writes validation a spreadsheet enforces, and reads back what it wrote', async () => {
    const bytes = await writeXlsx({
      name: 'S',
      header: ['h / a', 'h / b'],
      rows: [[{ value: 'x' }, { editable: true, rule: { kind: 'whole', min: 0, max: 100 } }]],
    });
    const book = new Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cell = book.worksheets[0].getCell('B2');
    expect(cell.dataValidation).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 100] });
    expect(cell.protection).toMatchObject({ locked: false });
    expect((await readXlsx(bytes)).records).toEqual([
      { line: 1, fields: ['h / a', 'h / b'] },
      { line: 2, fields: ['x', ''] },
    ]);
  });
});

describe('the template in the figure reader', () => {
  const header = {
    line: 1,
    fields: ['指标编号 / indicator', '指标名称 / name', '期间 / period', '数值 / value', '上期值 / previous'],
  };

  it('takes bilingual headings, ignores the informative columns and skips rows left empty', () => {
    const sheet = readFigureRecords([
      header,
      { line: 2, fields: ['court-ip-cases-closed', '结案数', '2025Q4', '1100', '1000'] },
      { line: 3, fields: ['average-trial-closure-days', '平均结案时间', '2025Q4', '', '98'] },
    ]);
    expect(sheet.columns).toEqual(['indicator', 'name', 'period', 'value', 'previous']);
    expect(sheet.rows).toEqual([{ line: 2, figure: { indicator: 'court-ip-cases-closed', period: '2025Q4', value: 1100 } }]);
    expect(sheet.unfilled).toBe(1);
  });

  it('without template columns, a row with no value is still sent (and rejected by the push)', () => {
    const sheet = readFigureRecords([
      { line: 1, fields: ['indicator', 'period', 'value'] },
      { line: 2, fields: ['court-ip-cases-closed', '2025Q4', ''] },
    ]);
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.unfilled).toBe(0);
  });
});

/** The parts of an .xlsx file as text, read with lib/zip (not exceljs, which wrote them). */
async function parts(bytes: Buffer): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const budget = new ReadBudget(UNLIMITED);
  for (const [name, entry] of zipEntries(bytes)) {
    let text = '';
    for await (const chunk of openEntry(bytes, entry, budget)) text += String(chunk);
    texts.set(name, text);
  }
  return texts;
}

describe('the template printed', () => {
  const sheet = {
    name: '填报 Report',
    header: Array.from({ length: 16 }, (_, i) => `列 / c${i}`),
    widths: Array.from({ length: 16 }, () => 15),
    rows: Array.from({ length: 40 }, (_, r) => Array.from({ length: 16 }, (_, c) => ({ value: `${r}-${c}` }))),
  };

  it('is A4, landscape when wide, one page across, as many down as it takes, the header row on each page', async () => {
    const bytes = await writeXlsx(sheet);
    const xml = await parts(bytes);
    const ws = xml.get('xl/worksheets/sheet1.xml')!;
    expect(ws).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    const setup = /<pageSetup [^>]*\/>/.exec(ws)![0];
    expect(setup).toContain('paperSize="9"');
    expect(setup).toContain('orientation="landscape"');
    expect(setup).toContain('fitToWidth="1"');
    expect(setup).toContain('fitToHeight="0"');
    const names = xml.get('xl/workbook.xml')!.replace(/&apos;/g, "'");
    expect(names).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'填报 Report'!$1:$1</definedName>`);
    expect(names).toMatch(/<definedName name="_xlnm.Print_Area" localSheetId="0">'填报 Report'!\$A\$1:\$P\$41<\/definedName>/);
    // And as a spreadsheet program reads it back.
    const book = new Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0].pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    });
  });

  it('is portrait when the columns fit a portrait page; an open list warns instead of refusing', async () => {
    const bytes = await writeXlsx({
      name: 'S',
      header: ['a / a', 'b / b'],
      rows: [
        [{ value: 'x' }, { editable: true, rule: { kind: 'list', values: ['估计 ESTIMATED', '推算 IMPUTED'], open: true } }],
      ],
    });
    const book = new Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    expect(ws.pageSetup).toMatchObject({ orientation: 'portrait', fitToWidth: 1, printTitlesRow: '1:1' });
    expect(ws.getCell('B2').dataValidation).toMatchObject({
      type: 'list',
      errorStyle: 'warning',
      formulae: ['"估计 ESTIMATED,推算 IMPUTED"'],
    });
  });
});

describe('finding the sheet and its header row', () => {
  const search = { isHeader: isFigureHeader, within: HEADER_WITHIN };

  it('passes over a sheet of notes and a title above the header, and says which sheet and row it read', async () => {
    const book = new Workbook();
    book.addWorksheet('说明').addRow(['填报说明：数值填在黄色单元格']);
    const ws = book.addWorksheet('填报 Report');
    ws.addRow(['武汉市指标填报表 2025Q4']);
    ws.mergeCells('A1:C1');
    ws.addRow([]);
    ws.addRow(['指标编号 / indicator', '期间 / period', '数值 / value']);
    ws.addRow(['court-ip-cases-closed', '2025Q4', 1100]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const read = await readXlsx(bytes, undefined, search);
    expect(read).toMatchObject({ sheet: '填报 Report', headerRow: 3 });
    expect(read.records.map((r) => r.line)).toEqual([3, 4]);
    const file = await readFigureBytes(bytes);
    expect(file).toMatchObject({ sheet: '填报 Report', headerRow: 3, format: '.xlsx, sheet "填报 Report", header row 3' });
    expect(file.rows).toEqual([{ line: 4, figure: { indicator: 'court-ip-cases-closed', period: '2025Q4', value: 1100 } }]);
    // Without a search, the first sheet's first row, as before.
    expect(await readXlsx(bytes)).toMatchObject({ sheet: '说明', headerRow: 1 });
  });

  it('with no header row anywhere, refuses the first row of the first sheet naming the sheet, the row and the cells', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow([]);
      ws.getCell('B2').value = '指标编号 / indicator';
      ws.getCell('C2').value = '年份 / year';
    });
    await expect(readFigureBytes(bytes)).rejects.toThrow(
      /^sheet "Sheet1", row 2 read as the header: unknown column\(s\): year \(C2\); columns are: .*\(the header is the first row naming indicator and period within the first 20 rows of a sheet\)$/,
    );
  });

  it('reads merged cells as the sheet shows them: a heading over two columns names the first, an id merged down fills each row', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['指标编号 / indicator', '指标名称 / name', '期间 / period', '分项 / breakdown', '数值 / value']);
      ws.mergeCells('A1:B1');
      ws.addRow(['court-ip-cases-closed', '结案数', '2025Q4', '', 1100]);
      ws.addRow(['', '', '2025Q4', '江岸区', 600]);
      ws.addRow(['', '', '2025Q4', '洪山区', 500]);
      ws.mergeCells('A2:A4');
      ws.mergeCells('B2:B4');
    });
    const { records } = await readXlsx(bytes, undefined, search);
    expect(records[0]).toEqual({
      line: 1,
      fields: ['指标编号 / indicator', '指标编号 / indicator', '期间 / period', '分项 / breakdown', '数值 / value'],
      covered: [1],
    });
    const file = await readFigureBytes(bytes);
    expect(file.columns).toEqual(['indicator', '', 'period', 'breakdown', 'value']);
    expect(file.problems).toEqual([]);
    expect(file.rows.map((r) => [r.line, r.figure.indicator, r.figure.breakdown])).toEqual([
      [2, 'court-ip-cases-closed', undefined],
      [3, 'court-ip-cases-closed', '江岸区'],
      [4, 'court-ip-cases-closed', '洪山区'],
    ]);
  });
  it('finds every merged range of a long sheet, however its part is cut into pieces as it inflates', async () => {
    const rows = 3000;
    const bytes = await workbook((ws) => {
      ws.addRow(['indicator', 'period', 'note']);
      for (let r = 2; r <= rows; r++) {
        ws.addRow([`id-${r}`, '', `note ${r}`]);
        ws.mergeCells(`A${r}:B${r}`);
      }
    });
    const { records } = await readXlsx(bytes, undefined, search);
    expect(records).toHaveLength(rows);
    expect(records.slice(1).filter((r) => r.fields[1] !== `id-${r.line}`)).toEqual([]);
  });
});

describe('status and flags in codes and Chinese words', () => {
  const header = { line: 1, fields: ['indicator', 'period', 'value', 'status', 'flags'] };
  const read = (...rows: string[][]) =>
    readFigureRecords([header, ...rows.map((fields, i) => ({ line: i + 2, fields: ['x', '2025Q4', '1', ...fields] }))]);

  it('takes 最终, 初步, 估计 and the codes; an estimate is a provisional figure flagged ESTIMATED', () => {
    const sheet = read(
      ['最终', ''],
      ['初步', ''],
      ['估计', ''],
      ['ESTIMATED', '推算'],
      ['final', ''],
      ['估计 ESTIMATED', 'ESTIMATED'],
    );
    expect(sheet.problems).toEqual([]);
    expect(sheet.rows.map((r) => [r.figure.status, r.figure.flags])).toEqual([
      ['FINAL', undefined],
      ['PROVISIONAL', undefined],
      ['PROVISIONAL', ['ESTIMATED']],
      ['PROVISIONAL', ['IMPUTED', 'ESTIMATED']],
      ['FINAL', undefined],
      ['PROVISIONAL', ['ESTIMATED']],
    ]);
  });

  it('takes flags as codes and words, several separated by ; 、 or spaces', () => {
    const sheet = read(['', '估计；序列中断'], ['', 'BREAK_IN_SERIES;forecast'], ['', '估计 ESTIMATED、口径不同']);
    expect(sheet.rows.map((r) => r.figure.flags)).toEqual([
      ['ESTIMATED', 'BREAK_IN_SERIES'],
      ['BREAK_IN_SERIES', 'FORECAST'],
      ['ESTIMATED', 'DEFINITION_DIFFERS'],
    ]);
  });

  it('refuses anything else in its own row only, saying what is allowed in both languages', () => {
    const sheet = read(['待定', ''], ['初步', ''], ['', '存疑'], ['最终 PROVISIONAL', '']);
    expect(sheet.rows.map((r) => r.line)).toEqual([3]);
    expect(sheet.problems).toEqual([
      { line: 2, field: 'status', message: expect.stringContaining('"待定" is not a status') },
      { line: 4, field: 'flags', message: expect.stringContaining('"存疑" is not a flag') },
      { line: 5, field: 'status', message: expect.stringContaining('is not a status') },
    ]);
    const [status, flags] = sheet.problems.map((p) => p.message);
    for (const allowed of ['最终 FINAL', '初步 PROVISIONAL', '估计 ESTIMATED', '请填']) expect(status).toContain(allowed);
    for (const allowed of ['估计 ESTIMATED', '推算 IMPUTED', '序列中断 BREAK_IN_SERIES']) expect(flags).toContain(allowed);
  });

  it('reads the explanation and reason columns; names the cell of a field under no heading or beyond the header', () => {
    const sheet = readFigureRecords([
      { line: 1, fields: ['indicator', 'period', 'value', '', 'explanation', 'reason'] },
      { line: 2, fields: ['x', '2025Q4', '1', '', '四季度集中审结', '更正录入错误'] },
      { line: 3, fields: ['x', '2025Q4', '1', 'stray', '', ''] },
      { line: 4, fields: ['x', '2025Q4', '1', '', '', '', '', 'far'] },
    ]);
    expect(sheet.rows).toEqual([
      { line: 2, figure: { indicator: 'x', period: '2025Q4', value: 1, explanation: '四季度集中审结', reason: '更正录入错误' } },
    ]);
    expect(sheet.problems).toEqual([
      { line: 3, field: 'row', column: 3, message: expect.stringContaining('without a heading') },
      { line: 4, field: 'row', column: 7, message: expect.stringContaining('8 fields under a header of 6 columns') },
    ]);
  });

  it('refuses a column given twice, naming both cells', () => {
    expect(() => readFigureRecords([{ line: 3, fields: ['indicator', 'period', 'value', 'value'] }])).toThrow(
      'the column value is there more than once (C3, D3): keep one',
    );
  });
});
