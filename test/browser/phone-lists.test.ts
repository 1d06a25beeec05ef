/**
 * Long lists on a phone: the dashboard's targets, tasks, completeness and attention lists
 * and the reporting page's periods show their first rows and a button with the count
 * ("Show all 58 tasks"); tapping it shows every row, and again hides them. The dashboard
 * at 390 px was 21,042 px tall with the demo figures; it is now under 8,000. On a
 * laptop every row shows (the lists scroll) and there is no such button.
 */
import type { Page } from 'playwright-core';
import { loaded, useDashboardHub } from '../support/browser';
import { pushDemoFigures } from '../support/demo';
import { bearer } from '../support/hub';
import { axeSource, reportPage, seriousViolations, signInWithToken } from '../support/report-page';

jest.setTimeout(180_000);

const state = useDashboardHub(pushDemoFigures);
const AXE = axeSource();

async function dashboard(width: number): Promise<Page> {
  const page = await state.browser.context.newPage();
  await page.setViewportSize({ width, height: 844 });
  await page.goto(`${state.base}/dashboard?asOf=2026-03-31&refresh=0`);
  await loaded(page);
  return page;
}

const visibleRows = (page: Page, list: string) =>
  page.$$eval(`#${list} > li`, (rows) => rows.filter((r) => (r as HTMLElement).offsetParent !== null).length);
const height = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

it('on a phone the dashboard’s long lists show five rows and a count that opens the rest', async () => {
  const page = await dashboard(390);
  expect(await height(page)).toBeLessThan(8_000);
  for (const list of ['targets', 'tasks', 'completeness']) {
    const total = await page.locator(`#${list} > li`).count();
    expect([list, total > 5]).toEqual([list, true]);
    expect([list, await visibleRows(page, list)]).toEqual([list, 5]);
    const button = page.locator(`#${list} + button.show-all`);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await button.textContent()).toContain(`Show all ${total}`);
  }
  const tasks = page.locator('#tasks + button.show-all');
  await tasks.tap().catch(() => tasks.click());
  expect(await visibleRows(page, 'tasks')).toBe(await page.locator('#tasks > li').count());
  expect(await tasks.getAttribute('aria-expanded')).toBe('true');
  expect(await tasks.textContent()).toContain('Show fewer');
  expect(await seriousViolations(page, AXE, 'main')).toEqual([]);
  await tasks.click();
  expect(await visibleRows(page, 'tasks')).toBe(5);
  await page.close();
});

it('on a laptop every row shows and there is no count button', async () => {
  const page = await dashboard(1280);
  for (const list of ['targets', 'tasks', 'completeness'])
    expect([list, await visibleRows(page, list)]).toEqual([list, await page.locator(`#${list} > li`).count()]);
  expect(await page.locator('button.show-all:visible').count()).toBe(0);
  await page.close();
});

it('on a phone the reporting page shows the three latest periods owed and a count that opens the rest', async () => {
  const { page, problems } = await reportPage(state, [], `${state.base}/report?asOf=2026-03-31`);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInWithToken(page, (await bearer('court', ['reporter'])).authorization.replace('Bearer ', ''));
  const total = await page.locator('#owe-list > li').count();
  expect(total).toBeGreaterThan(3);
  expect(await visibleRows(page, 'owe-list')).toBe(3);
  await page.click('#owe-list + button.show-all');
  expect(await visibleRows(page, 'owe-list')).toBe(total);
  await page.close();
  expect(problems).toEqual([]);
});
