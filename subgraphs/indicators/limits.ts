/** The indicators subgraph's limit the gateway applies before calling it: rows in one push. */
import { config } from '../../lib/config';
import { ErrorCode } from '../../lib/errors';
import type { ListArgumentLimit } from '../../gateway/limits';

export const PUSH_ROWS_LIMIT: ListArgumentLimit = {
  field: 'pushFigures',
  argument: 'input',
  list: 'figures',
  max: () => config.maxPushRows(),
  code: ErrorCode.BATCH_TOO_LARGE,
  message: (max: number, got: number) => `one push takes at most ${max} figures; got ${got}`,
};
