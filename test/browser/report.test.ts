/**
 * The reporting page at /report in a real browser: the court's clerk signs in through a
 * real OpenID Connect provider (oidc-provider, in a process of its own), and separately
 * with a personal token a coordinator issues in the page; sees 2025Q4 due, fills the form,
 * is stopped by a jump warning until it is explained, submits, prints the receipt, and
 * the figures appear on the dashboard. A revoked token stops working in the page within a
 * minute; an indicator the court does not own is never offered; at 390 px nothing scrolls
 * sideways. Every request off the hub's origin (and the provider's, while signing in) is
 * aborted and counted. SCREENSHOT=1 also writes docs/report.png.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../lib/config';
import { type DashboardHub, loaded, startDashboardHub } from '../support/browser';
import { bearer, graphql, restartGateway } from '../support/hub';
import { reportPage as openReportPage, signInWithToken } from '../support/report-page';

jest.setTimeout(240_000);

const AS_OF = '2026-01-05';
const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created rejected } }`;

let state: DashboardHub;
let provider: ChildProcess;
let issuer: string;
/** Requests the pages tried to send anywhere but the hub (and the provider while signing in). */
const offOrigin: string[] = [];

function startProvider(redirectUri: string): Promise<string> {
  provider = spawn(process.execPath, [path.join(__dirname, '../support/oidc-provider.mjs'), redirectUri], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    provider.stdout!.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString()) as { issuer: string }).issuer));
    provider.once('exit', (code) => reject(new Error(`the OIDC provider exited with ${code}`)));
  });
}

beforeAll(async () => {
  state = await startDashboardHub(async (url) => {
    // The court's 2025Q3, so that 2025Q4 can jump.
    const res = await graphql(
      url,
      PUSH,
      {
        input: {
          figures: [
            { indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1000 },
            { indicator: 'court-ip-cases-closed-within-limit', period: '2025Q3', value: 950 },
            { indicator: 'court-ip-cases-closed', period: '2025Q3', breakdown: '知识产权庭', value: 600 },
          ],
        },
      },
      await bearer('court', ['reporter']),
    );
    expect(res.data!.pushFigures).toMatchObject({ created: 3, rejected: 0 });
  });
  issuer = await startProvider(`${state.base}/report`);
  // The provider configured: the gateway restarted with it, as an operator does.
  await restartGateway(state.hub, { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'ipzone-report', PUBLIC_URL: state.base });
});
afterAll(async () => {
  provider?.kill('SIGTERM');
  await state?.stop();
  expect(offOrigin).toEqual([]);
});

/** A page on which every request off the hub's origin (and the allowed ones) is aborted and recorded. */
const reportPage = (url: string, allowed: string[] = []) => openReportPage(state, offOrigin, url, allowed);

/** Fills the total of each indicator offered for the period: the given values, else a value within bounds. */
async function fillForm(page: Page, values: Record<string, string>): Promise<string[]> {
  const offered = await page.$$eval('#form-rows fieldset[data-indicator]', (sets) =>
    sets.map((s) => s.getAttribute('data-indicator')!),
  );
  for (const id of offered) {
    const first = `#form-rows fieldset[data-indicator="${id}"] .entry`;
    const value = await page.$(`${first} .field-value input`);
    if (value) await value.fill(values[id] ?? '90');
    else {
      await page.fill(`${first} .field-numerator input`, '9');
      await page.fill(`${first} .field-denominator input`, '10');
    }
  }
  return offered;
}

