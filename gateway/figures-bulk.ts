/**
 * Files of figures in bulk, on the gateway:
 *   POST /figures/bulk?format=csv|ndjson[&encoding=gb18030][&dryRun=true][&atomic=true][&idempotencyKey=…]
 *   GET  /figures/bulk       the caller's organisation's jobs not yet done (those MAX_OPEN_JOBS counts)
 *   GET  /figures/bulk/:id   a job's progress and, once done, its summary
 * The caller's token is checked from the headers alone, before a byte of the body is read
 * (no token 401, a role that may not write figures 403); the body is then streamed on to
 * the indicators subgraph with the caller's identity, which reads, checks and writes it
 * (subgraphs/indicators/resolvers/bulk.endpoint.ts), and its answer streamed back.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCodedError } from '../lib/format-error';
import type { Readable } from 'node:stream';
import { request as send } from 'undici';
import { errorCode, ErrorCode } from '../lib/errors';
import { FIGURE_WRITERS, hasRole, REQUEST_ID_HEADER, GATEWAY_TOKEN_HEADER } from '../lib/identity';
import { bodyAbandoned, HttpError } from '../lib/http-refusals';
import type { GatewayContext, gatewayContext } from './context';

/** The caller of a request: a token that may write figures, or the refusal. */
async function bulkCaller(context: ReturnType<typeof gatewayContext>, request: FastifyRequest): Promise<GatewayContext> {
  let caller: GatewayContext;
  try {
    caller = await context(request.raw, request.id);
  } catch (error) {
    const code = isCodedError(error) ? errorCode(error.extensions) : ErrorCode.UNAUTHENTICATED;
    throw new HttpError(code === ErrorCode.FORBIDDEN ? 403 : 401, code, (error as Error).message);
  }
  if (!caller.identity)
    throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'files of figures need a token (Authorization: Bearer …)');
  if (!hasRole(caller.identity, ...FIGURE_WRITERS))
    throw new HttpError(403, ErrorCode.FORBIDDEN, `pushing figures needs the ${FIGURE_WRITERS.join(', ')} role`);
  return caller;
}

/** Hands the request on to the indicators subgraph as the caller, and its answer back. */
function forward(indicatorsUrl: string, callers: WeakMap<FastifyRequest, GatewayContext>) {
  const origin = new URL(indicatorsUrl).origin;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const caller = callers.get(request)!;
    const headers: Record<string, string> = {
      [GATEWAY_TOKEN_HEADER]: await caller.gatewayToken(),
      [REQUEST_ID_HEADER]: request.id,
    };
    for (const name of ['content-type', 'content-length'])
      if (typeof request.headers[name] === 'string') headers[name] = request.headers[name];
    // A body that stops arriving (answered 408) or whose sender left is not sent on: the subgraph gives it up too.
    const abandoned = bodyAbandoned(request, reply);
    const answer = await send(new URL(request.url, origin), {
      method: request.method as 'GET' | 'POST',
      headers,
      body: request.method === 'POST' ? (request.body as Readable) : undefined,
      headersTimeout: 0,
      bodyTimeout: 0,
      signal: abandoned,
    }).catch(() => null);
    if (abandoned.aborted) return reply;
    if (!answer)
      throw new HttpError(502, ErrorCode.SUBGRAPH_UNAVAILABLE, 'the indicators subgraph is unavailable: nothing was written');
    const type = answer.headers['content-type'];
    return reply
      .code(answer.statusCode)
      .type(typeof type === 'string' ? type : 'application/json')
      .send(answer.body);
  };
}

/** Registers the routes; the body is taken as a stream of any content type. */
export function figuresBulkRoutes(context: ReturnType<typeof gatewayContext>, indicatorsUrl: string) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(async (scope) => {
      const callers = new WeakMap<FastifyRequest, GatewayContext>();
      scope.addHook('onRequest', async (request) => {
        callers.set(request, await bulkCaller(context, request));
      });
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
      scope.post('/figures/bulk', forward(indicatorsUrl, callers));
      scope.get('/figures/bulk', forward(indicatorsUrl, callers));
      scope.get('/figures/bulk/:id', forward(indicatorsUrl, callers));
    });
  };
}
