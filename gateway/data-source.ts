/**
 * How the gateway calls a subgraph: at its configured URL, with the caller's identity in
 * a gateway-signed token and the request id; a subgraph that cannot be reached, answers
 * 5xx or nothing within SUBGRAPH_TIMEOUT_MS becomes one SUBGRAPH_UNAVAILABLE error naming
 * it, and the rest of the answer still comes back. Queries (never mutations) identical to
 * one in flight for the same identity share its answer.
 */
import { STATUS_CODES } from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { ErrorCode } from '../lib/errors';
import { GATEWAY_TOKEN_HEADER, REQUEST_ID_HEADER } from '../lib/identity';
import type { ServiceMetrics } from '../lib/metrics';
import type { GatewayContext } from './context';
import { SubgraphClient, type SubgraphReply } from './subgraph-client';

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
/** A fetch serving a caller's operation (not schema loading or a health check). */
type IncomingFetch = Extract<ProcessOptions, { incomingRequestContext: unknown }>;
const serving = (options: ProcessOptions): options is IncomingFetch => 'incomingRequestContext' in options;

export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly client: SubgraphClient;

  constructor(
    readonly serviceName: string,
    readonly url: string,
    private readonly metrics: ServiceMetrics,
    settings: { subgraphTimeoutMs: number; subgraphDedup: boolean },
  ) {
    this.client = new SubgraphClient(url, { timeoutMs: settings.subgraphTimeoutMs, dedup: settings.subgraphDedup });
  }

  /** Every fetch from the subgraph, timed (a shared one as long as its caller waited). */
  async process(options: ProcessOptions): Promise<SubgraphResponse> {
    const end = this.metrics.subgraphFetch.startTimer({ subgraph: this.serviceName });
    try {
      const response = await this.fetch(options);
      end({ outcome: response.errors?.length ? 'error' : 'ok' });
      return response;
    } catch (error) {
      end({ outcome: 'unavailable' });
      throw this.mapError(error as Error & { extensions?: Record<string, unknown> });
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async fetch(options: ProcessOptions): Promise<SubgraphResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name] = value;
    headers['content-type'] = 'application/json';
    const caller = serving(options) ? options.context : undefined;
    // Schema loading and health checks have no caller.
    const token = caller?.gatewayToken ? await caller.gatewayToken() : undefined;
    if (caller && token !== undefined) {
      headers[GATEWAY_TOKEN_HEADER] = token;
      headers[REQUEST_ID_HEADER] = caller.requestId;
    }
    const body = JSON.stringify({
      query: request.query,
      operationName: request.operationName,
      variables: request.variables,
      extensions: request.extensions,
    });
    // The signed token names the identity (subject, organisation, roles): answers are shared only within one.
    const shareKey = token !== undefined && onlyReads(options) ? token : undefined;
    const { reply, shared } = this.client.post(body, headers, shareKey);
    if (shared) this.metrics.subgraphFetchShared.inc({ subgraph: this.serviceName });
    return parseReply(await reply, this.url);
  }

  private mapError(error: Error & { extensions?: Record<string, unknown> }): Error {
    const status = (error.extensions?.response as { status?: number } | undefined)?.status;
    if (status === undefined || status >= 500) {
      return new GraphQLError(`the ${this.serviceName} subgraph is unavailable: its fields are missing from this answer`, {
        extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: this.serviceName },
      });
    }
    return error;
  }
}

/** A query serving a query: neither the caller's operation nor this fetch writes. */
function onlyReads(options: ProcessOptions): boolean {
  if (!serving(options) || options.incomingRequestContext.operation?.operation !== OperationTypeNode.QUERY) return false;
  // The planner's fetches are a bare selection set or a named query (it exposes no document by default).
  return !/^\s*(mutation|subscription)\b/.test(options.request.query ?? '');
}

const isJson = (contentType: string): boolean =>
  contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json');

/** The reply as a GraphQL response; a non-2xx status as the error Apollo's data source made of it. */
function parseReply(reply: SubgraphReply, url: string): SubgraphResponse {
  const json = isJson(reply.contentType);
  if (reply.status < 200 || reply.status >= 300) {
    const statusText = STATUS_CODES[reply.status] ?? '';
    const body: unknown = json ? tryParse(reply.body) : reply.body;
    const code = reply.status === 401 ? 'UNAUTHENTICATED' : reply.status === 403 ? 'FORBIDDEN' : undefined;
    throw new GraphQLError(`${reply.status}: ${statusText}`, {
      extensions: { response: { url, status: reply.status, statusText, body }, ...(code ? { code } : {}) },
    });
  }
  const parsed: unknown = json ? JSON.parse(reply.body) : reply.body;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`Expected JSON response body, but received: ${reply.body.slice(0, 200)}`);
  }
  return parsed;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
