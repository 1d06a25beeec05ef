/** The indicators subgraph's limit that the gateway also applies before calling it: rows in one push (lib/list-limits.ts). */
export { PUSH_ROWS_LIMIT } from '../../lib/list-limits';
