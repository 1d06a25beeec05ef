/**
 * Both pages from the keyboard: the first Tab reaches a skip link for each panel on
 * screen, Enter on one moves there, and the next Tab is inside it. The dashboard's tasks,
 * ~57 Tabs down without them, are seven Tabs and Enter away; each task row opens its
 * responsible units from the keyboard. On the reporting page only the panels shown have
 * a skip link (a clerk has none to review).
 */
import type { Page } from 'playwright-core';
import { loaded, useDashboardHub } from '../support/browser';
import { bearer } from '../support/hub';
import { axeSource, reportPage, seriousViolations, signInWithToken } from '../support/report-page';

jest.setTimeout(180_000);

const state = useDashboardHub();
const AXE = axeSource();
const offOrigin: string[] = [];

/** Presses Tab until the focused element's text matches, at most `most` times; the number of presses. */
async function tabTo(page: Page, text: RegExp, most: number): Promise<number> {
  for (let presses = 1; presses <= most; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (text.test(focused)) return presses;
  }
  throw new Error(`${text} not reached in ${most} Tabs`);
}

const focusedWithin = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement?.closest(s) !== null, selector);

it('the dashboard: skip links to every panel, the tasks seven Tabs and Enter away, each task opened from the keyboard', async () => {
  const page = await state.browser.context.newPage();
  await page.goto(`${state.base}/dashboard?asOf=2026-03-31&refresh=0`);
  await loaded(page);
  const links = await page.$$eval('.skip-links a', (all) => all.map((a) => a.textContent));
  expect(links).toEqual([
    'Skip to the dashboard',
    'Skip to the scoreboard',
    'Skip to the eight city goals',
    'Skip to the targets needing attention',
    'Skip to reporting completeness',
    'Skip to all targets',
    'Skip to the tasks by deadline',
  ]);
  // Every link leads to something on the page.
  for (const href of await page.$$eval('.skip-links a', (all) => all.map((a) => a.getAttribute('href')!)))
    expect([href, await page.locator(href).count()]).toEqual([href, 1]);

  expect(await tabTo(page, /Skip to the dashboard/, 1)).toBe(1);
  expect(await tabTo(page, /Skip to the tasks by deadline/, 6)).toBe(6);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await focusedWithin(page, 'section[aria-labelledby="tasks-title"]')).toBe(true);

  // A task row opens from the keyboard: its responsible units as the annex writes them.
  await page.focus('#tasks li[data-task] .task-more summary');
  await page.keyboard.press('Enter');
  const opened = page.locator('#tasks li[data-task] .task-more[open]').first();
  expect(await opened.textContent()).toMatch(/Responsible: .*市/);
  expect(await seriousViolations(page, AXE, '#tasks')).toEqual([]);
  await page.close();
});

it('the reporting page: a skip link for each panel shown, none to a hidden one', async () => {
  const { page, problems } = await reportPage(state, offOrigin, `${state.base}/report`);
  await signInWithToken(page, (await bearer('amr', ['coordinator'])).authorization.replace('Bearer ', ''));
  const shown = () =>
    page.$$eval('.skip-links a', (all) => all.filter((a) => !(a as HTMLAnchorElement).hidden).map((a) => a.getAttribute('href')));
  expect(await shown()).toEqual(['#main', '#review-title', '#owe-title', '#tokens-title']);
  // Opened again (the token is kept): the first Tabs are the skip links.
  await page.reload();
  await page.waitForSelector('#owe:not([hidden])');
  expect(await tabTo(page, /Skip to personal tokens/, 4)).toBe(4);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await focusedWithin(page, '#tokens')).toBe(true);

  // A clerk: what the court owes, nothing to review.
  await page.click('#sign-out');
  await signInWithToken(page, (await bearer('court', ['reporter'])).authorization.replace('Bearer ', ''));
  expect(await shown()).toEqual(['#main', '#owe-title']);
  await page.close();
  expect(problems).toEqual([]);
  expect(offOrigin).toEqual([]);
});
