/**
 * Reporting a task's progress: who may report it (its responsible organisations; a
 * coordinator or admin any task) and for whom the report stands (a coordinator reporting on
 * a task its organisation does not share speaks for the lead).
 */
import { forbidden, notFound } from '../../../lib/errors';
import { hasRole, type Identity } from '../../../lib/identity';
import type { ProgressRepository } from '../data/progress-repository';
import { noteArgument, type TaskStatus } from '../model/progress';

/** What the use case reads: a task with its lead, and the organisations responsible for it. */
export interface TaskDirectory<T extends { id: string; leadOrganizationId: string }> {
  task(id: string): Promise<T | null>;
  responsible(taskId: string): Promise<string[]>;
}

/** Records `identity`'s report of a task's status (with a note); answers the task. */
export async function reportProgress<T extends { id: string; leadOrganizationId: string }>(
  identity: Identity,
  request: { taskId: string; status: TaskStatus; note?: string | null },
  tasks: TaskDirectory<T>,
  reports: Pick<ProgressRepository, 'record'>,
): Promise<T> {
  const note = noteArgument(request.note, 'note');
  const task = await tasks.task(request.taskId);
  if (!task) throw notFound('task', request.taskId.slice(0, 80));
  const ownTask = (await tasks.responsible(task.id)).includes(identity.org);
  if (!ownTask && !hasRole(identity, 'coordinator', 'admin')) {
    throw forbidden(`organisation "${identity.org}" is not responsible for task ${task.id}`);
  }
  await reports.record({
    taskId: task.id,
    organizationId: ownTask ? identity.org : task.leadOrganizationId,
    status: request.status,
    note,
    reportedBy: identity.subject,
    reportedByOrg: identity.org,
  });
  return task;
}
