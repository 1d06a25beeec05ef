/**
 * Reporting with Excel from the reporting page, in a real browser against the real
 * gateway: the court's clerk signs in, opens 2025Q4, downloads its template (a workbook
 * of that period, saved by the browser), fills it, uploads it, sees the dry run name a
 * bad cell and a jump by their sheet cells beside the rows they concern, corrects the
 * cell, uploads again, explains the jump at a person's pace, submits and gets the receipt;
 * the figures are then in the hub with the explanation. A refusal is shown in words, never
 * as JSON. At 390 px nothing scrolls sideways and every control is labelled; axe-core
 * (where installed; the test is skipped otherwise) finds no serious or critical
 * violation. The upload endpoint's form (file and explanations) refuses what it cannot
 * use. SCREENSHOT=1 also writes docs/report-upload.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../lib/config';
import { type DashboardHub, startDashboardHub } from '../support/browser';
import { bearer, graphql } from '../support/hub';
import {
  axeSource,
  chooseFile,
  downloadTemplate,
  fillTemplate,
  reportPage,
  seriousViolations,
  signInWithToken,
  unlabelled,
} from '../support/report-page';
import { sheetOf, text, XLSX_TYPE } from '../support/xlsx';

jest.setTimeout(240_000);

const AS_OF = '2026-01-05';
const PUSH = `mutation ($input: PushFiguresInput!) { pushFigures(input: $input) { created rejected } }`;
const CLOSED = 'court-ip-cases-closed';
const WITHIN = 'court-ip-cases-closed-within-limit';
const EXPLANATION = '四季度集中审结一批系列案件';
const AXE = axeSource();

let state: DashboardHub;
const offOrigin: string[] = [];

beforeAll(async () => {
  state = await startDashboardHub(async (url) => {
    // The court's 2025Q3, so that 2025Q4 can jump.
    const res = await graphql(
      url,
      PUSH,
      {
        input: {
          figures: [
            { indicator: CLOSED, period: '2025Q3', value: 1000 },
            { indicator: CLOSED, period: '2025Q3', breakdown: '知识产权庭', value: 600 },
            { indicator: WITHIN, period: '2025Q3', value: 950 },
          ],
        },
      },
      await bearer('court', ['reporter']),
    );
    expect(res.data!.pushFigures).toMatchObject({ created: 3, rejected: 0 });
  });
});
afterAll(async () => {
  await state?.stop();
  expect(offOrigin).toEqual([]);
});

/** The page signed in as the court's reporter, on the form of 2025Q4. */
async function onTheForm(width = 1280): Promise<{ page: Page; problems: string[] }> {
  const opened = await reportPage(state, offOrigin, `${state.base}/report?asOf=${AS_OF}`);
  await opened.page.setViewportSize({ width, height: 900 });
  await signInWithToken(opened.page, (await bearer('court', ['reporter'])).authorization.replace('Bearer ', ''));
  await opened.page.click('#owe-list li[data-period="2025Q4"] button');
  await opened.page.waitForSelector('#form-panel:not([hidden])');
  return opened;
}

const problem = (page: Page, row: number, code: string) =>
  page.locator(`#upload-problems li.problem-row[data-row="${row}"] li.problem[data-code="${code}"]`);

