/** Workbooks ↔ rows (lib/xlsx) and the template's columns in the figure reader. */
import { Workbook } from 'exceljs';
import { columnLetter, writeXlsx, XlsxReadError } from '../../lib/xlsx';
import { MAX_UNPACKED_BYTES, readXlsx } from '../../lib/xlsx-read';
import { readFigureRecords } from '../../lib/figure-file';

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
