/** Task progress read through the per-request report loaders, shaped for the schema. */
import type { TaskReportRow } from '../data/progress-repository';
import { countStatuses, summarizeProgress } from '../model/progress';
import type { TaskLoaders } from '../loaders';
import type { TaskProgress, TaskReport, TaskStatusCounts } from '../schema/progress';
import type { Task } from '../schema/task';

function toReport(row: TaskReportRow): TaskReport {
  return {
    id: row.id,
    status: row.status,
    note: row.note,
    organization: { id: row.organizationId },
    reportedBy: row.reportedBy,
    reportedByOrganization: { id: row.reportedByOrg },
    reportedAt: row.reportedAt.toISOString(),
  };
}

function toProgress(task: Task, reports: readonly TaskReportRow[], asOf: string): TaskProgress {
  const summary = summarizeProgress(task, reports, asOf);
  const last = summary.lastReport;
  return {
    asOf,
    task,
    status: summary.status,
    effectiveStatus: summary.effectiveStatus,
    overdue: summary.overdue,
    lastReportedAt: last ? last.reportedAt.toISOString() : null,
    lastReportAgeDays: summary.lastReportAgeDays,
    lastNote: last ? last.note : null,
    lastReportedBy: last ? { id: last.reportedByOrg } : null,
    reports: summary.reports.map(toReport),
  };
}

/** Progress of one task as of a day (batched with every other task asked for the same day). */
export async function progressOf(loaders: TaskLoaders, task: Task, asOf: string): Promise<TaskProgress> {
  return toProgress(task, await loaders.reports.asOf(asOf).load(task.id), asOf);
}

/** Progress of many tasks as of a day, in their order. */
export async function progressOfTasks(loaders: TaskLoaders, tasks: readonly Task[], asOf: string): Promise<TaskProgress[]> {
  return Promise.all(tasks.map((task) => progressOf(loaders, task, asOf)));
}

/** Counts of the tasks' effective statuses as of a day. */
export async function statusCountsOf(loaders: TaskLoaders, tasks: readonly Task[], asOf: string): Promise<TaskStatusCounts> {
  return countStatuses((await progressOfTasks(loaders, tasks, asOf)).map((p) => p.effectiveStatus));
}
