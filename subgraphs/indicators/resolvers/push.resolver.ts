import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { badInput, notFound } from '../../../lib/errors';
import { FIGURE_WRITERS, requireIdentity } from '../../../lib/identity';
import type { Period } from '../../../lib/period';
import { PeriodScalar } from '../../../lib/scalars';
import { tooLong, tooLongMessage } from '../../../lib/text';
import { type IndicatorContext, pushDependencies } from '../context';
import { lockPeriod, setOwners, unlockPeriod } from '../data/admin-store';
import { pushFigures } from '../services/push';
import { withRows } from './import-summary.resolver';
import { ImportSummary, PeriodLock, PushFiguresInput } from '../schema/figure';
import { Indicator } from '../schema/indicator';

type Context = IndicatorContext;

function optionalReason(reason: string | null | undefined): string | null {
  if (reason && tooLong(reason, 'reason')) throw badInput(tooLongMessage('reason'), 'reason');
  return reason?.trim() || null;
}

@Resolver()
export class PushResolver {
  @Authorized(...FIGURE_WRITERS)
  @Mutation(() => ImportSummary, {
    description:
      'Records a batch of figures. Valid rows land in one transaction (with atomic: none if any row fails); ' +
      'rejected rows are named with field and code. The same idempotencyKey again returns the first summary.',
  })
  async pushFigures(
    @Ctx() context: Context,
    @Arg('input', () => PushFiguresInput) input: PushFiguresInput,
  ): Promise<ImportSummary> {
    const summary = await pushFigures(pushDependencies(context), requireIdentity(context), input);
    if (!summary.dryRun && !summary.replayed) {
      context.metrics.figuresWritten.inc({ kind: 'created' }, summary.created);
      context.metrics.figuresWritten.inc({ kind: 'updated' }, summary.updated);
    }
    return withRows(summary, input.figures);
  }

  @Authorized('coordinator', 'admin')
  @Mutation(() => PeriodLock, { description: 'Locks a period for one indicator, or for all when indicator is omitted' })
  async lockPeriod(
    @Ctx() context: Context,
    @Arg('period', () => PeriodScalar) period: Period,
    @Arg('indicator', () => String, { nullable: true }) indicator?: string | null,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<PeriodLock> {
    const id = indicator ? (await context.loaders.repository.byReference(indicator)).id : null;
    const lockId = await lockPeriod(context.store.dataSource, requireIdentity(context), id, period, optionalReason(reason));
    return (await context.loaders.figures.locks(id)).find((l) => l.id === lockId)!;
  }

  @Authorized('coordinator', 'admin')
  @Mutation(() => Boolean, { description: 'Unlocks a locked period; true when done' })
  async unlockPeriod(
    @Ctx() context: Context,
    @Arg('period', () => PeriodScalar) period: Period,
    @Arg('indicator', () => String, { nullable: true }) indicator?: string | null,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<boolean> {
    const id = indicator ? (await context.loaders.repository.byReference(indicator)).id : null;
    await unlockPeriod(context.store.dataSource, requireIdentity(context), id, period, optionalReason(reason));
    return true;
  }

  @Authorized('admin')
  @Mutation(() => Indicator, { description: 'Sets who reports an indicator (ids, names or aliases; the first is the principal)' })
  async setIndicatorOwners(
    @Ctx() context: Context,
    @Arg('indicator') indicator: string,
    @Arg('owners', () => [String]) owners: string[],
  ): Promise<Indicator> {
    const id = (await context.loaders.repository.byReference(indicator)).id;
    if (owners.length === 0 || owners.length > 50) throw badInput('owners must name 1 to 50 organisations', 'owners');
    const resolved = await context.organizations.resolve(owners.map((o) => o.trim()));
    const unknown = owners.find((o) => !resolved.has(o.trim()));
    if (unknown !== undefined) throw notFound('organization', unknown.slice(0, 80));
    const ids = [...new Set(owners.map((o) => resolved.get(o.trim())!))];
    await setOwners(context.store.dataSource, requireIdentity(context), id, ids);
    return (await context.loaders.repository.byIds([id]))[0] as Indicator;
  }
}
