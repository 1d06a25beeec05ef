/**
 * The HTTP layer every service runs on (lib/server.ts), on a service of its own: server
 * errors answer 500 without internals and are logged with their stack; a request that
 * takes too long answers REQUEST_TIMEOUT; /metrics can live on an interface and port of
 * its own; a service's own GET /graphql replaces the built-in one.
 */
import { settingsWith } from '../../lib/settings';
import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { formatError } from '../../lib/format-error';
import { setLogSink } from '../../lib/log';
import { ServiceMetrics } from '../../lib/metrics';
import { type RunningService, serve } from '../../lib/server';
import { rawExchange } from '../support/raw-http';

const schema = buildSchema('type Query { ok: Boolean, boom: Boolean }');
const rootValue = {
  ok: () => true,
  boom: () => {
    throw new Error('resolver fell over');
  },
};

function throwingRoute(): never {
  throw new Error('route fell over');
}

async function start(env: Record<string, string> = {}): Promise<RunningService> {
  const apollo = new ApolloServer({ schema, rootValue, formatError, includeStacktraceInErrorResponses: false });
  return serve({
    name: 'probe',
    apollo,
    host: '127.0.0.1',
    port: 0,
    http: settingsWith(env).http,
    context: async (_req, requestId) => ({ requestId }),
    ready: async () => undefined,
    metrics: new ServiceMetrics('probe'),
    routes: (app) => {
      app.get('/boom', async () => throwingRoute());
      app.get('/slow', () => new Promise((resolve) => setTimeout(() => resolve({ late: true }), 1500)));
      app.get('/graphql', async (_request, reply) => reply.type('text/html; charset=utf-8').send('<p>explorer</p>'));
    },
  });
}

describe('a service', () => {
  let service: RunningService;
  const base = () => service.url.replace(/\/graphql$/, '');
  beforeAll(async () => {
    service = await start({ REQUEST_TIMEOUT_MS: '500' });
  });
  afterAll(() => service?.stop());

  async function logged(action: () => Promise<unknown>): Promise<Array<Record<string, any>>> {
    const entries: Array<Record<string, any>> = [];
    setLogSink((entry) => entries.push(entry));
    try {
      await action();
    } finally {
      setLogSink(null);
    }
    return entries;
  }

  it('answers a failing route 500 INTERNAL_SERVER_ERROR without internals, and logs the error with its stack', async () => {
    let body = '';
    const entries = await logged(async () => {
      const res = await fetch(`${base()}/boom`, { headers: { 'x-request-id': 'boom-1' } });
      expect(res.status).toBe(500);
      body = await res.text();
    });
    expect(JSON.parse(body).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(body).not.toContain('fell over');
    const entry = entries.find((e) => e.message === 'request failed');
    expect(entry).toMatchObject({ level: 'error', service: 'probe', requestId: 'boom-1' });
    expect(entry!.error.message).toBe('route fell over');
    expect(entry!.error.stack).toContain('throwingRoute');
  });

  it('logs an unexpected resolver error with its stack', async () => {
    const entries = await logged(async () => {
      const res = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ boom }' }),
      });
      expect((await res.json()).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    });
    const entry = entries.find((e) => e.message === 'unexpected error');
    expect(entry!.error.stack).toMatch(/resolver fell over[\s\S]*\n\s+at /);
  });

  it('answers a request that takes too long 503 REQUEST_TIMEOUT', async () => {
    const res = await fetch(`${base()}/slow`);
    expect(res.status).toBe(503);
    expect((await res.json()).errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
  });

  it('answers a body trickled past the request timeout once: 408 REQUEST_TIMEOUT, and closes the connection', async () => {
    const body = JSON.stringify({ query: '{ ok }' }).padEnd(400, ' ');
    const head = `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    // 20 bytes every 100 ms: 2 s for the body, four times the request timeout; then 1.5 s more to listen.
    const chunks = [head, ...(body.match(/.{1,20}/g) ?? [])];
    const answer = await rawExchange(service.port, chunks, { gapMs: 100, waitMs: 1500 });
    const statusLines = answer.response.match(/HTTP\/1\.1 \d{3}/g) ?? [];
    expect(statusLines).toEqual(['HTTP/1.1 408']);
    expect(answer.response).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer.response).toContain('"code":"REQUEST_TIMEOUT"');
    expect(answer.closedByServer).toBe(true);
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
  });

  it('answers every refusal of the HTTP layer with a stable code: bytes that are no request, headers too large, an unknown path', async () => {
    const body = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    const garbage = await rawExchange(service.port, ['NOT HTTP AT ALL\r\n\r\n']);
    expect(garbage.response).toMatch(/^HTTP\/1\.1 400 /);
    expect(body(garbage.response).errors[0].extensions.code).toBe('BAD_REQUEST');
    const huge = await rawExchange(service.port, [
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    ]);
    expect(huge.response).toMatch(/^HTTP\/1\.1 431 /);
    expect(body(huge.response).errors[0].extensions.code).toBe('HEADERS_TOO_LARGE');
    const unknown = await fetch(`${base()}/no-such-path?x=1`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errors[0]).toEqual({
      message: 'nothing at GET /no-such-path',
      extensions: { code: 'NOT_FOUND' },
    });
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
  });

  it('serves its own GET /graphql page when it adds one, and GraphQL on POST /graphql', async () => {
    expect(await (await fetch(service.url, { headers: { accept: 'text/html' } })).text()).toBe('<p>explorer</p>');
    const res = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ok }' }),
    });
    expect(await res.json()).toEqual({ data: { ok: true } });
  });
});

describe('with METRICS_HOST', () => {
  it('serves /metrics on its own port only, and nothing else there', async () => {
    const service = await start({ METRICS_HOST: '127.0.0.1' });
    try {
      const port = new URL(service.metricsUrl).port;
      expect(port).not.toBe(String(service.port));
      expect((await fetch(service.metricsUrl)).status).toBe(200);
      expect(await (await fetch(service.metricsUrl)).text()).toContain('ipzone_graphql_requests_total');
      expect((await fetch(new URL('/metrics', service.url))).status).toBe(404);
      expect((await fetch(new URL('/graphql', service.metricsUrl))).status).toBe(404);
    } finally {
      await service.stop();
    }
  });
});
