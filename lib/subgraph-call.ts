/**
 * One GraphQL request to a subgraph as the gateway forwards it: the gateway token and the
 * request id in their headers, an answer within `timeoutMs`. The gateway's identity
 * directory and the indicators subgraph's organisation directory ask the organizations
 * subgraph this way; each reads the answer its own way.
 */
import { GATEWAY_TOKEN_HEADER, REQUEST_ID_HEADER } from './identity';
import type { OperationText } from './operation-text';

/** A subgraph's answer: its data (none beside an error) and errors with their codes. */
export interface SubgraphAnswer<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Posts `query` with `variables` to the subgraph at `url`; rejects when it does not answer in time. */
export async function callSubgraph<T, V>(
  url: string,
  query: OperationText<T, V>,
  variables: V,
  caller: { gatewayToken: string; requestId: string },
  timeoutMs = 5000,
): Promise<SubgraphAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [GATEWAY_TOKEN_HEADER]: caller.gatewayToken,
      [REQUEST_ID_HEADER]: caller.requestId,
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, ...((await response.json()) as Omit<SubgraphAnswer<T>, 'status'>) };
}
