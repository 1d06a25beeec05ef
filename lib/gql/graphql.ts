/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How an actual value is held against the target, as the wording decides */
export type Comparator =
  /** 以上 / 不低于 / 不少于 / 达到: actual ≥ target */
  | 'AT_LEAST'
  /** 超过 / 突破: actual > target */
  | 'MORE_THAN'
  /** 以内: actual ≤ target */
  | 'AT_MOST'
  /** 100% / 全覆盖: actual = target */
  | 'EQUAL'
  /** 压减 X%: a reduction of at least X % against a recorded baseline */
  | 'REDUCE_BY_PERCENT'
  /** 提升 / 增长 X%: an increase of at least X % against a recorded baseline */
  | 'INCREASE_BY_PERCENT';

/** A task's reported status, or OVERDUE when its deadline has passed and it is not DONE */
export type EffectiveTaskStatus =
  /** Not started, deadline not passed */
  | 'NOT_STARTED'
  /** Under way, deadline not passed */
  | 'IN_PROGRESS'
  /** Completed (never overdue) */
  | 'DONE'
  /** Held up, deadline not passed */
  | 'BLOCKED'
  /** The deadline month's last day is before the as-of date and the task is not DONE */
  | 'OVERDUE';

/** One figure to record */
export type FigureInput = {
  /** Indicator id or name */
  indicator: string;
  /** 2025, 2025H1, 2025Q3 or 2025-07 */
  period: string;
  /** Required unless withdrawing or giving numerator and denominator */
  value?: number | null | undefined;
  numerator?: number | null | undefined;
  denominator?: number | null | undefined;
  /** e.g. a district; omitted for the total */
  breakdown?: string | null | undefined;
  /** PROVISIONAL for a new figure when omitted; a correction keeps the status of the figure it corrects */
  status?: FigureStatus | null | undefined;
  /** Quality flags (ESTIMATED, BREAK_IN_SERIES, …); none when omitted */
  flags?: Array<QualityFlag> | null | undefined;
  /** The day it was originally reported, YYYY-MM-DD: coordinators and admins loading history; not in the future */
  reportedOn?: string | null | undefined;
  note?: string | null | undefined;
  source?: string | null | undefined;
  /** Required to correct a FINAL figure and to withdraw */
  reason?: string | null | undefined;
  /** Why the figure is right although it raises a warning (IMPLAUSIBLE_JUMP …); stored with the revision */
  explanation?: string | null | undefined;
  /** Withdraw the current value (a revision without a value) */
  withdraw?: boolean | null | undefined;
  /** Organisation reported for (id, name or alias); default the caller's. Coordinators and admins only. */
  organization?: string | null | undefined;
};

/** Which figures a KPI counts (KPI_FIGURES sets the default) */
export type FigureRule =
  /** Every figure as pushed, reviewed or not */
  | 'ALL'
  /** Only the figures of submissions the coordinator accepted */
  | 'ACCEPTED';

/** A figure's lifecycle; its quality is told apart by QualityFlag */
export type FigureStatus =
  /** Reported, may still change (the default; the only status of a period in progress) */
  | 'PROVISIONAL'
  /** Confirmed; every correction needs a reason, and it stays FINAL unless the push states otherwise */
  | 'FINAL';

export type KpiStatus =
  /** The target is met (for rates, levels and ceilings: once the window has closed) */
  | 'ACHIEVED'
  /** Not yet met, or not yet final, and projected to meet the target when the window closes */
  | 'ON_TRACK'
  /** The window is open and the projection misses the target */
  | 'AT_RISK'
  /** The window has closed and the target was not met */
  | 'OFF_TRACK'
  /** The window has closed but its figures cover it only in part (see coverage): the partial value is shown, no verdict is given */
  | 'INCOMPLETE'
  /** No figures for the window (or a derived value cannot be computed) */
  | 'NO_DATA'
  /** A relative target without a recorded baseline: no guess is made */
  | 'NO_BASELINE'
  /** A monitoring indicator: figures with no target of their own */
  | 'NO_TARGET';

/** YEAR (2025), HALF (2025H1), QUARTER (2025Q3) or MONTH (2025-07) */
export type PeriodType =
  | 'YEAR'
  | 'HALF'
  | 'QUARTER'
  | 'MONTH';

