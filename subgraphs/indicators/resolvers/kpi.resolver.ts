import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { loadAll } from '../../../lib/collections';
import { today } from '../../../lib/clock';
import { DateTime, LocalDate } from '../../../lib/scalars';
import type { TimeAxes } from '../model/axes';
import type { IndicatorContext } from '../context';
import type { KpiIndicatorRow } from '../data/kpi-rows';
import type { BreakdownKpi } from '../services/kpi-service';
import type { IndicatorLoaders } from '../loaders';
import { Indicator, Organization } from '../schema/indicator';
import {
  ExpectedReport,
  FigureRule,
  IndicatorScorecard,
  Kpi,
  KpiFilter,
  KpiStatus,
  ReportingCompleteness,
  Scoreboard,
  Section,
  SeriesPoint,
  StatusCounts,
} from '../schema/kpi';
import { completeness, countStatuses, toKpi, toReport } from './kpi-answers';

type Context = IndicatorContext;
const AS_OF = {
  nullable: true,
  description: 'The reference date (YYYY-MM-DD; default today): periods count once they have ended by then',
} as const;
const RECORDED_AS_OF = {
  nullable: true,
  description: 'The vintage: figures and baselines as recorded at this instant, later revisions ignored; default now',
} as const;

const FIGURES = { nullable: true, description: 'Which figures to count; default KPI_FIGURES' } as const;

/** The two time axes and the figure rule of the arguments, defaults applied (the day: the subgraph's clock's; the rule: KPI_FIGURES). */
const axesOf = (
  { clock, settings }: Pick<Context, 'clock' | 'settings'>,
  asOf?: string | null,
  recordedAsOf?: Date | null,
  figures?: FigureRule | null,
): TimeAxes => ({
  asOf: asOf ?? today(clock),
  recordedAsOf: recordedAsOf ? recordedAsOf.toISOString() : null,
  figures: figures ?? settings.kpiFigures,
});

async function kpisOf(loaders: IndicatorLoaders, axes: TimeAxes, rows: KpiIndicatorRow[]): Promise<Kpi[]> {
  const kpis = await loadAll(loaders.kpi(axes).loadMany(rows.map((r) => r.id)));
  return kpis.filter((k): k is BreakdownKpi => !!k).map(toKpi);
}

const STATUS_ORDER: KpiStatus[] = [KpiStatus.OFF_TRACK, KpiStatus.AT_RISK];

@Resolver(() => Kpi)
export class KpiResolver {
  @Query(() => [Kpi], { nullable: true, description: 'Where each target stands as of a date (monitoring indicators on request)' })
  async kpis(
    @Ctx() { loaders, clock, settings }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
    @Arg('recordedAsOf', () => DateTime, RECORDED_AS_OF) recordedAsOf?: Date | null,
    @Arg('filter', () => KpiFilter, { nullable: true }) filter?: KpiFilter | null,
    @Arg('figures', () => FigureRule, FIGURES) figures?: FigureRule | null,
  ): Promise<Kpi[]> {
    const axes = axesOf({ clock, settings }, asOf, recordedAsOf, figures);
    const rows = (await loaders.kpiReads.indicators()).filter(
      (r) =>
        (filter?.headline == null || r.headline === filter.headline) &&
        (!filter?.ownerId || r.owners.includes(filter.ownerId)) &&
        (!filter?.taskId || r.taskIds.includes(filter.taskId)) &&
        (filter?.includeMonitoring || r.comparator !== null),
    );
    const kpis = await kpisOf(loaders, axes, rows);
    return filter?.status?.length ? kpis.filter((k) => filter.status!.includes(k.status)) : kpis;
  }

