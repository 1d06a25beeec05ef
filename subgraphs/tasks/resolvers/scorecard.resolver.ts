import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph';
import { todayUtc } from '../../../lib/period';
import { LocalDate } from '../../../lib/scalars';
import type { TaskLoaders } from '../loaders';
import { Plan, Section } from '../schema/plan';
import { TaskScorecard, TaskStatusCounts } from '../schema/progress';
import { Organization } from '../schema/task';
import { statusCountsOf } from './progress-reads';

type Context = SubgraphContext<TaskLoaders>;

const AS_OF = { nullable: true, description: 'A day, YYYY-MM-DD (default today, UTC)' } as const;

@Resolver(() => Organization)
export class OrganizationScorecardResolver {
  @FieldResolver(() => TaskScorecard, {
    nullable: true,
    description: 'Status counts of the tasks this organisation leads and of those it shares without leading, as of a day',
  })
  async taskScorecard(
    @Root() organization: Organization,
    @Ctx() { loaders }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
  ): Promise<TaskScorecard> {
    const day = asOf ?? todayUtc();
    const tasks = await loaders.tasksOfOrganization.load(organization.id);
    const ledTasks = tasks.filter((t) => t.leadOrganizationId === organization.id);
    const sharedTasks = tasks.filter((t) => t.leadOrganizationId !== organization.id);
    const [led, shared] = await Promise.all([statusCountsOf(loaders, ledTasks, day), statusCountsOf(loaders, sharedTasks, day)]);
    return { asOf: day, led, shared, ledTasks, sharedTasks };
  }
}

@Resolver(() => Section)
export class SectionProgressResolver {
  @FieldResolver(() => [ID], { description: "Ids of the section's tasks, in document order" })
  async taskIds(@Root() section: Section, @Ctx() { loaders }: Context): Promise<string[]> {
    return (await loaders.tasksOfSection.load(section.seq)).map((t) => t.id);
  }

  @FieldResolver(() => TaskStatusCounts, { description: "Status counts of the section's tasks as of a day" })
  async taskStatusCounts(
    @Root() section: Section,
    @Ctx() { loaders }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
  ): Promise<TaskStatusCounts> {
    const day = asOf ?? todayUtc();
    return statusCountsOf(loaders, await loaders.tasksOfSection.load(section.seq), day);
  }
}

@Resolver(() => Plan)
export class PlanProgressResolver {
  @FieldResolver(() => TaskStatusCounts, { description: 'Status counts of all the annex tasks as of a day' })
  async taskStatusCounts(
    @Ctx() { loaders }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
  ): Promise<TaskStatusCounts> {
    const day = asOf ?? todayUtc();
    return statusCountsOf(loaders, await loaders.repository.tasks(), day);
  }
}
