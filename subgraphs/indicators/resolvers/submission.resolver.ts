import { askToReopen } from '../services/reopen-request';
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { badInput } from '../../../lib/errors';
import { hasRole, requireIdentity } from '../../../lib/identity';
import type { Period } from '../../../lib/period';
import { PeriodScalar } from '../../../lib/scalars';
import { tooLong, tooLongMessage } from '../../../lib/text';
import type { IndicatorContext } from '../context';
import { organizationIdArgument } from './organization-argument';
import { readSubmissions } from '../data/submission-reads';
import { setApprovalLevels } from '../data/submission-store';
import { decide } from '../services/submissions';
import { ReviewFilter, Submission, SubmissionState } from '../schema/submission';

type Context = IndicatorContext;

function commentArgument(comment: string | null | undefined, required: boolean): string | null {
  const text = comment?.trim() || null;
  if (required && !text) throw badInput('a comment saying what to correct is required', 'comment');
  if (text && tooLong(text, 'reason')) throw badInput(tooLongMessage('comment', 'reason'), 'comment');
  return text;
}

function idArgument(id: string): string {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) throw badInput(`"${id.slice(0, 40)}" is not a submission id`, 'id');
  return id;
}

@Resolver(() => Submission)
export class SubmissionResolver {
  @Query(() => [Submission], {
    nullable: true,
    description: 'Submissions (what an organisation reported for a period), oldest first, with their review',
  })
  async submissions(
    @Ctx() context: Context,
    @Arg('organization', () => String, { nullable: true, description: 'id, name or alias' }) organization?: string | null,
    @Arg('period', () => PeriodScalar, { nullable: true }) period?: Period | null,
    @Arg('states', () => [SubmissionState], { nullable: true }) states?: SubmissionState[] | null,
    @Arg('reopenRequested', () => Boolean, {
      nullable: true,
      description: 'true: only those whose organisation asks for them to be reopened',
    })
    reopenRequested?: boolean | null,
  ): Promise<Submission[]> {
    return readSubmissions(context.store.dataSource, {
      organizationId: organization ? await organizationIdArgument(context, organization) : null,
      period: period?.text ?? null,
      states: states?.length ? states : null,
      reopenRequested: reopenRequested === true,
    });
  }

  @Query(() => Submission, { nullable: true, description: 'One submission; null when unknown' })
  async submission(@Ctx() context: Context, @Arg('id', () => ID) id: string): Promise<Submission | null> {
    const [found] = await readSubmissions(context.store.dataSource, { ids: [idArgument(id)] });
    return found ?? null;
  }

  @Authorized('approver', 'coordinator', 'admin')
  @Query(() => [Submission], {
    nullable: true,
    description:
      "Submissions waiting for the caller's decision, oldest first: for a coordinator those ready to accept, " +
      "for an organisation's approver its own waiting for approval; each with its figures, warnings and changes",
  })
  async reviewQueue(
    @Ctx() context: Context,
    @Arg('filter', () => ReviewFilter, { nullable: true }) filter?: ReviewFilter | null,
  ): Promise<Submission[]> {
    const identity = requireIdentity(context);
    const search = filter?.search?.trim() || null;
    if (search && tooLong(search, 'name')) throw badInput(tooLongMessage('search', 'name'), 'search');
    const period = filter?.period?.text ?? null;
    return readSubmissions(context.store.dataSource, {
      awaiting: hasRole(identity, 'coordinator', 'admin') ? 'coordinator' : { approverOf: identity.org },
      organizationId: filter?.organization ? await organizationIdArgument(context, filter.organization) : null,
      period,
      states: filter?.states?.length ? filter.states : null,
      hasWarnings: filter?.hasWarnings ?? null,
      search: search ? { text: search, organizationIds: await context.organizations.search(search) } : null,
    });
  }

  @Authorized('coordinator', 'admin')
  @Mutation(() => Submission, { description: 'Accepts a submission: its figures become FINAL and are closed to edits' })
  acceptSubmission(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
  ): Promise<Submission> {
    return this.decide(context, id, 'accept', commentArgument(comment, false));
  }

  @Authorized('approver', 'coordinator', 'admin')
  @Mutation(() => Submission, {
    description: 'Returns a submission with a comment; its figures stay for the organisation to correct',
  })
  returnSubmission(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('comment') comment: string,
  ): Promise<Submission> {
    return this.decide(context, id, 'return', commentArgument(comment, true));
  }

  @Authorized('approver')
  @Mutation(() => Submission, { description: "The organisation's approver approves its submission for the coordinator" })
  approveSubmission(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
  ): Promise<Submission> {
    return this.decide(context, id, 'approve', commentArgument(comment, false));
  }

  @Authorized('coordinator', 'admin')
  @Mutation(() => Submission, {
    description: 'Reopens an accepted submission: its figures take changes again; it waits for review',
  })
  reopenSubmission(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('comment', () => String, { nullable: true }) comment?: string | null,
  ): Promise<Submission> {
    return this.decide(context, id, 'reopen', commentArgument(comment, false));
  }

  @Authorized('reporter', 'approver')
  @Mutation(() => Submission, {
    description:
      "Asks the coordinator to reopen the caller's organisation's accepted (or approved) submission, with a reason: " +
      'kept on the submission as reopenRequest and told as REOPEN_REQUESTED',
  })
  async askToReopen(
    @Ctx() context: Context,
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
  ): Promise<Submission> {
    await askToReopen(context.store.dataSource, requireIdentity(context), idArgument(id), reason);
    const [found] = await readSubmissions(context.store.dataSource, { ids: [id] });
    return found;
  }

  @Authorized('coordinator', 'admin')
  @Mutation(() => Int, {
    description: "Sets an organisation's approval levels: 1, its approver approves before the coordinator accepts; 0, none",
  })
  async setApprovalLevels(
    @Ctx() context: Context,
    @Arg('organization') organization: string,
    @Arg('levels', () => Int) levels: number,
  ): Promise<number> {
    if (levels !== 0 && levels !== 1) throw badInput('levels must be 0 or 1', 'levels');
    const id = await organizationIdArgument(context, organization);
    await context.store.dataSource.transaction((m) => setApprovalLevels(m, requireIdentity(context), id, levels));
    return levels;
  }

  private async decide(context: Context, id: string, kind: Parameters<typeof decide>[3], comment: string | null) {
    const identity = requireIdentity(context);
    await decide(context.store.dataSource, identity, idArgument(id), kind, comment);
    const [found] = await readSubmissions(context.store.dataSource, { ids: [id] });
    return found;
  }
}
