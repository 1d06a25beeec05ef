/**
 * The hub's error codes. Every resolver raises errors through these helpers so that a
 * client can rely on `extensions.code`.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PERIOD_LOCKED: 'PERIOD_LOCKED',
  /** A row written into a period whose submission the coordinator has accepted (until it is reopened). */
  SUBMISSION_ACCEPTED: 'SUBMISSION_ACCEPTED',
  /** A reporter's row for a period outside its entry window, with no exception granted. */
  ENTRY_CLOSED: 'ENTRY_CLOSED',
  /** A subgraph could not be reached: its fields are null, the rest of the answer stands. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** The database went away mid-request: retrying is safe (a push retried with its idempotency key lands once). */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** Refused by the gateway's limits before any subgraph is called. */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  /** Refused while parsing: the document has more tokens than MAX_QUERY_TOKENS. */
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  BATCH_TOO_LARGE: 'BATCH_TOO_LARGE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** Malformed JSON or a request the GraphQL endpoint cannot read. */
  BAD_REQUEST: 'BAD_REQUEST',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** An uploaded file beyond the upload limits: more rows (MAX_UPLOAD_ROWS) or cells, or a workbook unpacking to too much. */
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  /** An uploaded file that is not the .xlsx workbook or CSV its URL names, or a damaged one. */
  UNREADABLE_FILE: 'UNREADABLE_FILE',
  /** A webhook URL whose host is, or resolves to, an address inside (loopback, private, link-local, metadata …). */
  WEBHOOK_TARGET_FORBIDDEN: 'WEBHOOK_TARGET_FORBIDDEN',
  /** An organisation already has the most webhook subscriptions it may have. */
  TOO_MANY_WEBHOOKS: 'TOO_MANY_WEBHOOKS',
  /** A render refused while the caller's previous one is still running, or while the hub renders all it may at once (HTTP 429). */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  /** The briefing's PDF cannot be made here: no Chromium for this platform, or it would not start (HTTP 503). */
  RENDERER_UNAVAILABLE: 'RENDERER_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function hubError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, field?: string): GraphQLError =>
  hubError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
export const notFound = (what: string, id: string): GraphQLError =>
  hubError(ErrorCode.NOT_FOUND, `${what} "${id}" does not exist`, { id });
export const forbidden = (message: string): GraphQLError => hubError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message: string): GraphQLError => hubError(ErrorCode.UNAUTHENTICATED, message);
