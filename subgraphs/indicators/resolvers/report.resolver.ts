/**
 * The reporting page's API: what an organisation owes (`obligations`), drafts of a
 * period's report kept on the server (`saveDraft`, `draft`), and submitting a period's
 * report as one atomic push whose warnings must be explained, with a receipt (`submitReport`,
 * `receipt`).
 */
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, forbidden } from '../../../lib/errors';
import { hasRole, requireIdentity } from '../../../lib/identity';
import { type Period } from '../../../lib/period';
import { today } from '../../../lib/clock';
import { LocalDate, PeriodScalar } from '../../../lib/scalars';
import { tooLong, tooLongMessage } from '../../../lib/text';
import { type IndicatorContext, pushDependencies } from '../context';
import { organizationIdArgument } from './organization-argument';
import { ReportStore, type ReceiptRow } from '../data/report-store';
import { obligations } from '../services/obligations';
import { keyReused, pushFigures } from '../services/push';
import { Indicator } from '../schema/indicator';
import { withRows } from './import-summary.resolver';
import { Obligation, ObligationState, Receipt, ReportDraft, SubmitReportInput, SubmitReportResult } from '../schema/report';

type Context = IndicatorContext;

/** The organisation named (id, name or alias), or the caller's; a reporter or analyst acts only for its own. */
async function organizationOf(context: Context, reference: string | null | undefined): Promise<string> {
  const identity = context.identity;
  const ref = reference?.trim();
  if (!ref) {
    if (!identity) throw badInput('organization is required without a token', 'organization');
    return identity.org;
  }
  if (ref.length > 200) throw badInput('organization is longer than 200 characters', 'organization');
  return organizationIdArgument(context, ref);
}

/** Drafts and receipts are the organisation's own: its people, coordinators and admins. */
function requireOwnOrPrivileged(context: Context, organizationId: string): void {
  const identity = requireIdentity(context);
  if (identity.org !== organizationId && !hasRole(identity, 'coordinator', 'admin'))
    throw forbidden(`only ${organizationId}, coordinators and admins see and write its reports`);
}

