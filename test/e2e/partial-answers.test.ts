/**
 * Partial answers, everywhere: with any one of the three subgraphs stopped, the
 * dashboard's queries, the examples of the README and docs/ and the scorecards still answer everything
 * the other two serve. The answer is the full answer with only the missing subgraph's
 * parts set to null, and each error is SUBGRAPH_UNAVAILABLE naming that subgraph.
 */
import { DASHBOARD, DETAIL, INPUT_FIGURES, META } from '../../dashboard/queries';
import { SUBGRAPHS, type SubgraphName } from '../../lib/config';
import type { Hub } from '../../hub';
import { pushDemoFigures } from '../support/demo';
import { graphqlExamples, runsAsItStands } from '../support/docs';
import { bearer, graphql, startTestHub, withSubgraphDown, type GraphQLResponse } from '../support/hub';
import { plannedSubgraphs, rootFieldSubgraphs } from '../support/query-plan';

const AS_OF = '2025-12-31';

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

/** The read-only GraphQL examples of the README and the pages under docs/. */
const README_EXAMPLES: Case[] = graphqlExamples()
  .filter((e) => runsAsItStands(e.query))
  .map((e) => ({ name: `${e.page} example at line ${e.line}`, query: e.query }));

const DASHBOARD_QUERIES: Case[] = [
  { name: 'dashboard META', query: META },
  { name: 'dashboard DASHBOARD', query: DASHBOARD, variables: { asOf: AS_OF, ownerId: null, orgId: null, tasks: {} } },
  {
    name: 'dashboard DASHBOARD, one organisation',
    query: DASHBOARD,
    variables: { asOf: AS_OF, ownerId: 'court', orgId: 'court', tasks: { organizationId: 'court' } },
  },
  {
    name: 'dashboard DETAIL',
    query: DETAIL,
    variables: { id: 'average-trial-closure-days', ref: 'average-trial-closure-days', asOf: AS_OF },
  },
  {
    name: 'dashboard INPUT_FIGURES',
    query: INPUT_FIGURES,
    variables: { id: 'court-ip-cases-closed', ref: 'court-ip-cases-closed' },
  },
];

const SCORECARDS: Case[] = [
  {
    name: 'scorecards of an organisation',
    query: `query Scorecard($asOf: LocalDate) { organization(id: "court") { id name
      taskScorecard(asOf: $asOf) { led { total overdue } ledTasks { id leadOrganization { name } progress(asOf: $asOf) { effectiveStatus } } }
      indicatorScorecard(asOf: $asOf) { counts { total achieved } kpis { indicator { name owners { name } tasks { id } } status }
        reporting { organization { name } expected missing owed { indicator { name } organization { name } period } } } } }`,
    variables: { asOf: AS_OF },
  },
  {
    name: 'scorecards of the sections and the plan',
    query: `query Sections($asOf: LocalDate) { sections { seq title kpiSummary(asOf: $asOf) { total achieved }
      kpis(asOf: $asOf) { indicator { id owners { name } } status } taskStatusCounts(asOf: $asOf) { total overdue } }
      plan { taskStatusCounts(asOf: $asOf) { total done overdue } } }`,
    variables: { asOf: AS_OF },
  },
];

/** Every reference from one subgraph to another's entity, each reached once. */
const REFERENCES: Case = {
  name: 'every cross-subgraph reference',
  query: `query References($asOf: LocalDate) {
    figures(indicator: "average-trial-closure-days", includeWithdrawn: true) { period organization { name }
      history { revision organization { name } recordedByOrganization { name } } }
    periodLocks { period lockedByOrganization { name } }
    periodLockEvents { action actorOrganization { name } }
    reportingCompleteness(asOf: $asOf, organizationId: "court") { organization { name } reports { organization { name } period } }
    indicator(id: "average-trial-closure-days") { reporting(asOf: $asOf) { organization { name } period }
      owners { name } tasks { id content leadOrganization { name } } }
    task(id: "T15") { responsibleUnits { organization { name } } responsibleOrganizations { name } leadOrganization { name }
      indicators { id owners { name } } progress(asOf: $asOf) { lastReportedBy { name }
        reports { organization { name } reportedByOrganization { name } } } }
    organization(id: "amr") { name tasks { id } leadTasks { id } indicators { id }
      taskScorecard(asOf: $asOf) { led { total } } indicatorScorecard(asOf: $asOf) { counts { total } } }
  }`,
  variables: { asOf: AS_OF },
};

const CASES: Case[] = [...DASHBOARD_QUERIES, ...README_EXAMPLES, ...SCORECARDS, REFERENCES];

/**
 * A query naming an organisation in an argument (id, name or alias) of the indicators
 * subgraph reaches the organizations subgraph outside the plan: the indicators subgraph
 * asks it which organisation the reference denotes. With it stopped, that field is null and
 * its error, passed on by the indicators subgraph, names the organizations subgraph.
 */
const namesOrganization = (query: string) => /\(organization: "/.test(query);

/** Where `partial` differs from `full` other than by null in place of a value. */
function differences(full: unknown, partial: unknown, at = ''): string[] {
  if (partial === null) return [];
  if (Array.isArray(full)) {
    if (!Array.isArray(partial) || partial.length !== full.length) return [at];
    return full.flatMap((value, i) => differences(value, partial[i], `${at}[${i}]`));
  }
  if (full !== null && typeof full === 'object') {
    if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) return [at];
    const keys = new Set([...Object.keys(full), ...Object.keys(partial)]);
    return [...keys].flatMap((key) =>
      differences((full as Record<string, unknown>)[key], (partial as Record<string, unknown>)[key], `${at}.${key}`),
    );
  }
  return Object.is(full, partial) ? [] : [at];
}

