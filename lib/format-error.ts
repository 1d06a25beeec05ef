/**
 * Shapes errors leaving a service: known codes pass as they are; anything unexpected
 * becomes INTERNAL_SERVER_ERROR without internals, in every mode: the caller gets an
 * `errorId`, and the log line with the full error (type, message, stack) carries the same id.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, HubError } from './errors';
import { log } from './log';
import { refusedField } from './scalar-errors';

/** Codes that leave a service as they are (the hub's own and GraphQL's). */
const PASSING = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'DOWNSTREAM_SERVICE_ERROR',
]);

/** An error that carries a code for the caller: the hub's own, or one GraphQL made. */
export type CodedError = HubError | GraphQLError;
export const isCodedError = (error: unknown): error is CodedError => error instanceof HubError || error instanceof GraphQLError;

/** A hub error as a GraphQL error, where an edge must report one (a validation rule, a plugin). */
export const asGraphQLError = (error: HubError): GraphQLError =>
  new GraphQLError(error.message, { extensions: error.extensions, originalError: error });

/** What a caller reads of a server error. */
const INTERNAL_MESSAGE = 'internal error';

/** Every code an answer can carry. */
export const KNOWN_CODES: ReadonlySet<string> = new Set([...PASSING, ErrorCode.INTERNAL_SERVER_ERROR]);

/**
 * Errors of a database that went away: its connection was cut or refused, or a write on it
 * (a COPY's data) found it closed (EPIPE). A connection
 * the server ends inside a transaction (a fast shutdown) is released by TypeORM when the
 * driver reports it, and the transaction's next statement then fails with
 * QueryRunnerProviderAlreadyReleasedError, or its COMMIT with QueryRunnerAlreadyReleasedError:
 * the transaction is rolled back all the same.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as
    | { name?: string; code?: string; driverError?: { code?: string }; thrownValue?: { code?: string }; message?: string }
    | undefined;
  const code = e?.driverError?.code ?? e?.thrownValue?.code ?? e?.code;
  return (
    e?.name === 'QueryRunnerProviderAlreadyReleasedError' ||
    e?.name === 'QueryRunnerAlreadyReleasedError' ||
    (typeof code === 'string' &&
      (code.startsWith('57P') || code.startsWith('08') || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code))) ||
    /Connection terminated|connection is closed|Client has encountered a connection error/i.test(e?.message ?? '')
  );
}

/** A value a scalar refused (while validating a literal or coercing a variable): BAD_USER_INPUT naming its field. */
function scalarRefusal(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | null {
  const refused = error as GraphQLError | undefined;
  if (refused?.originalError === undefined || formatted.extensions?.field !== undefined) return null;
  const inner = refused.originalError as GraphQLError & { originalError?: GraphQLError };
  const codes = [inner.extensions?.code, inner.originalError?.extensions?.code];
  if (!codes.includes(ErrorCode.BAD_USER_INPUT)) return null;
  const field = refusedField(refused);
  const message = field && !formatted.message.startsWith('Variable') ? `${field}: ${formatted.message}` : formatted.message;
  return {
    ...formatted,
    message,
    extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) },
  };
}

/** The extensions a caller may see: everything but a stack trace (no service sends one, but a library might). */
function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.stacktrace === undefined) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // The hub's own error, thrown by a service or an adapter: its code and details, its own
  // message (not "Context creation failed: …" where the context threw it). One coded as a
  // server error is masked and logged as every unexpected error is.
  const thrown = unwrapResolverError(error);
  if (thrown instanceof HubError && thrown.code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    return withoutStack({
      message: thrown.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { ...formatted.extensions, ...thrown.extensions },
    });
  }
  const refusal = scalarRefusal(withoutStack(formatted), error);
  if (refusal) return refusal;
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASSING.has(code)) return withoutStack(formatted);
  // A subgraph's server error, already masked and logged there under its errorId: passed on
  // as it is, so the id the caller quotes is the one in the subgraph's log.
  const errorId = formatted.extensions?.errorId;
  if (code === ErrorCode.INTERNAL_SERVER_ERROR && typeof errorId === 'string' && formatted.message === INTERNAL_MESSAGE) {
    return { message: INTERNAL_MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code, errorId } };
  }
  // type-graphql's argument validation and graphql-js coercion errors are the caller's fault.
  const original = unwrapResolverError(error) as { name?: string } | undefined;
  if (original?.name === 'ArgumentValidationError') {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  if (isDatabaseUnavailable(original)) {
    return {
      message:
        'the database was unavailable; retry (a push retried with the same idempotencyKey lands once, whether or not the first attempt was written)',
      path: formatted.path,
      extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
    };
  }
  const id = randomUUID();
  log.error('unexpected error', { errorId: id, path: formatted.path, error: original ?? error });
  return {
    message: INTERNAL_MESSAGE,
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId: id },
  };
}
