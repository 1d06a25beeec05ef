import type { PeriodType } from '../../../lib/period';
import { PeriodTypeEnum } from './period-type';
import type { TimeAxes } from '../model/axes';
import type { SummedPeriods } from '../model/summed-periods';
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FIGURE_RULES, type FigureRule as FigureRuleName } from '../../../lib/config';
import { KPI_STATUSES, enumOf, type KpiStatus as KpiStatusName } from '../../../lib/enums';
import { Comparator, Indicator, Organization } from './indicator';

export const KpiStatus = enumOf(KPI_STATUSES);
export type KpiStatus = KpiStatusName;
registerEnumType(KpiStatus, {
  name: 'KpiStatus',
  valuesConfig: {
    ACHIEVED: { description: 'The target is met (for rates, levels and ceilings: once the window has closed)' },
    ON_TRACK: { description: 'Not yet met, or not yet final, and projected to meet the target when the window closes' },
    AT_RISK: { description: 'The window is open and the projection misses the target' },
    OFF_TRACK: { description: 'The window has closed and the target was not met' },
    INCOMPLETE: {
      description:
        'The window has closed but its figures cover it only in part (see coverage): the partial value is shown, no verdict is given',
    },
    NO_DATA: { description: 'No figures for the window (or a derived value cannot be computed)' },
    NO_BASELINE: { description: 'A relative target without a recorded baseline: no guess is made' },
    NO_TARGET: { description: 'A monitoring indicator: figures with no target of their own' },
  },
});

export enum ReportStatus {
  ON_TIME = 'ON_TIME',
  LATE = 'LATE',
  MISSING = 'MISSING',
}
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Whether a period due by the reporting calendar was reported, and when',
});

@ObjectType({ description: 'Figures that do not add up: a total against its parts or its breakdowns' })
export class KpiWarning {
  @Field({ description: 'RECONCILIATION' }) code: string;
  @Field() message: string;
}

@ObjectType({ description: 'One complete year of a target evaluated year by year' })
export class KpiYear {
  @Field({ description: 'The year, e.g. "2025"' }) window: string;
  @Field() windowComplete: boolean;
  @Field(() => Float, { nullable: true }) actual: number | null;
  @Field(() => Float, { nullable: true, description: 'Months covered ÷ months in the year (0–1)' }) coverage: number | null;
  @Field(() => KpiStatus) status: KpiStatus;
  @Field() reason: string;
}
export const FigureRule = enumOf(FIGURE_RULES);
export type FigureRule = FigureRuleName;
registerEnumType(FigureRule, {
  name: 'FigureRule',
  description: 'Which figures a KPI counts (KPI_FIGURES sets the default)',
  valuesConfig: {
    ALL: { description: 'Every figure as pushed, reviewed or not' },
    ACCEPTED: { description: 'Only the figures of submissions the coordinator accepted' },
  },
});

@ObjectType({ description: 'Where a target stands as of a date' })
export class Kpi {
  @Field(() => Indicator, { nullable: true }) indicator?: Indicator | null;
  @Field({ description: '"" for the total, else the breakdown' }) breakdown: string;
  @Field({ description: 'The date it is evaluated as of (YYYY-MM-DD)' }) asOf: string;
  @Field(() => FigureRule, { description: 'Which figures it counted' }) figureRule: FigureRule;
  @Field({ description: 'The window the actual value covers: a year ("2025"), or "to <date>" for stocks and levels' })
  window: string;
  @Field({ description: "The day the window closes: the deadline, or the year's end" }) windowEnd: string;
  @Field({ description: 'True when asOf is on or after windowEnd: the status is final' }) windowComplete: boolean;
  @Field(() => Float, { nullable: true, description: "The value rolled up over the window by the indicator's rule" }) actual:
    number | null;
  @Field(() => Float, { nullable: true, description: 'For rates: the sum of numerators' }) numerator: number | null;
  @Field(() => Float, { nullable: true, description: 'For rates: the sum of denominators' }) denominator: number | null;
  @Field(() => [String], { description: 'The periods the actual value is made of' }) periods: string[];
  @Field(() => Comparator, { nullable: true }) comparator: Comparator | null;
  @Field(() => Float, { nullable: true }) targetValue: number | null;
  @Field(() => Float, { nullable: true, description: 'For relative targets: the recorded baseline' }) baseline: number | null;
  @Field(() => Float, { nullable: true, description: 'The value to reach (relative targets: baseline × (1 ∓ X %))' })
  effectiveTarget: number | null;
  @Field(() => Float, { nullable: true, description: 'actual − effectiveTarget' }) gap: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Percent, 100 at the target: actual ÷ target (at least, more than, equal), target ÷ actual (at most), achieved ÷ required change (relative)',
  })
  progress: number | null;
  @Field(() => Float, { nullable: true, description: 'The value projected at windowEnd' }) projected: number | null;
  @Field({ description: 'How the projection was made' }) projectionMethod: string;
  @Field(() => Boolean, { nullable: true, description: 'Whether the projection meets the target' }) willMeetTarget:
    boolean | null;
  @Field(() => KpiStatus) status: KpiStatus;
  @Field({ description: 'The status in words' }) reason: string;
  @Field({ description: 'True when any figure counted is synthetic (source "demo"): say so wherever it is shown' }) demo: boolean;
  @Field(() => Float, {
    nullable: true,
    description:
      'Months covered by the figures counted ÷ months in the window (from the first period the reporting calendar owes, when that starts inside it), 0–1; null for stocks and levels',
  })
  coverage: number | null;
  @Field(() => [String], {
    description:
      'Reports the calendar owed for the window by asOf that nobody made: counted as missing, never projected or imputed',
  })
  missingPeriods: string[];
  /** Periods whose total was summed from breakdowns, by indicator (named by the fromBreakdowns resolver). */
  summedPeriods: SummedPeriods[];
  @Field(() => [KpiWarning], { description: 'A total that disagrees with its parts or its breakdowns beyond the tolerance' })
  warnings: KpiWarning[];
  @Field(() => [KpiYear], {
    description:
      'Continuing targets and targets without a deadline: every complete year, each with its own status, from the deadline on (without one, from the first figure)',
  })
  years: KpiYear[];
  indicatorId: string;
  axes: TimeAxes;
}

