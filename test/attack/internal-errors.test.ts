/**
 * A server error reaches the caller as INTERNAL_SERVER_ERROR with an `errorId` and nothing
 * else of it — no SQL, no JavaScript text, no stack trace — in development and production
 * alike; the log line holding the whole error carries the same id. The fault is real: the
 * table the query reads is renamed away under the running hub.
 */
import { Client } from 'pg';
import { setLogSink } from '../../lib/log';
import { graphql } from '../support/hub';
import { MODES, useHubIn } from '../support/modes';

const FIGURES = `{ indicator(id: "police-ip-criminal-cases") { id figures { period value } } }`;

describe.each(MODES)('in %s mode', (_mode, environment) => {
  const started = useHubIn(environment);
  const logged: Array<Record<string, unknown>> = [];
  beforeAll(() => {
    setLogSink((entry) => logged.push(entry));
  });
  afterAll(() => {
    setLogSink(null);
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
    const res = await withTableGone(() => graphql(started().gateway.url, FIGURES));
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
    const res = await graphql(
      started().gateway.url,
      `
        {
          indicator(id: "x") {
            nonsense
          }
        }
      `,
    );
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const input = await graphql(
      started().gateway.url,
      `
        query ($asOf: DateTime) {
          indicator(id: "x") {
            figures(asOf: $asOf) {
              value
            }
          }
        }
      `,
      {
        asOf: 'yesterday',
      },
    );
    expect(input.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify([res, input])).not.toContain('stacktrace');
  });
});