export type PushFiguresInput = {
  figures: Array<FigureInput>;
  /** Check and count, write nothing */
  dryRun?: boolean | null | undefined;
  /** Write nothing if any row is rejected */
  atomic?: boolean | null | undefined;
  /** The same key again (from the same organisation) returns the first summary and writes nothing */
  idempotencyKey?: string | null | undefined;
  /** Reject (EXPLANATION_REQUIRED, field explanation) a row that raises a warning without an explanation */
  requireExplanations?: boolean | null | undefined;
};

/** How a figure was obtained, apart from its status; each is an SDMX OBS_STATUS code */
export type QualityFlag =
  /** SDMX OBS_STATUS E */
  | 'ESTIMATED'
  /** SDMX OBS_STATUS B */
  | 'BREAK_IN_SERIES'
  /** SDMX OBS_STATUS F */
  | 'FORECAST'
  /** SDMX OBS_STATUS I */
  | 'IMPUTED'
  /** SDMX OBS_STATUS U */
  | 'LOW_RELIABILITY'
  /** SDMX OBS_STATUS D */
  | 'DEFINITION_DIFFERS';

/** Whether a period due by the reporting calendar was reported, and when */
export type ReportStatus =
  | 'ON_TIME'
  | 'LATE'
  | 'MISSING';

/** How figures of shorter periods combine into a longer one */
export type Rollup =
  /** Flows: the sum of the periods */
  | 'SUM'
  /** Stocks and levels: the latest period */
  | 'LAST'
  /** The mean of the periods */
  | 'AVERAGE'
  /** Rates: the sum of numerators over the sum of denominators */
  | 'RATIO';

/** One period's report of an organisation: every figure lands, or none */
export type SubmitReportInput = {
  /** The period every figure is for */
  period: string;
  /** Organisation (id, name or alias); default the caller's */
  organization?: string | null | undefined;
  figures: Array<FigureInput>;
  /** The same key again returns the first receipt and writes nothing */
  idempotencyKey: string;
};

/** The status a responsible agency reports for a task */
export type TaskStatus =
  /** Not started (also the status of a task never reported on) */
  | 'NOT_STARTED'
  /** Under way */
  | 'IN_PROGRESS'
  /** Completed */
  | 'DONE'
  /** Held up; the note says by what */
  | 'BLOCKED';

export type BriefingKpiFragment = { window: string, windowEnd: string, windowComplete: boolean, actual: number | null, comparator: Comparator | null, targetValue: number | null, effectiveTarget: number | null, gap: number | null, progress: number | null, projected: number | null, projectionMethod: string, status: KpiStatus, reason: string, demo: boolean, coverage: number | null, missingPeriods: Array<string> };

export type BriefingGoalsQueryVariables = Exact<{
  asOf: string;
  recordedAsOf: string;
  figures?: FigureRule | null | undefined;
}>;


export type BriefingGoalsQuery = { plan: { title: string, titleEn: string, documentNumber: string, issuer: string } | null, organizations: Array<{ id: string, name: string, nameEn: string }> | null, scoreboard: { asOf: string, recordedAsOf: string | null, figureRule: FigureRule, headline: { total: number, achieved: number, onTrack: number, atRisk: number, offTrack: number, incomplete: number, noData: number, noBaseline: number }, targets: { total: number, achieved: number, onTrack: number, atRisk: number, offTrack: number, incomplete: number, noData: number, noBaseline: number }, headlineGoals: Array<{ window: string, windowEnd: string, windowComplete: boolean, actual: number | null, comparator: Comparator | null, targetValue: number | null, effectiveTarget: number | null, gap: number | null, progress: number | null, projected: number | null, projectionMethod: string, status: KpiStatus, reason: string, demo: boolean, coverage: number | null, missingPeriods: Array<string>, indicator: { id: string, name: string, nameEn: string, unit: string, owners: Array<{ id: string } | null> | null, series: Array<{ period: string, periodEnd: string, value: number, source: string | null }> } | null }> } | null };

export type BriefingAttentionQueryVariables = Exact<{
  asOf: string;
  recordedAsOf: string;
  figures?: FigureRule | null | undefined;
}>;


export type BriefingAttentionQuery = { kpis: Array<{ periods: Array<string>, window: string, windowEnd: string, windowComplete: boolean, actual: number | null, comparator: Comparator | null, targetValue: number | null, effectiveTarget: number | null, gap: number | null, progress: number | null, projected: number | null, projectionMethod: string, status: KpiStatus, reason: string, demo: boolean, coverage: number | null, missingPeriods: Array<string>, indicator: { id: string, name: string, nameEn: string, unit: string, headline: boolean, owners: Array<{ id: string } | null> | null, tasks: Array<{ id: string, content: string } | null> | null, figures: Array<{ period: string, periodEnd: string, breakdown: string, explanation: string | null, note: string | null, recordedAt: string, organization: { id: string } | null }> } | null }> | null };

