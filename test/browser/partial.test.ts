/**
 * The dashboard with one part of the hub down, in a real browser: it still shows what the
 * other subgraphs answer, puts a placeholder where a name or a panel is missing, says which
 * part of the hub is not answering, never breaks, and fills in again once it is back.
 */
import type { SubgraphName } from '../../lib/config';
import { loaded, openPage, useDashboardHub } from '../support/browser';
import { pushDemoFigures } from '../support/demo';
import { graphql, withSubgraphDown } from '../support/hub';

jest.setTimeout(180_000);

const AS_OF = '2025-12-31';

const dashboard = useDashboardHub(pushDemoFigures);

const page = () => openPage(dashboard.browser, `${dashboard.base}/dashboard?asOf=${AS_OF}&refresh=0`);
const texts = (p: Awaited<ReturnType<typeof page>>['page'], selector: string) =>
  p.$$eval(selector, (elements) => elements.map((e) => e.textContent ?? ''));

it('with the organizations subgraph down, shows everything else, "—" for names, and a notice; fills in when it is back', async () => {
  const full = await graphql(
    dashboard.hub.gateway.url,
    `{ reportingCompleteness(asOf: "${AS_OF}") { organization { id } } tasks { id } organizations { id } }`,
  );
  const { page: view, problems } = await withSubgraphDown(dashboard.hub, 'organizations', async () => {
    const opened = await page();
    const p = opened.page;
    await loaded(p);
    expect(await p.isVisible('#partial')).toBe(true);
    expect(await p.getAttribute('#partial', 'data-unavailable')).toBe('organizations');
    expect(await p.textContent('#partial')).toContain('the organizations subgraph is not answering');
    expect(await p.isVisible('#error')).toBe(false);
    // The goals, the lists and the tasks are all there...
    expect(await p.locator('#tiles .tile').count()).toBe(8);
    expect(await p.locator('#tiles .tile canvas').count()).toBe(8);
    expect(await p.locator('#targets [data-indicator]').count()).toBeGreaterThan(8);
    expect(await p.locator('#tasks [data-task]').count()).toBe(full.data!.tasks.length);
    // ...with "—" where an organisation would be named.
    const completeness = await texts(p, '#completeness .row.completeness');
    expect(completeness).toHaveLength(full.data!.reportingCompleteness.length);
    expect(completeness.every((row) => row.startsWith('—'))).toBe(true);
    expect((await texts(p, '#tiles .tile .owner')).every((owners) => /^—(、—)*$/.test(owners))).toBe(true);
    expect((await texts(p, '#tasks .task-head')).every((head) => head.endsWith('lead —'))).toBe(true);
    // Only the organisation filter's "All organisations" is left.
    expect(await p.locator('#filter-org option').count()).toBe(1);
    // A target's detail opens too, with the notice, and "—" for its owners.
    await p.click('#tiles [data-open="average-trial-closure-days"]');
    await p.waitForSelector('#detail[open] .history');
    expect(await p.textContent('#detail .banner.partial')).toContain('organizations');
    expect(await p.textContent('#detail .owners')).toContain('—');
    expect(await p.locator('#detail [data-period="2025Q2"] .revision').count()).toBe(2);
    await p.click('#detail .close');
    // A view of one organisation keeps it, named by its id.
    const court = await openPage(dashboard.browser, `${dashboard.base}/dashboard?asOf=${AS_OF}&refresh=0&org=court`);
    await loaded(court.page);
    expect(await court.page.inputValue('#filter-org')).toBe('court');
    expect(await court.page.locator('#completeness .row.completeness').count()).toBe(1);
    expect(court.problems).toEqual([]);
    await court.page.close();
    return opened;
  });
  // Back: the next refresh answers in full, and the notice goes.
  await view.click('#refresh-now');
  await view.waitForSelector('#partial', { state: 'hidden' });
  const agencies = await view.$$eval('#completeness [data-organization]', (rows) =>
    rows.map((r) => r.getAttribute('data-organization')),
  );
  expect(agencies.sort()).toEqual(full.data!.reportingCompleteness.map((c: any) => c.organization.id).sort());
  expect((await texts(view, '#completeness .row.completeness')).some((row) => row.startsWith('—'))).toBe(false);
  expect(await view.locator('#filter-org option').count()).toBe(full.data!.organizations.length + 1);
  expect(problems).toEqual([]);
  await view.close();
});

it.each([
  ['tasks', ['Tasks'], ['#tiles .tile', '#targets [data-indicator]', '#completeness [data-organization]']],
  [
    'indicators',
    ['Scoreboard', 'The eight city goals', 'Targets needing attention', 'Targets', 'Reporting completeness'],
    ['#tasks [data-task]'],
  ],
] as Array<[SubgraphName, string[], string[]]>)(
  'with the %s subgraph down, says which panels are unavailable and shows the others',
  async (down, missing, shown) => {
    await withSubgraphDown(dashboard.hub, down, async () => {
      const { page: p, problems } = await page();
      await loaded(p);
      expect(await p.getAttribute('#partial', 'data-unavailable')).toBe(down);
      const unavailable = await texts(p, '.unavailable');
      expect(unavailable.map((text) => text.split(':')[0]).sort()).toEqual([...missing].sort());
      for (const selector of shown) expect(await p.locator(selector).count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      await p.close();
    });
  },
);
