import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requireIdentity } from '../../../lib/identity';
import type { SubgraphContext } from '../../../lib/subgraph';
import { todayUtc } from '../../../lib/period';
import { LocalDate } from '../../../lib/scalars';
import type { TaskLoaders } from '../loaders';
import { TaskProgress, TaskStatus } from '../schema/progress';
import { Task } from '../schema/task';
import { reportProgress } from '../services/report-progress';
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
    const { loaders } = context;
    const task = await reportProgress(
      requireIdentity(context),
      { taskId, status, note },
      {
        task: (id) => loaders.task.load(id),
        responsible: async (id) => (await loaders.responsible.load(id)).map((r) => r.organizationId),
      },
      loaders.reports.repository,
    );
    loaders.reports.forget(task.id);
    return progressOf(loaders, task, todayUtc());
  }
}
