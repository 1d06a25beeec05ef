/**
 * What the briefing reads: four GraphQL queries run through the gateway as the caller (same
 * token, same rules as any client), all on one reference date, one vintage and one figure
 * rule, and the shapes they answer. A briefing is of record: an answer with any error (a
 * subgraph down, a field refused) is refused whole rather than printed in part.
 */
import type { OperationText } from '../lib/operation-text';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { graphql } from '../lib/gql';
import type {
  BriefingAttentionQuery,
  BriefingFiguresQuery,
  BriefingGoalsQuery,
  BriefingKpiFragment,
  BriefingReportingQuery,
  FigureRule,
} from '../lib/gql/graphql';
import type { GatewayContext } from './context';
import { answered, executeAsCaller } from './as-caller';

type FigureRuleName = FigureRule;

/** The axes every figure of a briefing is read on. */
export interface BriefingAxes {
  asOf: string;
  /** The vintage, an instant (ISO 8601, whole seconds, UTC). */
  recordedAsOf: string;
  /** As the caller asked; absent: the hub's KPI_FIGURES (the answer says which). */
  figures?: FigureRuleName;
}

graphql(`
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
`);

const GOALS = graphql(`
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
`).toString();

const ATTENTION = graphql(`
  query BriefingAttention($asOf: LocalDate!, $recordedAsOf: DateTime!, $figures: FigureRule) {
    kpis(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures, filter: { status: [OFF_TRACK, AT_RISK] }) {
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
`).toString();

const REPORTING = graphql(`
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
    tasks(filter: { overdueAsOf: $asOf }) {
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
`).toString();

const FIGURES = graphql(`
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
`).toString();

/** A KPI with its indicator, which the schema lets be null only beside an error (and a briefing with one is refused). */
type WithIndicator<K extends { indicator: unknown }> = Omit<K, 'indicator'> & { indicator: NonNullable<K['indicator']> };

function withIndicators<K extends { indicator: unknown }>(kpis: K[]): Array<WithIndicator<K>> {
  return kpis.map((kpi) => ({ ...kpi, indicator: answered(kpi.indicator, 'indicator') as NonNullable<K['indicator']> }));
}

type AnsweredScoreboard = NonNullable<BriefingGoalsQuery['scoreboard']>;
export type Named = NonNullable<BriefingGoalsQuery['organizations']>[number];
export type Kpi = BriefingKpiFragment;
export type GoalKpi = WithIndicator<AnsweredScoreboard['headlineGoals'][number]>;
export type AttentionKpi = WithIndicator<NonNullable<BriefingAttentionQuery['kpis']>[number]>;
export type FigureNote = AttentionKpi['indicator']['figures'][number];
export type Completeness = NonNullable<BriefingReportingQuery['reportingCompleteness']>[number];
export type OverdueTask = NonNullable<BriefingReportingQuery['tasks']>[number];

/** Everything a briefing shows, as the hub answered it. */
export interface BriefingData {
  plan: NonNullable<BriefingGoalsQuery['plan']>;
  organizations: Named[];
  scoreboard: Omit<AnsweredScoreboard, 'headlineGoals'> & { headlineGoals: GoalKpi[] };
  attention: AttentionKpi[];
  completeness: Completeness[];
  overdueTasks: OverdueTask[];
  indicators: NonNullable<BriefingFiguresQuery['indicators']>;
}

/** A refusal of the briefing's data: the answer's errors and the HTTP status they stand for. */
export class BriefingDataError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ReadonlyArray<GraphQLFormattedError>,
  ) {
    super(errors[0]?.message ?? 'the hub could not answer the briefing');
  }
}

/** Reads the briefing's data as the caller whose context is given. */
export async function readBriefing(
  apollo: ApolloServer<GatewayContext>,
  contextValue: GatewayContext,
  axes: BriefingAxes,
): Promise<BriefingData> {
  const { asOf, recordedAsOf, figures } = axes;
  const run = async <T, V>(query: OperationText<T, V>, variables: V): Promise<T> => {
    const result = await executeAsCaller(apollo, contextValue, query, variables);
    if (!('data' in result)) throw new BriefingDataError(result.status, result.errors);
    return result.data;
  };
  const all = figures ? { asOf, recordedAsOf, figures } : { asOf, recordedAsOf };
  // One after the other: a caller's briefing never crowds the gateway more than one query of its own would.
  const goals = await run(GOALS, all);
  const attention = await run(ATTENTION, all);
  const reporting = await run(REPORTING, { asOf, recordedAsOf });
  const marked = await run(FIGURES, { recordedAsOf });
  const scoreboard = answered(goals.scoreboard, 'scoreboard');
  return {
    plan: answered(goals.plan, 'plan'),
    organizations: answered(goals.organizations, 'organizations'),
    scoreboard: { ...scoreboard, headlineGoals: withIndicators(scoreboard.headlineGoals) },
    attention: withIndicators(answered(attention.kpis, 'kpis')),
    completeness: answered(reporting.reportingCompleteness, 'reportingCompleteness'),
    overdueTasks: answered(reporting.tasks, 'tasks'),
    indicators: answered(marked.indicators, 'indicators'),
  };
}
