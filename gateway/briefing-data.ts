/**
 * What the briefing reads: four GraphQL queries run through the gateway as the caller (same
 * token, same rules as any client), all on one reference date, one vintage and one figure
 * rule, and the shapes they answer. A briefing is of record: an answer with any error (a
 * subgraph down, a field refused) is refused whole rather than printed in part.
 */
import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './context';
import { executeAsCaller } from './as-caller';

type FigureRuleName = 'ALL' | 'ACCEPTED';

/** The axes every figure of a briefing is read on. */
export interface BriefingAxes {
  asOf: string;
  /** The vintage, an instant (ISO 8601, whole seconds, UTC). */
  recordedAsOf: string;
  /** As the caller asked; absent: the hub's KPI_FIGURES (the answer says which). */
  figures?: FigureRuleName;
}

export interface Named {
  id: string;
  name: string;
  nameEn?: string | null;
}

interface Counts {
  total: number;
  achieved: number;
  onTrack: number;
  atRisk: number;
  offTrack: number;
  incomplete: number;
  noData: number;
  noBaseline: number;
}

export interface Kpi {
  window: string;
  windowEnd: string;
  windowComplete: boolean;
  actual: number | null;
  comparator: string | null;
  targetValue: number | null;
  effectiveTarget: number | null;
  gap: number | null;
  progress: number | null;
  projected: number | null;
  projectionMethod: string;
  status: string;
  reason: string;
  demo: boolean;
  coverage: number | null;
  missingPeriods: string[];
}

interface SeriesPoint {
  period: string;
  periodEnd: string;
  value: number;
  source: string | null;
}

export interface GoalKpi extends Kpi {
  indicator: {
    id: string;
    name: string;
    nameEn: string;
    unit: string;
    owners: Array<{ id: string } | null> | null;
    series: SeriesPoint[];
  };
}

export interface FigureNote {
  period: string;
  periodEnd: string;
  breakdown: string;
  explanation: string | null;
  note: string | null;
  recordedAt: string;
  organization: { id: string } | null;
}

export interface AttentionKpi extends Kpi {
  periods: string[];
  indicator: {
    id: string;
    name: string;
    nameEn: string;
    unit: string;
    /** One of the eight city goals (section 一), served by the plan as a whole. */
    headline: boolean;
    owners: Array<{ id: string } | null> | null;
    tasks: Array<{ id: string; content: string } | null> | null;
    figures: FigureNote[];
  };
}

interface ExpectedReport {
  indicator: { id: string; name: string; nameEn: string } | null;
  period: string;
  due: string;
  status: 'ON_TIME' | 'LATE' | 'MISSING';
}

export interface Completeness {
  organization: { id: string } | null;
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  completeness: number | null;
  reports: ExpectedReport[];
}

export interface OverdueTask {
  id: string;
  seq: number;
  content: string;
  deadlineAsWritten: string;
  leadOrganization: { id: string } | null;
  progress: { effectiveStatus: string; lastReportedAt: string | null; lastNote: string | null };
}

interface MarkedFigure {
  period: string;
  periodEnd: string;
  breakdown: string;
  source: string | null;
  flags: string[];
}

/** Everything a briefing shows, as the hub answered it. */
export interface BriefingData {
  plan: { title: string; titleEn: string; documentNumber: string; issuer: string };
  organizations: Named[];
  scoreboard: {
    asOf: string;
    recordedAsOf: string | null;
    figureRule: FigureRuleName;
    headline: Counts;
    targets: Counts;
    headlineGoals: GoalKpi[];
  };
  attention: AttentionKpi[];
  completeness: Completeness[];
  overdueTasks: OverdueTask[];
  indicators: Array<{ id: string; name: string; nameEn: string; figures: MarkedFigure[] }>;
}

const AXES = '$asOf: LocalDate!, $recordedAsOf: DateTime!, $figures: FigureRule';
const ON_AXES = 'asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures';
const COUNTS = 'total achieved onTrack atRisk offTrack incomplete noData noBaseline';
const KPI = `window windowEnd windowComplete actual comparator targetValue effectiveTarget gap progress projected
  projectionMethod status reason demo coverage missingPeriods`;

const GOALS = `query BriefingGoals(${AXES}) {
  plan { title titleEn documentNumber issuer }
  organizations { id name nameEn }
  scoreboard(${ON_AXES}) { asOf recordedAsOf figureRule headline { ${COUNTS} } targets { ${COUNTS} }
    headlineGoals { ${KPI} indicator { id name nameEn unit owners { id } series(${ON_AXES}) { period periodEnd value source } } } }
}`;

const ATTENTION = `query BriefingAttention(${AXES}) {
  kpis(${ON_AXES}, filter: { status: [OFF_TRACK, AT_RISK] }) { ${KPI} periods
    indicator { id name nameEn unit headline owners { id } tasks { id content }
      figures(asOf: $recordedAsOf) { period periodEnd breakdown explanation note recordedAt organization { id } } } }
}`;

const REPORTING = `query BriefingReporting($asOf: LocalDate!, $recordedAsOf: DateTime!) {
  reportingCompleteness(asOf: $asOf, recordedAsOf: $recordedAsOf) { organization { id } expected onTime late missing completeness
    reports { indicator { id name nameEn } period due status } }
  tasks(filter: { overdueAsOf: $asOf }) { id seq content deadlineAsWritten leadOrganization { id }
    progress(asOf: $asOf) { effectiveStatus lastReportedAt lastNote } }
}`;

const FIGURES = `query BriefingFigures($recordedAsOf: DateTime!) {
  indicators { id name nameEn figures(asOf: $recordedAsOf) { period periodEnd breakdown source flags } }
}`;

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
  const run = async (query: string, variables: Record<string, unknown>): Promise<Record<string, any>> => {
    const result = await executeAsCaller<Record<string, any>>(apollo, contextValue, query, variables);
    if (!('data' in result)) throw new BriefingDataError(result.status, result.errors);
    return result.data;
  };
  const all = figures ? { asOf, recordedAsOf, figures } : { asOf, recordedAsOf };
  // One after the other: a caller's briefing never crowds the gateway more than one query of its own would.
  const goals = await run(GOALS, all);
  const attention = await run(ATTENTION, all);
  const reporting = await run(REPORTING, { asOf, recordedAsOf });
  const marked = await run(FIGURES, { recordedAsOf });
  return {
    plan: goals.plan,
    organizations: goals.organizations,
    scoreboard: goals.scoreboard,
    attention: attention.kpis,
    completeness: reporting.reportingCompleteness,
    overdueTasks: reporting.tasks,
    indicators: marked.indicators,
  };
}
