/**
 * Sign-in through OpenID Connect providers set up the ways real ones are (oidc-provider, in
 * a process of its own, test/support/oidc-provider.mjs): the organisation and roles
 * released under `openid` as `org` and `roles`; released only under a scope of the
 * provider's own (`ipzone`) and under its own claim names (`agency`, `hub_roles`), which the
 * hub is told with OIDC_SCOPES, OIDC_ORG_CLAIM and OIDC_ROLES_CLAIM; and not released at
 * all. A provider that releases nothing the hub needs is named as the cause, with the
 * settings to look at, rather than asking the person to sign in again. A provider gone
 * down before the person clicks, or a proxy failing its sign-in step, is said to be
 * unavailable on the sign-in panel.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { restartGateway } from '../support/hub';
import { type DashboardHub, startDashboardHub } from '../support/browser';
import { axeSource, reportPage, seriousViolations } from '../support/report-page';

jest.setTimeout(240_000);

let state: DashboardHub;
const providers: ChildProcess[] = [];
const offOrigin: string[] = [];

function startProvider(setUp: string): Promise<string> {
  const provider = spawn(
    process.execPath,
    [path.join(__dirname, '../support/oidc-provider.mjs'), `${state.base}/report`, setUp],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  providers.push(provider);
  return new Promise((resolve, reject) => {
    provider.stdout.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { issuer: string }).issuer));
    provider.once('exit', (code) => reject(new Error(`the OIDC provider exited with ${code}`)));
  });
}

/** The variables of the sign-in a test sets (the gateway restarted with them). */
type Setting = 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'PUBLIC_URL' | 'OIDC_SCOPES' | 'OIDC_ORG_CLAIM' | 'OIDC_ROLES_CLAIM';

beforeAll(async () => {
  state = await startDashboardHub();
});
afterAll(async () => {
  for (const provider of providers) provider.kill('SIGTERM');
  await state?.stop();
  expect(offOrigin).toEqual([]);
});

/** Signs in as the court's clerk at a provider set up as `setUp`, the hub configured with `settings`. */
async function signIn(setUp: string, settings: Partial<Record<Setting, string>>) {
  const issuer = await startProvider(setUp);
  await restartGateway(state.hub, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'ipzone-report', PUBLIC_URL: state.base, ...settings });
  const { page } = await reportPage(state, offOrigin, `${state.base}/report?asOf=2026-01-05`, [issuer]);
  const asked: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === issuer && url.searchParams.has('scope')) asked.push(url.searchParams.get('scope')!);
  });
  await signInAtProvider(page, issuer);
  await page.waitForSelector('#owe:not([hidden]), #sign-in-message:not([hidden])');
  return { page, asked };
}

/** Clicks the page's sign-in button and signs in at the provider as the court's clerk, at a person's pace. */
async function signInAtProvider(page: Page, issuer: string) {
  await page.waitForSelector('#oidc:not([hidden])');
  await page.click('#oidc-sign-in');
  await page.waitForURL(`${issuer}/**`);
  await page.locator('input[name="login"]').pressSequentially('court-clerk', { delay: 40 });
  await page.locator('input[name="password"]').pressSequentially('anything', { delay: 40 });
  await page.click('button[type="submit"]');
}

const signedIn = async (page: Page) => ({
  owed: await page.isVisible('#owe'),
  who: (await page.textContent('#who')) ?? '',
});

it('claims under openid, named org and roles: signed in with the defaults', async () => {
  const { page, asked } = await signIn('openid', {});
  expect(asked).toEqual(['openid']);
  expect(await signedIn(page)).toEqual({ owed: true, who: expect.stringContaining('court-clerk') });
  await page.close();
});

it("claims under the provider's own scope and names: signed in once OIDC_SCOPES and the claim names say so", async () => {
  const { page, asked } = await signIn('custom-scope', {
    OIDC_SCOPES: 'openid ipzone',
    OIDC_ORG_CLAIM: 'agency',
    OIDC_ROLES_CLAIM: 'hub_roles',
  });
  expect(asked).toEqual(['openid ipzone']);
  expect(await signedIn(page)).toEqual({ owed: true, who: expect.stringContaining('court-clerk') });
  await page.close();
});

it('the same provider without OIDC_SCOPES: refused, naming the claim and the settings to look at', async () => {
  const { page } = await signIn('custom-scope', { OIDC_ORG_CLAIM: 'agency', OIDC_ROLES_CLAIM: 'hub_roles' });
  expect(await page.isVisible('#owe')).toBe(false);
  const message = (await page.textContent('#sign-in-message')) ?? '';
  expect(message).toContain('released no "agency" claim');
  expect(message).toContain('OIDC_SCOPES');
  await page.close();
});

