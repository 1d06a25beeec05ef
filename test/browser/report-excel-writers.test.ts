/**
 * Excel from the reporting page with workbooks the hub did not write, in a real browser
 * against the real gateway, as the court's clerk for 2025Q4 (after its 2025Q3 figures):
 * - one saved by LibreOffice Calc (test/fixtures/xlsx/court-2025Q4-libreoffice-page.xlsx,
 *   made by make-fixtures.sh from the hub's template: a status typed as 最终 and 初步, a
 *   total as a formula over its breakdowns, and the average days to close falling from 98
 *   to 30);
 * - one written here by write-excel-file from the template the page downloaded (a writer
 *   other than the hub's exceljs), the cases closed jumping from 1,000 to 4,100.
 * Each is chosen in the page; the jump is named by its cell; the clerk explains it at a
 * person's pace and submits; the receipt shows; the figures in the hub equal the cells.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { type DashboardHub, startDashboardHub } from '../support/browser';
import { bearer, graphql } from '../support/hub';
import { chooseFile, downloadTemplate, reportPage, signInWithToken } from '../support/report-page';
import { FIXTURES, Q3, sheetOf, text } from '../support/xlsx';

jest.setTimeout(240_000);

/** A cell as write-excel-file takes it. */
type Cell = { value?: string | number; type?: StringConstructor | NumberConstructor } | null;
/* eslint-disable-next-line @typescript-eslint/no-require-imports -- its types sit under package "exports" subpaths, which this project's moduleResolution (node) does not read */
const writeXlsxFile = require('write-excel-file/node') as (
  rows: Cell[][],
  options: { sheet?: string },
) => { toBuffer(): Promise<Buffer> };

const CLOSED = 'court-ip-cases-closed';
const AVERAGE = 'average-trial-closure-days';
const WITHIN = 'court-ip-cases-closed-within-limit';

let state: DashboardHub;
const offOrigin: string[] = [];

beforeAll(async () => {
  state = await startDashboardHub(async (url) => {
    const res = await graphql(
      url,
      'mutation ($input: PushFiguresInput!) { pushFigures(input: $input) { created rejected } }',
      {
        input: { figures: Q3 },
      },
      await bearer('court', ['reporter']),
    );
    expect(res.data!.pushFigures).toEqual({ created: Q3.length, rejected: 0 });
  });
});
afterAll(async () => {
  await state?.stop();
  expect(offOrigin).toEqual([]);
});

async function onTheForm(): Promise<{ page: Page; problems: string[] }> {
  const opened = await reportPage(state, offOrigin, `${state.base}/report?asOf=2026-01-05`);
  await signInWithToken(opened.page, (await bearer('court', ['reporter'])).authorization.replace('Bearer ', ''));
  await opened.page
    .locator('#owe-list li[data-period="2025Q4"]')
    .getByRole('button', { name: /2025Q4/ })
    .click();
  await opened.page.waitForSelector('#form-panel:not([hidden])');
  return opened;
}

/** The file chosen in the page: the jump at `row` explained at a person's pace, submitted; the receipt's text. */
async function explainAndSubmit(page: Page, row: number, explanation: string): Promise<string> {
  const jump = page.locator(`#upload-problems li.problem-row[data-row="${row}"] li.problem[data-code="EXPLANATION_REQUIRED"]`);
  expect(await jump.textContent()).toContain(`G${row}`);
  expect(await page.locator('#upload-problems li.problem[data-code="BAD_USER_INPUT"]').count()).toBe(0);
  await page.locator(`#explain-${row}`).pressSequentially(explanation, { delay: 40 });
  await page.click('#upload-submit');
  await page.waitForSelector('#receipt:not([hidden])');
  return (await page.textContent('#receipt'))!;
}

const figures = async (indicator: string) =>
  (
    await graphql(
      state.hub.gateway.url,
      `{ figures(indicator: "${indicator}", period: "2025Q4") { breakdown value status explanation } }`,
    )
  ).data!.figures as Array<{ breakdown: string; value: number; status: string; explanation: string | null }>;

it('a workbook saved by LibreOffice Calc: the jump explained in the page, the receipt, the figures as the cells show them', async () => {
  const { page, problems } = await onTheForm();
  const bytes = readFileSync(path.join(FIXTURES, 'court-2025Q4-libreoffice-page.xlsx'));
  // The row of each indicator and breakdown, as LibreOffice saved them.
  const rows = new Map<string, number>();
  (await sheetOf(bytes)).eachRow((row, n) => rows.set(`${text(row.getCell(1).value)}|${text(row.getCell(5).value)}`, n));
  await chooseFile(page, 'court-2025Q4.xlsx', bytes);
  const receipt = await explainAndSubmit(page, rows.get(`${AVERAGE}|`)!, '巡回审判集中结案，平均用时大幅缩短');
  expect(receipt).toContain('court-reporter@test');
  expect(await figures(AVERAGE)).toEqual([
    { breakdown: '', value: 30, status: 'FINAL', explanation: '巡回审判集中结案，平均用时大幅缩短' },
  ]);
  // The total is what Calc computed from its formula: 1,200 + 900.
  expect((await figures(CLOSED)).map((f) => [f.breakdown, f.value]).sort()).toEqual([
    ['', 2100],
    ['江岸区', 1200],
    ['洪山区', 900],
  ]);
  expect(await figures(WITHIN)).toEqual([{ breakdown: '', value: 2050, status: 'PROVISIONAL', explanation: null }]);
  expect(problems).toEqual([]);
  await page.close();
});

it('a workbook written by write-excel-file from the downloaded template: the same, cell for cell', async () => {
  const { page, problems } = await onTheForm();
  const template = await downloadTemplate(page);
  const sheet = await sheetOf(template.bytes);
  // The template's header and rows as another program writes them, the values typed into G.
  const values: Record<string, number> = { [`${CLOSED}|`]: 4100, [`${CLOSED}|江岸区`]: 2300, [`${CLOSED}|洪山区`]: 1800 };
  const data: Cell[][] = [];
  let closedRow = 0;
  sheet.eachRow((row, n) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1) {
      const shown = text(row.getCell(c).value);
      cells.push(shown === '' ? null : { value: shown, type: String });
    }
    const key = `${text(row.getCell(1).value)}|${text(row.getCell(5).value)}`;
    if (n > 1 && key in values) cells[6] = { value: values[key], type: Number };
    if (key === `${CLOSED}|`) closedRow = n;
    data.push(cells);
  });
  const bytes = await writeXlsxFile(data, { sheet: sheet.name }).toBuffer();
  await chooseFile(page, 'court-2025Q4-other.xlsx', bytes);
  // 1,000 → 4,100, and each district more than tripled: three jumps, each asking for its explanation.
  expect(await page.locator('#upload-problems textarea[id^="explain-"]').count()).toBe(3);
  for (const id of await page.$$eval('#upload-problems textarea[id^="explain-"]', (all) => all.map((t) => t.id)))
    if (id !== `explain-${closedRow}`) await page.locator(`#${id}`).pressSequentially('系列案件集中审结', { delay: 20 });
  await explainAndSubmit(page, closedRow, '四季度集中审结一批系列案件');
  expect((await figures(CLOSED)).map((f) => [f.breakdown, f.value]).sort()).toEqual([
    ['', 4100],
    ['江岸区', 2300],
    ['洪山区', 1800],
  ]);
  expect(problems).toEqual([]);
  await page.close();
});