describe('the court clerk signs in through the OIDC provider', () => {
  it('is sent back to PUBLIC_URL/report whatever Host the request names', async () => {
    const sentBack = (host?: string) =>
      new Promise<string>((resolve, reject) => {
        const url = new URL(`${state.base}/report/oidc/authorize?code_challenge=${'c'.repeat(43)}&state=s`);
        const request = httpGet(url, { headers: host ? { host } : {} }, (res) => {
          res.resume();
          resolve(new URL(res.headers.location!).searchParams.get('redirect_uri')!);
        });
        request.on('error', reject);
      });
    expect(await sentBack()).toBe(`${state.base}/report`);
    expect(await sentBack('evil.example')).toBe(`${state.base}/report`);
  });

  it('sees 2025Q4 due, is stopped by a jump until it is explained, submits, prints the receipt; the dashboard shows it', async () => {
    const { page, problems } = await reportPage(`${state.base}/report?asOf=${AS_OF}`, [issuer]);
    await page.waitForSelector('#oidc:not([hidden])');
    await page.click('#oidc-sign-in');
    // The provider's own login form (its development interactions): any password.
    await page.waitForURL(`${issuer}/**`);
    await page.fill('input[name="login"]', 'court-clerk');
    await page.fill('input[name="password"]', 'anything');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#owe:not([hidden])');
    expect(await page.textContent('#who')).toContain('court-clerk');

    const q4 = page.locator('#owe-list li[data-period="2025Q4"]');
    await expect(q4.textContent()).resolves.toContain('待报 due');
    expect(await q4.textContent()).toContain('2026年1月15日');
    expect(await q4.textContent()).toContain('剩余 10 天');
    expect(await q4.textContent()).toContain('上期 2025Q3: 1,000');

    await q4.locator('button').click();
    await page.waitForSelector('#form-panel:not([hidden])');
    const offered = await fillForm(page, { 'court-ip-cases-closed': '4100.5', 'court-ip-cases-closed-within-limit': '900' });
    const owned = await graphql(
      state.hub.gateway.url,
      `
        {
          organization(id: "court") {
            indicators {
              id
              owners {
                id
              }
            }
          }
        }
      `,
    );
    const courtFirst = (owned.data!.organization.indicators as Array<{ id: string; owners: Array<{ id: string }> }>)
      .filter((i) => i.owners[0]?.id === 'court')
      .map((i) => i.id);
    expect(offered.sort()).toEqual(expect.arrayContaining(['court-ip-cases-closed', 'court-ip-cases-closed-within-limit']));
    for (const id of offered) expect(courtFirst).toContain(id);
    expect(offered).not.toContain('customs-ip-seizure-batches');

    // A row for the breakdown reported last quarter, with its value then.
    const breakdown = page.locator('#form-rows fieldset[data-indicator="court-ip-cases-closed"] .entry').nth(1);
    expect(await breakdown.locator('.field-breakdown input').inputValue()).toBe('知识产权庭');
    expect(await breakdown.locator('.entry-previous').textContent()).toContain('600');

    // A whole number, checked as it is typed.
    const closed = '#form-rows fieldset[data-indicator="court-ip-cases-closed"] .entry .field-value input';
    await page.waitForSelector(`${closed}[aria-invalid="true"]`);
    expect(await page.textContent('#form-rows fieldset[data-indicator="court-ip-cases-closed"] .field-error')).toContain('整数');
    await page.fill(closed, '4100');

    // Submitting is stopped by the jump until it is explained.
    await page.click('#submit');
    const explanation = '#form-rows fieldset[data-indicator="court-ip-cases-closed"] .field-explanation textarea';
    await page.waitForSelector(`${explanation}[aria-invalid="true"]`);
    expect(await page.textContent('#form-rows fieldset[data-indicator="court-ip-cases-closed"] .field-explanation')).toContain(
      'IMPLAUSIBLE_JUMP',
    );
    expect(await page.isHidden('#receipt')).toBe(true);
    const stored = await graphql(
      state.hub.gateway.url,
      `
        {
          figures(indicator: "court-ip-cases-closed", period: "2025Q4") {
            value
          }
        }
      `,
    );
    expect(stored.data!.figures).toEqual([]);

    await page.fill(explanation, '四季度集中审结一批系列案件');
    await page.click('#submit');
    await page.waitForSelector('#receipt:not([hidden])');
    const receipt = await page.textContent('#receipt');
    expect(receipt).toContain('court-clerk');
    expect(receipt).toContain(`新增 ${offered.length} created`);
    expect(receipt).toContain('四季度集中审结一批系列案件');
    const receiptId = new URL(page.url()).searchParams.get('receipt')!;
    const again = await graphql(
      state.hub.gateway.url,
      `
        query ($id: String!) {
          receipt(id: $id) {
            submittedBy
            created
          }
        }
      `,
      { id: receiptId },
      await bearer('court', ['reporter']),
    );
    expect(again.data!.receipt).toEqual({ submittedBy: 'court-clerk', created: offered.length });
    const figure = await graphql(
      state.hub.gateway.url,
      `
        {
          figures(indicator: "court-ip-cases-closed", period: "2025Q4") {
            value
            explanation
            warningCodes
            history {
              recordedBy
            }
          }
        }
      `,
    );
    expect(figure.data!.figures[0]).toMatchObject({
      value: 4100,
      explanation: '四季度集中审结一批系列案件',
      warningCodes: ['IMPLAUSIBLE_JUMP'],
      history: [{ recordedBy: 'court-clerk' }],
    });

    // The print view: the receipt alone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#receipt-facts')).toBe(true);
    expect(await page.isVisible('.masthead')).toBe(false);
    expect(await page.isVisible('#print')).toBe(false);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    // (The provider's login page asks for a web font, aborted above.)
    expect(problems.filter((p) => !p.includes('net::ERR_FAILED'))).toEqual([]);

    // The dashboard: the closure rate of 2025 from the court's figures, (950 + 900) ÷ (1000 + 4100).
    const dashboard = await reportPage(`${state.base}/dashboard?asOf=2025-12-31&refresh=0`);
    await loaded(dashboard.page);
    const rate = await dashboard.page.getAttribute(
      '#tiles .tile[data-indicator="trial-closure-within-limit-rate"] .value',
      'data-value',
    );
    expect(Number(rate)).toBeCloseTo((1850 / 5100) * 100, 3);
    // Its detail shows the inputs' revisions, the jump with its explanation (2025Q3's total
    // against its one breakdown raised a reconciliation warning of its own).
    await dashboard.page.click('#tiles [data-open="trial-closure-within-limit-rate"]');
    const explained = await dashboard.page.waitForSelector('#detail .revision .explanation:has-text("IMPLAUSIBLE_JUMP")');
    expect(await explained.textContent()).toBe('IMPLAUSIBLE_JUMP: 四季度集中审结一批系列案件');
    await dashboard.page.close();
    await page.close();
  });
});

