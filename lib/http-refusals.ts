/**
 * The refusals a service answers over HTTP (lib/server.ts): HttpError, a refusal with its
 * status and stable code; the refusal each of fastify's errors stands for (413, 415, 408
 * or 503 for a request that ran out of time, any other 4xx as BAD_REQUEST); a connection's
 * client error, answered once and the connection closed; and a streamed body read to its
 * end before a refusal of it is answered.
 */
import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from './errors';

/** A refusal with its HTTP status and stable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The refusal an error stands for; undefined for a server error. */
export function refusal(
  error: FastifyError | HttpError,
  limit: number,
  timeoutMs: number,
  request: FastifyRequest,
): HttpError | undefined {
  if (error instanceof HttpError) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'PAYLOAD_TOO_LARGE', `the request body exceeds ${limit} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the GraphQL request as JSON (content-type: application/json)');
    case 'FST_ERR_HANDLER_TIMEOUT':
      // The body is still arriving: the one answer to it, and the connection ends with it (CLOSING_STATUS).
      if (!request.raw.complete)
        return new HttpError(408, 'REQUEST_TIMEOUT', `the request body did not arrive within ${timeoutMs} ms`);
      return new HttpError(
        503,
        'REQUEST_TIMEOUT',
        `the request took longer than ${timeoutMs} ms; a write may still land: retry it with the same idempotencyKey`,
      );
  }
  const status = error.statusCode ?? 500;
  return status >= 400 && status < 500 ? new HttpError(status, 'BAD_REQUEST', error.message) : undefined;
}

/** A request whose body did not arrive in time is answered 408 and its connection closed: what is left of it is no next request. */
export const CLOSING_STATUS = 408;

/** The body of every refusal: GraphQL's shape, one error with its stable code. */
export const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/** A connection's client errors by node's code: status, stable code, message; any other is 400 BAD_REQUEST. */
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, ErrorCode.REQUEST_TIMEOUT, 'the request did not arrive in time'],
  HPE_HEADER_OVERFLOW: [431, ErrorCode.HEADERS_TOO_LARGE, 'the request headers exceed the size allowed'],
};
const NOT_HTTP: [number, string, string] = [400, ErrorCode.BAD_REQUEST, 'the request is not valid HTTP'];

/**
 * A connection's client error (bytes that are no request, a request not received in
 * time, headers too large): answered with its status and stable code, unless its request was answered already (the
 * request timeout ran out while its body trickled in): one request, one answer, and the
 * connection closes.
 */
export function clientError(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answered = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage?.headersSent === true;
  if (socket.writable && !answered) {
    const [status, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? NOT_HTTP;
    const label = STATUS_CODES[status];
    const body = JSON.stringify(errorBody(code, message));
    socket.write(
      `HTTP/1.1 ${status} ${label}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Aborts when a request's body will not arrive: the request timed out (REQUEST_TIMEOUT_MS,
 * answered 408 by the error handler) or its connection closed before it was answered,
 * its body still incomplete. fastify's own request.signal also aborts once a body has been
 * read in full (the request's 'close'), so it cannot tell a reader to give up.
 */
export function bodyAbandoned(request: FastifyRequest, reply: FastifyReply): AbortSignal {
  const abandoned = new AbortController();
  const giveUp = (reason: unknown) => {
    if (!request.raw.complete && !abandoned.signal.aborted) abandoned.abort(reason);
  };
  request.signal.addEventListener(
    'abort',
    () => {
      const reason = request.signal.reason as { code?: string } | undefined;
      if (reason?.code === 'FST_ERR_HANDLER_TIMEOUT') giveUp(reason);
    },
    { once: true },
  );
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) giveUp(new Error('the connection closed before the request was answered'));
  });
  return abandoned.signal;
}

/** A request's body streamed to a reader that may refuse it before its end (a file refused at its first line). */
export interface StreamedBody {
  /** The chunks as they arrive. A reader that stops early leaves the rest where it is, for `finish`. */
  chunks: AsyncIterable<Buffer>;
  /**
   * Reads the rest of the body and drops it. Called before a refusal is answered, so that
   * it reaches its sender: a body left half read is destroyed with its connection, and the
   * sender, still sending, sees the connection cut instead (and so does the next request
   * over it). A body whose sender went away ends there.
   */
  finish(): Promise<void>;
}

/**
 * The body as a StreamedBody. Once `signal` aborts (the request timed out and was answered,
 * or its connection closed) the body is given up: a reader waiting for a chunk gets the
 * signal's reason at once, and `finish` returns, so that nothing waits on a sender who
 * stopped sending (a push reading the file would hold its database connection for good).
 */
export function streamedBody(body: AsyncIterable<Buffer>, signal?: AbortSignal): StreamedBody {
  const iterator = body[Symbol.asyncIterator]();
  let ended = false;
  const aborted = new Promise<never>((_resolve, reject) => {
    const giveUp = () => reject(signal?.reason instanceof Error ? signal.reason : new Error('the request body was given up'));
    if (signal?.aborted) giveUp();
    else signal?.addEventListener('abort', giveUp, { once: true });
  });
  aborted.catch(() => undefined);
  const next = async (): Promise<IteratorResult<Buffer>> => {
    try {
      const result = await Promise.race([iterator.next(), aborted]);
      if (result.done) ended = true;
      return result;
    } catch (error) {
      ended = true;
      throw error;
    }
  };
  const chunks: AsyncIterable<Buffer> = {
    // No `return`: a reader that stops does not end the body (a stream's own return() destroys it).
    [Symbol.asyncIterator]: () => ({ next }),
  };
  const finish = async () => {
    while (!ended) await next().catch(() => undefined);
  };
  return { chunks, finish };
}
