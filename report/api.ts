/**
 * The page's one way to the hub: POST /graphql on the same origin, with the signed-in
 * person's token. A refused token (401, UNAUTHENTICATED) is an AuthError: the page asks
 * the person to sign in again.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { failureWords } from './messages';
import { currentToken } from './session';

export interface HubError {
  message: string;
  extensions?: { code?: string; field?: string };
}

export class AuthError extends Error {}

/** A GraphQL error answered instead of data (BAD_USER_INPUT, FORBIDDEN …); its message is in words, both languages. */
export class RequestError extends Error {
  constructor(readonly errors: HubError[]) {
    super(failureWords(errors));
  }
}

/** Sends one of the page's operations (queries.ts): its answer and variables are typed as the schema says. */
export async function call<T, V>(query: string & DocumentTypeDecoration<T, V>, variables: V = {} as V): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T | null; errors?: HubError[] };
  const errors = body.errors ?? [];
  if (response.status === 401 || errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'))
    throw new AuthError(errors[0]?.message ?? 'the token was refused');
  if (errors.length > 0) throw new RequestError(errors);
  if (!body.data) throw new RequestError([{ message: `服务无应答 The hub answered HTTP ${response.status}` }]);
  return body.data;
}
