import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../../lib/errors';
import type { SubgraphContext } from '../../../lib/subgraph';
import type { TaskLoaders } from '../loaders';
import { Measure, Phase, Plan, Section } from '../schema/plan';
import { Task } from '../schema/task';

type Context = SubgraphContext<TaskLoaders>;

function checkSeq(value: number, max: number, field: string): void {
  if (!Number.isInteger(value) || value < 1 || value > max) throw badInput(`${field} must be between 1 and ${max}`, field);
}

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => Plan, { nullable: true, description: 'The plan document, null until it is seeded' })
  plan(@Ctx() { loaders }: Context): Promise<Plan | null> {
    return loaders.repository.plan();
  }

  @FieldResolver(() => [Phase])
  phases(@Root() plan: Plan, @Ctx() { loaders }: Context): Promise<Phase[]> {
    return loaders.repository.phases(plan.id);
  }

  @FieldResolver(() => [Section])
  sections(@Ctx() { loaders }: Context): Promise<Section[]> {
    return loaders.repository.sections();
  }

  @FieldResolver(() => [Measure])
  measures(@Ctx() { loaders }: Context): Promise<Measure[]> {
    return loaders.repository.measures();
  }

  @Query(() => [Section], { nullable: true, name: 'sections', description: 'The seven sections of 二、工作任务' })
  allSections(@Ctx() { loaders }: Context): Promise<Section[]> {
    return loaders.repository.sections();
  }

  @Query(() => [Measure], { nullable: true, name: 'measures', description: 'The 22 numbered measures' })
  allMeasures(@Ctx() { loaders }: Context): Promise<Measure[]> {
    return loaders.repository.measures();
  }

  @Query(() => Section, { nullable: true })
  section(@Ctx() { loaders }: Context, @Arg('seq', () => Int) seq: number): Promise<Section | null> {
    checkSeq(seq, 7, 'seq');
    return loaders.section.load(seq);
  }

  @Query(() => Measure, { nullable: true })
  measure(@Ctx() { loaders }: Context, @Arg('seq', () => Int) seq: number): Promise<Measure | null> {
    checkSeq(seq, 22, 'seq');
    return loaders.measure.load(seq);
  }
}

@Resolver(() => Section)
export class SectionResolver {
  @FieldResolver(() => [Measure])
  measures(@Root() section: Section, @Ctx() { loaders }: Context): Promise<Measure[]> {
    return loaders.measuresOfSection.load(section.seq);
  }

  @FieldResolver(() => [Task])
  tasks(@Root() section: Section, @Ctx() { loaders }: Context): Promise<Task[]> {
    return loaders.tasksOfSection.load(section.seq);
  }
}

@Resolver(() => Measure)
export class MeasureResolver {
  @FieldResolver(() => Section)
  async section(@Root() measure: Measure, @Ctx() { loaders }: Context): Promise<Section> {
    return (await loaders.section.load(measure.sectionSeq))!;
  }

  @FieldResolver(() => [Task])
  tasks(@Root() measure: Measure, @Ctx() { loaders }: Context): Promise<Task[]> {
    return loaders.tasksOfMeasure.load(measure.seq);
  }
}
