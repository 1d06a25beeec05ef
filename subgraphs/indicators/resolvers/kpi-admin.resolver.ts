import { Arg, Authorized, Ctx, FieldResolver, Float, Mutation, Resolver, Root } from 'type-graphql';
import { badInput, forbidden } from '../../../lib/errors';
import { hasRole, requireIdentity } from '../../../lib/identity';
import type { Period, PeriodType } from '../../../lib/period';
import { PeriodScalar } from '../../../lib/scalars';
import { tooLong, tooLongMessage } from '../../../lib/text';
import type { IndicatorContext } from '../context';
import { recordBaseline, saveFormula } from '../data/kpi-store';
import { findCycle, FormulaError, formulaInputs, parseFormula } from '../model/formula';
import { valueProblem } from '../model/rules';
import { Indicator } from '../schema/indicator';
import { Baseline, ReportingCalendar } from '../schema/kpi';

type Context = IndicatorContext;

@Resolver(() => Indicator)
export class KpiAdminResolver {
  @Authorized('reporter', 'coordinator', 'admin')
  @Mutation(() => Baseline, {
    description:
      'Records the baseline a relative target (压减/提升 X%) is measured against; owners, coordinators and admins. Earlier ones are kept.',
  })
  async setBaseline(
    @Ctx() context: Context,
    @Arg('indicator') indicator: string,
    @Arg('value', () => Float) value: number,
    @Arg('period', () => PeriodScalar, { nullable: true, description: 'The period the baseline describes, e.g. 2023' })
    period?: Period | null,
    @Arg('breakdown', () => String, { nullable: true }) breakdown?: string | null,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Baseline> {
    const identity = requireIdentity(context);
    const found = await context.loaders.repository.byReference(indicator);
    if (!hasRole(identity, 'coordinator', 'admin') && !found.owners.includes(identity.org)) {
      throw forbidden(`${identity.org} does not own ${found.id}: only its owners record its baseline`);
    }
    const problem = valueProblem(value, found);
    if (problem) throw badInput(`value ${problem}`, 'value');
    if (note && tooLong(note, 'note')) throw badInput(tooLongMessage('note'), 'note');
    if (breakdown && tooLong(breakdown, 'breakdown')) throw badInput(tooLongMessage('breakdown'), 'breakdown');
    const row = await recordBaseline(context.store.dataSource, identity, {
      indicatorId: found.id,
      breakdown: breakdown?.trim() ?? '',
      value,
      period: period ? period.text : null,
      note: note?.trim() || null,
    });
    return { ...row, recordedByOrganization: { id: row.recordedByOrg } };
  }

  @Authorized('admin')
  @Mutation(() => Indicator, {
    description:
      'Makes an indicator derived from others: numbers, [indicator-id], + − × ÷ and parentheses; null makes it reported again',
  })
  async setIndicatorFormula(
    @Ctx() context: Context,
    @Arg('indicator') indicator: string,
    @Arg('formula', () => String, { nullable: true }) formula?: string | null,
  ): Promise<Indicator> {
    const found = await context.loaders.repository.byReference(indicator);
    const text = formula?.trim() || null;
    if (text) {
      let inputs: string[];
      try {
        inputs = formulaInputs(parseFormula(text));
      } catch (error) {
        if (error instanceof FormulaError) throw badInput(`the formula is not valid: ${error.message}`, 'formula');
        throw error;
      }
      const all = await context.loaders.kpiReads.indicators();
      const known = new Set(all.map((r) => r.id));
      const unknown = inputs.filter((id) => !known.has(id));
      if (unknown.length > 0) throw badInput(`the formula names unknown indicators: ${unknown.join(', ')}`, 'formula');
      // Inputs are reported figures: a derived indicator has none of its own to read.
      const derived = inputs.filter((id) => all.find((r) => r.id === id)?.formula);
      if (derived.length > 0)
        throw badInput(`the formula reads derived indicators (${derived.join(', ')}): use their inputs`, 'formula');
      const graph = new Map(
        all.filter((r) => r.formula && r.id !== found.id).map((r) => [r.id, formulaInputs(parseFormula(r.formula!))]),
      );
      graph.set(found.id, inputs);
      const cycle = findCycle(graph);
      if (cycle) throw badInput(`the formula would make a cycle: ${cycle.join(' → ')}`, 'formula');
    }
    await saveFormula(context.store.dataSource, requireIdentity(context), found.id, text);
    return (await context.loaders.repository.byIds([found.id]))[0] as Indicator;
  }

  @FieldResolver(() => Baseline, { nullable: true, description: 'The latest baseline of its total, for relative targets' })
  async baseline(@Root() indicator: Indicator, @Ctx() { loaders }: Context): Promise<Baseline | null> {
    const row = await loaders.baseline.load(indicator.id);
    return row ? { ...row, recordedByOrganization: { id: row.recordedByOrg } } : null;
  }

  @FieldResolver(() => ReportingCalendar, {
    nullable: true,
    description: 'What its principal owner reports, and when; null for derived indicators',
  })
  reportingCalendar(@Root() indicator: Indicator): ReportingCalendar | null {
    if (indicator.formula || !indicator.calendarPeriodType || indicator.calendarDueDays === null) return null;
    return {
      periodType: indicator.calendarPeriodType as PeriodType,
      dueDays: indicator.calendarDueDays,
      from: indicator.reportingFrom,
    };
  }
}
