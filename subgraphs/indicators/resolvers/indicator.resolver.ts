import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Period, PeriodType } from '../../../lib/period';
import { PeriodScalar } from '../../../lib/scalars';
import type { IndicatorContext } from '../context';
import { owedUntil, periodOwed } from '../model/calendar';
import { Indicator, IndicatorFilter, Organization, Task } from '../schema/indicator';

type Context = IndicatorContext;

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], { nullable: true, description: "The plan's quantitative targets: the eight city goals first" })
  indicators(
    @Ctx() { loaders }: Context,
    @Arg('filter', () => IndicatorFilter, { nullable: true }) filter?: IndicatorFilter,
  ): Promise<Indicator[]> {
    return loaders.repository.list(filter ?? {}) as Promise<Indicator[]>;
  }

  @Query(() => Indicator, { nullable: true, description: 'One indicator by id; null when there is none' })
  indicator(@Ctx() { loaders }: Context, @Arg('id', () => ID) id: string): Promise<Indicator | null> {
    return loaders.indicator.load(id) as Promise<Indicator | null>;
  }

  @Query(() => [Indicator], {
    nullable: true,
    description:
      'What an organisation owes for a period: the indicators whose principal owner it is and whose reporting calendar makes the period due (derived ones are owed by nobody), in id order',
  })
  async owedIndicators(
    @Ctx() { loaders }: Context,
    @Arg('organization', () => ID) organization: string,
    @Arg('period', () => PeriodScalar, { description: 'e.g. 2025Q4' }) period: Period,
  ): Promise<Indicator[]> {
    const owned = await loaders.repository.list({ ownerId: organization });
    const owners = await Promise.all(owned.map((i) => loaders.owners.load(i.id)));
    return owned
      .filter((indicator, index) => {
        const { formula, calendarPeriodType, calendarDueDays, reportingFrom, deadline, periodicity } = indicator;
        if (formula || !calendarPeriodType || calendarDueDays === null) return false;
        if (owners[index][0]?.organizationId !== organization) return false;
        const calendar = { periodType: calendarPeriodType as PeriodType, dueDays: calendarDueDays };
        return periodOwed(calendar, reportingFrom, owedUntil(deadline, periodicity), period);
      })
      .sort((a, b) => a.id.localeCompare(b.id)) as Indicator[];
  }

  @FieldResolver(() => Boolean, { description: 'False for a monitoring indicator: figures reported with no target of their own' })
  hasTarget(@Root() indicator: Indicator): boolean {
    return indicator.targetValue !== null && indicator.targetValue !== undefined;
  }

  @FieldResolver(() => [Organization], {
    nullable: 'itemsAndList',
    description: 'Organisations that report this indicator; the first is the principal',
  })
  async owners(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Organization[]> {
    return (await loaders.owners.load(indicator.id)).map((o) => ({ id: o.organizationId }));
  }

  @FieldResolver(() => [Task], { nullable: 'itemsAndList', description: 'Annex tasks this target belongs to' })
  async tasks(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Task[]> {
    return (await loaders.tasks.load(indicator.id)).map((t) => ({ id: t.taskId }));
  }
}

@Resolver(() => Task)
export class TaskIndicatorsResolver {
  @FieldResolver(() => [Indicator], { nullable: true, description: 'Quantitative targets written in this task' })
  indicators(@Root() task: Task, @Ctx() { loaders }: Context): Promise<Indicator[]> {
    return loaders.ofTask.load(task.id) as Promise<Indicator[]>;
  }
}

@Resolver(() => Organization)
export class OrganizationIndicatorsResolver {
  @FieldResolver(() => [Indicator], { nullable: true, description: 'Indicators this organisation owns (reports)' })
  indicators(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<Indicator[]> {
    return loaders.ofOwner.load(organization.id) as Promise<Indicator[]>;
  }
}
