/**
 * The GraphQL the dashboard sends (all of it public API), and the shapes it reads back.
 * The shapes are generated from the checked-in supergraph into gql/ (`npm run build`,
 * scripts/build-types.ts): an operation that stops validating against the schema fails
 * the build. Whatever another subgraph serves may be null (that subgraph is not
 * answering), and the generated shapes say so: the views show a placeholder and a notice.
 */
import { graphql } from './gql';
import type {
  CountsFieldsFragment,
  DashboardMetaQuery,
  DashboardQuery,
  DashboardQueryVariables,
  FigureFieldsFragment,
  IndicatorDetailQuery,
  InputFiguresQuery,
  KpiFieldsFragment,
  SeriesFieldsFragment,
} from './gql/graphql';

export type { Comparator, FigureRule, KpiStatus } from './gql/graphql';

/** The element type of a list the hub may answer with null. */
type Item<List> = NonNullable<List> extends ReadonlyArray<infer T> ? NonNullable<T> : never;

export type MetaData = DashboardMetaQuery;
/** The DASHBOARD answer as it comes: organisations by id, their names listed once at its root. */
export type DashboardAnswer = DashboardQuery;
export type DashboardVariables = DashboardQueryVariables;
export type DetailData = IndicatorDetailQuery;
export type InputData = InputFiguresQuery;
export type Counts = CountsFieldsFragment;
export type Kpi = KpiFieldsFragment;
export type SeriesPoint = SeriesFieldsFragment;
export type FigureRow = FigureFieldsFragment;
export type Named = { id: string; name: string; nameEn?: string | null };

/** An organisation as the DASHBOARD answer lists it at its root. */
export type Organization = Item<DashboardQuery['organizations']>;
/** T with the organisations it refers to at keys K (by id) put back with their names; null where unknown. */
type WithNames<T, K extends keyof T> = Omit<T, K> & {
  [P in K]: NonNullable<T[P]> extends ReadonlyArray<unknown> ? Array<Organization | null> | null : Organization | null;
};
/** A target with its indicator's owners named. */
type OwnersNamed<T extends { indicator: { owners: unknown } | null }> = Omit<T, 'indicator'> & {
  indicator: WithNames<NonNullable<T['indicator']>, 'owners'> | null;
};
type AnswerScoreboard = NonNullable<DashboardQuery['scoreboard']>;

/** A headline goal: its indicator with the series its tile draws. */
export type GoalKpi = OwnersNamed<Item<AnswerScoreboard['headlineGoals']>>;
/** A row of the target lists: its indicator with its tasks' sections. */
export type ListedKpi = OwnersNamed<Item<DashboardQuery['targets']>>;
export type Completeness = WithNames<Item<DashboardQuery['reportingCompleteness']>, 'organization'>;
export type TaskRow = WithNames<Item<DashboardQuery['tasks']>, 'leadOrganization'>;

/** What the views render: the DASHBOARD answer with names put back (dashboard/names.ts). */
export interface DashboardData {
  scoreboard: (Omit<AnswerScoreboard, 'headlineGoals'> & { headlineGoals: GoalKpi[] }) | null;
  targets: ListedKpi[] | null;
  /** The targets off track or at risk: picked from `targets`, not asked for again. */
  attention: ListedKpi[] | null;
  reportingCompleteness: Completeness[] | null;
  tasks: TaskRow[] | null;
}

graphql(`
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
`);

graphql(`
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
`);

graphql(`
  fragment SeriesFields on SeriesPoint {
    period
    periodEnd
    value
    source
  }
`);

graphql(`
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
`);

graphql(`
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
`);

export const META = graphql(`
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
`).toString();

/**
 * The page's data in one query. Organisations are named by id wherever they appear and
 * listed once at the root: Apollo's planner makes one organizations fetch per response
 * path that reaches an organisation, so asking for names at each path (owners, reporting
 * agencies, lead agencies) would cost one fetch each, one after the other.
 */
export const DASHBOARD = graphql(`
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
    targets: kpis(asOf: $asOf, filter: { ownerId: $ownerId }, figures: $figures) {
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
`).toString();

export const DETAIL = graphql(`
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
`).toString();

/** For a derived indicator: the figures of one of its inputs. */
export const INPUT_FIGURES = graphql(`
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
`).toString();
