/**
 * Runs one GraphQL operation through the gateway itself as the caller (same context, same
 * rules), for the routes that answer REST (CSV exports, SDMX, the briefing): the data, or
 * the errors with the HTTP status of the first one's code.
 */
import type { OperationText } from '../lib/operation-text';
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
export async function executeAsCaller<T, V>(
  apollo: ApolloServer<GatewayContext>,
  contextValue: GatewayContext,
  query: OperationText<T, V>,
  variables: V,
): Promise<Executed<T>> {
  const response = await apollo.executeOperation({ query, variables: variables as Record<string, unknown> }, { contextValue });
  const body = response.body.kind === 'single' ? response.body.singleResult : null;
  if (!body?.data || body.errors?.length) {
    const errors = [...(body?.errors ?? [{ message: 'the hub gave no answer' }])];
    const code = errors[0]?.extensions?.code;
    return { status: (typeof code === 'string' && STATUS[code]) || 502, errors };
  }
  return { data: body.data as T };
}

/**
 * A field the schema lets be null so that a failing subgraph leaves the rest of an answer:
 * null only beside an error, and an answer with errors is refused before it is read. Read
 * as nothing, it would be a smaller figure; it is an error instead.
 */
export function answered<T>(value: T | null, field: string): T {
  if (value === null) throw new Error(`the hub answered no ${field} and no error`);
  return value;
}
