/**
 * The reporting page as people who use a keyboard, a screen reader or poor eyesight meet
 * it: axe-core (WCAG 2.1 A and AA, best practice) finds no serious or critical violation
 * on the sign-in panel, a clerk's list of what is owed and a period's form, and a
 * coordinator's page (owed, review queue, personal tokens), at 1280 and 390 px. The Excel
 * views are checked in report-excel.test.ts.
 */
import type { Page } from 'playwright-core';
import type { Role } from '../../lib/identity';
import { type DashboardHub, startDashboardHub } from '../support/browser';
import { bearer } from '../support/hub';
import { axeSource, reportPage, seriousViolations, signInWithToken } from '../support/report-page';

jest.setTimeout(240_000);

const AS_OF = '2026-01-05';
const AXE = axeSource();
let state: DashboardHub;
const offOrigin: string[] = [];

beforeAll(async () => {
  state = await startDashboardHub();
});
afterAll(async () => {
  await state?.stop();
  expect(offOrigin).toEqual([]);
});

async function opened(width: number): Promise<Page> {
  const { page } = await reportPage(state, offOrigin, `${state.base}/report?asOf=${AS_OF}`);
  await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
  return page;
}

const token = async (org: string, roles: Role[]) => (await bearer(org, roles)).authorization.replace('Bearer ', '');

for (const width of [1280, 390]) {
  describe(`at ${width} px`, () => {
    it('signed out: the sign-in panel, its Chinese waiting for the web font rather than drawn as boxes', async () => {
      const page = await opened(width);
      await page.waitForSelector('#sign-in:not([hidden])');
      expect(await seriousViolations(page, AXE, 'body')).toEqual([]);
      const display = await page.evaluate(() =>
        [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'Noto Sans SC').map((f) => f.display),
      );
      expect(display.length).toBeGreaterThan(0);
      expect(new Set(display)).toEqual(new Set(['block']));
      await page.close();
    });

    it("a clerk: what the court owes, then a period's form", async () => {
      const page = await opened(width);
      await signInWithToken(page, await token('court', ['reporter']));
      expect({ view: 'owed', violations: await seriousViolations(page, AXE, 'body') }).toEqual({ view: 'owed', violations: [] });
      await page.click('#owe-list li[data-period="2025Q4"] button');
      await page.waitForSelector('#form-panel:not([hidden])');
      expect({ view: 'form', violations: await seriousViolations(page, AXE, 'body') }).toEqual({ view: 'form', violations: [] });
      await page.close();
    });

    it('the coordinator: owed, the review queue and personal tokens', async () => {
      const page = await opened(width);
      await signInWithToken(page, await token('amr', ['coordinator']));
      await page.waitForSelector('#review:not([hidden]) #review-list[aria-busy="false"]', { state: 'attached' });
      expect(await seriousViolations(page, AXE, 'body')).toEqual([]);
      // Issuing a personal token: no organisation is chosen until the coordinator chooses one.
      await page.waitForSelector('#issue-org option[value="court"]', { state: 'attached' });
      expect(await page.inputValue('#issue-org')).toBe('');
      expect(await page.$eval('#issue-org', (s) => (s as HTMLSelectElement).checkValidity())).toBe(false);
      await page.close();
    });
  });
}
