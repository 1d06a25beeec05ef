import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../../lib/errors';
import { yearMonthArgument } from '../../../lib/period';
import type { SubgraphContext } from '../../../lib/subgraph';
import type { TaskLoaders } from '../loaders';
import { Measure, Section } from '../schema/plan';
import { Organization, ResponsibleUnit, Task, TaskFilter } from '../schema/task';
import { progressOfTasks } from './progress-reads';

type Context = SubgraphContext<TaskLoaders>;

function checkFilter(filter: TaskFilter): void {
  yearMonthArgument(filter.deadlineFrom, 'filter.deadlineFrom');
  yearMonthArgument(filter.deadlineTo, 'filter.deadlineTo');
  if (filter.section != null && (filter.section < 1 || filter.section > 7))
    throw badInput('section must be 1…7', 'filter.section');
  if (filter.measure != null && (filter.measure < 1 || filter.measure > 22))
    throw badInput('measure must be 1…22', 'filter.measure');
  if (filter.leadOnly && !filter.organizationId) throw badInput('leadOnly needs organizationId', 'filter.leadOnly');
}

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => [Task], { nullable: true, description: 'The annex tasks in document order, optionally filtered' })
  async tasks(
    @Ctx() { loaders }: Context,
    @Arg('filter', () => TaskFilter, { nullable: true }) filter?: TaskFilter,
  ): Promise<Task[]> {
    const f = filter ?? {};
    checkFilter(f);
    const tasks = await loaders.repository.tasks({
      sectionSeq: f.section,
      measureSeq: f.measure,
      featured: f.featured,
      ongoing: f.ongoing,
      deadlineFrom: f.deadlineFrom,
      deadlineTo: f.deadlineTo,
      organizationId: f.organizationId,
      leadOnly: f.leadOnly,
    });
    if (f.overdueAsOf == null) return tasks;
    const progress = await progressOfTasks(loaders, tasks, f.overdueAsOf);
    return tasks.filter((_, i) => progress[i].overdue);
  }

  @Query(() => Task, { nullable: true, description: 'One task by id ("T05"); null when there is none' })
  task(@Ctx() { loaders }: Context, @Arg('id', () => ID) id: string): Promise<Task | null> {
    return loaders.task.load(id);
  }

  @FieldResolver(() => Section)
  async section(@Root() task: Task, @Ctx() { loaders }: Context): Promise<Section> {
    return (await loaders.section.load(task.sectionSeq))!;
  }

  @FieldResolver(() => Measure)
  async measure(@Root() task: Task, @Ctx() { loaders }: Context): Promise<Measure> {
    return (await loaders.measure.load(task.measureSeq))!;
  }

  @FieldResolver(() => [ResponsibleUnit], { description: 'Responsible units in document order; the first leads' })
  async responsibleUnits(@Root() task: Task, @Ctx() { loaders }: Context): Promise<ResponsibleUnit[]> {
    return (await loaders.responsible.load(task.id)).map((r) => ({
      position: r.position,
      asWritten: r.asWritten,
      qualifier: r.qualifier,
      lead: r.position === 1,
      organization: { id: r.organizationId },
    }));
  }

  @FieldResolver(() => [Organization], {
    nullable: 'itemsAndList',
    description: 'Responsible organisations in document order, each once',
  })
  async responsibleOrganizations(@Root() task: Task, @Ctx() { loaders }: Context): Promise<Organization[]> {
    const ids = [...new Set((await loaders.responsible.load(task.id)).map((r) => r.organizationId))];
    return ids.map((id) => ({ id }));
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The first listed responsible unit' })
  leadOrganization(@Root() task: Task): Organization {
    return { id: task.leadOrganizationId };
  }
}

@Resolver(() => Organization)
export class OrganizationTasksResolver {
  @FieldResolver(() => [Task], { nullable: true, description: 'Tasks this organisation is responsible for, lead or not' })
  tasks(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<Task[]> {
    return loaders.tasksOfOrganization.load(organization.id);
  }

  @FieldResolver(() => [Task], { nullable: true, description: 'Tasks this organisation leads (listed first)' })
  async leadTasks(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<Task[]> {
    return (await loaders.tasksOfOrganization.load(organization.id)).filter((t) => t.leadOrganizationId === organization.id);
  }
}
