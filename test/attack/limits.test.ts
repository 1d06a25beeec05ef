/**
 * The gateway's limits hold for every operation, introspection included, and refuse a
 * hostile document quickly: while each is refused, the gateway keeps answering /healthz.
 * The documents are the ones that once stalled the hub for seconds or passed every limit.
 */
import { getIntrospectionQuery, Lexer, Source, TokenKind } from 'graphql';
import { SUBGRAPHS } from '../../lib/config';
import { startGateway } from '../../gateway';
import type { Hub } from '../../hub';
import { DASHBOARD, DETAIL, INPUT_FIGURES, META } from '../../dashboard/queries';
import { hostileRequests } from '../../bench/hostile-documents';
import { graphql, type GraphQLResponse, startTestHub, testSettings } from '../support/hub';

const settings = testSettings();
const limits = settings.gateway.limits;
const HOSTILE = hostileRequests(settings.http.maxBodyBytes);

let hub: Hub;
beforeAll(async () => {
  hub = await startTestHub();
  // A first ordinary query: the gateway's first request pays for loading code paths once.
  await graphql(hub.gateway.url, '{ plan { title } }');
});
afterAll(() => hub?.stop());

const tokens = (query: string) => {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n += 1;
  return n;
};

/**
 * Sends a request body while pinging /healthz every 25 ms (each must answer 200); answers the
 * response, how long the refusal took and the slowest /healthz answer meanwhile.
 */
async function sendWhileWatching(body: string) {
  const health = new URL('/healthz', hub.gateway.url);
  let done = false;
  let slowestHealth = 0;
  const watcher = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await fetch(health);
      expect(res.status).toBe(200);
      slowestHealth = Math.max(slowestHealth, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const started = performance.now();
  const response = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const res: GraphQLResponse = { ...((await response.json()) as GraphQLResponse), status: response.status };
  const ms = performance.now() - started;
  done = true;
  await watcher;
  return { res, ms, slowestHealth };
}

describe('hostile documents are refused quickly, with their codes, and the gateway keeps answering', () => {
  it.each(HOSTILE.map((r) => [r.name, r] as const))('%s', async (_name, request) => {
    const body = request.body;
    const { res } = await sendWhileWatching(body);
    expect(res.status).toBe(request.status);
    expect(res.errors?.[0].extensions?.code).toBe(request.code);
    expect(res.data).toBeUndefined();
    // Every /healthz asked meanwhile answered 200. How fast the refusal and /healthz are (the
    // old gateway held its event loop for 2 to 12 seconds on several of these) is measured by
    // `npm run bench -- hostile` (bench/hostile-documents.ts), where timings belong.
  });

  it('each document but the oversized body fits within the body limit', () => {
    for (const request of HOSTILE.filter((r) => r.status !== 413))
      expect(Buffer.byteLength(request.body)).toBeLessThan(settings.http.maxBodyBytes);
  });

  it('a refused document walks nothing else: one error, the limit’s own', async () => {
    const res = await graphql(hub.gateway.url, `{ ${'tasks { id } '.repeat(30)} noSuchField }`);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('what clients really send stays well inside the limits', () => {
  const explorerQuery = getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
  });

  it("the explorers' introspection query works in development, at half the token limit or less", async () => {
    expect(tokens(explorerQuery) * 2).toBeLessThanOrEqual(limits.maxQueryTokens);
    const res = await graphql(hub.gateway.url, explorerQuery);
    expect(res.errors).toBeUndefined();
    expect(res.data!.__schema.types.map((t: { name: string }) => t.name)).toContain('Indicator');
  });

  it('the introspection query still passes with a depth limit 5 levels lower', async () => {
    // A gateway of its own over the same subgraphs, started with the lower limit.
    const lower = await startGateway(
      testSettings({ MAX_QUERY_DEPTH: String(limits.maxQueryDepth - 5), IDENTITY_REFRESH_SECONDS: '60' }),
      { port: 0, subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, hub.subgraphs[name].url])) },
    );
    try {
      expect((await graphql(lower.url, explorerQuery)).errors).toBeUndefined();
      // 17 levels: within the hub's limit (its fields are then checked, and are none of the schema's), over this one's.
      const deep = `{ ${'a { '.repeat(16)}b${' }'.repeat(17)}`;
      expect((await graphql(hub.gateway.url, deep)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await graphql(lower.url, deep)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    } finally {
      await lower.stop();
    }
  });

  it.each([
    ['DashboardMeta', META, {}],
    ['Dashboard', DASHBOARD, { asOf: '2025-12-31', tasks: {} }],
    ['IndicatorDetail', DETAIL, { id: 'average-trial-closure-days', ref: 'average-trial-closure-days', asOf: '2025-12-31' }],
    ['InputFigures', INPUT_FIGURES, { id: 'court-ip-cases-closed', ref: 'court-ip-cases-closed' }],
  ])("the dashboard's %s query passes, at a third of the token limit or less", async (_name, query, variables) => {
    expect(tokens(query) * 3).toBeLessThanOrEqual(limits.maxQueryTokens);
    const res = await graphql(hub.gateway.url, query, variables);
    expect(res.errors).toBeUndefined();
    expect(res.data).toBeDefined();
  });
});
