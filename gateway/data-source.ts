/**
 * How the gateway calls a subgraph: at its configured URL, with the caller's identity in
 * a gateway-signed token and the request id; a subgraph that cannot be reached becomes
 * one SUBGRAPH_UNAVAILABLE error naming it, and the rest of the answer still comes back.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { ServiceMetrics } from '../lib/metrics';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../lib/errors';
import { GATEWAY_TOKEN_HEADER, REQUEST_ID_HEADER } from '../lib/identity';
import type { GatewayContext } from './context';

/** What RemoteGraphQLDataSource.process resolves to (the gateway's own response type). */
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly serviceName: string,
    url: string,
    private readonly metrics: ServiceMetrics,
  ) {
    // Node's own fetch (undici): pooled keep-alive connections, without make-fetch-happen's cache layers.
    super({ url, fetcher: fetch as unknown as RemoteGraphQLDataSource['fetcher'] });
  }

  /** Every fetch from the subgraph, timed. */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const end = this.metrics.subgraphFetch.startTimer({ subgraph: this.serviceName });
    try {
      const response = await super.process(options);
      end({ outcome: response.errors?.length ? 'error' : 'ok' });
      return response;
    } catch (error) {
      end({ outcome: 'unavailable' });
      throw error;
    }
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    if (!context?.gatewayToken) return; // schema loading etc.: no caller
    request.http?.headers.set(GATEWAY_TOKEN_HEADER, await context.gatewayToken());
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  override didEncounterError(error: Error & { extensions?: Record<string, unknown> }): void {
    const status = (error.extensions?.response as { status?: number } | undefined)?.status;
    if (status === undefined || status >= 500) {
      throw new GraphQLError(`the ${this.serviceName} subgraph is unavailable: its fields are missing from this answer`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: this.serviceName },
      });
    }
    throw error;
  }
}