const wide = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('the court clerk reports 2025Q4 with Excel from the page', () => {
  it('downloads the template, uploads it filled, sees the problems by cell, explains the jump, submits: the receipt, the figures in the hub', async () => {
    const { page, problems } = await onTheForm();

    // The template of the period on screen, fetched with the clerk's token and saved by the browser.
    const template = await downloadTemplate(page);
    expect(template.name).toBe('report-court-2025Q4.xlsx');
    const sheet = await sheetOf(template.bytes);
    expect(sheet.name).toBe('填报 Report');
    const periods = new Set<string>();
    const organizations = new Set<string>();
    const indicators = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      indicators.add(text(row.getCell(1).value));
      periods.add(text(row.getCell(4).value));
      organizations.add(text(row.getCell(13).value));
    });
    expect([...periods]).toEqual(['2025Q4']);
    expect([...organizations]).toEqual(['court']);
    expect([...indicators]).toEqual(expect.arrayContaining([CLOSED, WITHIN]));

    // Filled: the cases closed jump (1000 → 4100), the number closed within the limit has a fraction.
    const values = { [`${CLOSED}|`]: 4100, [`${WITHIN}|`]: 900.5, ['average-trial-closure-days|']: 95 };
    const first = await fillTemplate(template.bytes, values);
    const closedRow = first.rows.get(`${CLOSED}|`)!;
    const withinRow = first.rows.get(`${WITHIN}|`)!;
    await chooseFile(page, template.name, first.bytes);

    // The dry run: each problem by its sheet cell, beside the row it concerns, in words.
    const bad = problem(page, withinRow, 'BAD_USER_INPUT');
    expect(await bad.getAttribute('data-cell')).toBe(`G${withinRow}`);
    expect(await bad.textContent()).toContain(`'填报 Report'!G${withinRow}`);
    expect(await bad.textContent()).toContain('whole number');
    const jump = problem(page, closedRow, 'EXPLANATION_REQUIRED');
    expect(await jump.textContent()).toContain(`'填报 Report'!G${closedRow}`);
    expect(await jump.textContent()).toContain('与上期相比变化异常');
    const where = await page.textContent(`#upload-problems li.problem-row[data-row="${closedRow}"] .problem-where`);
    expect(where).toContain(CLOSED);
    expect(where).toContain('2025Q4');
    expect(await page.textContent('#upload-note')).toContain('尚未写入');
    expect(await page.textContent('#upload-counts')).toContain('拒收 Rejected');
    // A cell only the file can mend: no submitting, and the page says why.
    expect(await page.isHidden('#upload-submit')).toBe(true);
    expect(await page.textContent('#upload-errors')).toContain('Correct the cells below in Excel');
    if (process.env.SCREENSHOT === '1') {
      mkdirSync(path.join(PROJECT_ROOT, 'docs'), { recursive: true });
      await page.screenshot({ path: path.join(PROJECT_ROOT, 'docs', 'report-upload.png'), fullPage: true });
    }

    // Corrected in Excel and chosen again: only the jump is left, and it wants an explanation.
    await page.click('#upload-back');
    await page.waitForSelector('#form-panel:not([hidden])');
    const second = await fillTemplate(template.bytes, { ...values, [`${WITHIN}|`]: 900 });
    await chooseFile(page, template.name, second.bytes);
    await problem(page, closedRow, 'EXPLANATION_REQUIRED').waitFor();
    expect(await page.locator('#upload-problems li.problem[data-code="BAD_USER_INPUT"]').count()).toBe(0);
    expect(await page.isVisible('#upload-submit')).toBe(true);

    // Submitting without the explanation is stopped at its field.
    const explanation = `#explain-${closedRow}`;
    await page.click('#upload-submit');
    await page.waitForSelector(`${explanation}[aria-invalid="true"]`);
    expect(await page.isHidden('#receipt')).toBe(true);
    const before = await graphql(state.hub.gateway.url, `{ figures(indicator: "${CLOSED}", period: "2025Q4") { value } }`);
    expect(before.data!.figures).toEqual([]);

    // Explained at a person's pace, submitted: the receipt the form's submissions show.
    await page.locator(explanation).pressSequentially(EXPLANATION, { delay: 40 });
    await page.click('#upload-submit');
    await page.waitForSelector('#receipt:not([hidden])');
    const receipt = (await page.textContent('#receipt'))!;
    expect(receipt).toContain('court-reporter@test');
    expect(receipt).toContain('新增 3 created');
    expect(receipt).toContain(EXPLANATION);
    const receiptId = new URL(page.url()).searchParams.get('receipt')!;
    const stored = await graphql(
      state.hub.gateway.url,
      `
        query ($id: String!) {
          receipt(id: $id) {
            period
            submittedBy
            created
            figures {
              indicator
              breakdown
              value
              explanation
            }
          }
        }
      `,
      { id: receiptId },
      await bearer('court', ['reporter']),
    );
    expect(stored.data!.receipt).toMatchObject({ period: '2025Q4', submittedBy: 'court-reporter@test', created: 3 });

    // The figures landed, the jump with its explanation.
    const landed = async (indicator: string) =>
      (
        await graphql(
          state.hub.gateway.url,
          `{ figures(indicator: "${indicator}", period: "2025Q4") { breakdown value explanation warningCodes } }`,
        )
      ).data!.figures;
    expect(await landed(CLOSED)).toEqual(
      expect.arrayContaining([{ breakdown: '', value: 4100, explanation: EXPLANATION, warningCodes: ['IMPLAUSIBLE_JUMP'] }]),
    );
    expect(await landed(WITHIN)).toEqual([expect.objectContaining({ breakdown: '', value: 900, explanation: null })]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a refusal in words, never as JSON', async () => {
    const { page } = await onTheForm();
    // Not a workbook: sent as CSV, whose columns the gateway does not know.
    await page.setInputFiles('#upload-file', {
      name: 'notes.xlsx',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello,world\n1,2\n'),
    });
    const status = page.locator('#excel-status.error');
    await status.waitFor();
    expect(await status.textContent()).toContain('文件或请求有误 The file or the request is not right');
    expect(await status.textContent()).toContain('unknown column');
    expect(await status.textContent()).not.toContain('{');
    // The template refused (as the gateway refuses another agency's).
    await page.route('**/report/template.xlsx?*', (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [
            { message: 'a reporter gets the template of its own organisation (court) only', extensions: { code: 'FORBIDDEN' } },
          ],
        }),
      }),
    );
    await page.click('#template-download');
    await page.waitForSelector('#excel-status.error:has-text("无权操作 Not allowed")');
    expect(await page.textContent('#excel-status')).not.toContain('"errors"');
    expect(await page.getAttribute('#excel-status', 'role')).toBe('alert');
    await page.close();
  });
});

