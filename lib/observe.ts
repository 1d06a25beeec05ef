/**
 * An Apollo Server plugin that measures and logs every GraphQL request: one JSON log line
 * with the request id (the same id at the gateway and in every subgraph it calls), the
 * operation, the error codes and the time taken; and the matching Prometheus metrics.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { errorCode } from './errors';
import { log } from './log';
import type { ServiceMetrics } from './metrics';

/**
 * Operations a hub sends itself on a timer (the gateway's identity directory reload every
 * IDENTITY_REFRESH_SECONDS): logged at debug when they succeed, so an idle hub's log at
 * info stays quiet; the reload itself says at info when what it loaded changed.
 */
const ROUTINE_OPERATIONS: ReadonlySet<string> = new Set(['IdentityDirectory', 'RecordTokenUse']);

export function observePlugin<TContext extends BaseContext & { requestId: string; identity?: { org: string } | null }>(
  metrics: ServiceMetrics,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          // The errors as answered (formatted), else as raised (a request that failed before execution).
          const answered: ReadonlyArray<{ extensions?: Record<string, unknown> }> = body?.errors ?? errors ?? [];
          const codes = answered.map((e) => errorCode(e.extensions));
          const unique = [...new Set(codes)];
          metrics.countRequest(operationName, seconds, codes);
          const routine = unique.length === 0 && ROUTINE_OPERATIONS.has(operationName ?? '');
          log[routine ? 'debug' : 'info']('graphql', {
            service: metrics.service,
            requestId: contextValue.requestId,
            operation: (operationName ?? 'anonymous').slice(0, 100),
            org: contextValue.identity?.org,
            errors: unique.length ? unique : undefined,
            ms: Math.round(seconds * 1000 * 10) / 10,
          });
        },
      };
    },
  };
}
