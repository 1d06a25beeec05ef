/**
 * Review in the reporting page, in a real browser against the real gateway: the court
 * submits 2025Q4 with a jump it explains; the coordinator opens the queue in the page
 * (oldest first), sees the court's submission with the warning highlighted and the
 * explanation, cannot return it without a comment, returns it with one; the court's
 * clerk sees the comment beside what the court owes, corrects and submits again in the
 * page; the coordinator sees the change (previous → new) and accepts it from the
 * keyboard; the figures are FINAL. Every request off the hub's origin is aborted.
 */
import type { Page } from 'playwright-core';
import { type DashboardHub, startDashboardHub } from '../support/browser';
import { bearer, graphql } from '../support/hub';
import { reportPage, signInWithToken } from '../support/report-page';

jest.setTimeout(240_000);

const AS_OF = '2026-01-05';
const PUSH = `mutation ($input: PushFiguresInput!) {
  pushFigures(input: $input) { created rejected warnings { index code } }
}`;
const SUBMISSIONS = `query ($period: Period) {
  submissions(organization: "court", period: $period) { id state round comment figures { indicatorId value status } }
}`;
const RETURN_COMMENT = '审限内结案数大于结案总数，请核对';
const EXPLANATION = '四季度集中审结一批系列案件';
const WITHIN = 'court-ip-cases-closed-within-limit';

let state: DashboardHub;
const offOrigin: string[] = [];

async function q4(): Promise<{ state: string; round: number; comment: string | null; figures: any[] }> {
  const res = await graphql(state.hub.gateway.url, SUBMISSIONS, { period: '2025Q4' });
  expect(res.errors).toBeUndefined();
  expect(res.data!.submissions).toHaveLength(1);
  return res.data!.submissions[0];
}

beforeAll(async () => {
  state = await startDashboardHub(async (url) => {
    const court = await bearer('court', ['reporter']);
    const q3 = await graphql(
      url,
      PUSH,
      {
        input: {
          figures: [
            { indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1000 },
            { indicator: WITHIN, period: '2025Q3', value: 950 },
          ],
        },
      },
      court,
    );
    expect(q3.data!.pushFigures).toMatchObject({ created: 2, rejected: 0 });
    // 2025Q4: the number closed within the limit jumps (950 → 3000), explained.
    const q4 = await graphql(
      url,
      PUSH,
      {
        input: {
          requireExplanations: true,
          figures: [
            { indicator: 'court-ip-cases-closed', period: '2025Q4', value: 1100 },
            { indicator: WITHIN, period: '2025Q4', value: 3000, explanation: EXPLANATION },
          ],
        },
      },
      court,
    );
    expect(q4.data!.pushFigures).toMatchObject({ created: 2, rejected: 0, warnings: [{ index: 1, code: 'IMPLAUSIBLE_JUMP' }] });
  });
});
afterAll(async () => {
  await state?.stop();
  expect(offOrigin).toEqual([]);
});

/** The page signed in with a token: one at a time, as the pages share the browser's storage. */
async function signedIn(org: string, role: 'reporter' | 'approver' | 'coordinator'): Promise<{ page: Page; problems: string[] }> {
  const opened = await reportPage(state, offOrigin, `${state.base}/report?asOf=${AS_OF}`);
  await signInWithToken(opened.page, (await bearer(org, [role])).authorization.replace('Bearer ', ''));
  return opened;
}

const item = (page: Page, period: string) => page.locator(`#review-list li[data-organization="court"][data-period="${period}"]`);

