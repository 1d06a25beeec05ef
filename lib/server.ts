/**
 * Serves an Apollo Server on fastify (with Apollo's fastify integration and pino logs),
 * with the routes every service has: POST/GET /graphql, GET /healthz (alive), GET /readyz
 * (dependencies reachable) and GET /metrics. Extra routes (the gateway's dashboard and
 * exports) plug in through `routes`. Limits: the body size (413), JSON only (415), JSON
 * that parses (400), text PostgreSQL can store (400), the time a request may take (503;
 * 408 and the connection closed when its body is still arriving), the time a client may
 * take to send its headers (the connection is closed).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { clientError, CLOSING_STATUS, errorBody, HttpError, refusal } from './http-refusals';
import type { HttpSettings } from './settings';
import { REQUEST_ID_HEADER } from './identity';
import { log, logger } from './log';
import type { ServiceMetrics } from './metrics';

type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => unknown;

export interface ServeOptions<TContext extends BaseContext> {
  name: string;
  apollo: ApolloServer<TContext>;
  host: string;
  port: number;
  /** Builds the per-request context; throwing a HubError (or a GraphQLError) answers it as the error: UNAUTHENTICATED with 401. */
  context: (req: IncomingMessage, requestId: string) => Promise<TContext>;
  /** Resolves when the service's dependencies are reachable, rejects with the reason. */
  ready: () => Promise<unknown>;
  /**
   * Adds the service's own routes. A GET /graphql added here replaces the built-in one
   * (Apollo's landing page and GET queries); `graphql` answers a GraphQL request, for such
   * a route to hand requests on to.
   */
  routes?: (app: FastifyInstance, graphql: RouteHandler) => void | Promise<void>;
  /** Body size, timeouts and where /metrics is served. */
  http: HttpSettings;
  metrics: ServiceMetrics;
  /** Who may read /metrics on the service port: rejects to refuse (HTTP 401). Open when absent. */
  metricsAccess?: (req: IncomingMessage) => Promise<unknown>;
}

export interface RunningService {
  name: string;
  port: number;
  url: string;
  /** Where this service's /metrics answers (its own port, or METRICS_HOST's). */
  metricsUrl: string;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

/** True when every string in a parsed JSON value is well-formed Unicode without NUL: text PostgreSQL can store as sent. */
export function storableStrings(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.isWellFormed() && !value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return true;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (!storableStrings(item, depth + 1)) return false;
  return true;
}

const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

/** The fastify instance of a service: limits, request ids, JSON bodies, error answers, logs. */
function createApp(name: string, metrics: ServiceMetrics, limit: number, http: HttpSettings): FastifyInstance {
  const requestTimeout = http.requestTimeoutMs;
  const headersTimeout = Math.min(http.headersTimeoutMs, requestTimeout || Infinity);
  // Fastify's logger type, so the instance has Fastify's default type rather than one bound to pino's.
  const loggerInstance: FastifyBaseLogger = logger().child({ service: name });
  const app = Fastify({
    loggerInstance,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: (req) => {
      const sent = req.headers[REQUEST_ID_HEADER];
      return (typeof sent === 'string' ? sent.slice(0, 100) : '') || randomUUID();
    },
    bodyLimit: limit,
    handlerTimeout: requestTimeout || undefined,
    requestTimeout,
    keepAliveTimeout: 5000,
    forceCloseConnections: 'idle',
    clientErrorHandler: clientError,
    return503OnClosing: true,
    http: { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.min(1000, headersTimeout) },
    // A target the router cannot decode (broken escapes, absolute-form junk): a refusal like any other.
    frameworkErrors: (_error, _request, reply) => {
      metrics.countError('BAD_REQUEST');
      (reply as FastifyReply).code(400).send(errorBody('BAD_REQUEST', 'the request target is not a valid URL'));
    },
  });
  app.removeAllContentTypeParsers();
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'string' }, (request, body, done) =>
    json(request, body as string, (error, parsed) => {
      if (error) return done(new HttpError(400, 'BAD_REQUEST', `the request body is not valid JSON: ${error.message}`));
      if (!storableStrings(parsed)) {
        return done(
          new HttpError(400, 'BAD_USER_INPUT', 'text must not contain NUL characters or broken Unicode (lone surrogates)'),
        );
      }
      done(null, parsed);
    }),
  );
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    reply.header('x-content-type-options', 'nosniff');
    // What Apollo and the routes read the target with: a request whose target or Host is no URL stops here.
    if (!URL.canParse(request.url, `${request.protocol}://${request.hostname || 'localhost'}/`)) {
      throw new HttpError(400, 'BAD_REQUEST', 'the request target or its Host header is not a valid URL');
    }
  });
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const known = refusal(error, limit, requestTimeout, request);
    if (known) {
      metrics.countError(known.code);
      if (known.status === CLOSING_STATUS) reply.header('connection', 'close');
      return reply.code(known.status).send(errorBody(known.code, known.message));
    }
    metrics.countError('INTERNAL_SERVER_ERROR');
    log.error('request failed', { service: name, requestId: request.id, path: request.routeOptions.url, error });
    return reply.code(500).send(errorBody('INTERNAL_SERVER_ERROR', 'internal error'));
  });
  app.setNotFoundHandler((request, reply) =>
    // An unknown path, or a page's file that is not there (@fastify/static passes those on here).
    reply.code(404).send(errorBody('NOT_FOUND', `nothing at ${request.method} ${request.url.split('?')[0].slice(0, 200)}`)),
  );
  app.addHook('onResponse', async (request, reply) => {
    log.debug('request', {
      service: name,
      requestId: request.id,
      method: request.method,
      path: request.routeOptions.url ?? 'unknown',
      status: reply.statusCode,
      ms: reply.elapsedTime,
    });
  });
  return app;
}

