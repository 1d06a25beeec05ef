/**
 * A server error reaches the caller as INTERNAL_SERVER_ERROR with an `errorId` and nothing
 * else of it — no SQL, no JavaScript text, no stack trace — in development and production
 * alike; the log line holding the whole error carries the same id. The fault is real: the
 * table the query reads is renamed away under the running hub.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Client } from 'pg';
import type { Hub } from '../../hub';
import { setLogSink } from '../../lib/log';
import { graphql, startTestHub } from '../support/hub';

const FIGURES = `{ indicator(id: "police-ip-criminal-cases") { id figures { period value } } }`;

function production(): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    NODE_ENV: 'production',
    JWT_SECRET: 'p'.repeat(40),
    GATEWAY_PRIVATE_KEY: JSON.stringify(privateKey.export({ format: 'jwk' })),
  };
}

describe.each([
  ['development', () => ({})],
  ['production', production],
])('in %s mode', (_mode, environment) => {
  let hub: Hub;
  const saved = { ...process.env };
  let variables: Record<string, string> = {};
  const logged: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    variables = environment();
    Object.assign(process.env, variables);
    hub = await startTestHub();
    setLogSink((entry) => logged.push(entry));
  });
  afterAll(async () => {
    setLogSink(null);
    await hub?.stop();
    for (const key of Object.keys(variables)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  async function withTableGone<T>(action: () => Promise<T>): Promise<T> {
    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      await db.query('ALTER TABLE indicators.figure_series RENAME TO figure_series_gone');
      try {
        return await action();
      } finally {
        await db.query('ALTER TABLE indicators.figure_series_gone RENAME TO figure_series');
      }
    } finally {
      await db.end();
    }
  }

  it('answers a failed SQL statement with an errorId and no internals, and logs the error under that id', async () => {
    const res = await withTableGone(() => graphql(hub.gateway.url, FIGURES));
    const [error] = res.errors ?? [];
    expect(error.message).toBe('internal error');
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const text = JSON.stringify(res);
    for (const internal of ['figure_series', 'relation', 'stacktrace', 'QueryFailedError', '.ts:', '.js:']) {
      expect(text).not.toContain(internal);
    }
    const line = logged.find((entry) => entry.errorId === error.extensions!.errorId);
    expect(line).toMatchObject({ level: 'error', message: 'unexpected error' });
    expect(JSON.stringify(line)).toContain('figure_series');
    // The gateway passes the subgraph's answer on: one log line for the error, not a second
    // one under another id.
    expect(logged.filter((entry) => entry.message === 'unexpected error')).toHaveLength(1);
  });

  it("carries no stack trace on a caller's error either", async () => {
    const res = await graphql(hub.gateway.url, `{ indicator(id: "x") { nonsense } }`);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const input = await graphql(hub.gateway.url, `query ($asOf: DateTime) { indicator(id: "x") { figures(asOf: $asOf) { value } } }`, {
      asOf: 'yesterday',
    });
    expect(input.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify([res, input])).not.toContain('stacktrace');
  });
});
