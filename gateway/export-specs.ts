/**
 * What each CSV export asks the gateway and how it lays out the answer: one header, and
 * every row exactly as wide as it. Parameters are checked before anything runs.
 */
import { badInput, notFound } from '../lib/errors';
import { parseDateTime, parseLocalDate } from '../lib/scalars';

export type Row = Record<string, unknown>;

export interface ExportSpec {
  query: string;
  /** The query's variables from the URL's parameters; throws BAD_USER_INPUT for a bad one. */
  variables: (params: URLSearchParams) => Record<string, unknown>;
  header: string[];
  /** The rows of an answer; throws NOT_FOUND when what was asked for does not exist. */
  rows: (data: Row, variables: Record<string, unknown>) => unknown[][];
  /** The parts of the file name after the export's own, from checked variables only. */
  fileParts: (variables: Record<string, unknown>) => unknown[];
}

const KPI_FIELDS = `indicator { id name nameEn unit } breakdown asOf window windowEnd windowComplete actual numerator denominator
  comparator targetValue baseline effectiveTarget gap progress projected willMeetTarget status reason demo
  figureRule coverage missingPeriods`;
const KPI_HEADER = [
  'indicator',
  'name',
  'name_en',
  'unit',
  'breakdown',
  'as_of',
  'window',
  'window_end',
  'window_complete',
  'actual',
  'numerator',
  'denominator',
  'comparator',
  'target',
  'baseline',
  'effective_target',
  'gap',
  'progress_percent',
  'projected',
  'will_meet_target',
  'status',
  'reason',
  'demo',
  'figure_rule',
  'coverage',
  'missing_periods',
];
const kpiRow = (k: Row): unknown[] => {
  const indicator = (k.indicator ?? {}) as Row;
  return [
    indicator.id,
    indicator.name,
    indicator.nameEn,
    indicator.unit,
    k.breakdown,
    k.asOf,
    k.window,
    k.windowEnd,
    k.windowComplete,
    k.actual,
    k.numerator,
    k.denominator,
    k.comparator,
    k.targetValue,
    k.baseline,
    k.effectiveTarget,
    k.gap,
    k.progress,
    k.projected,
    k.willMeetTarget,
    k.status,
    k.reason,
    k.demo,
    k.figureRule,
    k.coverage,
    ((k.missingPeriods ?? []) as string[]).join(' '),
  ];
};

/** `asOf`, a date written YYYY-MM-DD, or absent (today); `recordedAsOf`, an instant, or absent (now). */
function asOf(params: URLSearchParams): { asOf: string | null; recordedAsOf: string | null } {
  const day = params.get('asOf');
  const vintage = params.get('recordedAsOf');
  return {
    asOf: day === null || day === '' ? null : parseLocalDate(day, 'asOf'),
    recordedAsOf: vintage === null || vintage === '' ? null : parseDateTime(vintage, 'recordedAsOf').toISOString(),
  };
}
const AXES = '$asOf: LocalDate, $recordedAsOf: DateTime';
const ON_AXES = 'asOf: $asOf, recordedAsOf: $recordedAsOf';
const asOfPart = (variables: Record<string, unknown>) => [variables.asOf];

/** Organisation ids as the organizations subgraph stores them. */
const ORGANIZATION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const COUNTS = 'total achieved onTrack atRisk offTrack incomplete noData noBaseline';
const COUNT_KEYS = ['total', 'achieved', 'onTrack', 'atRisk', 'offTrack', 'incomplete', 'noData', 'noBaseline'];

const TASK_HEADER = ['deadline', 'task_status', 'task_effective_status', 'last_reported_at'];
const TASK_FIELDS = 'id deadline progress(asOf: $asOf) { status effectiveStatus lastReportedAt }';

export const EXPORTS: Record<string, ExportSpec> = {
  kpis: {
    query: `query ExportKpis(${AXES}) { kpis(${ON_AXES}, filter: { includeMonitoring: true }) { ${KPI_FIELDS} } }`,
    variables: asOf,
    header: KPI_HEADER,
    rows: (data) => (data.kpis as Row[]).map(kpiRow),
    fileParts: asOfPart,
  },
  scoreboard: {
    query: `query ExportScoreboard(${AXES}) { scoreboard(${ON_AXES}) { asOf headline { ${COUNTS} } targets { ${COUNTS} } } }`,
    variables: asOf,
    header: ['scope', 'as_of', ...COUNT_KEYS.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))],
    rows: (data) => {
      const s = data.scoreboard as Row;
      return (['headline', 'targets'] as const).map((scope) => [scope, s.asOf, ...COUNT_KEYS.map((k) => (s[scope] as Row)[k])]);
    },
    fileParts: asOfPart,
  },
  completeness: {
    query: `query ExportCompleteness(${AXES}) { reportingCompleteness(${ON_AXES}) { organization { id name } expected onTime late missing completeness
      reports { indicator { id } period due status firstReportedAt } } }`,
    variables: asOf,
    header: ['organization', 'organization_name', 'indicator', 'period', 'due', 'status', 'first_reported_at'],
    rows: (data) =>
      (data.reportingCompleteness as Row[]).flatMap((c) =>
        (c.reports as Row[]).map((r) => {
          const organization = (c.organization ?? {}) as Row;
          return [organization.id, organization.name, (r.indicator as Row)?.id, r.period, r.due, r.status, r.firstReportedAt];
        }),
      ),
    fileParts: asOfPart,
  },
  // Tasks and indicators in one table of the same columns: a task's row leaves the
  // indicator's columns empty, an indicator's row the task's.
  organization: {
    query: `query ExportOrganization($id: ID!, ${AXES}) { organization(id: $id) { id name
      taskScorecard(asOf: $asOf) { ledTasks { ${TASK_FIELDS} } sharedTasks { ${TASK_FIELDS} } }
      indicatorScorecard(${ON_AXES}) { kpis { ${KPI_FIELDS} } } } }`,
    variables: (params) => {
      const id = params.get('id');
      if (!id) throw badInput('id is required: /export/organization.csv?id=amr', 'id');
      return { id, ...asOf(params) };
    },
    header: ['organization', 'kind', 'item', ...TASK_HEADER, ...KPI_HEADER.slice(1)],
    rows: (data, variables) => {
      const org = data.organization as Row | null;
      if (!org) throw notFound('organisation', String(variables.id).slice(0, 80));
      const noKpi = KPI_HEADER.slice(1).map(() => null);
      const noTask = TASK_HEADER.map(() => null);
      const tasks = (org.taskScorecard ?? { ledTasks: [], sharedTasks: [] }) as Row;
      const taskRows = (kind: string, list: Row[]) =>
        list.map((t) => {
          const p = (t.progress ?? {}) as Row;
          return [org.id, kind, t.id, t.deadline, p.status, p.effectiveStatus, p.lastReportedAt, ...noKpi];
        });
      const kpis = ((org.indicatorScorecard as Row | null)?.kpis ?? []) as Row[];
      return [
        ...taskRows('led task', tasks.ledTasks as Row[]),
        ...taskRows('shared task', tasks.sharedTasks as Row[]),
        ...kpis.map((k) => {
          const [indicator, ...rest] = kpiRow(k);
          return [org.id, 'indicator', indicator, ...noTask, ...rest];
        }),
      ];
    },
    fileParts: (variables) => [ORGANIZATION_ID.test(String(variables.id)) ? variables.id : null, variables.asOf],
  },
};