function metricsRoute(metrics: ServiceMetrics, access?: (req: IncomingMessage) => Promise<unknown>): RouteHandler {
  return async (request, reply) => {
    if (access) {
      try {
        await access(request.raw);
      } catch (error) {
        throw new HttpError(401, 'UNAUTHENTICATED', (error as Error).message);
      }
    }
    return reply.type(metrics.registry.contentType).send(await metrics.text());
  };
}

/** Where a service serves /metrics when not on its own port (a service on a free port gets a free metrics port). */
function metricsBindOf(http: HttpSettings, servicePort: number): { host: string; port: number } | undefined {
  if (!http.metrics) return undefined;
  return { host: http.metrics.host, port: servicePort === 0 ? 0 : servicePort + http.metrics.portOffset };
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<number> {
  await app.listen({ host, port });
  return (app.server.address() as AddressInfo).port;
}

export async function serve<TContext extends BaseContext>(options: ServeOptions<TContext>): Promise<RunningService> {
  await options.apollo.start();
  const limit = options.http.maxBodyBytes;
  const app = createApp(options.name, options.metrics, limit, options.http);
  const contexts = new WeakMap<FastifyRequest, TContext>();
  const apollo = fastifyApolloHandler(options.apollo, {
    context: async (request) => contexts.get(request)!,
  }) as RouteHandler;
  const graphql: RouteHandler = async (request, reply) => {
    if (!request.hostname) throw new HttpError(400, 'BAD_REQUEST', 'a GraphQL request needs a Host header');
    if (
      request.method === 'POST' &&
      !JSON_TYPES.some((type) => request.headers['content-type']?.toLowerCase().startsWith(type))
    ) {
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the GraphQL request as JSON (content-type: application/json)');
    }
    try {
      contexts.set(request, await options.context(request.raw, request.id));
    } catch (error) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (code === 'UNAUTHENTICATED') throw new HttpError(401, code, (error as Error).message);
      throw error;
    }
    return apollo.call(app, request, reply);
  };

  app.get('/healthz', async () => ({ status: 'ok', service: options.name }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await options.ready();
      return { status: 'ready', service: options.name };
    } catch (error) {
      return reply.code(503).send({ status: 'unavailable', service: options.name, reason: (error as Error)?.message });
    }
  });
  const metricsBind = metricsBindOf(options.http, options.port);
  if (!metricsBind) app.get('/metrics', metricsRoute(options.metrics, options.metricsAccess));
  await options.routes?.(app, graphql);
  for (const url of ['/graphql', '/']) {
    const methods = (['GET', 'POST'] as const).filter((method) => !app.hasRoute({ method, url }));
    if (methods.length > 0) app.route({ method: [...methods], url, handler: graphql });
  }

  // /metrics on an interface and port of its own, when configured: nothing else answers there.
  let metricsApp: FastifyInstance | undefined;
  let metricsPort: number | undefined;
  if (metricsBind) {
    metricsApp = createApp(`${options.name}-metrics`, options.metrics, 1024, options.http);
    metricsApp.get('/metrics', metricsRoute(options.metrics));
    metricsPort = await listen(metricsApp, metricsBind.host, metricsBind.port);
  }
  let port: number;
  try {
    port = await listen(app, options.host, options.port);
  } catch (error) {
    await metricsApp?.close();
    throw error;
  }
  const local = (host: string) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);
  const host = local(options.host);
  return {
    name: options.name,
    port,
    url: `http://${host}:${port}/graphql`,
    metricsUrl: metricsBind ? `http://${local(metricsBind.host)}:${metricsPort}/metrics` : `http://${host}:${port}/metrics`,
    metrics: options.metrics,
    stop: async () => {
      // Stop accepting, let requests in flight finish (new ones on open connections get 503), then close the rest.
      const forced = setTimeout(() => app.server.closeAllConnections(), 10_000);
      await app.close();
      clearTimeout(forced);
      await metricsApp?.close();
      await options.apollo.stop();
    },
  };
}
