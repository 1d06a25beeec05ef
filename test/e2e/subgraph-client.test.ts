/**
 * The gateway's subgraph client, seen from the subgraph's side through a real HTTP hop
 * that counts what arrives: identical queries in flight for one identity make one
 * request; two identities, mutations, or SUBGRAPH_DEDUP=false never share; a subgraph
 * that answers nothing within SUBGRAPH_TIMEOUT_MS costs only its fields; connections are
 * kept alive and reused.
 */
import { startGateway } from '../../gateway';
import type { SubgraphName } from '../../lib/config';
import type { RunningService } from '../../lib/server';
import { bearer, graphql, testSettings, useHubAndDatabase } from '../support/hub';
import { type SubgraphProxy, startSubgraphProxy } from '../support/subgraph-proxy';

const started = useHubAndDatabase();
const services: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
});

/** A gateway whose fetches from `name` go through a proxy holding each request `delayMs`. */
async function gatewayThroughProxy(
  name: SubgraphName,
  delayMs: number,
  env: Record<string, string> = {},
): Promise<{ gateway: RunningService; proxy: SubgraphProxy }> {
  const proxy = await startSubgraphProxy(started.hub().subgraphs[name].url, delayMs);
  services.push(proxy);
  const urls = Object.fromEntries(Object.entries(started.hub().subgraphs).map(([n, s]) => [n, s.url])) as Record<
    SubgraphName,
    string
  >;
  const gateway = await startGateway(testSettings(env), { port: 0, subgraphUrls: { ...urls, [name]: proxy.url } });
  services.unshift(gateway);
  return { gateway, proxy };
}

/** The bodies the proxy received that carry `text` (the gateway's own directory reloads left out). */
const received = (proxy: SubgraphProxy, text: string) => proxy.bodies.filter((b) => b.includes(text));

const N = 8;
const INDICATORS = '{ indicators(filter: { headline: true }) { id name } }';

it('N identical queries in flight under one identity make one subgraph request, and all get the answer', async () => {
  const { gateway, proxy } = await gatewayThroughProxy('indicators', 300);
  const headers = await bearer('amr', ['analyst']);
  const answers = await Promise.all(Array.from({ length: N }, () => graphql(gateway.url, INDICATORS, {}, headers)));
  expect(received(proxy, 'headline')).toHaveLength(1);
  for (const answer of answers) expect(answer).toEqual(answers[0]);
  expect((answers[0].data!.indicators as unknown[]).length).toBe(8);
  const shared = await gateway.metrics.subgraphFetchShared.get();
  expect(shared.values.find((v) => v.labels.subgraph === 'indicators')?.value).toBe(N - 1);
});

it('two identities never share an answer: each gets its own request and its own answer', async () => {
  const { gateway, proxy } = await gatewayThroughProxy('organizations', 300);
  const query = '{ tokenRevocations { tokenId } }';
  const [admin, reporter, anonymous] = await Promise.all([
    graphql(gateway.url, query, {}, await bearer('amr', ['admin'])),
    graphql(gateway.url, query, {}, await bearer('amr', ['reporter'])),
    graphql(gateway.url, query),
  ]);
  expect(received(proxy, 'tokenRevocations')).toHaveLength(3);
  expect(admin.errors).toBeUndefined();
  expect(Array.isArray(admin.data!.tokenRevocations)).toBe(true);
  expect(reporter.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(anonymous.errors?.[0].extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
});

it('never merges mutations', async () => {
  const { gateway, proxy } = await gatewayThroughProxy('indicators', 200);
  const headers = await bearer('amr', ['coordinator']);
  const push = `mutation { pushFigures(input: { dryRun: true, figures: [{ indicator: "average-trial-closure-days", period: "2024Q3", value: 121.5 }] }) { created rejected } }`;
  const answers = await Promise.all(Array.from({ length: 4 }, () => graphql(gateway.url, push, {}, headers)));
  expect(received(proxy, 'pushFigures')).toHaveLength(4);
  for (const answer of answers) expect(answer.errors).toBeUndefined();
});

it('SUBGRAPH_DEDUP=false sends every query itself', async () => {
  const { gateway, proxy } = await gatewayThroughProxy('indicators', 300, { SUBGRAPH_DEDUP: 'false' });
  const headers = await bearer('amr', ['analyst']);
  await Promise.all(Array.from({ length: N }, () => graphql(gateway.url, INDICATORS, {}, headers)));
  expect(received(proxy, 'headline')).toHaveLength(N);
});

it('a subgraph that answers nothing within SUBGRAPH_TIMEOUT_MS costs only its fields, named', async () => {
  const { gateway } = await gatewayThroughProxy('indicators', Infinity, { SUBGRAPH_TIMEOUT_MS: '400' });
  // A gateway that kept waiting would never answer: the proxy holds the request for ever.
  const res = await graphql(gateway.url, '{ task(id: "T22") { seq indicators { id } } }');
  expect(res.data!.task).toEqual({ seq: 22, indicators: null });
  expect(res.errors).toEqual([
    expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'indicators' }) }),
  ]);
  const fetches = await gateway.metrics.subgraphFetch.get();
  const unavailable = fetches.values.find(
    (v) => v.metricName?.endsWith('_count') && v.labels.subgraph === 'indicators' && v.labels.outcome === 'unavailable',
  );
  expect(unavailable?.value).toBe(1);
});

it('keeps its connections to a subgraph alive across requests', async () => {
  const { gateway, proxy } = await gatewayThroughProxy('indicators', 0);
  for (let i = 0; i < 20; i++) expect((await graphql(gateway.url, INDICATORS)).errors).toBeUndefined();
  expect(received(proxy, 'headline')).toHaveLength(20);
  expect(proxy.connections).toBe(1);
});
