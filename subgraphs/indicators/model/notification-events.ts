/** The events the hub tells people about (by webhook and e-mail): what subscriptions name and the outbox holds. */
export const EVENT_TYPES = [
  'REPORT_DUE_SOON',
  'REPORT_OVERDUE',
  'SUBMISSION_RETURNED',
  'SUBMISSION_ACCEPTED',
  'REOPEN_REQUESTED',
  'KPI_AT_RISK',
  'KPI_OFF_TRACK',
  'WEEKLY_DIGEST',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
