/**
 * The coordinator's review queue keeps its place, in a real browser against the real
 * gateway. Three submissions wait: the court's 2025Q3, customs' 2025, the court's 2025Q4
 * (with a jump), submitted in that order. The queue lists them oldest first across
 * agencies; searching (part of an organisation's name, an indicator's id), the organisation, a
 * period, the state and "only with warnings" narrow it, typed at a person's pace, and Clear brings them all back; after a
 * decision the next entry is open and focused, not the top of the page. The same filters
 * through the API (reviewQueue(filter:)) answer the same, and a filter that names nothing
 * known is refused by code. axe finds no serious violation in the queue with its filters.
 */
import type { Page } from 'playwright-core';
import { type DashboardHub, startDashboardHub } from '../support/browser';
import { bearer, graphql } from '../support/hub';
import { axeSource, reportPage, seriousViolations, signInWithToken } from '../support/report-page';

jest.setTimeout(240_000);

const PUSH = `mutation ($input: PushFiguresInput!) { pushFigures(input: $input) { created rejected warnings { code } } }`;
const QUEUE = `query ($filter: ReviewFilter) { reviewQueue(filter: $filter) { organization { id } period } }`;
const AXE = axeSource();
let state: DashboardHub;
const offOrigin: string[] = [];

beforeAll(async () => {
  state = await startDashboardHub(async (url) => {
    const push = async (org: string, figures: unknown[]) => {
      const res = await graphql(url, PUSH, { input: { figures } }, await bearer(org, ['reporter']));
      expect(res.data!.pushFigures).toMatchObject({ rejected: 0 });
      return res.data!.pushFigures.warnings as unknown[];
    };
    await push('court', [{ indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1000 }]);
    await push('customs', [{ indicator: 'customs-ip-seizure-batches', period: '2025', value: 120 }]);
    expect(await push('court', [{ indicator: 'court-ip-cases-closed', period: '2025Q4', value: 4100 }])).toHaveLength(1);
    // Corrected while it waits for review: a change within the round.
    await push('court', [{ indicator: 'court-ip-cases-closed', period: '2025Q4', value: 4000 }]);
  });
});
afterAll(async () => {
  await state?.stop();
  expect(offOrigin).toEqual([]);
});

const listed = (page: Page) =>
  page.$$eval('#review-list > li', (rows) =>
    rows.map((r) => `${(r as HTMLElement).dataset.organization} ${(r as HTMLElement).dataset.period}`),
  );

async function filterBy(page: Page, fill: () => Promise<unknown>): Promise<string[]> {
  await page.click('#review-filters button[type="reset"]');
  await page.waitForSelector('#review-note:not(:has-text("filtered"))');
  await fill();
  await page.click('#review-filters button[type="submit"]');
  await page.waitForSelector('#review-note:has-text("filtered")');
  return listed(page);
}

