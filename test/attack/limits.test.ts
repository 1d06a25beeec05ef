/**
 * The gateway's limits hold for every operation, introspection included, and refuse a
 * hostile document quickly: while each is refused, the gateway keeps answering /healthz.
 * The documents are the ones that once stalled the hub for seconds or passed every limit.
 */
import { getIntrospectionQuery, Lexer, Source, TokenKind } from 'graphql';
import { config } from '../../lib/config';
import type { Hub } from '../../lib/hub';
import { DASHBOARD, DETAIL, INPUT_FIGURES, META } from '../../dashboard/queries';
import { graphql, startTestHub } from '../support/hub';

let hub: Hub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.stop());

const tokens = (query: string) => {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n += 1;
  return n;
};

/** 23 fragments, each spreading the next twice: 949 bytes that expand to 2^23 selections. */
function fragmentDoubling(onType = 'Query', leaf = 'tasks { id }'): string {
  const fragments = Array.from({ length: 23 }, (_, i) => `fragment F${i} on ${onType} { ...F${i + 1} ...F${i + 1} }`);
  const operation = onType === 'Mutation' ? 'mutation { ...F0 }' : '{ ...F0 }';
  return `${operation} ${fragments.join(' ')} fragment F23 on ${onType} { ${leaf} }`;
}
const aliased = (count: number, selection: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

/**
 * Sends `query` while pinging /healthz every 25 ms; answers the response, how long the
 * refusal took and the slowest /healthz answer meanwhile.
 */
async function sendWhileWatching(query: string, variables: Record<string, unknown> = {}) {
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
  const res = await graphql(hub.gateway.url, query, variables);
  const ms = performance.now() - started;
  done = true;
  await watcher;
  return { res, ms, slowestHealth };
}

describe('hostile documents are refused quickly, with their codes, and the gateway keeps answering', () => {
  const cases: Array<[string, () => string, string]> = [
    ['23 fragments each spreading the next twice', () => fragmentDoubling(), 'QUERY_TOO_COMPLEX'],
    ['the same, without any list', () => fragmentDoubling('Query', 'plan { title }'), 'QUERY_TOO_COMPLEX'],
    [
      'the same, on the mutation type',
      () => fragmentDoubling('Mutation', 'lockPeriod(period: "2025") { id }'),
      'QUERY_TOO_COMPLEX',
    ],
    ['200,000 aliased __typename (3.9 MB)', () => aliased(200_000, '__typename'), 'TOO_MANY_TOKENS'],
    ['41 aliased __typename', () => aliased(41, '__typename'), 'TOO_MANY_ALIASES'],
    ['1,000 aliases of __schema', () => aliased(1000, '__schema { types { name } }'), 'TOO_MANY_TOKENS'],
    ['41 aliases of __schema', () => aliased(41, '__schema { queryType { name } }'), 'TOO_MANY_ALIASES'],
    ['a 3.5 MB document', () => `{ tasks { ${'id '.repeat(1_150_000)}} }`, 'TOO_MANY_TOKENS'],
    ['one field selected 240 times', () => `{ ${'tasks { id } '.repeat(240)}}`, 'QUERY_TOO_COMPLEX'],
    [
      'one field selected 240 times in a fragment defined first',
      () => `fragment A on Query { ${'plan { title } '.repeat(240)}} { ...A }`,
      'QUERY_TOO_COMPLEX',
    ],
    ['30 directives on one field', () => `{ tasks { id ${'@include(if: true) '.repeat(30)}} }`, 'TOO_MANY_DIRECTIVES'],
    [
      'introspection nested 25 levels deep',
      () => `{ __type(name: "Task") { fields { type ${'{ ofType '.repeat(23)}{ name }${' }'.repeat(23)} } } }`,
      'QUERY_TOO_DEEP',
    ],
  ];

  it.each(cases)('%s', async (_name, document, code) => {
    const query = document();
    expect(Buffer.byteLength(JSON.stringify({ query }))).toBeLessThan(config.maxBodyBytes());
    const { res, ms, slowestHealth } = await sendWhileWatching(query);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(res.data).toBeUndefined();
    // Generous bounds on a shared machine: the old gateway took 2 to 12 seconds on these.
    expect(ms).toBeLessThan(1000);
    expect(slowestHealth).toBeLessThan(1000);
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
    expect(tokens(explorerQuery) * 2).toBeLessThanOrEqual(config.maxQueryTokens());
    const res = await graphql(hub.gateway.url, explorerQuery);
    expect(res.errors).toBeUndefined();
    expect(res.data!.__schema.types.map((t: { name: string }) => t.name)).toContain('Indicator');
  });

  it('the introspection query still passes with a depth limit 5 levels lower', async () => {
    const saved = process.env.MAX_QUERY_DEPTH;
    process.env.MAX_QUERY_DEPTH = String(config.maxQueryDepth() - 5);
    try {
      // A new document (validated ones are cached), as deep as the explorer's.
      const res = await graphql(
        hub.gateway.url,
        `
          ${explorerQuery}
          # depth check
        `,
      );
      expect(res.errors).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.MAX_QUERY_DEPTH;
      else process.env.MAX_QUERY_DEPTH = saved;
    }
  });

  it.each([
    ['DashboardMeta', META, {}],
    ['Dashboard', DASHBOARD, { asOf: '2025-12-31', tasks: {} }],
    ['IndicatorDetail', DETAIL, { id: 'average-trial-closure-days', ref: 'average-trial-closure-days', asOf: '2025-12-31' }],
    ['InputFigures', INPUT_FIGURES, { id: 'court-ip-cases-closed', ref: 'court-ip-cases-closed' }],
  ])("the dashboard's %s query passes, at a third of the token limit or less", async (_name, query, variables) => {
    expect(tokens(query) * 3).toBeLessThanOrEqual(config.maxQueryTokens());
    const res = await graphql(hub.gateway.url, query, variables);
    expect(res.errors).toBeUndefined();
    expect(res.data).toBeDefined();
  });
});