export type BriefingReportingQueryVariables = Exact<{
  asOf: string;
  recordedAsOf: string;
}>;


export type BriefingReportingQuery = { reportingCompleteness: Array<{ expected: number, onTime: number, late: number, missing: number, completeness: number | null, organization: { id: string } | null, reports: Array<{ period: string, due: string, status: ReportStatus, indicator: { id: string, name: string, nameEn: string } | null }> }> | null, tasks: Array<{ id: string, seq: number, content: string, deadlineAsWritten: string, leadOrganization: { id: string } | null, progress: { effectiveStatus: EffectiveTaskStatus, lastReportedAt: string | null, lastNote: string | null } }> | null };

export type BriefingFiguresQueryVariables = Exact<{
  recordedAsOf: string;
}>;


export type BriefingFiguresQuery = { indicators: Array<{ id: string, name: string, nameEn: string, figures: Array<{ period: string, periodEnd: string, breakdown: string, source: string | null, flags: Array<QualityFlag> }> }> | null };

export type ExportKpiFieldsFragment = { breakdown: string, asOf: string, window: string, windowEnd: string, windowComplete: boolean, actual: number | null, numerator: number | null, denominator: number | null, comparator: Comparator | null, targetValue: number | null, baseline: number | null, effectiveTarget: number | null, gap: number | null, progress: number | null, projected: number | null, willMeetTarget: boolean | null, status: KpiStatus, reason: string, demo: boolean, figureRule: FigureRule, coverage: number | null, missingPeriods: Array<string>, indicator: { id: string, name: string, nameEn: string, unit: string } | null };

export type ExportTaskFieldsFragment = { id: string, deadline: string | null, progress: { status: TaskStatus, effectiveStatus: EffectiveTaskStatus, lastReportedAt: string | null } };

export type ExportKpisQueryVariables = Exact<{
  asOf?: string | null | undefined;
  recordedAsOf?: string | null | undefined;
}>;


export type ExportKpisQuery = { kpis: Array<{ breakdown: string, asOf: string, window: string, windowEnd: string, windowComplete: boolean, actual: number | null, numerator: number | null, denominator: number | null, comparator: Comparator | null, targetValue: number | null, baseline: number | null, effectiveTarget: number | null, gap: number | null, progress: number | null, projected: number | null, willMeetTarget: boolean | null, status: KpiStatus, reason: string, demo: boolean, figureRule: FigureRule, coverage: number | null, missingPeriods: Array<string>, indicator: { id: string, name: string, nameEn: string, unit: string } | null }> | null };

export type ExportScoreboardQueryVariables = Exact<{
  asOf?: string | null | undefined;
  recordedAsOf?: string | null | undefined;
}>;


export type ExportScoreboardQuery = { scoreboard: { asOf: string, headline: { total: number, achieved: number, onTrack: number, atRisk: number, offTrack: number, incomplete: number, noData: number, noBaseline: number }, targets: { total: number, achieved: number, onTrack: number, atRisk: number, offTrack: number, incomplete: number, noData: number, noBaseline: number } } | null };

export type ExportCompletenessQueryVariables = Exact<{
  asOf?: string | null | undefined;
  recordedAsOf?: string | null | undefined;
}>;


export type ExportCompletenessQuery = { reportingCompleteness: Array<{ expected: number, onTime: number, late: number, missing: number, completeness: number | null, organization: { id: string, name: string } | null, reports: Array<{ period: string, due: string, status: ReportStatus, firstReportedAt: string | null, indicator: { id: string } | null }> }> | null };

export type ExportOrganizationQueryVariables = Exact<{
  id: string | number;
  asOf?: string | null | undefined;
  recordedAsOf?: string | null | undefined;
}>;