describe('signing in with a personal token', () => {
  it('a coordinator issues one in the page; the clerk reports with it; revoked, it stops working within a minute', async () => {
    const coordinator = (await bearer('amr', ['coordinator'])).authorization.replace('Bearer ', '');
    const { page, problems } = await reportPage(`${state.base}/report?asOf=${AS_OF}`);
    await signInWithToken(page, coordinator);
    await page.waitForSelector('#tokens:not([hidden])');
    await page.fill('#issue-holder', '王书记员');
    await page.selectOption('#issue-org', 'court');
    await page.fill('#issue-days', '30');
    await page.click('#issue-form button[type="submit"]');
    const token = (await page.waitForSelector('#issued-token')).textContent().then((t) => t!.trim());
    const issued = await token;
    expect(issued).toMatch(/^ipzpat_/);
    await page.waitForSelector('#token-list tr:has-text("王书记员")');

    await page.click('#sign-out');
    await signInWithToken(page, issued);
    expect(await page.textContent('#who')).toContain('王书记员');
    expect(await page.textContent('#owe-list')).toContain('2025Q4');
    await page.click('#owe-list li[data-period="2025Q4"] button');
    await page.waitForSelector('#form-panel:not([hidden])');
    await page.fill('#form-rows fieldset[data-indicator="court-ip-cases-closed"] .entry .field-note input', '草稿 draft');
    await page.waitForSelector('#draft-note:has-text("王书记员")');

    const revoked = await graphql(
      state.hub.gateway.url,
      `
        {
          personalTokens {
            id
            holder
          }
        }
      `,
      {},
      await bearer('amr', ['coordinator']),
    );
    const id = (revoked.data!.personalTokens as Array<{ id: string; holder: string }>).find((t) => t.holder === '王书记员')!.id;
    const started = Date.now();
    await graphql(
      state.hub.gateway.url,
      `
        mutation ($id: String!) {
          revokeToken(tokenId: $id) {
            tokenId
          }
        }
      `,
      { id },
      await bearer('amr', ['coordinator']),
    );
    await page.waitForSelector('#sign-in:not([hidden])', { timeout: 60_000 });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await page.textContent('#sign-in-message')).toContain('revoked');

    // The coordinator's list: the holder, organisation, role, expiry, last use and the revocation.
    await signInWithToken(page, coordinator);
    const row = await page.waitForSelector('#token-list tr:has-text("王书记员"):has-text("已撤销")');
    const text = (await row.textContent())!;
    expect(text).toContain('市法院');
    expect(text).toContain('reporter');
    expect(text).toContain('已撤销');
    expect(await row.$eval('.last-used', (cell) => cell.textContent)).not.toBe('—');
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  });
});

describe('usable by everyone', () => {
  it('fits 390 px without sideways scrolling, labels every input and works from the keyboard', async () => {
    const { page } = await reportPage(`${state.base}/report?asOf=${AS_OF}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await signInWithToken(page, (await bearer('court', ['reporter'])).authorization.replace('Bearer ', ''));
    const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await wide()).toBeLessThanOrEqual(390);
    // Keyboard: focus the 2026Q1 button and press Enter.
    await page.focus('#owe-list li[data-period="2026Q1"] button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#form-panel:not([hidden])');
    expect(await wide()).toBeLessThanOrEqual(390);
    const unlabelled = await page.$$eval('#report-form input, #report-form select, #report-form textarea', (controls) =>
      controls.filter((c) => (c as HTMLInputElement).labels?.length === 0).map((c) => c.id),
    );
    expect(unlabelled).toEqual([]);
    if (process.env.SCREENSHOT === '1') {
      await page.setViewportSize({ width: 1280, height: 900 });
      mkdirSync(path.join(PROJECT_ROOT, 'docs'), { recursive: true });
      await page.screenshot({ path: path.join(PROJECT_ROOT, 'docs', 'report.png'), fullPage: true });
    }
    await page.close();
  });
});
