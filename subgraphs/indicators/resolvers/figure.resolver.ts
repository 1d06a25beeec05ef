import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../../lib/errors';
import { periodArgument } from '../../../lib/period';
import type { IndicatorContext } from '../context';
import type { FigureQuery } from '../data/figure-reads';
import { Figure, FigureRevision, PeriodLock, PeriodLockEvent } from '../schema/figure';
import { Indicator } from '../schema/indicator';

type Context = IndicatorContext;

/** Checks the arguments shared by `figures` and `Indicator.figures`. */
function figureQuery(args: {
  from?: string | null;
  to?: string | null;
  period?: string | null;
  breakdown?: string | null;
  asOf?: string | null;
  includeWithdrawn?: boolean | null;
}): FigureQuery {
  const query: FigureQuery = { breakdown: args.breakdown ?? null, includeWithdrawn: !!args.includeWithdrawn };
  if (args.from) query.from = periodArgument(args.from, 'from').start;
  if (args.to) query.to = periodArgument(args.to, 'to').end;
  if (args.period) query.period = periodArgument(args.period, 'period').text;
  if (args.asOf) {
    const at = new Date(args.asOf);
    if (args.asOf.length > 40 || Number.isNaN(at.getTime()))
      throw badInput('asOf must be a date-time, e.g. 2025-12-31T23:59:59Z', 'asOf');
    query.asOf = at.toISOString();
  }
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
    @Arg('from', () => String, { nullable: true, description: FIGURE_ARGS_DOC.from }) from?: string | null,
    @Arg('to', () => String, { nullable: true, description: FIGURE_ARGS_DOC.to }) to?: string | null,
    @Arg('period', () => String, { nullable: true, description: FIGURE_ARGS_DOC.period }) period?: string | null,
    @Arg('breakdown', () => String, { nullable: true, description: FIGURE_ARGS_DOC.breakdown }) breakdown?: string | null,
    @Arg('asOf', () => String, { nullable: true, description: FIGURE_ARGS_DOC.asOf }) asOf?: string | null,
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
    @Arg('asOf', () => String, { nullable: true, description: 'Only revisions recorded by then' }) asOf?: string | null,
  ): Promise<FigureRevision[]> {
    return loaders.historyOf(asOf ? figureQuery({ asOf }).asOf! : null).load(figure.seriesId);
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
    @Arg('from', () => String, { nullable: true, description: FIGURE_ARGS_DOC.from }) from?: string | null,
    @Arg('to', () => String, { nullable: true, description: FIGURE_ARGS_DOC.to }) to?: string | null,
    @Arg('breakdown', () => String, { nullable: true, description: FIGURE_ARGS_DOC.breakdown }) breakdown?: string | null,
    @Arg('asOf', () => String, { nullable: true, description: FIGURE_ARGS_DOC.asOf }) asOf?: string | null,
  ): Promise<Figure[]> {
    return loaders.figuresOf(figureQuery({ from, to, breakdown, asOf })).load(indicator.id);
  }
}
