/**
 * Subgraph requests per query, like the SQL-statement counts: what the dashboard's
 * queries and a task list across the three subgraphs cost in fetches. Apollo's planner
 * makes one organizations fetch per response path that reaches an organisation, so the
 * dashboard's full query makes five; the counts below are what the plan makes today.
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

it("the dashboard's full query: one organizations fetch per path that reaches an organisation", async () => {
  // With no figures stored nothing needs attention, so the plan's fetches under `attention`
  // (its owners and tasks) have nothing to fetch and are skipped: 4 of the plan's 5
  // organizations fetches and 2 of its 3 tasks fetches are made.
  expect(await requestsFor(DASHBOARD, { asOf: '2025-12-31', tasks: { featured: true } })).toEqual({
    indicators: 1,
    tasks: 2,
    organizations: 4,
  });
});

it("plans the dashboard's full query as one indicators, three tasks and five organizations fetches", () => {
  // One per response path reaching an entity: scoreboard, targets and attention owners,
  // reporting completeness, tasks' lead organisations. Apollo's planner does not merge
  // fetches of the same subgraph made at different paths.
  expect(plannedFetches(DASHBOARD)).toEqual({ indicators: 1, tasks: 3, organizations: 5 });
  expect(plannedFetches(TASK_LIST)).toEqual({ tasks: 1, indicators: 1, organizations: 2 });
});

it("the dashboard's metadata: one fetch from each subgraph that holds part of it", async () => {
  expect(await requestsFor(META)).toEqual({ indicators: 0, tasks: 1, organizations: 1 });
});

it('a task list across the three subgraphs: its lead organisations and its owners fetched apart', async () => {
  expect(await requestsFor(TASK_LIST)).toEqual({ tasks: 1, indicators: 1, organizations: 2 });
});