it('the coordinator returns the court’s 2025Q4 with a comment, the clerk corrects it, the coordinator accepts it: FINAL', async () => {
  const problems: string[] = [];
  let { page, problems: seen } = await signedIn('amr', 'coordinator');
  await page.waitForSelector('#review:not([hidden]) #review-list[aria-busy="false"]', { state: 'attached' });

  // Oldest first: the court's 2025Q3, then its 2025Q4.
  const periods = await page.$$eval('#review-list li[data-organization="court"]', (rows) =>
    rows.map((r) => r.getAttribute('data-period')),
  );
  expect(periods).toEqual(['2025Q3', '2025Q4']);
  const court = item(page, '2025Q4');
  const summary = (await court.locator('summary').textContent())!;
  expect(summary).toContain('市法院');
  expect(summary).toContain('2025年第四季度');
  expect(summary).toContain('round 1');
  expect(summary).toContain('court-reporter@test');
  expect(summary).toContain('1 项预警');

  // Opened: its figures; the jump highlighted with the court's explanation.
  await court.locator('summary').click();
  const warned = court.locator(`tr.warned[data-indicator="${WITHIN}"]`);
  expect(await warned.isVisible()).toBe(true);
  expect(await warned.textContent()).toContain('IMPLAUSIBLE_JUMP');
  expect(await warned.textContent()).toContain(EXPLANATION);
  expect(await warned.textContent()).toContain('3,000');
  expect(await court.locator('tr.warned').count()).toBe(1);
  expect(await court.locator('caption').textContent()).toContain('首次提交');
  const background = await warned.evaluate((row) => getComputedStyle(row).backgroundColor);
  expect(background).not.toBe('rgba(0, 0, 0, 0)');

  // No comment, no return: the field says so and nothing is written.
  await court.locator('.review-return').click();
  const error = court.locator('.field-error');
  await error.waitFor();
  expect(await error.textContent()).toContain('comment is required');
  expect(await court.locator('textarea').getAttribute('aria-invalid')).toBe('true');
  expect((await q4()).state).toBe('SUBMITTED');

  await court.locator('textarea').fill(RETURN_COMMENT);
  await court.locator('.review-return').click();
  await page.waitForSelector('#review-note:has-text("已退回 Returned 2025Q4")');
  expect(await item(page, '2025Q4').count()).toBe(0);
  expect(await q4()).toMatchObject({ state: 'RETURNED', comment: RETURN_COMMENT });

  problems.push(...seen);
  await page.close();

  // The court's clerk sees the comment beside what the court owes, corrects and submits again.
  const clerk = await signedIn('court', 'reporter');
  expect(await clerk.page.isHidden('#review')).toBe(true);
  const owed = clerk.page.locator('#owe-list li[data-period="2025Q4"]');
  const returned = owed.locator('.submission-state[data-state="RETURNED"]');
  expect(await returned.textContent()).toContain('已退回 returned');
  expect(await returned.textContent()).toContain(RETURN_COMMENT);
  await owed.locator('button').click();
  await clerk.page.waitForSelector('#form-panel:not([hidden])');
  await clerk.page.fill('#form-rows fieldset[data-indicator="court-ip-cases-closed"] .entry .field-value input', '1100');
  await clerk.page.fill(`#form-rows fieldset[data-indicator="${WITHIN}"] .entry .field-value input`, '1050');
  await clerk.page.click('#submit');
  await clerk.page.waitForSelector('#receipt:not([hidden])');
  expect(await q4()).toMatchObject({ state: 'SUBMITTED', round: 2 });
  await clerk.page.click('#receipt-back');
  await clerk.page.waitForSelector('#owe-list li[data-period="2025Q4"] .submission-state[data-state="SUBMITTED"]');
  problems.push(...clerk.problems);
  await clerk.page.close();

  // The coordinator's queue again: round 2, the correction as previous → new, no warning left.
  ({ page, problems: seen } = await signedIn('amr', 'coordinator'));
  await page.waitForSelector('#review:not([hidden]) #review-list[aria-busy="false"]', { state: 'attached' });
  const again = item(page, '2025Q4');
  expect(await again.locator('summary').textContent()).toContain('round 2');
  await again.locator('summary').click();
  expect(await again.locator('caption').textContent()).toContain('1 change(s)');
  expect(await again.locator(`tr[data-indicator="${WITHIN}"] td.changed`).textContent()).toContain('3,000 → 1,050');
  expect(await again.locator('tr.warned').count()).toBe(0);

  // At 390 px, opened, nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const unlabelled = await page.$$eval('#review textarea, #review input', (controls) =>
    controls.filter((c) => (c as HTMLTextAreaElement).labels?.length === 0).map((c) => c.id),
  );
  expect(unlabelled).toEqual([]);

  // Accepted from the keyboard: the queue updates, the figures are FINAL.
  await again.locator('.review-accept').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#review-note:has-text("已接受 Accepted 2025Q4")');
  expect(await item(page, '2025Q4').count()).toBe(0);
  expect(await item(page, '2025Q3').count()).toBe(1);
  const accepted = await q4();
  expect(accepted.state).toBe('ACCEPTED');
  const figures = await graphql(state.hub.gateway.url, `{ figures(indicator: "${WITHIN}", period: "2025Q4") { value status } }`);
  expect(figures.data!.figures).toEqual([{ value: 1050, status: 'FINAL' }]);
  expect(accepted.figures.map((f: { status: string }) => f.status)).toEqual(['FINAL', 'FINAL']);

  problems.push(...seen);
  await page.close();

  // The clerk sees it accepted.
  const later = await signedIn('court', 'reporter');
  await later.page.waitForSelector('#owe-list li[data-period="2025Q4"] .submission-state[data-state="ACCEPTED"]');
  await later.page.close();
  expect([...problems, ...later.problems]).toEqual([]);
});

it('an organisation’s approver sees its own queue in the page and approves for the coordinator', async () => {
  const set = await graphql(
    state.hub.gateway.url,
    `
      mutation {
        setApprovalLevels(organization: "court", levels: 1)
      }
    `,
    {},
    await bearer('amr', ['admin']),
  );
  expect(set.data).toEqual({ setApprovalLevels: 1 });
  const { page, problems } = await signedIn('court', 'approver');
  await page.waitForSelector('#review:not([hidden]) #review-list[aria-busy="false"]', { state: 'attached' });
  expect(await page.isHidden('#tokens')).toBe(true);
  // The court's 2025Q3, still submitted, now waits for its approver (once the queue has loaded).
  await page.waitForSelector('#review-list li');
  expect(await page.$$eval('#review-list li', (rows) => rows.map((r) => r.getAttribute('data-period')))).toEqual(['2025Q3']);
  const q3 = item(page, '2025Q3');
  await q3.locator('summary').click();
  expect(await q3.locator('.review-accept').textContent()).toContain('审批 Approve');
  await q3.locator('.review-accept').click();
  await page.waitForSelector('#review-note:has-text("已审批 Approved 2025Q3")');
  expect(await page.locator('#review-list li').count()).toBe(0);
  const [submission] = (await graphql(state.hub.gateway.url, SUBMISSIONS, { period: '2025Q3' })).data!.submissions;
  expect(submission.state).toBe('APPROVED');
  const queue = await graphql(
    state.hub.gateway.url,
    `
      {
        reviewQueue {
          period
        }
      }
    `,
    {},
    await bearer('amr', ['coordinator']),
  );
  expect(queue.data!.reviewQueue).toEqual([{ period: '2025Q3' }]);
  expect(problems).toEqual([]);
  await page.close();
});