describe('usable by everyone', () => {
  /** The form of 2025Q4 at `width` with a file chosen that has a cell to mend and a jump to explain: the check shown. */
  async function checked(width: number): Promise<{ page: Page; problems: string[] }> {
    const opened = await onTheForm(width);
    const template = await downloadTemplate(opened.page);
    const file = await fillTemplate(template.bytes, { [`${CLOSED}|`]: 40000, [`${WITHIN}|`]: 1.5 });
    await chooseFile(opened.page, template.name, file.bytes);
    await opened.page.locator('#upload-problems textarea').first().waitFor();
    return opened;
  }

  it('at 390 px nothing scrolls sideways and every control is labelled', async () => {
    const { page, problems } = await onTheForm(390);
    expect(await wide(page)).toBeLessThanOrEqual(390);
    expect(await unlabelled(page, '.excel')).toEqual([]);
    await page.close();
    const upload = await checked(390);
    expect(await wide(upload.page)).toBeLessThanOrEqual(390);
    expect(await unlabelled(upload.page, '#upload')).toEqual([]);
    expect([...problems, ...upload.problems]).toEqual([]);
    await upload.page.close();
  });

  it('axe-core finds no serious or critical violation in the Excel views, on a phone and a desktop', async () => {
    for (const width of [390, 1280]) {
      const { page } = await checked(width);
      expect({ width, violations: await seriousViolations(page, AXE, '#upload') }).toEqual({ width, violations: [] });
      await page.click('#upload-back');
      await page.waitForSelector('#form-panel:not([hidden])');
      expect({ width, violations: await seriousViolations(page, AXE, '.excel') }).toEqual({ width, violations: [] });
      await page.close();
    }
  });
});

describe('the upload behind the page', () => {
  const post = async (body: FormData | Uint8Array<ArrayBuffer>, query: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${state.base}/report/upload.xlsx?${query}`, {
      method: 'POST',
      headers: { ...(await bearer('court', ['reporter'])), ...headers },
      body,
    });
    return { status: res.status, body: await res.json() };
  };
  const template = async () => {
    const res = await fetch(`${state.base}/report/template.xlsx?period=2025Q4`, { headers: await bearer('court', ['reporter']) });
    return Buffer.from(await res.arrayBuffer());
  };
  const form = (bytes: Buffer, explanations?: string, extra?: [string, string]) => {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(bytes)]), 'report.xlsx');
    if (explanations !== undefined) body.append('explanations', explanations);
    if (extra) body.append(...extra);
    return body;
  };

  it('refuses explanations it cannot use, and rows of another period, by cell; writes nothing', async () => {
    const figures = async () =>
      (await graphql(state.hub.gateway.url, `{ figures(indicator: "${CLOSED}", period: "2025Q4") { breakdown value } }`)).data!
        .figures;
    const before = await figures();
    const file = await fillTemplate(await template(), { [`${CLOSED}|`]: 4200 });
    const row = file.rows.get(`${CLOSED}|`)!;
    const stray = await post(form(file.bytes, JSON.stringify({ 999: 'x' })), 'dryRun=true&period=2025Q4');
    expect(stray.status).toBe(400);
    expect(stray.body.errors[0].message).toContain('row 999');
    expect((await post(form(file.bytes, '[1]'), 'dryRun=true&period=2025Q4')).status).toBe(400);
    expect((await post(form(file.bytes, undefined, ['other', 'x']), 'dryRun=true&period=2025Q4')).status).toBe(400);
    expect((await post(form(file.bytes), 'dryRun=true&period=2025Q9')).status).toBe(400);

    // Another period: every row is named at its period cell, nothing lands.
    const other = await post(form(file.bytes), 'dryRun=false&period=2025Q3');
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ period: '2025Q3', receipt: null, created: 0 });
    expect(other.body.rejections).toEqual(
      expect.arrayContaining([expect.objectContaining({ row, cell: `D${row}`, field: 'period', code: 'BAD_USER_INPUT' })]),
    );
    expect(other.body.problemRows).toEqual(expect.arrayContaining([{ row, indicator: CLOSED, period: '2025Q4', breakdown: '' }]));

    // Explained, the dry run sees the warning explained; the raw body (no form) still works as before,
    // and without a period too the jump needs its explanation, as on the form.
    const explained = await post(form(file.bytes, JSON.stringify({ [row]: EXPLANATION })), 'dryRun=true&period=2025Q4');
    expect(explained.body).toMatchObject({ rejected: 0, warnings: [{ row, cell: `G${row}`, code: 'IMPLAUSIBLE_JUMP' }] });
    expect(explained.body.created + explained.body.updated).toBe(1);
    const raw = await post(new Uint8Array(file.bytes), 'dryRun=true', { 'content-type': XLSX_TYPE });
    expect(raw.body).toMatchObject({ dryRun: true, period: null, rejected: 1, receipt: null });
    expect(raw.body.rejections).toMatchObject([{ row, cell: `G${row}`, code: 'EXPLANATION_REQUIRED' }]);
    expect(await figures()).toEqual(before);
  });
});