let hub: Hub;
const full = new Map<string, GraphQLResponse>();

beforeAll(async () => {
  hub = await startTestHub();
  const url = hub.gateway.url;
  await pushDemoFigures(url);
  // A lock and an unlock (audited), and a progress report on a task: every kind of reference has data.
  const coordinator = await bearer('amr', ['coordinator']);
  const lock = `mutation { lockPeriod(period: "2024", indicator: "average-trial-closure-days", reason: "closed") { period } }`;
  expect((await graphql(url, lock, {}, coordinator)).errors).toBeUndefined();
  const unlock = `mutation { unlockPeriod(period: "2024", indicator: "average-trial-closure-days", reason: "reopened") }`;
  expect((await graphql(url, unlock, {}, coordinator)).errors).toBeUndefined();
  expect((await graphql(url, lock.replace('"2024"', '"2024H2"'), {}, coordinator)).errors).toBeUndefined();
  const report = `mutation { reportTaskProgress(task: "T15", status: IN_PROGRESS, note: "under way") { status } }`;
  expect((await graphql(url, report, {}, coordinator)).errors).toBeUndefined();
  for (const c of CASES) {
    const res = await graphql(url, c.query, c.variables);
    expect({ case: c.name, errors: res.errors ?? [] }).toEqual({ case: c.name, errors: [] });
    full.set(c.name, res);
  }
}, 120_000);
afterAll(() => hub?.stop());

it('covers the dashboard, the read-only examples of the README and docs/, the scorecards and every subgraph', () => {
  expect(README_EXAMPLES.length).toBeGreaterThanOrEqual(6);
  const touched = new Set(CASES.flatMap((c) => [...plannedSubgraphs(c.query)]));
  expect([...touched].sort()).toEqual([...SUBGRAPHS].sort());
});

describe.each(SUBGRAPHS.map((name) => [name]))('with the %s subgraph stopped', (down: SubgraphName) => {
  it('every query answers the rest, and says which subgraph is missing', async () => {
    const failures: unknown[] = [];
    const lossy = new Set<string>();
    await withSubgraphDown(hub, down, async () => {
      for (const c of CASES) {
        const res = await graphql(hub.gateway.url, c.query, c.variables);
        const before = full.get(c.name)!;
        const viaDirectory = down === 'organizations' && namesOrganization(c.query);
        const touches = plannedSubgraphs(c.query).has(down) || viaDirectory;
        const lost = JSON.stringify(res.data) !== JSON.stringify(before.data);
        if (lost) lossy.add(c.name);
        const named = (res.errors ?? []).some((e) => e.message.includes(down));
        const problems = {
          status: res.status === 200 ? [] : [res.status],
          data: res.data ? [] : ['data is null'],
          // The other subgraphs' root fields stand.
          roots: Object.entries(rootFieldSubgraphs(c.query))
            .filter(([key, owner]) => owner !== down && !viaDirectory && res.data?.[key] === null && before.data![key] !== null)
            .map(([key]) => `${key} is null`),
          // Nothing but nulls in place of what the stopped subgraph answers...
          changed: differences(before.data, res.data ?? null),
          // ...and only where the plan (or the organisation directory) goes to it.
          untouched: touches || !lost ? [] : [`changed although the plan does not go to ${down}`],
          errors: (res.errors ?? [])
            .filter(
              (e) =>
                e.extensions?.code !== 'SUBGRAPH_UNAVAILABLE' ||
                (e.extensions?.serviceName !== down && !(viaDirectory && e.message.includes(`the ${down} subgraph`))),
            )
            .map((e) => `${e.extensions?.code}: ${e.message}`),
          named: !lost || named ? [] : [`fields missing without an error naming ${down}`],
        };
        if (Object.values(problems).some((p) => p.length > 0)) failures.push({ case: c.name, ...problems });
      }
    });
    expect(failures).toEqual([]);
    // The dashboard's main query goes to every subgraph: each one down costs it something.
    expect(lossy).toContain('dashboard DASHBOARD');
  });
});

// The organizations subgraph takes no writes.
it.each([
  ['indicators', `mutation { lockPeriod(period: "2023", reason: "down") { period } }`],
  ['tasks', `mutation { reportTaskProgress(task: "T15", status: DONE) { status } }`],
] as Array<[SubgraphName, string]>)(
  'a mutation of the stopped %s subgraph fails with the error naming it',
  async (down, mutation) => {
    const res = await withSubgraphDown(hub, down, async () =>
      graphql(hub.gateway.url, mutation, {}, await bearer('amr', ['coordinator'])),
    );
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: down }) }),
    ]);
  },
);

it('answers in full again once the stopped subgraph is back', async () => {
  for (const c of CASES) {
    const res = await graphql(hub.gateway.url, c.query, c.variables);
    expect({ case: c.name, errors: res.errors ?? [], data: res.data }).toEqual({
      case: c.name,
      errors: [],
      data: full.get(c.name)!.data,
    });
  }
});
