/**
 * The rules of task progress, free of storage and GraphQL: what a task's status is as of
 * a day, when it is overdue, how old its last report is, and how statuses are counted.
 */
import * as enums from '../../../lib/enums';
import { monthEnd } from '../../../lib/period';
import { badInput } from '../../../lib/errors';
import { tooLong, tooLongMessage } from '../../../lib/text';

/** What a responsible agency reports about a task (lib/enums.ts). */
export const TaskStatus = enums.enumOf(enums.TASK_STATUSES);
export type TaskStatus = enums.TaskStatus;

/** The reported status, or OVERDUE when the deadline has passed without DONE (lib/enums.ts). */
export const EffectiveTaskStatus = enums.enumOf(enums.EFFECTIVE_TASK_STATUSES);
export type EffectiveTaskStatus = enums.EffectiveTaskStatus;

/** The part of a task the rules need. */
export interface TaskTerms {
  /** Deadline month, YYYY-MM; null when ongoing (长期坚持). */
  deadline: string | null;
  ongoing: boolean;
}

/** A report as the rules see it. */
export interface ReportFacts {
  status: TaskStatus;
  note: string | null;
  reportedByOrg: string;
  reportedAt: Date;
}

export interface ProgressSummary<R extends ReportFacts> {
  asOf: string;
  status: TaskStatus;
  effectiveStatus: EffectiveTaskStatus;
  overdue: boolean;
  lastReport: R | null;
  /** Whole days from the last report's day (UTC) to asOf; null when never reported. */
  lastReportAgeDays: number | null;
  /** Reports recorded up to the end of asOf, oldest first. */
  reports: R[];
}

export interface StatusCounts {
  total: number;
  notStarted: number;
  inProgress: number;
  done: number;
  blocked: number;
  overdue: number;
}

const DAY_MS = 86_400_000;

/** The first moment after the day ends (UTC): reports recorded before it count as of that day. */
export function endOfDay(asOf: string): Date {
  return new Date(Date.parse(`${asOf}T00:00:00Z`) + DAY_MS);
}

/** Overdue: the deadline month's last day is before asOf and the task is not DONE; ongoing tasks never are. */
export function isOverdue(task: TaskTerms, status: TaskStatus, asOf: string): boolean {
  if (task.ongoing || task.deadline === null || status === TaskStatus.DONE) return false;
  return monthEnd(task.deadline) < asOf;
}

function effectiveStatus(task: TaskTerms, status: TaskStatus, asOf: string): EffectiveTaskStatus {
  return isOverdue(task, status, asOf) ? EffectiveTaskStatus.OVERDUE : (status as string as EffectiveTaskStatus);
}

/** Whole calendar days (UTC) from the day of `reportedAt` to asOf. */
export function reportAgeDays(reportedAt: Date, asOf: string): number {
  const reportDay = Date.parse(`${reportedAt.toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((Date.parse(`${asOf}T00:00:00Z`) - reportDay) / DAY_MS);
}

/** A task's progress as of a day, from its reports (any order; those after the day are left out). */
export function summarizeProgress<R extends ReportFacts>(
  task: TaskTerms,
  reports: readonly R[],
  asOf: string,
): ProgressSummary<R> {
  const until = endOfDay(asOf).getTime();
  const counted = reports.filter((r) => r.reportedAt.getTime() < until);
  const history = [...counted].sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
  const lastReport = history.length > 0 ? history[history.length - 1] : null;
  const status = lastReport?.status ?? TaskStatus.NOT_STARTED;
  const overdue = isOverdue(task, status, asOf);
  return {
    asOf,
    status,
    effectiveStatus: effectiveStatus(task, status, asOf),
    overdue,
    lastReport,
    lastReportAgeDays: lastReport ? reportAgeDays(lastReport.reportedAt, asOf) : null,
    reports: history,
  };
}

/** Counts effective statuses; an overdue task counts as overdue instead of its reported status. */
export function countStatuses(statuses: readonly EffectiveTaskStatus[]): StatusCounts {
  const counts: StatusCounts = { total: 0, notStarted: 0, inProgress: 0, done: 0, blocked: 0, overdue: 0 };
  const field: Record<EffectiveTaskStatus, Exclude<keyof StatusCounts, 'total'>> = {
    NOT_STARTED: 'notStarted',
    IN_PROGRESS: 'inProgress',
    DONE: 'done',
    BLOCKED: 'blocked',
    OVERDUE: 'overdue',
  };
  for (const status of statuses) {
    counts.total += 1;
    counts[field[status]] += 1;
  }
  return counts;
}

/** A report's note, trimmed (null when blank); throws BAD_USER_INPUT when too long. */
export function noteArgument(note: string | null | undefined, field = 'note'): string | null {
  const trimmed = note?.trim() ?? '';
  if (tooLong(trimmed, 'note')) throw badInput(tooLongMessage(field, 'note'), field);
  return trimmed || null;
}
