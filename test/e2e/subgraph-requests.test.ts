/**
 * Subgraph requests per query, like the SQL-statement counts: what the dashboard's
 * queries and a task list across the three subgraphs cost in fetches. Apollo's planner
 * makes one fetch per response path that reaches another subgraph's entity, so the
 * dashboard's query names organisations by id only and lists them once at its root
 * (`organizations`, fetched alongside the other root fields): one organizations fetch,
 * whatever the number of panels that show an organisation's name.
 */
import { DASHBOARD, META } from '../../dashboard/queries';
import { plannedFetches } from '../support/query-plan';
import { countSubgraphRequests, graphql, startTestHub } from '../support/hub';
import type { Hub } from '../../hub';

let hub: Hub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const TASK_LIST = `{ tasks(filter: { featured: true }) { id content leadOrganization { id name } indicators { id name owners { id name } } } }`;

async function requestsFor(query: string, variables: Record<string, unknown> = {}) {
  let errors: unknown;
  const counts = await countSubgraphRequests(hub, async () => {
    errors = (await graphql(hub.gateway.url, query, variables)).errors;
  });
  expect(errors).toBeUndefined();
  return counts;
}

it("the dashboard's full query: one fetch from organizations, one from indicators, two from tasks", async () => {
  expect(await requestsFor(DASHBOARD, { asOf: '2025-12-31', tasks: { featured: true } })).toEqual({
    indicators: 1,
    tasks: 2,
    organizations: 1,
  });
});

it("plans the dashboard's full query as one indicators, two tasks and one organizations fetch", () => {
  // The root fields of each subgraph go in one fetch; the only entity hop left is from the
  // targets to their tasks' sections.
  expect(plannedFetches(DASHBOARD)).toEqual({ organizations: 1, indicators: 1, tasks: 2 });
  // A query that reaches organisations at two paths still costs two organizations fetches.
  expect(plannedFetches(TASK_LIST)).toEqual({ tasks: 1, indicators: 1, organizations: 2 });
});

it("the dashboard's metadata: one fetch from each subgraph that holds part of it", async () => {
  expect(await requestsFor(META)).toEqual({ indicators: 0, tasks: 1, organizations: 1 });
});

it('a task list across the three subgraphs: its lead organisations and its owners fetched apart', async () => {
  expect(await requestsFor(TASK_LIST)).toEqual({ tasks: 1, indicators: 1, organizations: 2 });
});