export type ExportOrganizationQuery = { organization: { id: string, name: string, taskScorecard: { ledTasks: Array<{ id: string, deadline: string | null, progress: { status: TaskStatus, effectiveStatus: EffectiveTaskStatus, lastReportedAt: string | null } }>, sharedTasks: Array<{ id: string, deadline: string | null, progress: { status: TaskStatus, effectiveStatus: EffectiveTaskStatus, lastReportedAt: string | null } }> } | null, indicatorScorecard: { kpis: Array<{ breakdown: string, asOf: string, window: string, windowEnd: string, windowComplete: boolean, actual: number | null, numerator: number | null, denominator: number | null, comparator: Comparator | null, targetValue: number | null, baseline: number | null, effectiveTarget: number | null, gap: number | null, progress: number | null, projected: number | null, willMeetTarget: boolean | null, status: KpiStatus, reason: string, demo: boolean, figureRule: FigureRule, coverage: number | null, missingPeriods: Array<string>, indicator: { id: string, name: string, nameEn: string, unit: string } | null }> } | null } | null };

export type ReportTemplateQueryVariables = Exact<{
  organization: string | number;
  period: string;
  from: string;
}>;


export type ReportTemplateQuery = { organization: { id: string, name: string, nameEn: string } | null, owedIndicators: Array<{ id: string, name: string, nameEn: string, unit: string, unitEn: string, rollup: Rollup, minValue: number | null, maxValue: number | null, integerOnly: boolean, figures: Array<{ period: string, breakdown: string, value: number | null }> }> | null };

