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

/** Narrows the list of tasks; all given conditions apply */
export type TaskFilter = {
  /** Section 1…7 */
  section?: number | null | undefined;
  /** Measure 1…22 */
  measure?: number | null | undefined;
  featured?: boolean | null | undefined;
  /** true: only 长期坚持; false: only tasks with a deadline */
  ongoing?: boolean | null | undefined;
  /** Earliest deadline month, YYYY-MM (excludes ongoing tasks) */
  deadlineFrom?: string | null | undefined;
  /** Latest deadline month, YYYY-MM (excludes ongoing tasks) */
  deadlineTo?: string | null | undefined;
  /** Only tasks this organisation is responsible for */
  organizationId?: string | number | null | undefined;
  /** With organizationId: only tasks it leads */
  leadOnly?: boolean | null | undefined;
  /** Only tasks overdue on this day, YYYY-MM-DD */
  overdueAsOf?: string | null | undefined;
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

export type CountsFieldsFragment = { total: number, achieved: number, onTrack: number, atRisk: number, offTrack: number, incomplete: number, noData: number, noBaseline: number };

export type KpiFieldsFragment = { window: string, windowComplete: boolean, actual: number | null, comparator: Comparator | null, targetValue: number | null, baseline: number | null, effectiveTarget: number | null, gap: number | null, progress: number | null, projected: number | null, status: KpiStatus, reason: string, demo: boolean, figureRule: FigureRule, coverage: number | null, missingPeriods: Array<string> };

export type SeriesFieldsFragment = { period: string, periodEnd: string, value: number, source: string | null };

export type ListedKpiFragment = { window: string, windowComplete: boolean, actual: number | null, comparator: Comparator | null, targetValue: number | null, baseline: number | null, effectiveTarget: number | null, gap: number | null, progress: number | null, projected: number | null, status: KpiStatus, reason: string, demo: boolean, figureRule: FigureRule, coverage: number | null, missingPeriods: Array<string>, indicator: { id: string, name: string, nameEn: string, unit: string, headline: boolean, owners: Array<{ id: string } | null> | null, tasks: Array<{ id: string, sectionSeq: number } | null> | null } | null };

export type FigureFieldsFragment = { period: string, breakdown: string, value: number | null, status: FigureStatus, flags: Array<QualityFlag>, revision: number, withdrawn: boolean, source: string | null, note: string | null, history: Array<{ revision: number, value: number | null, numerator: number | null, denominator: number | null, status: FigureStatus, flags: Array<QualityFlag>, reportedOn: string | null, withdrawn: boolean, source: string | null, reason: string | null, explanation: string | null, warningCodes: Array<string>, recordedBy: string, recordedAt: string, recordedByOrganization: { name: string } | null }> };

export type DashboardMetaQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardMetaQuery = { plan: { title: string, documentNumber: string } | null, sections: Array<{ seq: number, numeral: string, title: string, titleEn: string }> | null, organizations: Array<{ id: string, name: string, nameEn: string }> | null };

export type DashboardQueryVariables = Exact<{
  asOf?: string | null | undefined;
  ownerId?: string | number | null | undefined;
  orgId?: string | null | undefined;
  tasks?: TaskFilter | null | undefined;
  figures?: FigureRule | null | undefined;
}>;


export type DashboardQuery = { organizations: Array<{ id: string, name: string, nameEn: string }> | null, scoreboard: { asOf: string, recordedAsOf: string | null, figureRule: FigureRule, headline: { total: number, achieved: number, onTrack: number, atRisk: number, offTrack: number, incomplete: number, noData: number, noBaseline: number }, targets: { total: number, achieved: number, onTrack: number, atRisk: number, offTrack: number, incomplete: number, noData: number, noBaseline: number }, headlineGoals: Array<{ window: string, windowComplete: boolean, actual: number | null, comparator: Comparator | null, targetValue: number | null, baseline: number | null, effectiveTarget: number | null, gap: number | null, progress: number | null, projected: number | null, status: KpiStatus, reason: string, demo: boolean, figureRule: FigureRule, coverage: number | null, missingPeriods: Array<string>, indicator: { id: string, name: string, nameEn: string, unit: string, rollup: Rollup, headline: boolean, owners: Array<{ id: string } | null> | null, series: Array<{ period: string, periodEnd: string, value: number, source: string | null }> } | null }> } | null, targets: Array<{ window: string, windowComplete: boolean, actual: number | null, comparator: Comparator | null, targetValue: number | null, baseline: number | null, effectiveTarget: number | null, gap: number | null, progress: number | null, projected: number | null, status: KpiStatus, reason: string, demo: boolean, figureRule: FigureRule, coverage: number | null, missingPeriods: Array<string>, indicator: { id: string, name: string, nameEn: string, unit: string, headline: boolean, owners: Array<{ id: string } | null> | null, tasks: Array<{ id: string, sectionSeq: number } | null> | null } | null }> | null, reportingCompleteness: Array<{ expected: number, onTime: number, late: number, missing: number, completeness: number | null, organization: { id: string } | null, reports: Array<{ period: string, due: string, status: ReportStatus, firstReportedAt: string | null, indicator: { id: string, name: string } | null }> }> | null, tasks: Array<{ id: string, seq: number, sectionSeq: number, content: string, deadline: string | null, deadlineAsWritten: string, responsibleAsWritten: string, category: string, ongoing: boolean, featured: boolean, leadOrganization: { id: string } | null, progress: { status: TaskStatus, effectiveStatus: EffectiveTaskStatus, overdue: boolean, lastReportedAt: string | null } }> | null };

export type IndicatorDetailQueryVariables = Exact<{
  id: string | number;
  ref: string;
  asOf?: string | null | undefined;
  figures?: FigureRule | null | undefined;
}>;


export type IndicatorDetailQuery = { indicator: { id: string, name: string, nameEn: string, unit: string, unitEn: string, quote: string, formula: string | null, hasTarget: boolean, rollup: Rollup, owners: Array<{ id: string, name: string, nameEn: string } | null> | null, tasks: Array<{ id: string, content: string } | null> | null, kpi: { window: string, windowComplete: boolean, actual: number | null, comparator: Comparator | null, targetValue: number | null, baseline: number | null, effectiveTarget: number | null, gap: number | null, progress: number | null, projected: number | null, status: KpiStatus, reason: string, demo: boolean, figureRule: FigureRule, coverage: number | null, missingPeriods: Array<string> } | null, series: Array<{ period: string, periodEnd: string, value: number, source: string | null }> } | null, figures: Array<{ period: string, breakdown: string, value: number | null, status: FigureStatus, flags: Array<QualityFlag>, revision: number, withdrawn: boolean, source: string | null, note: string | null, history: Array<{ revision: number, value: number | null, numerator: number | null, denominator: number | null, status: FigureStatus, flags: Array<QualityFlag>, reportedOn: string | null, withdrawn: boolean, source: string | null, reason: string | null, explanation: string | null, warningCodes: Array<string>, recordedBy: string, recordedAt: string, recordedByOrganization: { name: string } | null }> }> | null };

export type InputFiguresQueryVariables = Exact<{
  id: string | number;
  ref: string;
}>;


export type InputFiguresQuery = { indicator: { id: string, name: string, nameEn: string, unit: string, owners: Array<{ id: string, name: string } | null> | null } | null, figures: Array<{ period: string, breakdown: string, value: number | null, status: FigureStatus, flags: Array<QualityFlag>, revision: number, withdrawn: boolean, source: string | null, note: string | null, history: Array<{ revision: number, value: number | null, numerator: number | null, denominator: number | null, status: FigureStatus, flags: Array<QualityFlag>, reportedOn: string | null, withdrawn: boolean, source: string | null, reason: string | null, explanation: string | null, warningCodes: Array<string>, recordedBy: string, recordedAt: string, recordedByOrganization: { name: string } | null }> }> | null };

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
export const CountsFieldsFragmentDoc = new TypedDocumentString(`
    fragment CountsFields on StatusCounts {
  total
  achieved
  onTrack
  atRisk
  offTrack
  incomplete
  noData
  noBaseline
}
    `, {"fragmentName":"CountsFields"}) as unknown as TypedDocumentString<CountsFieldsFragment, unknown>;
export const SeriesFieldsFragmentDoc = new TypedDocumentString(`
    fragment SeriesFields on SeriesPoint {
  period
  periodEnd
  value
  source
}
    `, {"fragmentName":"SeriesFields"}) as unknown as TypedDocumentString<SeriesFieldsFragment, unknown>;
export const KpiFieldsFragmentDoc = new TypedDocumentString(`
    fragment KpiFields on Kpi {
  window
  windowComplete
  actual
  comparator
  targetValue
  baseline
  effectiveTarget
  gap
  progress
  projected
  status
  reason
  demo
  figureRule
  coverage
  missingPeriods
}
    `, {"fragmentName":"KpiFields"}) as unknown as TypedDocumentString<KpiFieldsFragment, unknown>;
export const ListedKpiFragmentDoc = new TypedDocumentString(`
    fragment ListedKpi on Kpi {
  ...KpiFields
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
      sectionSeq
    }
  }
}
    fragment KpiFields on Kpi {
  window
  windowComplete
  actual
  comparator
  targetValue
  baseline
  effectiveTarget
  gap
  progress
  projected
  status
  reason
  demo
  figureRule
  coverage
  missingPeriods
}`, {"fragmentName":"ListedKpi"}) as unknown as TypedDocumentString<ListedKpiFragment, unknown>;
export const FigureFieldsFragmentDoc = new TypedDocumentString(`
    fragment FigureFields on Figure {
  period
  breakdown
  value
  status
  flags
  revision
  withdrawn
  source
  note
  history {
    revision
    value
    numerator
    denominator
    status
    flags
    reportedOn
    withdrawn
    source
    reason
    explanation
    warningCodes
    recordedBy
    recordedAt
    recordedByOrganization {
      name
    }
  }
}
    `, {"fragmentName":"FigureFields"}) as unknown as TypedDocumentString<FigureFieldsFragment, unknown>;
export const DashboardMetaDocument = new TypedDocumentString(`
    query DashboardMeta {
  plan {
    title
    documentNumber
  }
  sections {
    seq
    numeral
    title
    titleEn
  }
  organizations {
    id
    name
    nameEn
  }
}
    `) as unknown as TypedDocumentString<DashboardMetaQuery, DashboardMetaQueryVariables>;
export const DashboardDocument = new TypedDocumentString(`
    query Dashboard($asOf: LocalDate, $ownerId: ID, $orgId: String, $tasks: TaskFilter, $figures: FigureRule) {
  organizations {
    id
    name
    nameEn
  }
  scoreboard(asOf: $asOf, figures: $figures) {
    asOf
    recordedAsOf
    figureRule
    headline {
      ...CountsFields
    }
    targets {
      ...CountsFields
    }
    headlineGoals {
      ...KpiFields
      indicator {
        id
        name
        nameEn
        unit
        rollup
        headline
        owners {
          id
        }
        series(asOf: $asOf, figures: $figures) {
          ...SeriesFields
        }
      }
    }
  }
  targets: kpis(asOf: $asOf, filter: {ownerId: $ownerId}, figures: $figures) {
    ...ListedKpi
  }
  reportingCompleteness(asOf: $asOf, organizationId: $orgId) {
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
      }
      period
      due
      status
      firstReportedAt
    }
  }
  tasks(filter: $tasks) {
    id
    seq
    sectionSeq
    content
    deadline
    deadlineAsWritten
    responsibleAsWritten
    category
    ongoing
    featured
    leadOrganization {
      id
    }
    progress(asOf: $asOf) {
      status
      effectiveStatus
      overdue
      lastReportedAt
    }
  }
}
    fragment CountsFields on StatusCounts {
  total
  achieved
  onTrack
  atRisk
  offTrack
  incomplete
  noData
  noBaseline
}
fragment KpiFields on Kpi {
  window
  windowComplete
  actual
  comparator
  targetValue
  baseline
  effectiveTarget
  gap
  progress
  projected
  status
  reason
  demo
  figureRule
  coverage
  missingPeriods
}
fragment SeriesFields on SeriesPoint {
  period
  periodEnd
  value
  source
}
fragment ListedKpi on Kpi {
  ...KpiFields
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
      sectionSeq
    }
  }
}`) as unknown as TypedDocumentString<DashboardQuery, DashboardQueryVariables>;
export const IndicatorDetailDocument = new TypedDocumentString(`
    query IndicatorDetail($id: ID!, $ref: String!, $asOf: LocalDate, $figures: FigureRule) {
  indicator(id: $id) {
    id
    name
    nameEn
    unit
    unitEn
    quote
    formula
    hasTarget
    rollup
    owners {
      id
      name
      nameEn
    }
    tasks {
      id
      content
    }
    kpi(asOf: $asOf, figures: $figures) {
      ...KpiFields
    }
    series(asOf: $asOf, figures: $figures) {
      ...SeriesFields
    }
  }
  figures(indicator: $ref, includeWithdrawn: true) {
    ...FigureFields
  }
}
    fragment KpiFields on Kpi {
  window
  windowComplete
  actual
  comparator
  targetValue
  baseline
  effectiveTarget
  gap
  progress
  projected
  status
  reason
  demo
  figureRule
  coverage
  missingPeriods
}
fragment SeriesFields on SeriesPoint {
  period
  periodEnd
  value
  source
}
fragment FigureFields on Figure {
  period
  breakdown
  value
  status
  flags
  revision
  withdrawn
  source
  note
  history {
    revision
    value
    numerator
    denominator
    status
    flags
    reportedOn
    withdrawn
    source
    reason
    explanation
    warningCodes
    recordedBy
    recordedAt
    recordedByOrganization {
      name
    }
  }
}`) as unknown as TypedDocumentString<IndicatorDetailQuery, IndicatorDetailQueryVariables>;
export const InputFiguresDocument = new TypedDocumentString(`
    query InputFigures($id: ID!, $ref: String!) {
  indicator(id: $id) {
    id
    name
    nameEn
    unit
    owners {
      id
      name
    }
  }
  figures(indicator: $ref, includeWithdrawn: true) {
    ...FigureFields
  }
}
    fragment FigureFields on Figure {
  period
  breakdown
  value
  status
  flags
  revision
  withdrawn
  source
  note
  history {
    revision
    value
    numerator
    denominator
    status
    flags
    reportedOn
    withdrawn
    source
    reason
    explanation
    warningCodes
    recordedBy
    recordedAt
    recordedByOrganization {
      name
    }
  }
}`) as unknown as TypedDocumentString<InputFiguresQuery, InputFiguresQueryVariables>;