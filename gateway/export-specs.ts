/**
 * What each CSV export asks the gateway (its queries: gateway/export-queries.ts) and how it
 * lays out the answer: one header, and every row exactly as wide as it. Parameters are
 * checked before anything runs. Each query is typed from the schema (lib/gql, `npm run
 * build`): its answer is read as the schema says.
 */
import type { OperationText } from '../lib/operation-text';
import type { GraphQLFormattedError } from 'graphql';
import { badInput, notFound } from '../lib/errors';
import type { ExportKpiFieldsFragment, ExportTaskFieldsFragment } from '../lib/gql/graphql';
import type { StatusCounts } from '../lib/hub-fragments';
import { parseDateTime, parseLocalDate } from '../lib/scalars';
import { answered, type Executed } from './as-caller';
import { COMPLETENESS, KPIS, ORGANIZATION, SCOREBOARD } from './export-queries';

/** Runs one typed operation as the caller: its data, or its errors with their status. */
type Run = <T, V>(query: OperationText<T, V>, variables: V) => Promise<Executed<T>>;

/** One export: its query, variables and rows agreeing on the types the schema gives them. */
interface ExportSpec<T, V> {
  query: OperationText<T, V>;
  /** The query's variables from the URL's parameters; throws BAD_USER_INPUT for a bad one. */
  variables: (params: URLSearchParams) => V;
  header: string[];
  /** The rows of an answer; throws NOT_FOUND when what was asked for does not exist. */
  rows: (data: T, variables: V) => unknown[][];
  /** The parts of the file name after the export's own, from checked variables only. */
  fileParts: (variables: V) => unknown[];
}

/** An export as the route runs it. */
export interface Export {
  header: string[];
  /** The export's rows and file-name parts, or the errors its query answered. */
  produce(
    run: Run,
    params: URLSearchParams,
  ): Promise<{ rows: unknown[][]; fileParts: unknown[] } | { status: number; errors: GraphQLFormattedError[] }>;
}

const csvExport = <T, V>(spec: ExportSpec<T, V>): Export => ({
  header: spec.header,
  async produce(run, params) {
    const variables = spec.variables(params);
    const result = await run(spec.query, variables);
    if (!('data' in result)) return result;
    return { rows: spec.rows(result.data, variables), fileParts: spec.fileParts(variables) };
  },
});

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
const kpiRow = (k: ExportKpiFieldsFragment): unknown[] => {
  const indicator = k.indicator;
  return [
    indicator?.id,
    indicator?.name,
    indicator?.nameEn,
    indicator?.unit,
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
    (k.missingPeriods ?? []).join(' '),
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
const asOfPart = (variables: { asOf: string | null }) => [variables.asOf];

/** Organisation ids as the organizations subgraph stores them. */
const ORGANIZATION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const COUNT_KEYS = [
  'total',
  'achieved',
  'onTrack',
  'atRisk',
  'offTrack',
  'incomplete',
  'noData',
  'noBaseline',
] as const satisfies ReadonlyArray<keyof StatusCounts>;

const TASK_HEADER = ['deadline', 'task_status', 'task_effective_status', 'last_reported_at'];

export const EXPORTS: Record<string, Export> = {
  kpis: csvExport({
    query: KPIS,
    variables: asOf,
    header: KPI_HEADER,
    rows: (data) => answered(data.kpis, 'kpis').map(kpiRow),
    fileParts: asOfPart,
  }),
  scoreboard: csvExport({
    query: SCOREBOARD,
    variables: asOf,
    header: ['scope', 'as_of', ...COUNT_KEYS.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))],
    rows: (data) => {
      const s = answered(data.scoreboard, 'scoreboard');
      return (['headline', 'targets'] as const).map((scope) => [scope, s.asOf, ...COUNT_KEYS.map((k) => s[scope][k])]);
    },
    fileParts: asOfPart,
  }),
  completeness: csvExport({
    query: COMPLETENESS,
    variables: asOf,
    header: ['organization', 'organization_name', 'indicator', 'period', 'due', 'status', 'first_reported_at'],
    rows: (data) =>
      answered(data.reportingCompleteness, 'reportingCompleteness').flatMap((c) =>
        c.reports.map((r) => [
          c.organization?.id,
          c.organization?.name,
          r.indicator?.id,
          r.period,
          r.due,
          r.status,
          r.firstReportedAt,
        ]),
      ),
    fileParts: asOfPart,
  }),
  // Tasks and indicators in one table of the same columns: a task's row leaves the
  // indicator's columns empty, an indicator's row the task's.
  organization: csvExport({
    query: ORGANIZATION,
    variables: (params) => {
      const id = params.get('id');
      if (!id) throw badInput('id is required: /export/organization.csv?id=amr', 'id');
      return { id, ...asOf(params) };
    },
    header: ['organization', 'kind', 'item', ...TASK_HEADER, ...KPI_HEADER.slice(1)],
    rows: ({ organization: org }, variables) => {
      if (!org) throw notFound('organisation', variables.id.slice(0, 80));
      const noKpi = KPI_HEADER.slice(1).map(() => null);
      const noTask = TASK_HEADER.map(() => null);
      const tasks = org.taskScorecard ?? { ledTasks: [], sharedTasks: [] };
      const taskRows = (kind: string, list: ExportTaskFieldsFragment[]) =>
        list.map((t) => {
          const p = t.progress;
          return [org.id, kind, t.id, t.deadline, p?.status, p?.effectiveStatus, p?.lastReportedAt, ...noKpi];
        });
      const kpis = org.indicatorScorecard?.kpis ?? [];
      return [
        ...taskRows('led task', tasks.ledTasks),
        ...taskRows('shared task', tasks.sharedTasks),
        ...kpis.map((k) => {
          const [indicator, ...rest] = kpiRow(k);
          return [org.id, 'indicator', indicator, ...noTask, ...rest];
        }),
      ];
    },
    fileParts: (variables) => [ORGANIZATION_ID.test(variables.id) ? variables.id : null, variables.asOf],
  }),
};
