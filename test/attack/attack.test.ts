/**
 * The attack suite: hostile and broken input against the running hub. Each answer must
 * carry its stable code, and nothing may be written.
 */
import { SignJWT } from 'jose';
import { Client } from 'pg';
import type { Hub } from '../../hub';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const started = useHubAndDatabase();
let hub: Hub;
let url: string;
let db: Client;
beforeAll(() => {
  [hub, url, db] = [started.hub(), started.url(), started.db()];
});

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created updated rejected rejections { index field code } } }`;
const written = async () => (await db.query('SELECT count(*)::int AS n FROM indicators.figure_revision')).rows[0].n as number;
const locks = async () => (await db.query('SELECT count(*)::int AS n FROM indicators.period_lock_event')).rows[0].n as number;
const row = (over: object = {}) => ({ indicator: 'ip-protection-workstations', period: '2025', value: 10, ...over });

async function refusedWithoutWriting(code: string, send: () => Promise<{ errors?: Array<{ extensions?: { code?: string } }> }>) {
  const before = await written();
  const res = await send();
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect(await written()).toBe(before);
}

async function rowRejected(
  figure: object,
  field: string,
  code = 'BAD_USER_INPUT',
  org = 'amr',
  roles: Array<'reporter' | 'coordinator'> = ['reporter'],
) {
  const before = await written();
  const res = await graphql(url, PUSH, { input: { figures: [figure] } }, await bearer(org, roles));
  expect(res.errors).toBeUndefined();
  expect(res.data!.pushFigures).toMatchObject({ created: 0, updated: 0, rejected: 1 });
  expect(res.data!.pushFigures.rejections[0]).toMatchObject({ index: 0, field, code });
  expect(await written()).toBe(before);
}

describe('who may write', () => {
  it('no token: UNAUTHENTICATED', () =>
    refusedWithoutWriting('UNAUTHENTICATED', () => graphql(url, PUSH, { input: { figures: [row()] } })));

  it('an expired token: UNAUTHENTICATED', async () =>
    refusedWithoutWriting('UNAUTHENTICATED', async () =>
      graphql(url, PUSH, { input: { figures: [row()] } }, await bearer('amr', ['admin'], -1)),
    ));

  it('a token signed with another key: UNAUTHENTICATED', async () => {
    const forged = await new SignJWT({ org: 'amr', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('ipzone-hub')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    await refusedWithoutWriting('UNAUTHENTICATED', () =>
      graphql(url, PUSH, { input: { figures: [row()] } }, { authorization: `Bearer ${forged}` }),
    );
  });

  it('an unsigned token (alg none): UNAUTHENTICATED', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ org: 'amr', roles: ['admin'], iss: 'ipzone-hub', exp: 9e9 })).toString(
      'base64url',
    );
    await refusedWithoutWriting('UNAUTHENTICATED', () =>
      graphql(url, PUSH, { input: { figures: [row()] } }, { authorization: `Bearer ${header}.${payload}.` }),
    );
  });

  it("a reporter writing another agency's indicator: FORBIDDEN", async () =>
    refusedWithoutWriting('FORBIDDEN', async () =>
      graphql(url, PUSH, { input: { figures: [row()] } }, await bearer('customs', ['reporter'])),
    ));

  it('a reporter locking a period: FORBIDDEN, and no lock', async () => {
    const before = await locks();
    const res = await graphql(url, 'mutation { lockPeriod(period: "2025") { id } }', {}, await bearer('amr', ['reporter']));
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await locks()).toBe(before);
  });
});

describe('rows that do not hold', () => {
  it('an unknown indicator: NOT_FOUND', () => rowRejected(row({ indicator: 'no-such-indicator' }), 'indicator', 'NOT_FOUND'));
  it('an unknown organisation: NOT_FOUND', () =>
    rowRejected(row({ organization: '不存在的局' }), 'organization', 'NOT_FOUND', 'amr', ['coordinator']));
  it.each(['2025Q5', '2025-13', '', ' ', 'x'.repeat(10_000), '2025Q1; DROP TABLE figure_series', '1999'])(
    'the period %j',
    (period) => rowRejected(row({ period }), 'period'),
  );
  it('a negative count', () => rowRejected(row({ value: -1 }), 'value'));
  it('a fractional count', () => rowRejected(row({ value: 10.5 }), 'value'));
  it('101 %', () => rowRejected(row({ indicator: 'patent-dispute-mediation-coverage', value: 101 }), 'value'));
  it('a number too large', () => rowRejected(row({ value: 1e300 }), 'value'));
  it('a huge note', () => rowRejected(row({ note: '注'.repeat(100_000) }), 'note'));
  it('a NUL or a lone surrogate anywhere in a request: 400 BAD_USER_INPUT, nothing written', async () => {
    for (const text of ['a\u0000b', 'a\ud800b']) {
      await refusedWithoutWriting('BAD_USER_INPUT', async () =>
        graphql(url, PUSH, { input: { figures: [row({ breakdown: text })] } }, await bearer('amr', ['reporter'])),
      );
      const lookup = await graphql(url, 'query($n: String!) { organizationByName(name: $n) { id } }', { n: text });
      expect(lookup.status).toBe(400);
    }
  });

  it('NaN and Infinity never reach the hub as numbers: BAD_USER_INPUT', async () => {
    for (const body of [
      '{"query":"mutation($v: Float) { pushFigures(input: {figures: [{indicator: \\"ip-protection-workstations\\", period: \\"2025\\", value: $v}]}) { created } }","variables":{"v":1e400}}',
      '{"query":"mutation($v: Float) { pushFigures(input: {figures: [{indicator: \\"ip-protection-workstations\\", period: \\"2025\\", value: $v}]}) { created } }","variables":{"v":"NaN"}}',
    ]) {
      const before = await written();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await bearer('amr', ['reporter'])) },
        body,
      });
      expect((await res.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(await written()).toBe(before);
    }
  });

  it('the same row twice in one batch: the second is a CONFLICT', async () => {
    const res = await graphql(
      url,
      PUSH,
      { input: { figures: [row({ breakdown: 'twice' }), row({ breakdown: 'twice', value: 11 })] } },
      await bearer('amr', ['reporter']),
    );
    expect(res.data!.pushFigures).toMatchObject({
      created: 1,
      rejected: 1,
      rejections: [{ index: 1, field: 'period', code: 'CONFLICT' }],
    });
  });

  it('SQL and script injection strings are stored verbatim and returned intact', async () => {
    const hostile = [
      "'; DROP TABLE indicators.figure_series; --",
      '<script>alert("x")</script>',
      '${process.exit()}',
      "\\x00' OR 1=1 --",
      '"]) { __schema { types { name } } }',
    ];
    const figures = hostile.map((text, i) => row({ breakdown: `inj-${i}`, note: text, source: text }));
    const res = await graphql(url, PUSH, { input: { figures } }, await bearer('amr', ['reporter']));
    expect(res.data!.pushFigures.created).toBe(hostile.length);
    const read = await graphql(
      url,
      '{ figures(indicator: "ip-protection-workstations", period: "2025") { breakdown note source } }',
    );
    for (const [i, text] of hostile.entries()) {
      expect(read.data!.figures).toContainEqual({ breakdown: `inj-${i}`, note: text, source: text });
    }
  });
});

describe('requests the gateway refuses before any subgraph is called', () => {
  it('an oversized batch: BATCH_TOO_LARGE', async () => {
    const subgraphRequests = () => (hub.subgraphs.indicators.metrics.requests as any).hashMap;
    const before = JSON.stringify(subgraphRequests());
    const figures = Array.from({ length: 5001 }, (_, i) => row({ breakdown: `b${i}` }));
    await refusedWithoutWriting('BATCH_TOO_LARGE', async () =>
      graphql(url, PUSH, { input: { figures } }, await bearer('amr', ['reporter'])),
    );
    expect(JSON.stringify(subgraphRequests())).toBe(before);
  });

  it('a deeply nested query: QUERY_TOO_DEEP', async () => {
    let query = '{ id }';
    for (let i = 0; i < 10; i += 1) query = `{ leadOrganization { leadTasks ${query} } }`;
    const res = await graphql(url, `{ task(id: "T01") ${query} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
  });

  it('an alias bomb: TOO_MANY_ALIASES', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: tasks { id }`).join(' ');
    const res = await graphql(url, `{ ${aliases} }`);
    expect(res.errors?.[0].extensions?.code).toBe('TOO_MANY_ALIASES');
  });

  it('a query that fans out through lists: QUERY_TOO_COMPLEX', async () => {
    const res = await graphql(
      url,
      '{ tasks { responsibleOrganizations { tasks { responsibleOrganizations { tasks { responsibleOrganizations { name } } } } } } }',
    );
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('a body over the limit: 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ tasks { id } } # ${'x'.repeat(5 * 1024 * 1024)}` }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('malformed JSON: 400 BAD_REQUEST', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ tasks { id } }"',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('the wrong content type: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ tasks { id } }' });
    expect(res.status).toBe(415);
    expect((await res.json()).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a query that does not parse: GRAPHQL_PARSE_FAILED, and the hub keeps answering', async () => {
    const res = await graphql(url, '{ tasks { id ');
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await graphql(url, '{ task(id: "T01") { seq } }')).data).toEqual({ task: { seq: 1 } });
  });
});
