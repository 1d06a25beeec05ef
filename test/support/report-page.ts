/**
 * The reporting page (/report) in the browser tests: a page on which every request off
 * the hub's origin is aborted and recorded, signing in with a token, the template
 * downloaded, filled and chosen again as a clerk does, and the accessibility checks of
 * its views (axe-core's rules and the labels).
 */
import { readFileSync } from 'node:fs';
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import { type DashboardHub, openPage } from './browser';
import { text, XLSX_TYPE } from './xlsx';

/**
 * Opens `url` signed out, on a page where every request off the hub's origin (and the
 * `allowed` origins) is aborted; what the hub's pages asked for is pushed to `offOrigin`.
 */
export async function reportPage(
  state: DashboardHub,
  offOrigin: string[],
  url: string,
  allowed: string[] = [],
): Promise<{ page: Page; problems: string[] }> {
  const opened = await openPage(state.browser, 'about:blank');
  await opened.page.route('**/*', (route) => {
    const origin = new URL(route.request().url()).origin;
    if (origin === state.base || allowed.includes(origin)) return route.continue();
    // What the hub's pages ask for counts; an identity provider's own login page is its business.
    if (new URL(route.request().frame().url()).origin === state.base) offOrigin.push(route.request().url());
    return route.abort();
  });
  // Signed out: the browser profile is shared by the tests.
  await opened.page.goto(`${state.base}/healthz`);
  await opened.page.evaluate(() => localStorage.clear());
  await opened.page.goto(url);
  return opened;
}

/** Signs in on the sign-in form with a token, and waits for what the organisation owes. */
export async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.waitForSelector('#sign-in:not([hidden])');
  await page.fill('#token-input', token);
  await page.press('#token-input', 'Enter');
  await page.waitForSelector('#owe:not([hidden])', { timeout: 10_000 }).catch(async (error: Error) => {
    throw new Error(`${error.message}\n${await page.textContent('#error')} ${await page.textContent('#sign-in-message')}`);
  });
}

/** Excel on the page: clicks Download and answers the file the browser saved, with the name it was saved under. */
export async function downloadTemplate(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#template-download')]);
  const file = await saved.path();
  await page.waitForSelector('#excel-status:has-text("已下载")');
  return { name: saved.suggestedFilename(), bytes: readFileSync(file) };
}

/** The template with values typed into its value cells, by indicator and breakdown; the sheet row of each. */
export async function fillTemplate(
  template: Buffer,
  values: Record<string, number>,
): Promise<{ bytes: Buffer; rows: Map<string, number> }> {
  const workbook = new Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const rows = new Map<string, number>();
  workbook.worksheets[0].eachRow((row, n) => {
    if (n === 1) return;
    const key = `${text(row.getCell(1).value)}|${text(row.getCell(5).value)}`;
    rows.set(key, n);
    if (key in values) row.getCell(7).value = values[key];
  });
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), rows };
}

/** Chooses a file in the upload control and waits for its check. */
export async function chooseFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.setInputFiles('#upload-file', { name, mimeType: XLSX_TYPE, buffer: bytes });
  await page.waitForSelector('#upload:not([hidden])');
}

/** axe-core's script (a dev dependency), to run in a page. */
export function axeSource(): string {
  return readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
}

/**
 * The serious and critical violations of axe-core's rules within `selector` (each rule
 * id with the elements it found), checked against WCAG 2.1 A and AA. The script is run
 * through the DevTools protocol, which the page's Content-Security-Policy does not govern.
 */
export async function seriousViolations(page: Page, source: string, selector: string): Promise<string[]> {
  await page.evaluate(source);
  const violations = await page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<any> } }).axe;
    const result = await axe.run(
      { include: [within] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
    );
    return (result.violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>).map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, selector);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/** Form controls within `selector` that no label names. */
export function unlabelled(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(`${selector} input, ${selector} select, ${selector} textarea`, (controls) =>
    controls.filter((c) => (c as HTMLInputElement).labels?.length === 0).map((c) => c.id || c.outerHTML.slice(0, 80)),
  );
}
