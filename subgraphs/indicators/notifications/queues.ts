/** The notification worker's job queues (pg-boss, in PostgreSQL). */
export const QUEUES = {
  scan: 'ipzone-reminder-scan',
  digest: 'ipzone-weekly-digest',
  relay: 'ipzone-outbox-relay',
  webhook: 'ipzone-webhook-delivery',
  mail: 'ipzone-mail-delivery',
} as const;
