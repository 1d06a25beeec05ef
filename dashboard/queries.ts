/**
 * The GraphQL the dashboard sends (all of it public API), and the shapes it reads back.
 * Whatever another subgraph serves may be null (that subgraph is not answering), and the
 * shapes say so: the views show a placeholder and a notice instead.
 */

export type KpiStatus = 'ACHIEVED' | 'ON_TRACK' | 'AT_RISK' | 'OFF_TRACK' | 'NO_DATA' | 'NO_BASELINE' | 'NO_TARGET';
export type Comparator = 'AT_LEAST' | 'MORE_THAN' | 'AT_MOST' | 'EQUAL' | 'REDUCE_BY_PERCENT' | 'INCREASE_BY_PERCENT';

export interface Named {
  id: string;
  name: string;
  nameEn?: string;
}
export interface SeriesPoint {
  period: string;
  periodEnd: string;
  value: number;
  source: string | null;
}
export interface Counts {
  total: number;
  achieved: number;
  onTrack: number;
  atRisk: number;
  offTrack: number;
  noData: number;
  noBaseline: number;
}
export interface KpiIndicator {
  id: string;
  name: string;
  nameEn: string;
  unit: string;
  /** SUM, LAST, AVERAGE or RATIO: how periods combine into the window's value. */
  rollup?: string;
  headline: boolean;
  owners: Array<Named | null> | null;
  tasks?: Array<{ id: string; sectionSeq: number } | null> | null;
  series?: SeriesPoint[];
}
export interface Kpi {
  window: string;
  windowComplete: boolean;
  actual: number | null;
  comparator: Comparator | null;
  targetValue: number | null;
  baseline: number | null;
  effectiveTarget: number | null;
  gap: number | null;
  progress: number | null;
  projected: number | null;
  status: KpiStatus;
  reason: string;
  demo: boolean;
  indicator: KpiIndicator | null;
}
export interface TaskRow {
  id: string;
  seq: number;
  sectionSeq: number;
  content: string;
  deadline: string | null;
  deadlineAsWritten: string;
  ongoing: boolean;
  featured: boolean;
  leadOrganization: Named | null;
  progress: { status: string; effectiveStatus: string; overdue: boolean; lastReportedAt: string | null } | null;
}
export interface Completeness {
  /** null while the organisations are unavailable. */
  organization: Named | null;
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  completeness: number | null;
}

export interface MetaData {
  plan: { title: string; documentNumber: string } | null;
  sections: Array<{ seq: number; numeral: string; title: string; titleEn: string }> | null;
  organizations: Named[] | null;
}
export interface DashboardData {
  scoreboard: { asOf: string; headline: Counts; targets: Counts; headlineGoals: Kpi[] } | null;
  targets: Kpi[] | null;
  attention: Kpi[] | null;
  reportingCompleteness: Completeness[] | null;
  tasks: TaskRow[] | null;
}

export const META = `query DashboardMeta {
  plan { title documentNumber }
  sections { seq numeral title titleEn }
  organizations { id name nameEn }
}`;

const COUNTS = 'total achieved onTrack atRisk offTrack noData noBaseline';
const KPI = `window windowComplete actual comparator targetValue baseline effectiveTarget gap progress projected status reason demo`;
const LISTED = `id name nameEn unit headline owners { id name } tasks { id sectionSeq }`;

export const DASHBOARD = `query Dashboard($asOf: String, $ownerId: ID, $orgId: String, $tasks: TaskFilter) {
  scoreboard(asOf: $asOf) {
    asOf
    headline { ${COUNTS} }
    targets { ${COUNTS} }
    headlineGoals { ${KPI} indicator { id name nameEn unit rollup headline owners { id name } series(asOf: $asOf) { period periodEnd value source } } }
  }
  targets: kpis(asOf: $asOf, filter: { ownerId: $ownerId }) { ${KPI} indicator { ${LISTED} } }
  attention: kpis(asOf: $asOf, filter: { ownerId: $ownerId, status: [OFF_TRACK, AT_RISK] }) { ${KPI} indicator { ${LISTED} } }
  reportingCompleteness(asOf: $asOf, organizationId: $orgId) { organization { id name nameEn } expected onTime late missing completeness }
  tasks(filter: $tasks) {
    id seq sectionSeq content deadline deadlineAsWritten ongoing featured
    leadOrganization { id name }
    progress(asOf: $asOf) { status effectiveStatus overdue lastReportedAt }
  }
}`;

export interface Revision {
  revision: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
  withdrawn: boolean;
  source: string | null;
  reason: string | null;
  explanation: string | null;
  warningCodes: string[];
  recordedBy: string;
  recordedAt: string;
  recordedByOrganization: { name: string } | null;
}
export interface FigureRow {
  period: string;
  breakdown: string;
  value: number | null;
  status: string;
  revision: number;
  withdrawn: boolean;
  source: string | null;
  note: string | null;
  history: Revision[];
}
export interface DetailIndicator {
  id: string;
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  quote: string;
  formula: string | null;
  hasTarget: boolean;
  rollup: string;
  owners: Array<Named | null> | null;
  tasks: Array<{ id: string; content: string } | null> | null;
  kpi: Kpi | null;
  series: SeriesPoint[];
}
export interface DetailData {
  indicator: DetailIndicator | null;
  figures: FigureRow[] | null;
}

const FIGURES = `period breakdown value status revision withdrawn source note
  history { revision value numerator denominator status withdrawn source reason explanation warningCodes recordedBy recordedAt recordedByOrganization { name } }`;

export const DETAIL = `query IndicatorDetail($id: ID!, $ref: String!, $asOf: String) {
  indicator(id: $id) {
    id name nameEn unit unitEn quote formula hasTarget rollup
    owners { id name nameEn }
    tasks { id content }
    kpi(asOf: $asOf) { ${KPI} }
    series(asOf: $asOf) { period periodEnd value source }
  }
  figures(indicator: $ref, includeWithdrawn: true) { ${FIGURES} }
}`;

/** For a derived indicator: the figures of one of its inputs. */
export const INPUT_FIGURES = `query InputFigures($id: ID!, $ref: String!) {
  indicator(id: $id) { id name nameEn unit owners { id name } }
  figures(indicator: $ref, includeWithdrawn: true) { ${FIGURES} }
}`;
