import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { badInput } from '../../../lib/errors';
import { requireIdentity } from '../../../lib/identity';
import type { Period } from '../../../lib/period';
import { DateTime, PeriodScalar } from '../../../lib/scalars';
import { tooLong, tooLongMessage } from '../../../lib/text';
import type { IndicatorContext } from '../context';
import { organizationIdArgument } from './organization-argument';
import { type EntryExceptionRow, grantException, listExceptions } from '../data/entry-exceptions';
import { EntryException } from '../schema/entry-exception';

type Context = IndicatorContext;

const toGraph = (row: EntryExceptionRow): EntryException => ({
  ...row,
  organization: { id: row.organizationId },
  grantedByOrganization: { id: row.grantedByOrg },
});

@Resolver(() => EntryException)
export class EntryExceptionResolver {
  @Authorized('coordinator', 'admin')
  @Mutation(() => EntryException, {
    description: 'Lets one organisation write one period after its entry window closed, until a time; audited',
  })
  async grantEntryException(
    @Ctx() context: Context,
    @Arg('organization', { description: 'id, name or alias' }) organization: string,
    @Arg('period', () => PeriodScalar) period: Period,
    @Arg('until', () => DateTime, { description: 'When it ends (ISO 8601 date-time, in the future)' }) until: Date,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<EntryException> {
    if (until.getTime() <= context.clock.now().getTime()) throw badInput('until must be in the future', 'until');
    if (reason && tooLong(reason, 'reason')) throw badInput(tooLongMessage('reason'), 'reason');
    const row = await grantException(context.store.dataSource, requireIdentity(context), {
      organizationId: await organizationIdArgument(context, organization),
      period: period.text,
      until: until.toISOString(),
      reason: reason?.trim() || null,
    });
    return toGraph(row);
  }

  @Query(() => [EntryException], { nullable: true, description: 'Every entry exception granted, oldest first (the audit)' })
  async entryExceptions(
    @Ctx() context: Context,
    @Arg('organization', () => String, { nullable: true }) organization?: string | null,
  ): Promise<EntryException[]> {
    const id = organization ? await organizationIdArgument(context, organization) : null;
    return (await listExceptions(context.store.dataSource, id)).map(toGraph);
  }
}
