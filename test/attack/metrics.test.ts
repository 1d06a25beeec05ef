/**
 * The metrics stay the same size whatever clients send: operation names are labels only
 * when the hub's own clients use them, every other name counts as "other".
 */
import type { Hub } from '../../hub';
import { graphql, metricsText, startTestHub } from '../support/hub';

let hub: Hub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

/** Runs `count` tasks, `concurrency` at a time. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

it('10,000 distinct operation names do not grow /metrics, at the gateway or in the subgraph they reach', async () => {
  // Names of its own clients the gateway labels; one unknown name first, so the "other" series exists.
  await graphql(hub.gateway.url, 'query DashboardMeta { plan { title } }');
  await graphql(hub.gateway.url, 'query Warmup { plan { title } }');
  const gatewayBefore = await metricsText(hub.gateway.metricsUrl);
  const tasksBefore = await metricsText(hub.subgraphs.tasks.metricsUrl);

  await pool(10_000, 16, async (i) => {
    // Every 20th request reaches the tasks subgraph, which sees the name as <name>__tasks__0.
    const query =
      i % 20 === 0 ? `query Probe${i}_${'x'.repeat(40)} { plan { title } }` : `query Probe${i}_${'x'.repeat(40)} { __typename }`;
    const res = await graphql(hub.gateway.url, query);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  });

  const gatewayAfter = await metricsText(hub.gateway.metricsUrl);
  const tasksAfter = await metricsText(hub.subgraphs.tasks.metricsUrl);
  expect(gatewayAfter).not.toContain('Probe');
  expect(tasksAfter).not.toContain('Probe');
  // A few kilobytes at most: counters grow by digits, the first `other` series appear, and the
  // process metrics move (Node's GC series differ between versions); one series per name
  // would add about a megabyte.
  expect(gatewayAfter.length - gatewayBefore.length).toBeLessThan(8_000);
  expect(tasksAfter.length - tasksBefore.length).toBeLessThan(8_000);
  expect(gatewayAfter.length).toBeLessThan(64 * 1024);
  const count = (text: string, operation: string) =>
    Number(new RegExp(`^ipzone_graphql_requests_total\\{[^}]*operation="${operation}"[^}]*\\} (\\d+)`, 'm').exec(text)?.[1]);
  expect(count(gatewayAfter, 'other')).toBe(10_001);
  expect(count(gatewayAfter, 'DashboardMeta')).toBe(1);
  expect(count(tasksAfter, 'other')).toBe(501);
}, 300_000);
