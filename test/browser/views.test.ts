/**
 * Every view of both pages, on a laptop (1280 px) and a phone (390 px), reached as people
 * reach them (their own links and buttons): drawn, nothing scrolling sideways, and no
 * serious or critical axe violation. SCREENSHOT=1 also writes each as
 * docs/views/<view>-<width>.png (the pictures docs/dashboard.md and docs/reporting.md
 * show).
 *
 * The dashboard: the plan with the demo figures, a target's detail. The reporting page: the
 * sign-in panel; a clerk's list of what the court owes, a period's form with a jump to
 * explain, a filled template checked, the receipt; a coordinator's review queue, the
 * requests to reopen and the personal tokens.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../lib/config';
import { loaded, useDashboardHub } from '../support/browser';
import { pushDemoFigures } from '../support/demo';
import { bearer, graphql } from '../support/hub';
import {
  axeSource,
  chooseFile,
  downloadTemplate,
  fillTemplate,
  reportPage,
  seriousViolations,
  signInWithToken,
} from '../support/report-page';

jest.setTimeout(300_000);

const AXE = axeSource();
const WIDTHS = [1280, 390];
const CLOSED = 'court-ip-cases-closed';
const DIR = path.join(PROJECT_ROOT, 'docs', 'views');
const offOrigin: string[] = [];
const problems: string[] = [];

const state = useDashboardHub(async (url) => {
  await pushDemoFigures(url);
  // The court's 2025Q1 accepted, and its reporter asking for it to be reopened.
  const coordinator = await bearer('amr', ['coordinator']);
  const found = await graphql(
    url,
    `
      {
        submissions(organization: "court", period: "2025Q1") {
          id
        }
      }
    `,
  );
  const id = found.data!.submissions[0].id as string;
  expect((await graphql(url, `mutation { acceptSubmission(id: "${id}") { state } }`, {}, coordinator)).errors).toBeUndefined();
  const asked = await graphql(
    url,
    `mutation { askToReopen(id: "${id}", reason: "一季度漏报一批系列案件，需补报") { state } }`,
    {},
    await bearer('court', ['reporter']),
  );
  expect(asked.errors).toBeUndefined();
});

afterAll(() => {
  expect(offOrigin).toEqual([]);
  expect(problems).toEqual([]);
});

/** Checks a view and, with SCREENSHOT=1, keeps its picture: the whole page, or one part of it. */
async function view(page: Page, name: string, width: number, part?: string): Promise<void> {
  expect([name, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([name, width]);
  expect([name, await seriousViolations(page, AXE, part ?? 'body')]).toEqual([name, []]);
  if (process.env.SCREENSHOT !== '1') return;
  mkdirSync(DIR, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  const file = path.join(DIR, `${name}-${width}.png`);
  if (part) await page.locator(part).screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: width > 600 });
}

async function reporting(width: number, org?: string, role?: string): Promise<Page> {
  const opened = await reportPage(state, offOrigin, `${state.base}/report?asOf=2026-01-05`);
  opened.page.on('close', () => problems.push(...opened.problems));
  await opened.page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
  if (org) await signInWithToken(opened.page, (await bearer(org, [role as 'reporter'])).authorization.replace('Bearer ', ''));
  return opened.page;
}

for (const width of WIDTHS) {
  describe(`at ${width} px`, () => {
    it('the dashboard: the plan, and a target’s detail opened from its tile', async () => {
      const page = await state.browser.context.newPage();
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      await page.goto(`${state.base}/dashboard?asOf=2026-03-31&refresh=0`);
      await loaded(page);
      await view(page, 'dashboard', width);
      await page.click('#tiles [data-open="trial-closure-within-limit-rate"]');
      await page.waitForSelector('#detail[open] .history');
      await view(page, 'dashboard-detail', width, '#detail');
      await page.close();
    });

    it('the reporting page signed out: the sign-in panel', async () => {
      const page = await reporting(width);
      await page.waitForSelector('#sign-in:not([hidden])');
      await view(page, 'report-sign-in', width);
      await page.close();
    });

    it('a clerk: what the court owes, the form with a jump to explain, a checked template, the receipt', async () => {
      const page = await reporting(width, 'court', 'reporter');
      await view(page, 'report-owed', width);
      await page
        .locator('#owe-list li[data-period="2025Q4"]')
        .getByRole('button', { name: /2025Q4/ })
        .click();
      await page.waitForSelector('#form-panel:not([hidden])');
      const value = page.locator(`#form-rows fieldset[data-indicator="${CLOSED}"] .entry .field-value input`).first();
      await value.click({ clickCount: 3 });
      await page.keyboard.type('3500', { delay: 120 });
      await page.locator(`#form-rows fieldset[data-indicator="${CLOSED}"] .field-explanation textarea`).first().waitFor();
      await view(page, 'report-form', width);

      const template = await downloadTemplate(page);
      const filled = await fillTemplate(template.bytes, { [`${CLOSED}|`]: 3500 });
      await chooseFile(page, template.name, filled.bytes);
      await view(page, 'report-upload', width);
      await page.click('#upload-back');

      await page.locator(`#form-rows fieldset[data-indicator="${CLOSED}"] .field-explanation textarea`).first().click();
      await page.keyboard.type('四季度集中审结一批系列案件', { delay: 60 });
      await page.click('#submit');
      await page.waitForSelector('#receipt:not([hidden])');
      await view(page, 'report-receipt', width);
      await page.close();
    });

    it('the coordinator: the review queue, the requests to reopen, the personal tokens', async () => {
      const page = await reporting(width, 'amr', 'coordinator');
      await page.waitForSelector('#review:not([hidden])');
      await page.locator('#review-list summary').first().click();
      await view(page, 'report-review', width, '#review');
      await page.waitForSelector('#reopen:not([hidden])');
      await view(page, 'report-reopen', width, '#reopen');
      await view(page, 'report-tokens', width, '#tokens');
      await page.close();
    });
  });
}
