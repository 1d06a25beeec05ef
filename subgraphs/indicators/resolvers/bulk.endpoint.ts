/**
 * The indicators subgraph's HTTP endpoint for files of figures, reached through the
 * gateway's POST /figures/bulk (which checks the caller's token and forwards its identity):
 *   POST /figures/bulk?format=csv|ndjson&encoding=&dryRun=&atomic=&idempotencyKey=&requireExplanations=
 * The body is the file, read as it arrives. The answer is the push's summary (bulk-push.ts),
 * or, for a file larger than BULK_JOB_BYTES (or of no stated length), a job (202,
 * services/bulk-jobs.ts) whose progress and summary GET /figures/bulk/:id answers; GET /figures/bulk lists the
 * caller's organisation's jobs not yet done. Refusals answer `{ errors: [{ message, extensions: { code } }] }`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../../../lib/errors';
import { figureRecords } from '../../../lib/figure-stream';
import type { IdentityKeys } from '../../../lib/settings';
import { GATEWAY_TOKEN_HEADER, type Identity, REQUEST_ID_HEADER, verifyGatewayToken } from '../../../lib/identity';
import { bodyAbandoned, HttpError, streamedBody } from '../../../lib/http-refusals';
import type { SubgraphRuntime } from '../../../lib/subgraph';
import { IndicatorRepository } from '../data/repository';
import { organizationDirectory } from '../organization-directory';
import { jobStatus, openJobsOf, receiveFile } from '../services/bulk-jobs';
import { type BulkRequest, pushFile } from '../services/bulk-push';
import { FigureJobs } from '../notifications/figure-jobs';
import type { IndicatorSettings } from '../../../lib/config';
import { asHttpError } from '../services/bulk-refusal';
import type { PushDependencies } from '../services/push';

const flag = (params: URLSearchParams, name: string): boolean => {
  const text = params.get(name) ?? 'false';
  if (text !== 'true' && text !== 'false') throw new HttpError(400, ErrorCode.BAD_USER_INPUT, `${name} is true or false`);
  return text === 'true';
};

/** The request's options, from its query and content type. */
function bulkRequest(request: FastifyRequest): BulkRequest {
  const params = new URL(request.url, 'http://subgraph').searchParams;
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  const named = params.get('format') ?? (/ndjson|jsonl/.test(type) ? 'ndjson' : 'csv');
  if (named !== 'csv' && named !== 'ndjson') throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'format is csv or ndjson');
  return {
    format: named,
    encoding: params.get('encoding') ?? undefined,
    dryRun: flag(params, 'dryRun'),
    atomic: flag(params, 'atomic'),
    idempotencyKey: params.get('idempotencyKey')?.trim() || null,
    requireExplanations: flag(params, 'requireExplanations'),
  };
}

/** The caller the gateway forwarded; 401 without one. */
async function bulkCaller(
  keys: IdentityKeys,
  raw: IncomingMessage,
): Promise<{ identity: Identity; gatewayToken: string; requestId: string }> {
  const gatewayToken = raw.headers[GATEWAY_TOKEN_HEADER] as string | undefined;
  const identity = await verifyGatewayToken(keys, gatewayToken).catch((error: Error) => {
    throw new HttpError(401, ErrorCode.UNAUTHENTICATED, error.message);
  });
  if (!identity) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'pushing a file needs a token (Authorization: Bearer …)');
  const requestId = String(raw.headers[REQUEST_ID_HEADER] ?? '');
  return { identity, gatewayToken: gatewayToken!, requestId };
}

/** What a push of a file works with, for one caller. */
function bulkDependencies(
  { store, peerUrl, clock, settings }: SubgraphRuntime<IndicatorSettings>,
  caller: { gatewayToken: string; requestId: string },
): PushDependencies {
  return {
    db: store.dataSource,
    indicators: new IndicatorRepository(store.dataSource),
    organizations: organizationDirectory(peerUrl('organizations'), caller),
    clock,
    settings,
  };
}

/** Whether a request's file runs as a job: asked (`job=true`), larger than BULK_JOB_BYTES, or of no stated length. */
function asJob(request: FastifyRequest, bulkJobBytes: number): boolean {
  const length = Number(request.headers['content-length']);
  const params = new URL(request.url, 'http://subgraph').searchParams;
  return flag(params, 'job') || !Number.isFinite(length) || length > bulkJobBytes;
}

/** Registers POST /figures/bulk (its body taken as a stream of any content type), GET /figures/bulk and GET /figures/bulk/:id. */
export function bulkRoutes(runtime: SubgraphRuntime<IndicatorSettings>) {
  const { store, settings } = runtime;
  return async (app: FastifyInstance): Promise<void> => {
    const jobs = new FigureJobs(runtime);
    await jobs.resume();
    app.addHook('onClose', () => jobs.stop());
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
      scope.post('/figures/bulk', async (request, reply) => {
        // A body that stops arriving is given up when the request times out: nothing waits on it, no connection is held.
        const body = streamedBody(request.body as AsyncIterable<Buffer>, bodyAbandoned(request, reply));
        try {
          const caller = await bulkCaller(runtime.keys, request.raw);
          const options = bulkRequest(request);
          const deps = bulkDependencies(runtime, caller);
          const source = body.chunks;
          if (asJob(request, settings.bulkJobBytes)) {
            // The job as queued (read before the worker may take it).
            return reply.code(202).send(await receiveFile(deps, caller.identity, options, source, jobs, settings.maxOpenJobs));
          }
          const records = (bytes: AsyncIterable<Buffer>) => figureRecords(bytes, options.format, options.encoding);
          return reply.send(await pushFile(deps, caller.identity, options, records, source));
        } catch (error) {
          // A refusal (of a file still arriving, or of its caller) is answered once the body has been read.
          await body.finish();
          // Answered already (408: the body stopped arriving), or no one is left to answer.
          if (reply.sent || reply.raw.destroyed) return reply;
          throw asHttpError(error);
        }
      });
      scope.get('/figures/bulk', async (request, reply) => {
        try {
          const caller = await bulkCaller(runtime.keys, request.raw);
          return reply.send(await openJobsOf(store.dataSource, caller.identity, settings.maxOpenJobs));
        } catch (error) {
          throw asHttpError(error);
        }
      });
      scope.get('/figures/bulk/:id', async (request, reply) => {
        try {
          const caller = await bulkCaller(runtime.keys, request.raw);
          return reply.send(await jobStatus(store.dataSource, caller.identity, (request.params as { id: string }).id));
        } catch (error) {
          throw asHttpError(error);
        }
      });
    });
  };
}
