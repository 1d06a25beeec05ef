/**
 * What operators rely on: health and readiness on every service, Prometheus metrics (on
 * the subgraphs, for the gateway's identity only), one request id in the logs of every
 * service a request touches, and production mode closed.
 */
import { generateKeyPairSync } from 'node:crypto';
import { GATEWAY_TOKEN_HEADER } from '../../lib/identity';
import { setLogSink } from '../../lib/log';
import type { Hub } from '../../hub';
import { SUBGRAPHS } from '../../lib/config';
import { bearer, gatewayIdentity, graphql, metricsText, startTestHub, testSettings } from '../support/hub';

let hub: Hub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

/** The value of a Prometheus sample with (at least) these labels, in any order; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const has = Object.fromEntries([...match[2].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) return Number(match[3]);
  }
  return undefined;
}

const services = () => [hub.gateway, ...SUBGRAPHS.map((name) => hub.subgraphs[name])];

it('every service answers /healthz and /readyz', async () => {
  for (const service of services()) {
    const health = await fetch(new URL('/healthz', service.url));
    expect(await health.json()).toEqual({ status: 'ok', service: service.name });
    const ready = await fetch(new URL('/readyz', service.url));
    expect(ready.status).toBe(200);
  }
});

it('every service serves Prometheus metrics: requests and latency per operation, errors by code, subgraph fetches, figures written', async () => {
  // Operation names the hub's own clients use are labels; any other name counts as "other".
  await graphql(hub.gateway.url, 'query DashboardMeta { plan { title } }');
  await graphql(hub.gateway.url, 'query Scoreboard { scoreboard(asOf: "2025-12-31") { headline { total } } }');
  await graphql(hub.gateway.url, '{ tasks(filter: { section: 9 }) { id } }');
  await graphql(
    hub.gateway.url,
    'mutation Push($input: PushFiguresInput!) { pushFigures(input: $input) { created } }',
    { input: { figures: [{ indicator: 'technical-investigators', period: '2025H1', value: 30 }] } },
    await bearer('amr', ['reporter']),
  );
  const gateway = await metricsText(hub.gateway.metricsUrl);
  expect(
    sample(gateway, 'ipzone_graphql_requests_total', { operation: 'DashboardMeta', outcome: 'ok', service: 'gateway' }),
  ).toBe(1);
  expect(sample(gateway, 'ipzone_graphql_request_duration_seconds_count', { operation: 'DashboardMeta' })).toBe(1);
  expect(sample(gateway, 'ipzone_graphql_requests_total', { operation: 'other', outcome: 'ok' })).toBe(2);
  expect(gateway).not.toContain('operation="Scoreboard"');
  expect(sample(gateway, 'ipzone_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
  expect(
    sample(gateway, 'ipzone_subgraph_fetch_duration_seconds_count', { subgraph: 'indicators', outcome: 'ok' }),
  ).toBeGreaterThan(0);
  // A subgraph counts the gateway's fetch under the operation it serves.
  const tasks = await metricsText(hub.subgraphs.tasks.metricsUrl);
  expect(sample(tasks, 'ipzone_graphql_requests_total', { operation: 'DashboardMeta', service: 'tasks' })).toBe(1);
  const indicators = await metricsText(hub.subgraphs.indicators.metricsUrl);
  expect(sample(indicators, 'ipzone_figures_written_total', { kind: 'created', service: 'indicators' })).toBe(1);
  for (const name of SUBGRAPHS)
    expect(await metricsText(hub.subgraphs[name].metricsUrl)).toContain('ipzone_graphql_requests_total');
});

it("a subgraph's /metrics answers only the gateway's identity", async () => {
  for (const name of SUBGRAPHS) {
    const url = hub.subgraphs[name].metricsUrl;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await fetch(url, { headers: { [GATEWAY_TOKEN_HEADER]: 'e30.e30.' } })).status).toBe(401);
    expect((await fetch(url, { headers: await gatewayIdentity() })).status).toBe(200);
  }
  expect((await fetch(hub.gateway.metricsUrl)).status).toBe(200);
});

it('a request id travels from the gateway to every subgraph the request touches, in JSON logs', async () => {
  const entries: Array<Record<string, unknown>> = [];
  setLogSink((entry) => entries.push(entry));
  try {
    const res = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-7f3a' },
      body: JSON.stringify({ query: '{ task(id: "T15") { leadOrganization { name } indicators { id } } }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('req-7f3a');
  } finally {
    setLogSink(null);
  }
  const services = entries.filter((e) => e.message === 'graphql' && e.requestId === 'req-7f3a').map((e) => e.service);
  expect(new Set(services)).toEqual(new Set(['gateway', 'tasks', 'organizations', 'indicators']));
});

describe('in production mode', () => {
  let production: Hub;
  const { privateKey } = generateKeyPairSync('ed25519');
  const PRODUCTION = {
    NODE_ENV: 'production',
    JWT_SECRET: 'p'.repeat(40),
    GATEWAY_PRIVATE_KEY: JSON.stringify(privateKey.export({ format: 'jwk' })),
  };
  beforeAll(async () => {
    production = await startTestHub({ env: PRODUCTION });
  });
  afterAll(async () => {
    await production?.stop();
  });

  it('introspection and the explorer are off, stack traces never leave, and the development secrets are refused', async () => {
    const introspection = await graphql(production.gateway.url, '{ __schema { types { name } } }');
    expect(introspection.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const page = await fetch(production.gateway.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<html');
    const bad = await graphql(production.gateway.url, '{ tasks(filter: { deadlineFrom: "13" }) { id } }');
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad)).not.toContain('stacktrace');
    expect(() => testSettings({ ...PRODUCTION, JWT_SECRET: 'ipzone-dev-jwt-secret-change-me' })).toThrow(
      /JWT_SECRET is 31 characters long: a secret needs at least 32/,
    );
  });

  it('errors carry no schema hints ("Did you mean …?"), while development keeps them', async () => {
    const misspelt = '{ taks { id } }';
    const closed = await graphql(production.gateway.url, misspelt);
    expect(closed.status).toBe(400);
    expect(closed.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(closed.errors)).not.toMatch(/Did you mean|"tasks?"/);
    const open = await graphql(hub.gateway.url, misspelt);
    expect(open.errors?.[0].message).toMatch(/Did you mean/);
  });
});
