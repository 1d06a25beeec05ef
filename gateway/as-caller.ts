/**
 * Runs one GraphQL operation through the gateway itself as the caller (same context, same
 * rules), for the routes that answer REST (CSV exports, SDMX, the briefing): the data, or
 * the errors with the HTTP status of the first one's code.
 */
import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../lib/errors';
import type { GatewayContext } from './context';

/** HTTP status of an error code, for routes that answer REST. */
export const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
};

export type Executed<T> = { data: T } | { status: number; errors: GraphQLFormattedError[] };

/** The operation's data, or its errors with their status (502 when the code has none). */
export async function executeAsCaller<T>(
  apollo: ApolloServer<GatewayContext>,
  contextValue: GatewayContext,
  query: string,
  variables: Record<string, unknown>,
): Promise<Executed<T>> {
  const response = await apollo.executeOperation({ query, variables }, { contextValue });
  const body = response.body.kind === 'single' ? response.body.singleResult : null;
  if (!body?.data || body.errors?.length) {
    const errors = [...(body?.errors ?? [{ message: 'the hub gave no answer' }])];
    const code = errors[0]?.extensions?.code;
    return { status: (typeof code === 'string' && STATUS[code]) || 502, errors };
  }
  return { data: body.data as T };
}
