/**
 * The hub's errors: a stable code each (`ErrorCode`), and `HubError`, the one type the
 * model, the services and the data adapters throw. It knows nothing of GraphQL: the edges
 * put it into their own terms — a GraphQL answer's `extensions.code` (lib/format-error.ts;
 * graphql-js carries a thrown error's `extensions` over), an HTTP endpoint's status and
 * body (gateway/as-caller.ts), a command's exit line — so a service answers the same
 * whichever door a request came through.
 */
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
  /** Request headers beyond what the server reads (HTTP 431). */
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  /** A method the path does not take: a page's files are only read (HTTP 405, with the methods it takes in Allow). */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
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
  /** The OpenID Connect provider people sign in with could not be reached, or answered as no provider does (HTTP 503). */
  SIGN_IN_UNAVAILABLE: 'SIGN_IN_UNAVAILABLE',
  /** A job of a file of figures whose runs were lost with their hub (killed, out of memory) too often: it is not run again. */
  JOB_ABANDONED: 'JOB_ABANDONED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error of the hub's own: its code, a message for the caller, and details (field, id, state …). */
export class HubError extends Error {
  override readonly name = 'HubError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** The details and the code, as a GraphQL answer's `extensions` carries them. */
  get extensions(): Record<string, unknown> {
    return { ...this.details, code: this.code };
  }
}

export function hubError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): HubError {
  return new HubError(code, message, details);
}

/** The code an answered error carries in `extensions.code`; INTERNAL_SERVER_ERROR when it carries none (or not a string). */
export const errorCode = (extensions: Readonly<Record<string, unknown>> | undefined): string =>
  typeof extensions?.code === 'string' ? extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;

export const badInput = (message: string, field?: string): HubError =>
  hubError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
export const notFound = (what: string, id: string): HubError =>
  hubError(ErrorCode.NOT_FOUND, `${what} "${id}" does not exist`, { id });
export const forbidden = (message: string): HubError => hubError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message: string): HubError => hubError(ErrorCode.UNAUTHENTICATED, message);
