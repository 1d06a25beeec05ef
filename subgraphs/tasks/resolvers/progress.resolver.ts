import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { forbidden, notFound } from '../../../lib/errors';
import { hasRole, requireIdentity } from '../../../lib/identity';
import type { SubgraphContext } from '../../../lib/subgraph';
import { todayUtc } from '../../../lib/period';
import { LocalDate } from '../../../lib/scalars';
import { noteArgument } from '../model/progress';
import type { TaskLoaders } from '../loaders';
import { TaskProgress, TaskStatus } from '../schema/progress';
import { Task } from '../schema/task';
import { progressOf } from './progress-reads';

type Context = SubgraphContext<TaskLoaders>;

@Resolver(() => Task)
export class TaskProgressResolver {
  @FieldResolver(() => TaskProgress, { description: "The task's progress as of a day: its latest report and the history" })
  progress(
    @Root() task: Task,
    @Ctx() { loaders }: Context,
    @Arg('asOf', () => LocalDate, { nullable: true, description: 'A day, YYYY-MM-DD (default today, UTC)' }) asOf?: string | null,
  ): Promise<TaskProgress> {
    return progressOf(loaders, task, asOf ?? todayUtc());
  }
}

@Resolver()
export class ReportProgressResolver {
  @Authorized('reporter', 'coordinator', 'admin')
  @Mutation(() => TaskProgress, {
    description:
      "Reports a task's status, with a note. A reporter reports only tasks its organisation is responsible for; " +
      "coordinators and admins report any task. Answers the task's progress as of today.",
  })
  async reportTaskProgress(
    @Ctx() context: Context,
    @Arg('task', () => ID, { description: 'The task, "T01" … "T58"' }) taskId: string,
    @Arg('status', () => TaskStatus, { description: 'The status reported' }) status: TaskStatus,
    @Arg('note', () => String, { nullable: true, description: 'What to say with it, at most 2000 characters' })
    note?: string | null,
  ): Promise<TaskProgress> {
    const identity = requireIdentity(context);
    const text = noteArgument(note, 'note');
    const { loaders } = context;
    const task = await loaders.task.load(taskId);
    if (!task) throw notFound('task', taskId.slice(0, 80));
    const responsible = (await loaders.responsible.load(task.id)).map((r) => r.organizationId);
    const ownTask = responsible.includes(identity.org);
    if (!ownTask && !hasRole(identity, 'coordinator', 'admin')) {
      throw forbidden(`organisation "${identity.org}" is not responsible for task ${task.id}`);
    }
    await loaders.reports.repository.record({
      taskId: task.id,
      // A coordinator reporting on a task its organisation does not share speaks for the lead.
      organizationId: ownTask ? identity.org : task.leadOrganizationId,
      status,
      note: text,
      reportedBy: identity.subject,
      reportedByOrg: identity.org,
    });
    loaders.reports.forget(task.id);
    return progressOf(loaders, task, todayUtc());
  }
}
