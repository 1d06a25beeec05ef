/**
 * The reporting page (/report) in the browser tests: a page on which every request off
 * the hub's origin is aborted and recorded, and signing in with a token.
 */
import type { Page } from 'playwright-core';
import { type DashboardHub, openPage } from './browser';

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