const toReceipt = (row: ReceiptRow): Receipt => ({
  ...row,
  organization: { id: row.organizationId },
  submittedByOrganization: { id: row.submittedByOrg },
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver(() => Obligation)
export class ReportResolver {
  @Query(() => [Obligation], {
    nullable: true,
    description:
      "What an organisation (default the caller's) must report by the reporting calendar: every period begun by asOf, " +
      'reported, overdue, due or coming, by due day',
  })
  async obligations(
    @Ctx() context: Context,
    @Arg('organization', () => String, { nullable: true, description: 'Id, name or alias' }) organization?: string | null,
    @Arg('asOf', () => LocalDate, { nullable: true, description: 'A day, YYYY-MM-DD (default today)' }) asOf?: string | null,
  ): Promise<Obligation[]> {
    const date = asOf ?? today(context.clock);
    const organizationId = await organizationOf(context, organization);
    return (await obligations(context.loaders.kpiReads, organizationId, date)).map((r) => ({
      indicatorId: r.indicatorId,
      organization: { id: r.organizationId },
      period: r.period.text,
      periodStart: r.period.start,
      periodEnd: r.period.end,
      due: r.due,
      daysLeft: r.daysLeft,
      state: r.state as ObligationState,
      firstReportedAt: r.firstReportedAt,
    }));
  }

  @FieldResolver(() => Indicator, { nullable: true })
  indicator(@Root() obligation: Obligation, @Ctx() { loaders }: Context): Promise<Indicator | null> {
    return loaders.indicator.load(obligation.indicatorId) as Promise<Indicator | null>;
  }

  @Authorized()
  @Query(() => ReportDraft, { nullable: true, description: "The saved draft of a period's report, if any" })
  async draft(
    @Ctx() context: Context,
    @Arg('period', () => PeriodScalar) period: Period,
    @Arg('organization', () => String, { nullable: true }) organization?: string | null,
  ): Promise<ReportDraft | null> {
    const organizationId = await organizationOf(context, organization);
    requireOwnOrPrivileged(context, organizationId);
    const row = await new ReportStore(context.store.dataSource).draft(organizationId, period.text);
    return row && { ...row, organization: { id: row.organizationId } };
  }

  @Authorized('reporter', 'coordinator', 'admin')
  @Mutation(() => ReportDraft, {
    description: "Keeps the form of a period's report as filled in so far (one per organisation and period)",
  })
  async saveDraft(
    @Ctx() context: Context,
    @Arg('period', () => PeriodScalar) period: Period,
    @Arg('content', { description: 'The form, as JSON text' }) content: string,
    @Arg('organization', () => String, { nullable: true }) organization?: string | null,
  ): Promise<ReportDraft> {
    const organizationId = await organizationOf(context, organization);
    requireOwnOrPrivileged(context, organizationId);
    if (tooLong(content, 'draft')) throw badInput(tooLongMessage('content', 'draft'), 'content');
    const row = await new ReportStore(context.store.dataSource).saveDraft(
      organizationId,
      period.text,
      content,
      requireIdentity(context).subject,
    );
    return { ...row, organization: { id: row.organizationId } };
  }

  @Authorized()
  @Query(() => Receipt, { nullable: true, description: 'The receipt of a submitted report, by its id' })
  async receipt(@Ctx() context: Context, @Arg('id') id: string): Promise<Receipt | null> {
    if (!UUID.test(id)) throw badInput('id must be a receipt id', 'id');
    const row = await new ReportStore(context.store.dataSource).receipt(id);
    if (!row) return null;
    requireOwnOrPrivileged(context, row.organizationId);
    return toReceipt(row);
  }

  @Authorized('reporter', 'coordinator', 'admin')
  @Mutation(() => SubmitReportResult, {
    description:
      "Submits a period's report: every figure lands or none (atomic), a figure raising a warning needs an explanation; " +
      'when all landed, the receipt (and the draft is dropped). The same idempotencyKey again returns the same receipt.',
  })
  async submitReport(
    @Ctx() context: Context,
    @Arg('input', () => SubmitReportInput) input: SubmitReportInput,
  ): Promise<SubmitReportResult> {
    const identity = requireIdentity(context);
    const period = input.period.text;
    const organizationId = await organizationOf(context, input.organization);
    requireOwnOrPrivileged(context, organizationId);
    const key = input.idempotencyKey.trim();
    if (key === '' || tooLong(key, 'idempotencyKey')) throw badInput(tooLongMessage('idempotencyKey'), 'idempotencyKey');
    const stray = input.figures.findIndex((f) => f.period.trim() !== period);
    if (stray >= 0) throw badInput(`figure ${stray} is not for ${period}`, 'figures');
    const figures = input.figures.map((f) => ({ ...f, organization: organizationId }));
    const summary = await pushFigures(pushDependencies(context), identity, {
      figures,
      atomic: true,
      requireExplanations: true,
      idempotencyKey: `report:${key}`,
    });
    withRows(summary, input.figures);
    if (summary.rejected > 0) return { summary, receipt: null };
    if (!summary.replayed) {
      context.metrics.figuresWritten.inc({ kind: 'created' }, summary.created);
      context.metrics.figuresWritten.inc({ kind: 'updated' }, summary.updated);
    }
    const store = new ReportStore(context.store.dataSource);
    const receipt = await store.recordReceipt(
      {
        organizationId,
        period,
        submittedBy: identity.subject,
        submittedByOrg: identity.org,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        figures: input.figures.map((f) => ({
          indicator: f.indicator,
          breakdown: f.breakdown?.trim() ?? '',
          value: f.value ?? null,
          numerator: f.numerator ?? null,
          denominator: f.denominator ?? null,
          status: f.status ?? 'PROVISIONAL',
          explanation: f.explanation?.trim() || null,
        })),
      },
      key,
    );
    // The key's claim keeps other writers out of the push; a receipt recorded before it did is not the caller's either.
    if (receipt.submittedBy !== identity.subject || receipt.submittedByOrg !== identity.org) throw keyReused(key);
    await store.dropDraft(organizationId, period);
    return { summary, receipt: toReceipt(receipt) };
  }
}