it('narrows the queue by search, period and warnings, oldest first, and opens the next entry after a decision', async () => {
  const { page, problems } = await reportPage(state, offOrigin, `${state.base}/report?asOf=2026-01-05`);
  await signInWithToken(page, (await bearer('amr', ['coordinator'])).authorization.replace('Bearer ', ''));
  await page.waitForSelector('#review:not([hidden])');
  await page.waitForSelector('#review-list[aria-busy="false"]');
  expect(await listed(page)).toEqual(['court 2025Q3', 'customs 2025', 'court 2025Q4']);

  const type = (selector: string, text: string) => async () => {
    await page.click(selector);
    await page.keyboard.type(text, { delay: 120 });
  };
  expect(await filterBy(page, type('#review-search', '市法院'))).toEqual(['court 2025Q3', 'court 2025Q4']);
  expect(await filterBy(page, type('#review-search', '法院'))).toEqual(['court 2025Q3', 'court 2025Q4']);
  expect(await filterBy(page, type('#review-search', 'seizure'))).toEqual(['customs 2025']);
  expect(await filterBy(page, () => page.selectOption('#review-org', 'customs'))).toEqual(['customs 2025']);
  expect(await filterBy(page, () => page.selectOption('#review-state', 'APPROVED'))).toEqual([]);
  expect(await filterBy(page, type('#review-period', '2025q4'))).toEqual(['court 2025Q4']);
  expect(await filterBy(page, () => page.check('#review-warned'))).toEqual(['court 2025Q4']);
  expect(await seriousViolations(page, AXE, '#review')).toEqual([]);
  await page.click('#review-filters button[type="reset"]');
  await page.waitForSelector('#review-note:not(:has-text("filtered"))');
  expect(await listed(page)).toEqual(['court 2025Q3', 'customs 2025', 'court 2025Q4']);

  // The court's 2025Q4 tells its story: submitted, then changed within the round, 4,100 → 4,000.
  const q4 = page.locator('#review-list > li[data-organization="court"][data-period="2025Q4"]');
  await q4.locator('summary').click();
  const events = await q4.locator('.review-history .history-event').allTextContents();
  expect(events).toHaveLength(2);
  expect(events[0]).toContain('提交 Submitted');
  expect(events[1]).toContain('本轮修改 Changed within the round');
  expect(events[1]).toContain('court-reporter@test');
  expect(events[1]).toContain('4,100 → 4,000');
  expect(await seriousViolations(page, AXE, '#review')).toEqual([]);

  // Accepting the first: the next is open and focused, where the first was.
  const first = page.locator('#review-list > li').first();
  await first.locator('summary').click();
  await first.locator('.review-accept').click();
  await page.waitForSelector('#review-note:has-text("已接受 Accepted 2025Q3")');
  expect(await listed(page)).toEqual(['customs 2025', 'court 2025Q4']);
  expect(await page.locator('#review-list > li').first().locator('details').getAttribute('open')).toBe('');
  expect(await page.evaluate(() => document.activeElement?.closest('li')?.dataset.organization)).toBe('customs');
  await page.close();
  expect(problems).toEqual([]);
});

it('answers the same filters through the API, and refuses one naming nothing known', async () => {
  const coordinator = await bearer('amr', ['coordinator']);
  const ask = async (filter: object) => {
    const res = await graphql(state.hub.gateway.url, QUEUE, { filter }, coordinator);
    expect(res.errors).toBeUndefined();
    return (res.data!.reviewQueue as Array<{ organization: { id: string }; period: string }>).map(
      (s) => `${s.organization.id} ${s.period}`,
    );
  };
  expect(await ask({})).toEqual(['customs 2025', 'court 2025Q4']);
  expect(await ask({ organization: '武汉海关' })).toEqual(['customs 2025']);
  expect(await ask({ hasWarnings: false })).toEqual(['customs 2025']);
  expect(await ask({ search: 'court-ip', period: '2025Q4' })).toEqual(['court 2025Q4']);
  expect(await ask({ search: '%' })).toEqual([]);
  expect(await ask({ search: '海关' })).toEqual(['customs 2025']);
  expect(await ask({ states: ['APPROVED'] })).toEqual([]);
  expect(await ask({ states: ['SUBMITTED'], organization: 'court' })).toEqual(['court 2025Q4']);
  const events = await graphql(
    state.hub.gateway.url,
    `
      {
        submissions(organization: "court", period: "2025Q4") {
          events {
            action
            actor
            changes {
              indicatorId
              breakdown
              previousValue
              value
            }
          }
        }
      }
    `,
  );
  expect(events.data!.submissions[0].events).toEqual([
    { action: 'SUBMIT', actor: 'court-reporter@test', changes: [] },
    {
      action: 'CHANGE',
      actor: 'court-reporter@test',
      changes: [{ indicatorId: 'court-ip-cases-closed', breakdown: '', previousValue: 4100, value: 4000 }],
    },
  ]);
  const unknown = await graphql(state.hub.gateway.url, QUEUE, { filter: { organization: 'nobody' } }, coordinator);
  expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const period = await graphql(state.hub.gateway.url, QUEUE, { filter: { period: '2025Q5' } }, coordinator);
  expect(period.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});
