import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Period } from '../../../lib/period';
import { DateTime, PeriodScalar } from '../../../lib/scalars';
import type { IndicatorContext } from '../context';
import type { FigureQuery } from '../data/figure-reads';
import { Figure, FigureRevision, PeriodLock, PeriodLockEvent } from '../schema/figure';
import { Indicator } from '../schema/indicator';

type Context = IndicatorContext;

/** The arguments shared by `figures` and `Indicator.figures` (the scalars checked them). */
function figureQuery(args: {
  from?: Period | null;
  to?: Period | null;
  period?: Period | null;
  breakdown?: string | null;
  asOf?: Date | null;
  includeWithdrawn?: boolean | null;
}): FigureQuery {
  const query: FigureQuery = { breakdown: args.breakdown ?? null, includeWithdrawn: !!args.includeWithdrawn };
  if (args.from) query.from = args.from.start;
  if (args.to) query.to = args.to.end;
  if (args.period) query.period = args.period.text;
  if (args.asOf) query.asOf = args.asOf.toISOString();
  return query;
}

const FIGURE_ARGS_DOC = {
  from: 'Earliest period (its first day counts), e.g. 2025 or 2025Q1',
  to: 'Latest period (its last day counts)',
  period: 'Exactly this period',
  breakdown: 'Only this breakdown; "" for totals',
  asOf: 'As recorded at this moment (ISO 8601), e.g. before a correction',
};

@Resolver(() => Figure)
export class FigureResolver {
  @Query(() => [Figure], { nullable: true, description: 'Figures of one indicator (by id or name), in period order' })
  async figures(
    @Ctx() { loaders }: Context,
    @Arg('indicator', { description: 'Indicator id or name' }) indicator: string,
    @Arg('from', () => PeriodScalar, { nullable: true, description: FIGURE_ARGS_DOC.from }) from?: Period | null,
    @Arg('to', () => PeriodScalar, { nullable: true, description: FIGURE_ARGS_DOC.to }) to?: Period | null,
    @Arg('period', () => PeriodScalar, { nullable: true, description: FIGURE_ARGS_DOC.period }) period?: Period | null,
    @Arg('breakdown', () => String, { nullable: true, description: FIGURE_ARGS_DOC.breakdown }) breakdown?: string | null,
    @Arg('asOf', () => DateTime, { nullable: true, description: FIGURE_ARGS_DOC.asOf }) asOf?: Date | null,
    @Arg('includeWithdrawn', () => Boolean, { nullable: true }) includeWithdrawn?: boolean | null,
  ): Promise<Figure[]> {
    const query = figureQuery({ from, to, period, breakdown, asOf, includeWithdrawn });
    return loaders.figuresOf(query).load((await loaders.repository.byReference(indicator)).id);
  }

  @FieldResolver(() => Indicator, { nullable: true })
  indicator(@Root() figure: Figure, @Ctx() { loaders }: Context): Promise<Indicator | null> {
    return loaders.indicator.load(figure.indicatorId) as Promise<Indicator | null>;
  }

  @FieldResolver(() => [FigureRevision], { description: 'Every revision, oldest first: value, status, who, when, why' })
  history(
    @Root() figure: Figure,
    @Ctx() { loaders }: Context,
    @Arg('asOf', () => DateTime, { nullable: true, description: 'Only revisions recorded by then' }) asOf?: Date | null,
  ): Promise<FigureRevision[]> {
    return loaders.historyOf(asOf ? asOf.toISOString() : null).load(figure.seriesId);
  }

  @Query(() => [PeriodLock], {
    nullable: true,
    description: 'Locked periods, for one indicator (and those locked for all) or every one',
  })
  periodLocks(
    @Ctx() { loaders }: Context,
    @Arg('indicator', () => String, { nullable: true }) indicator?: string | null,
  ): Promise<PeriodLock[]> {
    return loaders.figures.locks(indicator ?? null);
  }

  @Query(() => [PeriodLockEvent], { nullable: true, description: 'The audit trail of locks and unlocks' })
  periodLockEvents(@Ctx() { loaders }: Context): Promise<PeriodLockEvent[]> {
    return loaders.figures.lockEvents();
  }
}

@Resolver(() => Indicator)
export class IndicatorFiguresResolver {
  @FieldResolver(() => [Figure], { description: "This indicator's figures, in period order" })
  figures(
    @Root() indicator: Indicator,
    @Ctx() { loaders }: Context,
    @Arg('from', () => PeriodScalar, { nullable: true, description: FIGURE_ARGS_DOC.from }) from?: Period | null,
    @Arg('to', () => PeriodScalar, { nullable: true, description: FIGURE_ARGS_DOC.to }) to?: Period | null,
    @Arg('breakdown', () => String, { nullable: true, description: FIGURE_ARGS_DOC.breakdown }) breakdown?: string | null,
    @Arg('asOf', () => DateTime, { nullable: true, description: FIGURE_ARGS_DOC.asOf }) asOf?: Date | null,
  ): Promise<Figure[]> {
    return loaders.figuresOf(figureQuery({ from, to, breakdown, asOf })).load(indicator.id);
  }
}
