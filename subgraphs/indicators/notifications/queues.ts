import type { EntityManager } from 'typeorm';

/** The hub's job queues (pg-boss, in PostgreSQL): the notification worker's, and files of figures pushed as jobs. */
export const QUEUES = {
  scan: 'ipzone-reminder-scan',
  digest: 'ipzone-weekly-digest',
  relay: 'ipzone-outbox-relay',
  webhook: 'ipzone-webhook-delivery',
  mail: 'ipzone-mail-delivery',
} as const;

/** Files of figures pushed as jobs (figure-jobs.ts): a queue of its own options, apart from the notification worker's. */
export const FIGURE_JOBS_QUEUE = 'ipzone-figures-bulk';

/**
 * pg-boss's database adapter for a TypeORM transaction: jobs sent through it are written in
 * that transaction. For pg-boss's inserts and selects only (`send`): TypeORM answers an
 * UPDATE or DELETE with [rows, count], not rows.
 */
export const inTransaction = (manager: EntityManager) => ({
  executeSql: async (text: string, values?: unknown[]) => ({ rows: await manager.query(text, values) }),
});
