/**
 * Federation cost: the dashboard's main query through the gateway against the same data
 * fetched from the subgraphs directly — the two fetches the query plan makes (the
 * scoreboard from indicators, then the owners' names from organizations) — at
 * concurrency 1 and 16. Aim: gateway p50 ≤ 1.5 × direct.
 */
import type { Hub } from '../hub';
import { GATEWAY_TOKEN_HEADER, signGatewayToken } from '../lib/identity';
import { DASHBOARD_QUERY } from './fixtures';
import { load, postJson } from './load';
import type { BenchRow } from './report';

const DIRECT_INDICATORS = DASHBOARD_QUERY.replace('owners { id name }', 'owners { __typename id }');
const DIRECT_ORGANIZATIONS = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organization { name } } }`;

export async function benchFederation(hub: Hub, _databaseUrl: string, full: boolean): Promise<BenchRow[]> {
  const variables = { asOf: '2025-12-31' };
  let token = { value: await signGatewayToken(null), at: Date.now() };
  const headers = async () => {
    if (Date.now() - token.at > 30_000) token = { value: await signGatewayToken(null), at: Date.now() };
    return { [GATEWAY_TOKEN_HEADER]: token.value };
  };
  const viaGateway = async () => {
    await postJson(hub.gateway.url, { query: DASHBOARD_QUERY, variables });
  };
  const direct = async () => {
    const h = await headers();
    const first = await postJson(hub.subgraphs.indicators.url, { query: DIRECT_INDICATORS, variables }, h);
    const owners = new Map<string, object>();
    for (const goal of first.data.scoreboard.headlineGoals) for (const o of goal.indicator.owners) owners.set(o.id, o);
    await postJson(
      hub.subgraphs.organizations.url,
      { query: DIRECT_ORGANIZATIONS, variables: { representations: [...owners.values()] } },
      h,
    );
  };
  const seconds = full ? 15 : 6;
  for (const run of [viaGateway, direct]) await load(run, 4, full ? 5 : 3); // warm up: JIT, pools, plan cache
  const rows: BenchRow[] = [];
  for (const concurrency of [1, 16]) {
    const gateway = await load(viaGateway, concurrency, seconds);
    const subgraphs = await load(direct, concurrency, seconds);
    const ratio = gateway.p50 / subgraphs.p50;
    rows.push(
      {
        section: 'federation',
        name: `direct subgraph calls, concurrency ${concurrency}`,
        value: subgraphs.p50,
        unit: 'ms p50',
        note: `${subgraphs.rps.toFixed(0)} req/s, p99 ${subgraphs.p99.toFixed(1)} ms`,
      },
      {
        section: 'federation',
        name: `dashboard query through the gateway, concurrency ${concurrency}`,
        value: gateway.p50,
        unit: 'ms p50',
        ratio,
        ratioOf: 'direct p50',
        aim: '≤ 1.5',
        met: ratio <= 1.5,
        note: `${gateway.rps.toFixed(0)} req/s, p99 ${gateway.p99.toFixed(1)} ms`,
      },
    );
  }
  return rows;
}
