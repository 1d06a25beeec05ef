/**
 * Limits on the length of a list one root field takes: declared here, where both the
 * gateway (which refuses an operation over a limit before calling any subgraph, knowing no
 * input shapes) and the subgraph that owns the field (which holds a direct call to the same
 * limit) read them.
 */
import { ErrorCode } from './errors';

/** The list is `argument.list` of the root field `field`, a literal or a variable; the items of every such field in an operation are summed. */
export interface ListArgumentLimit {
  field: string;
  argument: string;
  /** The field of the argument's input object holding the list. */
  list: string;
  /** Its most items, from the gateway's settings. */
  max: (settings: { maxPushRows: number }) => number;
  code: ErrorCode;
  message: (max: number, got: number) => string;
}

/** Rows in one push of figures (the indicators subgraph's pushFigures). */
export const PUSH_ROWS_LIMIT: ListArgumentLimit = {
  field: 'pushFigures',
  argument: 'input',
  list: 'figures',
  max: (settings) => settings.maxPushRows,
  code: ErrorCode.BATCH_TOO_LARGE,
  message: (max: number, got: number) => `one push takes at most ${max} figures; got ${got}`,
};

/** Every list-argument limit the gateway applies. */
export const LIST_ARGUMENT_LIMITS: readonly ListArgumentLimit[] = [PUSH_ROWS_LIMIT];