@ObjectType({ description: 'How many targets are in each status' })
export class StatusCounts {
  @Field(() => Int) total: number;
  @Field(() => Int) achieved: number;
  @Field(() => Int) onTrack: number;
  @Field(() => Int) atRisk: number;
  @Field(() => Int) offTrack: number;
  @Field(() => Int, { description: 'Closed windows covered only in part: no verdict' }) incomplete: number;
  @Field(() => Int) noData: number;
  @Field(() => Int) noBaseline: number;
}

@ObjectType({ description: 'The plan as a whole' })
export class Scoreboard {
  @Field() asOf: string;
  @Field(() => String, { nullable: true, description: 'The vintage asked for (ISO 8601); null: the current figures' })
  recordedAsOf: string | null;
  @Field(() => FigureRule, { description: 'Which figures its KPIs counted' }) figureRule: FigureRule;
  @Field(() => StatusCounts, { description: 'The eight city goals of section 一' }) headline: StatusCounts;
  @Field(() => StatusCounts, { description: 'Every target of the plan (monitoring indicators excluded)' }) targets: StatusCounts;
  @Field(() => [Kpi], { description: 'The eight city goals' }) headlineGoals: Kpi[];
  @Field(() => [Kpi], { description: 'Targets off track or at risk, off track first' }) needingAttention: Kpi[];
}

@ObjectType({ description: 'A period an owner must report by the calendar' })
export class ExpectedReport {
  @Field(() => Indicator, { nullable: true }) indicator?: Indicator | null;
  @Field(() => Organization, { nullable: true }) organization: Organization;
  @Field() period: string;
  @Field({ description: 'Last day a report is on time' }) due: string;
  @Field(() => ReportStatus) status: ReportStatus;
  @Field(() => String, { nullable: true }) firstReportedAt: string | null;
  indicatorId: string;
}

@ObjectType({ description: 'What an organisation has reported of what it owes' })
export class ReportingCompleteness {
  @Field(() => Organization, { nullable: true }) organization: Organization;
  @Field(() => Int) expected: number;
  @Field(() => Int) onTime: number;
  @Field(() => Int) late: number;
  @Field(() => Int) missing: number;
  @Field(() => Float, { nullable: true, description: 'Reported (on time or late) ÷ expected, percent' }) completeness:
    number | null;
  @Field(() => [ExpectedReport], { description: 'What it still owes' }) owed: ExpectedReport[];
  @Field(() => [ExpectedReport], { description: 'Every expected report' }) reports: ExpectedReport[];
}

@ObjectType({ description: 'The indicators an organisation owns, where they stand, and its reporting' })
export class IndicatorScorecard {
  @Field() asOf: string;
  @Field(() => String, { nullable: true, description: 'The vintage asked for (ISO 8601); null: the current figures' })
  recordedAsOf: string | null;
  @Field(() => StatusCounts) counts: StatusCounts;
  @Field(() => [Kpi], { description: 'Every indicator it owns (principal or not)' }) kpis: Kpi[];
  @Field(() => ReportingCompleteness) reporting: ReportingCompleteness;
}

@ObjectType({ description: 'A value of one period' })
export class SeriesPoint {
  @Field(() => String, { nullable: true, description: '"demo" marks synthetic data' }) source: string | null;
  @Field() period: string;
  @Field() periodEnd: string;
  @Field(() => Float) value: number;
  @Field(() => Float, { nullable: true }) numerator: number | null;
  @Field(() => Float, { nullable: true }) denominator: number | null;
}

@ObjectType({ description: 'The starting value a relative target is measured against' })
export class Baseline {
  @Field(() => Float) value: number;
  @Field(() => String, { nullable: true, description: 'The period it describes, e.g. 2023' }) period: string | null;
  @Field() breakdown: string;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() recordedBy: string;
  @Field(() => Organization, { nullable: true }) recordedByOrganization: Organization;
  @Field() recordedAt: string;
}

@ObjectType({ description: 'Which periods the principal owner reports, and how many days after a period ends they are due' })
export class ReportingCalendar {
  @Field(() => PeriodTypeEnum) periodType: PeriodType;
  @Field(() => Int) dueDays: number;
  @Field({ description: 'First day of the first period due' }) from: string;
}

@InputType({ description: 'Narrows a KPI list' })
export class KpiFilter {
  @Field(() => Boolean, { nullable: true }) headline?: boolean | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => ID, { nullable: true }) taskId?: string | null;
  @Field(() => [KpiStatus], { nullable: true }) status?: KpiStatus[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Include monitoring indicators (status NO_TARGET); default false' })
  includeMonitoring?: boolean | null;
}

/** A section of the plan, as the indicators subgraph sees it: by key, with its tasks' ids from the tasks subgraph. */
@Directive('@key(fields: "seq")')
@ObjectType()
export class Section {
  @Field(() => Int) seq: number;
  @Directive('@external')
  @Field(() => [ID])
  taskIds: string[];
}