  @Query(() => Scoreboard, {
    nullable: true,
    description: 'The plan as a whole: counts per status for the eight city goals and for all targets',
  })
  async scoreboard(
    @Ctx() { loaders, clock, settings }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
    @Arg('recordedAsOf', () => DateTime, RECORDED_AS_OF) recordedAsOf?: Date | null,
    @Arg('figures', () => FigureRule, FIGURES) figures?: FigureRule | null,
  ): Promise<Scoreboard> {
    const axes = axesOf({ clock, settings }, asOf, recordedAsOf, figures);
    const rows = (await loaders.kpiReads.indicators()).filter((r) => r.comparator !== null);
    const kpis = await kpisOf(loaders, axes, rows);
    const headline = new Set(rows.filter((r) => r.headline).map((r) => r.id));
    const headlineGoals = kpis.filter((k) => headline.has(k.indicatorId));
    return {
      asOf: axes.asOf,
      recordedAsOf: axes.recordedAsOf,
      figureRule: axes.figures,
      headline: countStatuses(headlineGoals),
      targets: countStatuses(kpis),
      headlineGoals,
      needingAttention: kpis
        .filter((k) => STATUS_ORDER.includes(k.status))
        .sort(
          (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.indicatorId.localeCompare(b.indicatorId),
        ),
    };
  }

  @Query(() => [ReportingCompleteness], {
    nullable: true,
    description: "Each owing organisation's reporting: on time, late, missing",
  })
  async reportingCompleteness(
    @Ctx() { loaders, clock, settings }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
    @Arg('recordedAsOf', () => DateTime, RECORDED_AS_OF) recordedAsOf?: Date | null,
    @Arg('organizationId', () => String, { nullable: true }) organizationId?: string | null,
  ): Promise<ReportingCompleteness[]> {
    const axes = axesOf({ clock, settings }, asOf, recordedAsOf);
    const owing = [
      ...new Set(
        (await loaders.kpiReads.indicators()).filter((r) => r.calendarPeriodType && r.owners[0]).map((r) => r.owners[0]),
      ),
    ];
    const ids = organizationId ? owing.filter((id) => id === organizationId) : owing.sort();
    const reports = await loadAll(loaders.reportsOf(axes).loadMany(ids));
    return ids.map((id, i) => completeness(id, reports[i]));
  }

  @FieldResolver(() => Indicator, { nullable: true })
  indicator(@Root() kpi: Kpi, @Ctx() { loaders }: Context): Promise<Indicator | null> {
    return loaders.indicator.load(kpi.indicatorId) as Promise<Indicator | null>;
  }

  @FieldResolver(() => [String], {
    description:
      "The breakdowns whose sum the KPI counted for a total nobody reported: the indicator's own, a derived indicator's inputs', an average's weights' (the reason names each sum's indicator and period)",
  })
  async fromBreakdowns(@Root() kpi: Kpi, @Ctx() { loaders }: Context): Promise<string[]> {
    if (kpi.summedPeriods.length === 0) return [];
    const names = await loadAll(loaders.breakdownNames(kpi.axes).loadMany(kpi.summedPeriods));
    return [...new Set(names.flat())].sort();
  }
}

@Resolver(() => ExpectedReport)
export class ExpectedReportResolver {
  @FieldResolver(() => Indicator, { nullable: true })
  indicator(@Root() report: ExpectedReport, @Ctx() { loaders }: Context): Promise<Indicator | null> {
    return loaders.indicator.load(report.indicatorId) as Promise<Indicator | null>;
  }
}

@Resolver(() => Indicator)
export class IndicatorKpiResolver {
  @FieldResolver(() => Kpi, { nullable: true, description: 'Where this target stands (its total, or one breakdown)' })
  async kpi(
    @Root() indicator: Indicator,
    @Ctx() { loaders, clock, settings }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
    @Arg('recordedAsOf', () => DateTime, RECORDED_AS_OF) recordedAsOf?: Date | null,
    @Arg('breakdown', () => String, { nullable: true }) breakdown?: string | null,
    @Arg('figures', () => FigureRule, FIGURES) figures?: FigureRule | null,
  ): Promise<Kpi | null> {
    const axes = axesOf({ clock, settings }, asOf, recordedAsOf, figures);
    if (breakdown) {
      const found = (await loaders.kpisByBreakdown(axes).load(indicator.id)).find((k) => k.breakdown === breakdown);
      return found ? toKpi(found) : null;
    }
    const kpi = await loaders.kpi(axes).load(indicator.id);
    return kpi ? toKpi(kpi) : null;
  }

  @FieldResolver(() => [Kpi], { description: 'The KPI of the total and of each breakdown reported' })
  async kpisByBreakdown(
    @Root() indicator: Indicator,
    @Ctx() { loaders, clock, settings }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
    @Arg('recordedAsOf', () => DateTime, RECORDED_AS_OF) recordedAsOf?: Date | null,
    @Arg('figures', () => FigureRule, FIGURES) figures?: FigureRule | null,
  ): Promise<Kpi[]> {
    return (await loaders.kpisByBreakdown(axesOf({ clock, settings }, asOf, recordedAsOf, figures)).load(indicator.id)).map(
      toKpi,
    );
  }

