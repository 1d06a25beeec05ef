/**
 * A refusal of a file of figures, or of its request, as HTTP: a file that cannot be read
 * is 400 UNREADABLE_FILE, the hub's errors answer with their code's status.
 */
import { CsvSyntaxError } from '../../../lib/csv';
import { TextDecodingError } from '../../../lib/encoding';
import { ErrorCode, HubError } from '../../../lib/errors';
import { HttpError } from '../../../lib/http-refusals';

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.SUBGRAPH_UNAVAILABLE]: 502,
};

/** The refusal an error stands for; the error itself when it is none (a server error). */
export function asHttpError(error: unknown): unknown {
  if (error instanceof HttpError) return error;
  if (error instanceof TextDecodingError || error instanceof CsvSyntaxError)
    return new HttpError(400, ErrorCode.UNREADABLE_FILE, error.message);
  if (error instanceof HubError && STATUS[error.code]) return new HttpError(STATUS[error.code], error.code, error.message);
  // The header of a CSV (unknown or missing columns, no header at all).
  if (error instanceof Error && /^(unknown column|missing column|the file is empty)/.test(error.message))
    return new HttpError(400, ErrorCode.UNREADABLE_FILE, error.message);
  return error;
}
