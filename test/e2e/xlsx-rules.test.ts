/**
 * Reporting with Excel by the form's rules, through the real gateway over HTTP: a workbook
 * LibreOffice rearranged (a sheet of notes first, a title above the header, merged cells;
 * test/fixtures/xlsx/fill-layout.py) is read where its header is, its statuses and flags
 * in Chinese words and codes, a status that is none refused by its cell while the other
 * rows land; an implausible jump lands only explained (the template's explanation cell),
 * and a FINAL figure is corrected only with a reason (its reason cell), as on the form.
 */
import { Workbook, type Worksheet } from 'exceljs';
import { bearer, graphql } from '../support/hub';
import { cellText } from '../../lib/xlsx';
import { fixture, text, useReportingHub } from '../support/xlsx';

const { url, figureRevisions, template, upload } = useReportingHub();

const LAYOUT = 'court-2025Q4-libreoffice-layout.xlsx';
const CLOSED = 'court-ip-cases-closed';
const WITHIN = 'court-ip-cases-closed-within-limit';
const AVERAGE = 'average-trial-closure-days';
const ASSESSORS = 'expert-assessor-cases-increase';

const FIGURES = `query Figures($indicator: ID!) { indicator(id: $indicator) {
  figures(from: "2025Q4", to: "2025Q4") { breakdown value status flags explanation warningCodes } } }`;
const REVISIONS = `query Revisions($indicator: ID!) { indicator(id: $indicator) {
  figures(from: "2025Q4", to: "2025Q4", breakdown: "") { history { value reason } } } }`;

async function q4(indicator: string, breakdown = '') {
  const res = await graphql(url(), FIGURES, { indicator });
  expect(res.errors).toBeUndefined();
  return (res.data!.indicator.figures as Array<{ breakdown: string }>).find((f) => f.breakdown === breakdown) ?? null;
}

/** The sheet row of an indicator (and breakdown) in a sheet whose indicators are in column A. */
function rowOf(ws: Worksheet, indicator: string, breakdown = ''): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (text(row.getCell(1).value) === indicator && text(row.getCell(5).value) === breakdown) found = n;
  });
  expect(found).toBeGreaterThan(0);
  return found;
}

/** The court's 2025Q4 template as the hub writes it, to fill in. */
async function courtTemplate(): Promise<Workbook> {
  const res = await template('organization=court&period=2025Q4', await bearer('court', ['reporter']));
  expect(res.status).toBe(200);
  const workbook = new Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

const bytesOf = async (workbook: Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

describe('a workbook LibreOffice rearranged and filled in words', () => {
  it('is read from the sheet and row of its header; 初步, 估计, ESTIMATED and 最终 land; a status that is none is refused by its cell, alone', async () => {
    const headers = await bearer('court', ['reporter']);
    const book = new Workbook();
    await book.xlsx.load(fixture(LAYOUT) as unknown as ArrayBuffer);
    // What LibreOffice wrote: a sheet of notes first; the template's sheet with a merged title and header cell.
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['填报说明 Notes', '填报 Report']);
    const ws = book.worksheets[1];
    expect(cellText(ws.getCell('A3').value)).toBe('指标编号 / indicator');
    expect(ws.getCell('B3').isMerged).toBe(true);
    const within = rowOf(ws, WITHIN);
    expect(text(ws.getCell(`J${within}`).value)).toBe('待定');

    const before = await figureRevisions();
    const dry = await upload('upload.xlsx', fixture(LAYOUT), 'dryRun=true', headers);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      sheet: '填报 Report',
      headerRow: 3,
      format: '.xlsx, sheet "填报 Report", header row 3',
      rows: 5,
      unfilled: 1,
      created: 4,
      rejected: 1,
    });
    expect(dry.body.rejections).toEqual([
      {
        row: within,
        column: 'J',
        cell: `J${within}`,
        field: 'status',
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('"待定" is not a status'),
      },
    ]);
    for (const allowed of ['最终 FINAL', '初步 PROVISIONAL', '估计 ESTIMATED', '请填'])
      expect(dry.body.rejections[0].message).toContain(allowed);
    expect(await figureRevisions()).toBe(before);

    const res = await upload('upload.xlsx', fixture(LAYOUT), 'dryRun=false', headers);
    expect(res.body).toMatchObject({ headerRow: 3, created: 4, rejected: 1 });
    expect(await figureRevisions()).toBe(before + 4);
    // The indicator written once in a cell merged down over its breakdowns counts for each of their rows.
    expect(await q4(CLOSED)).toMatchObject({ value: 1100, status: 'PROVISIONAL', flags: ['ESTIMATED'] });
    expect(await q4(CLOSED, '江岸区')).toMatchObject({ value: 600, status: 'PROVISIONAL', flags: [] });
    expect(await q4(CLOSED, '洪山区')).toMatchObject({ value: 500, status: 'PROVISIONAL' });
    expect(((await q4(CLOSED, '洪山区')) as unknown as { flags: string[] }).flags.sort()).toEqual(['ESTIMATED', 'IMPUTED']);
    expect(await q4(AVERAGE)).toMatchObject({ value: 96.5, status: 'FINAL' });
    expect(await q4(WITHIN)).toBeNull();
  });
});