export type SdmxDataQueryVariables = Exact<{
  asOf?: string | null | undefined;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type SdmxDataQuery = { indicators: Array<{ id: string, unitEn: string, figures: Array<{ breakdown: string, period: string, periodType: PeriodType, value: number | null, numerator: number | null, denominator: number | null, status: FigureStatus, flags: Array<QualityFlag>, recordedAt: string, organization: { id: string } | null }> }> | null };

export type SdmxStructureQueryVariables = Exact<{ [key: string]: never; }>;


export type SdmxStructureQuery = { indicators: Array<{ id: string, name: string, nameEn: string, unit: string, unitEn: string }> | null, organizations: Array<{ id: string, name: string, nameEn: string }> | null };

export type UploadFiguresMutationVariables = Exact<{
  input: PushFiguresInput;
}>;


export type UploadFiguresMutation = { pushFigures: { replayed: boolean, created: number, updated: number, unchanged: number, rejected: number, skipped: number, rejections: Array<{ index: number, field: string, code: string, message: string }>, warnings: Array<{ index: number, code: string, message: string }> } };

export type UploadReportMutationVariables = Exact<{
  input: SubmitReportInput;
}>;


export type UploadReportMutation = { submitReport: { summary: { replayed: boolean, created: number, updated: number, unchanged: number, rejected: number, skipped: number, rejections: Array<{ index: number, field: string, code: string, message: string }>, warnings: Array<{ index: number, code: string, message: string }> }, receipt: { id: string, period: string, submittedBy: string, submittedAt: string, created: number, updated: number, unchanged: number } | null } };

export type DemoFiguresMutationVariables = Exact<{
  input: PushFiguresInput;
}>;


export type DemoFiguresMutation = { pushFigures: { replayed: boolean, created: number, updated: number, unchanged: number, rejected: number, skipped: number, rejections: Array<{ index: number, field: string, code: string, message: string }>, warnings: Array<{ index: number, code: string, message: string }> } };

export type DemoCollisionsQueryVariables = Exact<{
  indicator: string;
}>;


export type DemoCollisionsQuery = { figures: Array<{ period: string, breakdown: string, recordedBy: string, organization: { id: string } | null }> | null };

export type ImportFiguresMutationVariables = Exact<{
  input: PushFiguresInput;
}>;


export type ImportFiguresMutation = { pushFigures: { replayed: boolean, created: number, updated: number, unchanged: number, rejected: number, skipped: number, rejections: Array<{ index: number, field: string, code: string, message: string }>, warnings: Array<{ index: number, code: string, message: string }> } };

export type TokenOrganizationQueryVariables = Exact<{
  name: string;
}>;


export type TokenOrganizationQuery = { organizationByName: { id: string, name: string } | null };

export type PushSummaryFieldsFragment = { replayed: boolean, created: number, updated: number, unchanged: number, rejected: number, skipped: number, rejections: Array<{ index: number, field: string, code: string, message: string }>, warnings: Array<{ index: number, code: string, message: string }> };

export type StatusCountsFieldsFragment = { total: number, achieved: number, onTrack: number, atRisk: number, offTrack: number, incomplete: number, noData: number, noBaseline: number };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const BriefingKpiFragmentDoc = new TypedDocumentString(`
    fragment BriefingKpi on Kpi {
  window
  windowEnd
  windowComplete
  actual
  comparator
  targetValue
  effectiveTarget
  gap
  progress
  projected
  projectionMethod
  status
  reason
  demo
  coverage
  missingPeriods
}
    `, {"fragmentName":"BriefingKpi"}) as unknown as TypedDocumentString<BriefingKpiFragment, unknown>;
export const ExportKpiFieldsFragmentDoc = new TypedDocumentString(`
    fragment ExportKpiFields on Kpi {
  indicator {
    id
    name
    nameEn
    unit
  }
  breakdown
  asOf
  window
  windowEnd
  windowComplete
  actual
  numerator
  denominator
  comparator
  targetValue
  baseline
  effectiveTarget
  gap
  progress
  projected
  willMeetTarget
  status
  reason
  demo
  figureRule
  coverage
  missingPeriods
}
    `, {"fragmentName":"ExportKpiFields"}) as unknown as TypedDocumentString<ExportKpiFieldsFragment, unknown>;
export const ExportTaskFieldsFragmentDoc = new TypedDocumentString(`
    fragment ExportTaskFields on Task {
  id
  deadline
  progress(asOf: $asOf) {
    status
    effectiveStatus
    lastReportedAt
  }
}
    `, {"fragmentName":"ExportTaskFields"}) as unknown as TypedDocumentString<ExportTaskFieldsFragment, unknown>;
export const PushSummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment PushSummaryFields on ImportSummary {
  replayed
  created
  updated
  unchanged
  rejected
  skipped
  rejections {
    index
    field
    code
    message
  }
  warnings {
    index
    code
    message
  }
}
    `, {"fragmentName":"PushSummaryFields"}) as unknown as TypedDocumentString<PushSummaryFieldsFragment, unknown>;
export const StatusCountsFieldsFragmentDoc = new TypedDocumentString(`
    fragment StatusCountsFields on StatusCounts {
  total
  achieved
  onTrack
  atRisk
  offTrack
  incomplete
  noData
  noBaseline
}
    `, {"fragmentName":"StatusCountsFields"}) as unknown as TypedDocumentString<StatusCountsFieldsFragment, unknown>;
export const BriefingGoalsDocument = new TypedDocumentString(`
    query BriefingGoals($asOf: LocalDate!, $recordedAsOf: DateTime!, $figures: FigureRule) {
  plan {
    title
    titleEn
    documentNumber
    issuer
  }
  organizations {
    id
    name
    nameEn
  }
  scoreboard(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures) {
    asOf
    recordedAsOf
    figureRule
    headline {
      ...StatusCountsFields
    }
    targets {
      ...StatusCountsFields
    }
    headlineGoals {
      ...BriefingKpi
      indicator {
        id
        name
        nameEn
        unit
        owners {
          id
        }
        series(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures) {
          period
          periodEnd
          value
          source
        }
      }
    }
  }
}
    fragment BriefingKpi on Kpi {
  window
  windowEnd
  windowComplete
  actual
  comparator
  targetValue
  effectiveTarget
  gap
  progress
  projected
  projectionMethod
  status
  reason
  demo
  coverage
  missingPeriods
}
fragment StatusCountsFields on StatusCounts {
  total
  achieved
  onTrack
  atRisk
  offTrack
  incomplete
  noData
  noBaseline
}`) as unknown as TypedDocumentString<BriefingGoalsQuery, BriefingGoalsQueryVariables>;
export const BriefingAttentionDocument = new TypedDocumentString(`
    query BriefingAttention($asOf: LocalDate!, $recordedAsOf: DateTime!, $figures: FigureRule) {
  kpis(
    asOf: $asOf
    recordedAsOf: $recordedAsOf
    figures: $figures
    filter: {status: [OFF_TRACK, AT_RISK]}
  ) {
    ...BriefingKpi
    periods
    indicator {
      id
      name
      nameEn
      unit
      headline
      owners {
        id
      }
      tasks {
        id
        content
      }
      figures(asOf: $recordedAsOf) {
        period
        periodEnd
        breakdown
        explanation
        note
        recordedAt
        organization {
          id
        }
      }
    }
  }
}
    fragment BriefingKpi on Kpi {
  window
  windowEnd
  windowComplete
  actual
  comparator
  targetValue
  effectiveTarget
  gap
  progress
  projected
  projectionMethod
  status
  reason
  demo
  coverage
  missingPeriods
}`) as unknown as TypedDocumentString<BriefingAttentionQuery, BriefingAttentionQueryVariables>;
export const BriefingReportingDocument = new TypedDocumentString(`
    query BriefingReporting($asOf: LocalDate!, $recordedAsOf: DateTime!) {
  reportingCompleteness(asOf: $asOf, recordedAsOf: $recordedAsOf) {
    organization {
      id
    }
    expected
    onTime
    late
    missing
    completeness
    reports {
      indicator {
        id
        name
        nameEn
      }
      period
      due
      status
    }
  }
  tasks(filter: {overdueAsOf: $asOf}) {
    id
    seq
    content
    deadlineAsWritten
    leadOrganization {
      id
    }
    progress(asOf: $asOf) {
      effectiveStatus
      lastReportedAt
      lastNote
    }
  }
}
    `) as unknown as TypedDocumentString<BriefingReportingQuery, BriefingReportingQueryVariables>;
export const BriefingFiguresDocument = new TypedDocumentString(`
    query BriefingFigures($recordedAsOf: DateTime!) {
  indicators {
    id
    name
    nameEn
    figures(asOf: $recordedAsOf) {
      period
      periodEnd
      breakdown
      source
      flags
    }
  }
}
    `) as unknown as TypedDocumentString<BriefingFiguresQuery, BriefingFiguresQueryVariables>;
export const ExportKpisDocument = new TypedDocumentString(`
    query ExportKpis($asOf: LocalDate, $recordedAsOf: DateTime) {
  kpis(
    asOf: $asOf
    recordedAsOf: $recordedAsOf
    filter: {includeMonitoring: true}
  ) {
    ...ExportKpiFields
  }
}
    fragment ExportKpiFields on Kpi {
  indicator {
    id
    name
    nameEn
    unit
  }
  breakdown
  asOf
  window
  windowEnd
  windowComplete
  actual
  numerator
  denominator
  comparator
  targetValue
  baseline
  effectiveTarget
  gap
  progress
  projected
  willMeetTarget
  status
  reason
  demo
  figureRule
  coverage
  missingPeriods
}`) as unknown as TypedDocumentString<ExportKpisQuery, ExportKpisQueryVariables>;
export const ExportScoreboardDocument = new TypedDocumentString(`
    query ExportScoreboard($asOf: LocalDate, $recordedAsOf: DateTime) {
  scoreboard(asOf: $asOf, recordedAsOf: $recordedAsOf) {
    asOf
    headline {
      ...StatusCountsFields
    }
    targets {
      ...StatusCountsFields
    }
  }
}
    fragment StatusCountsFields on StatusCounts {
  total
  achieved
  onTrack
  atRisk
  offTrack
  incomplete
  noData
  noBaseline
}`) as unknown as TypedDocumentString<ExportScoreboardQuery, ExportScoreboardQueryVariables>;
export const ExportCompletenessDocument = new TypedDocumentString(`
    query ExportCompleteness($asOf: LocalDate, $recordedAsOf: DateTime) {
  reportingCompleteness(asOf: $asOf, recordedAsOf: $recordedAsOf) {
    organization {
      id
      name
    }
    expected
    onTime
    late
    missing
    completeness
    reports {
      indicator {
        id
      }
      period
      due
      status
      firstReportedAt
    }
  }
}
    `) as unknown as TypedDocumentString<ExportCompletenessQuery, ExportCompletenessQueryVariables>;
export const ExportOrganizationDocument = new TypedDocumentString(`
    query ExportOrganization($id: ID!, $asOf: LocalDate, $recordedAsOf: DateTime) {
  organization(id: $id) {
    id
    name
    taskScorecard(asOf: $asOf) {
      ledTasks {
        ...ExportTaskFields
      }
      sharedTasks {
        ...ExportTaskFields
      }
    }
    indicatorScorecard(asOf: $asOf, recordedAsOf: $recordedAsOf) {
      kpis {
        ...ExportKpiFields
      }
    }
  }
}
    fragment ExportKpiFields on Kpi {
  indicator {
    id
    name
    nameEn
    unit
  }
  breakdown
  asOf
  window
  windowEnd
  windowComplete
  actual
  numerator
  denominator
  comparator
  targetValue
  baseline
  effectiveTarget
  gap
  progress
  projected
  willMeetTarget
  status
  reason
  demo
  figureRule
  coverage
  missingPeriods
}
fragment ExportTaskFields on Task {
  id
  deadline
  progress(asOf: $asOf) {
    status
    effectiveStatus
    lastReportedAt
  }
}`) as unknown as TypedDocumentString<ExportOrganizationQuery, ExportOrganizationQueryVariables>;
export const ReportTemplateDocument = new TypedDocumentString(`
    query ReportTemplate($organization: ID!, $period: Period!, $from: Period!) {
  organization(id: $organization) {
    id
    name
    nameEn
  }
  owedIndicators(organization: $organization, period: $period) {
    id
    name
    nameEn
    unit
    unitEn
    rollup
    minValue
    maxValue
    integerOnly
    figures(from: $from, to: $period) {
      period
      breakdown
      value
    }
  }
}
    `) as unknown as TypedDocumentString<ReportTemplateQuery, ReportTemplateQueryVariables>;
export const SdmxDataDocument = new TypedDocumentString(`
    query SdmxData($asOf: DateTime, $from: Period, $to: Period) {
  indicators {
    id
    unitEn
    figures(asOf: $asOf, from: $from, to: $to) {
      breakdown
      period
      periodType
      value
      numerator
      denominator
      status
      flags
      recordedAt
      organization {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SdmxDataQuery, SdmxDataQueryVariables>;
export const SdmxStructureDocument = new TypedDocumentString(`
    query SdmxStructure {
  indicators {
    id
    name
    nameEn
    unit
    unitEn
  }
  organizations {
    id
    name
    nameEn
  }
}
    `) as unknown as TypedDocumentString<SdmxStructureQuery, SdmxStructureQueryVariables>;
export const UploadFiguresDocument = new TypedDocumentString(`
    mutation UploadFigures($input: PushFiguresInput!) {
  pushFigures(input: $input) {
    ...PushSummaryFields
  }
}
    fragment PushSummaryFields on ImportSummary {
  replayed
  created
  updated
  unchanged
  rejected
  skipped
  rejections {
    index
    field
    code
    message
  }
  warnings {
    index
    code
    message
  }
}`) as unknown as TypedDocumentString<UploadFiguresMutation, UploadFiguresMutationVariables>;
export const UploadReportDocument = new TypedDocumentString(`
    mutation UploadReport($input: SubmitReportInput!) {
  submitReport(input: $input) {
    summary {
      ...PushSummaryFields
    }
    receipt {
      id
      period
      submittedBy
      submittedAt
      created
      updated
      unchanged
    }
  }
}
    fragment PushSummaryFields on ImportSummary {
  replayed
  created
  updated
  unchanged
  rejected
  skipped
  rejections {
    index
    field
    code
    message
  }
  warnings {
    index
    code
    message
  }
}`) as unknown as TypedDocumentString<UploadReportMutation, UploadReportMutationVariables>;
export const DemoFiguresDocument = new TypedDocumentString(`
    mutation DemoFigures($input: PushFiguresInput!) {
  pushFigures(input: $input) {
    ...PushSummaryFields
  }
}
    fragment PushSummaryFields on ImportSummary {
  replayed
  created
  updated
  unchanged
  rejected
  skipped
  rejections {
    index
    field
    code
    message
  }
  warnings {
    index
    code
    message
  }
}`) as unknown as TypedDocumentString<DemoFiguresMutation, DemoFiguresMutationVariables>;
export const DemoCollisionsDocument = new TypedDocumentString(`
    query DemoCollisions($indicator: String!) {
  figures(indicator: $indicator, includeWithdrawn: true) {
    period
    breakdown
    recordedBy
    organization {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DemoCollisionsQuery, DemoCollisionsQueryVariables>;
export const ImportFiguresDocument = new TypedDocumentString(`
    mutation ImportFigures($input: PushFiguresInput!) {
  pushFigures(input: $input) {
    ...PushSummaryFields
  }
}
    fragment PushSummaryFields on ImportSummary {
  replayed
  created
  updated
  unchanged
  rejected
  skipped
  rejections {
    index
    field
    code
    message
  }
  warnings {
    index
    code
    message
  }
}`) as unknown as TypedDocumentString<ImportFiguresMutation, ImportFiguresMutationVariables>;
export const TokenOrganizationDocument = new TypedDocumentString(`
    query TokenOrganization($name: String!) {
  organizationByName(name: $name) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<TokenOrganizationQuery, TokenOrganizationQueryVariables>;