it('a provider that releases no organisation at all: refused, naming OIDC_ORG_CLAIM', async () => {
  const { page } = await signIn('missing', {});
  expect(await page.isVisible('#owe')).toBe(false);
  const message = (await page.textContent('#sign-in-message')) ?? '';
  expect(message).toContain('released no "org" claim');
  expect(message).toContain('OIDC_ORG_CLAIM');
  await page.close();
});

it('cancelling at the provider comes back to the sign-in panel with the reason, in both languages', async () => {
  const issuer = await startProvider('openid');
  await restartGateway(state.hub, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'ipzone-report', PUBLIC_URL: state.base });
  const { page } = await reportPage(state, offOrigin, `${state.base}/report?asOf=2026-01-05`, [issuer]);
  await page.click('#oidc-sign-in');
  await page.waitForURL(`${issuer}/**`);
  await page.click('text=[ Cancel ]');
  await page.waitForSelector('#sign-in-message:not([hidden])');
  expect(await page.isVisible('#sign-in')).toBe(true);
  expect(await page.textContent('#sign-in-message')).toBe('已在统一身份认证平台取消登录 · Sign-in was cancelled at the provider');
  expect(new URL(page.url()).search).toBe('?asOf=2026-01-05');
  await page.close();
});

it('Sign out ends the session at the provider too: the next person is asked for a password', async () => {
  const { page } = await signIn('openid', {});
  expect(await page.isVisible('#owe')).toBe(true);
  await page.click('#sign-out');
  // The provider asks whether to end its session, then sends the browser back to the page.
  await page.click('button[name="logout"]');
  await page.waitForURL(`${state.base}/report**`);
  await page.waitForSelector('#sign-in:not([hidden])');
  await page.click('#oidc-sign-in');
  await page.waitForURL(/\/interaction\//);
  expect(await page.isVisible('input[name="password"]')).toBe(true);
  await page.close();
});

it('an organisation claim that gives the name people write (市法院) signs in as that organisation', async () => {
  const { page } = await signIn('named', {});
  expect(await signedIn(page)).toEqual({ owed: true, who: expect.stringContaining('court-clerk') });
  await page.click('#owe-list li[data-period="2025Q4"] button');
  await page.waitForSelector('#form-panel:not([hidden])');
  expect(await page.isVisible('#form-rows fieldset[data-indicator="court-ip-cases-closed"]')).toBe(true);
  await page.close();
});

it('a provider gone down before the person clicks: back on the sign-in panel, told it is unavailable', async () => {
  const issuer = await startProvider('openid');
  await restartGateway(state.hub, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'ipzone-report', PUBLIC_URL: state.base });
  const { page } = await reportPage(state, offOrigin, `${state.base}/report?asOf=2026-01-05`, [issuer]);
  await page.waitForSelector('#oidc:not([hidden])');
  const provider = providers[providers.length - 1];
  provider.kill('SIGTERM');
  await new Promise((resolve) => provider.once('exit', resolve));
  await page.click('#oidc-sign-in');
  await page.waitForSelector('#sign-in-message:not([hidden])');
  expect(await page.textContent('#sign-in-message')).toBe(
    '统一身份认证平台暂不可用，请稍后重试 The sign-in provider is unavailable for now: try again shortly',
  );
  expect(new URL(page.url()).search).toBe('?asOf=2026-01-05');
  expect(await page.isVisible('#oidc-sign-in')).toBe(true);
  expect(await seriousViolations(page, axeSource(), '#sign-in')).toEqual([]);
  await page.close();
});

it('a proxy answering the sign-in step in HTML: the panel gives its status, not a script error', async () => {
  const issuer = await startProvider('openid');
  await restartGateway(state.hub, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'ipzone-report', PUBLIC_URL: state.base });
  const { page } = await reportPage(state, offOrigin, `${state.base}/report?asOf=2026-01-05`, [issuer]);
  // A reverse proxy in front of the hub that fails the trade of the code.
  await page.route(`${state.base}/report/oidc/token`, (route) =>
    route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }),
  );
  await signInAtProvider(page, issuer);
  await page.waitForSelector('#sign-in-message:not([hidden])');
  expect(await page.textContent('#sign-in-message')).toBe('登录失败 · Sign-in failed: HTTP 502 Bad Gateway');
  expect(await page.isVisible('#error')).toBe(false);
  await page.close();
});