describe('the form’s rules in a workbook', () => {
  it('has the columns of the form: flags, explanation and reason, the status and flags offered in words and codes', async () => {
    const ws = (await courtTemplate()).worksheets[0];
    expect(['N1', 'O1', 'P1'].map((cell) => text(ws.getCell(cell).value))).toEqual([
      '质量标记 / flags',
      '情况说明 / explanation',
      '更正原因 / reason',
    ]);
    const row = rowOf(ws, WITHIN);
    expect(ws.getCell(`J${row}`).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"初步 PROVISIONAL,最终 FINAL,估计 ESTIMATED"'],
    });
    // Excel warns at a word of its own (初步, FINAL) rather than refusing it: the hub takes it.
    expect(ws.getCell(`J${row}`).dataValidation).toMatchObject({ errorStyle: 'warning' });
    expect(ws.getCell(`N${row}`).dataValidation).toMatchObject({ type: 'list', errorStyle: 'warning' });
    expect(ws.getCell(`N${row}`).dataValidation.formulae[0]).toContain('估计 ESTIMATED');
    for (const cell of ['N', 'O', 'P']) expect(ws.getCell(`${cell}${row}`).protection?.locked).toBe(false);
  });

  it('refuses an implausible jump left unexplained, naming its cell; explained in the cell, it lands with the explanation', async () => {
    const headers = await bearer('court', ['reporter']);
    const workbook = await courtTemplate();
    const ws = workbook.worksheets[0];
    const row = rowOf(ws, WITHIN);
    const previous = Number(ws.getCell(`F${row}`).value);
    ws.getCell(`G${row}`).value = previous * 10;
    const before = await figureRevisions();
    const bare = await upload('upload.xlsx', await bytesOf(workbook), 'dryRun=false', headers);
    expect(bare.status).toBe(200);
    expect(bare.body).toMatchObject({ rows: 1, created: 0, rejected: 1, warnings: [] });
    expect(bare.body.rejections).toEqual([
      {
        row,
        column: 'G',
        cell: `G${row}`,
        field: 'explanation',
        code: 'EXPLANATION_REQUIRED',
        message: expect.stringContaining('IMPLAUSIBLE_JUMP'),
      },
    ]);
    expect(bare.body.rejections[0].message).toContain(`write the explanation in O${row} (情况说明 / explanation)`);
    expect(await figureRevisions()).toBe(before);
    expect(await q4(WITHIN)).toBeNull();

    const why = '四季度集中审结一批系列案件';
    ws.getCell(`O${row}`).value = why;
    const explained = await upload('upload.xlsx', await bytesOf(workbook), 'dryRun=false', headers);
    expect(explained.body).toMatchObject({ rows: 1, created: 1, rejected: 0, rejections: [] });
    expect(explained.body.warnings).toMatchObject([{ row, cell: `G${row}`, code: 'IMPLAUSIBLE_JUMP' }]);
    expect(await q4(WITHIN)).toMatchObject({ value: previous * 10, explanation: why, warningCodes: ['IMPLAUSIBLE_JUMP'] });
    expect(await figureRevisions()).toBe(before + 1);
  });

  it('refuses a correction of a FINAL figure without a reason, naming the reason cell; with one, it lands', async () => {
    const headers = await bearer('court', ['reporter']);
    const pushed = await graphql(
      url(),
      `mutation { pushFigures(input: { figures: [{ indicator: "${ASSESSORS}", period: "2025Q4", value: 5, status: FINAL }] }) { created } }`,
      {},
      headers,
    );
    expect(pushed.data?.pushFigures).toEqual({ created: 1 });
    const workbook = await courtTemplate();
    const ws = workbook.worksheets[0];
    const row = rowOf(ws, ASSESSORS);
    ws.getCell(`G${row}`).value = 6;
    ws.getCell(`J${row}`).value = '最终';
    const before = await figureRevisions();
    const bare = await upload('upload.xlsx', await bytesOf(workbook), 'dryRun=false', headers);
    expect(bare.body).toMatchObject({ rows: 1, updated: 0, rejected: 1 });
    expect(bare.body.rejections).toEqual([
      {
        row,
        column: 'P',
        cell: `P${row}`,
        field: 'reason',
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('needs a reason'),
      },
    ]);
    expect(await figureRevisions()).toBe(before);

    ws.getCell(`P${row}`).value = '更正录入错误';
    const corrected = await upload('upload.xlsx', await bytesOf(workbook), 'dryRun=false', headers);
    expect(corrected.body).toMatchObject({ rows: 1, updated: 1, rejected: 0 });
    expect(await q4(ASSESSORS)).toMatchObject({ value: 6, status: 'FINAL' });
    const history = await graphql(url(), REVISIONS, { indicator: ASSESSORS });
    expect(history.data!.indicator.figures[0].history).toEqual([
      { value: 5, reason: null },
      { value: 6, reason: '更正录入错误' },
    ]);
  });
});