  @FieldResolver(() => [SeriesPoint], { description: 'Values over time (totals; computed per period for derived indicators)' })
  async series(
    @Root() indicator: Indicator,
    @Ctx() { loaders, clock, settings }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
    @Arg('recordedAsOf', () => DateTime, RECORDED_AS_OF) recordedAsOf?: Date | null,
    @Arg('figures', () => FigureRule, FIGURES) figures?: FigureRule | null,
  ): Promise<SeriesPoint[]> {
    return (await loaders.series(axesOf({ clock, settings }, asOf, recordedAsOf, figures)).load(indicator.id)).map((o) => ({
      source: o.source ?? null,
      period: o.period.text,
      periodEnd: o.period.end,
      value: o.value,
      numerator: o.numerator,
      denominator: o.denominator,
    }));
  }

  @FieldResolver(() => [ExpectedReport], { description: 'Periods its principal owner must report, and whether they did' })
  async reporting(
    @Root() indicator: Indicator,
    @Ctx() { loaders, clock, settings }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
    @Arg('recordedAsOf', () => DateTime, RECORDED_AS_OF) recordedAsOf?: Date | null,
  ): Promise<ExpectedReport[]> {
    return (await loaders.reportsFor(axesOf({ clock, settings }, asOf, recordedAsOf)).load(indicator.id)).map(toReport);
  }
}

@Resolver(() => Organization)
export class OrganizationScorecardResolver {
  @FieldResolver(() => IndicatorScorecard, {
    nullable: true,
    description: 'The indicators it owns with their status, and its reporting',
  })
  async indicatorScorecard(
    @Root() organization: Organization,
    @Ctx() { loaders, clock, settings }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
    @Arg('recordedAsOf', () => DateTime, RECORDED_AS_OF) recordedAsOf?: Date | null,
    @Arg('figures', () => FigureRule, FIGURES) figures?: FigureRule | null,
  ): Promise<IndicatorScorecard> {
    const axes = axesOf({ clock, settings }, asOf, recordedAsOf, figures);
    const rows = (await loaders.kpiReads.indicators()).filter((r) => r.owners.includes(organization.id));
    const [kpis, reports] = await Promise.all([kpisOf(loaders, axes, rows), loaders.reportsOf(axes).load(organization.id)]);
    return {
      asOf: axes.asOf,
      recordedAsOf: axes.recordedAsOf,
      counts: countStatuses(kpis),
      kpis,
      reporting: completeness(organization.id, reports),
    };
  }
}

@Resolver(() => Section)
export class SectionKpiResolver {
  @Directive('@requires(fields: "taskIds")')
  @FieldResolver(() => StatusCounts, { nullable: true, description: "Counts per status of the targets of this section's tasks" })
  async kpiSummary(
    @Root() section: Section,
    @Ctx() { loaders, clock, settings }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
    @Arg('recordedAsOf', () => DateTime, RECORDED_AS_OF) recordedAsOf?: Date | null,
    @Arg('figures', () => FigureRule, FIGURES) figures?: FigureRule | null,
  ): Promise<StatusCounts> {
    return countStatuses(await this.sectionKpis(section, loaders, axesOf({ clock, settings }, asOf, recordedAsOf, figures)));
  }

  @Directive('@requires(fields: "taskIds")')
  @FieldResolver(() => [Kpi], { nullable: true, description: "The targets of this section's tasks, where they stand" })
  async kpis(
    @Root() section: Section,
    @Ctx() { loaders, clock, settings }: Context,
    @Arg('asOf', () => LocalDate, AS_OF) asOf?: string | null,
    @Arg('recordedAsOf', () => DateTime, RECORDED_AS_OF) recordedAsOf?: Date | null,
    @Arg('figures', () => FigureRule, FIGURES) figures?: FigureRule | null,
  ): Promise<Kpi[]> {
    return this.sectionKpis(section, loaders, axesOf({ clock, settings }, asOf, recordedAsOf, figures));
  }

  private async sectionKpis(section: Section, loaders: IndicatorLoaders, axes: TimeAxes): Promise<Kpi[]> {
    const tasks = new Set(section.taskIds ?? []);
    const rows = (await loaders.kpiReads.indicators()).filter(
      (r) => r.comparator !== null && r.taskIds.some((t) => tasks.has(t)),
    );
    return kpisOf(loaders, axes, rows);
  }
}
