/**
 * Serves an Apollo Server on a plain Node HTTP server, with the routes every service
 * has: POST/GET /graphql, GET /healthz (alive) and GET /readyz (dependencies reachable).
 * Extra routes (the gateway's dashboard, exports) plug in through `routes`.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { config } from './config';
import { log } from './log';
import type { ServiceMetrics } from './metrics';
import { REQUEST_ID_HEADER } from './identity';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) => Promise<void> | void;

export interface ServeOptions<TContext extends BaseContext> {
  name: string;
  apollo: ApolloServer<TContext>;
  host: string;
  port: number;
  /** Builds the per-request context; throwing a GraphQLError answers it as the error. */
  context: (req: IncomingMessage, requestId: string) => Promise<TContext>;
  /** Resolves when the service's dependencies are reachable, rejects with the reason. */
  ready: () => Promise<unknown>;
  routes?: Record<string, RouteHandler>;
  /** Largest request body accepted, in bytes (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  metrics: ServiceMetrics;
}

export interface RunningService {
  name: string;
  port: number;
  url: string;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a request body up to `limit` bytes. Past it, the rest is read and dropped (up to
 * a hard ceiling, then the socket is closed) so the client still gets its 413 answer.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * 4 + 16 * 1024 * 1024) req.destroy();
    });
    req.on('end', () => {
      if (size > limit) reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `the request body exceeds ${limit} bytes`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** True when every string in a parsed JSON value is well-formed Unicode without NUL: text PostgreSQL can store as sent. */
export function storableStrings(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.isWellFormed() && !value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return true;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (!storableStrings(item, depth + 1)) return false;
  return true;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

function sendGraphQLError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

function errorCode(error: unknown): string | undefined {
  const extensions = (error as { extensions?: { code?: unknown } })?.extensions;
  return typeof extensions?.code === 'string' ? extensions.code : undefined;
}

async function handleGraphQL<TContext extends BaseContext>(
  options: ServeOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  requestId: string,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown = undefined;
  if (req.method === 'POST') {
    const contentType = headers.get('content-type') ?? '';
    if (!/^application\/(json|graphql-response\+json)\b/i.test(contentType)) {
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the GraphQL request as JSON (content-type: application/json)');
    }
    const raw = await readBody(req, options.maxBodyBytes ?? config.maxBodyBytes());
    try {
      body = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'the request body is not valid JSON');
    }
    if (!storableStrings(body)) {
      throw new HttpError(400, 'BAD_USER_INPUT', 'text must not contain NUL characters or broken Unicode (lone surrogates)');
    }
  }
  let context: TContext;
  try {
    context = await options.context(req, requestId);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'UNAUTHENTICATED') throw new HttpError(401, code, (error as Error).message);
    throw error;
  }
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: async () => context,
  });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

export async function serve<TContext extends BaseContext>(options: ServeOptions<TContext>): Promise<RunningService> {
  await options.apollo.start();
  const server = http.createServer((req, res) => {
    const requestId = (req.headers[REQUEST_ID_HEADER] as string | undefined)?.slice(0, 100) || randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const started = process.hrtime.bigint();
    const route = async (): Promise<void> => {
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok', service: options.name });
      if (url.pathname === '/metrics') {
        res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
        return void res.end(await options.metrics.text());
      }
      if (url.pathname === '/readyz') {
        try {
          await options.ready();
          return sendJson(res, 200, { status: 'ready', service: options.name });
        } catch (error) {
          return sendJson(res, 503, { status: 'unavailable', service: options.name, reason: (error as Error)?.message });
        }
      }
      const prefix = Object.keys(options.routes ?? {}).find(
        (p) => url.pathname === p || (p.endsWith('/') && url.pathname.startsWith(p)),
      );
      if (prefix) return options.routes![prefix](req, res, url, requestId);
      if (url.pathname === '/graphql' || url.pathname === '/') return handleGraphQL(options, req, res, url, requestId);
      sendJson(res, 404, { error: 'not found' });
    };
    // A request that takes too long is answered, and its socket released, whatever is still running.
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      options.metrics.errors.inc({ code: 'REQUEST_TIMEOUT' });
      sendGraphQLError(
        res,
        503,
        'REQUEST_TIMEOUT',
        `the request took longer than ${config.requestTimeoutMs()} ms; a write may still land: retry it with the same idempotencyKey`,
      );
    }, config.requestTimeoutMs());
    route()
      .catch((error: unknown) => {
        if (res.headersSent) return;
        if (error instanceof HttpError) {
          options.metrics.errors.inc({ code: error.code });
          return sendGraphQLError(res, error.status, error.code, error.message);
        }
        log.error('request failed', { service: options.name, requestId, error: String(error) });
        if (!res.headersSent) sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'internal error');
        else res.end();
      })
      .finally(() => {
        clearTimeout(timer);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        log.debug('request', {
          service: options.name,
          requestId,
          method: req.method,
          path: url.pathname,
          status: res.statusCode,
          ms,
        });
      });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    name: options.name,
    port,
    url: `http://${host}:${port}/graphql`,
    metrics: options.metrics,
    stop: async () => {
      // Stop accepting, let requests in flight finish, then close idle keep-alive sockets.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const forced = setTimeout(() => server.closeAllConnections(), 10_000);
      await closed;
      clearTimeout(forced);
      await options.apollo.stop();
    },
  };
}
