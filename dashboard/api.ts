/**
 * The dashboard's only way to the data: POST /graphql on the same origin, with the
 * token the reader gave (kept in localStorage) as `Authorization: Bearer`.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { tokenStore } from '../client/token-store';

const TOKEN_KEY = 'ipzone-hub.dashboard.token';

export interface GraphQLErrorLike {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; serviceName?: string };
}

/** The hub wants a token (none given, expired or refused). */
export class AuthError extends Error {}

/** The hub could not answer (unreachable, or no data at all). */
class ApiError extends Error {}

const tokens = tokenStore(TOKEN_KEY);
/** The token kept in this browser (the form offers to forget it). */
export const storedToken = (): string | null => tokens.stored();
export const storeToken = (token: string | null): void => tokens.keep(token);

/** /graphql next to /dashboard, wherever the gateway is mounted. */
function endpoint(): string {
  const base = location.pathname.replace(/\/dashboard(\/[^/]*)?$/, '') || '';
  return `${base}/graphql`;
}

/** Sends one of the page's operations (queries.ts): its answer and variables are typed as the schema says. */
export async function request<T, V>(
  query: string & DocumentTypeDecoration<T, V>,
  variables: V = {} as V,
): Promise<{ data: T; errors: GraphQLErrorLike[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const token = tokens.current();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(endpoint(), {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('the hub cannot be reached');
  }
  let body: { data?: T | null; errors?: GraphQLErrorLike[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`the hub answered HTTP ${response.status}`);
  }
  const errors = body.errors ?? [];
  if (response.status === 401 || errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    throw new AuthError(errors[0]?.message ?? 'the hub needs a token');
  }
  if (!body.data) throw new ApiError(errors.map((e) => e.message).join('; ') || `the hub answered HTTP ${response.status}`);
  return { data: body.data, errors };
}

/** The parts of the hub (subgraphs) an answer says are not answering. */
export function unavailableServices(errors: GraphQLErrorLike[]): string[] {
  return [
    ...new Set(
      errors
        .filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')
        .map((e) => e.extensions?.serviceName)
        .filter((s): s is string => !!s),
    ),
  ].sort();
}

/** Errors worth telling the reader about (e.g. a subgraph that is down). */
export function describeErrors(errors: GraphQLErrorLike[]): string | null {
  if (errors.length === 0) return null;
  const services = unavailableServices(errors);
  if (services.length > 0) {
    const which = services.length > 1 ? `${services.join(' and ')} subgraphs are` : `${services[0]} subgraph is`;
    return `Part of the hub is unavailable: the ${which} not answering. What it serves shows as “—” or “unavailable”; the rest is shown.`;
  }
  return `Part of the data could not be loaded: ${errors[0].message}`;
}
