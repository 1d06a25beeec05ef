/**
 * CSV exports of the KPI lists and scorecards, served by the gateway at /export/<name>.csv.
 * Each runs a fixed GraphQL query through the gateway itself, as the caller (same token,
 * same rules), and writes the answer's numbers as they are: the CSV equals the GraphQL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { toCsv } from '../lib/csv';
import type { GatewayContext, gatewayContext } from './context';
import { sendJson } from '../lib/server';

type Row = Record<string, unknown>;

interface Export {
  query: string;
  variables: (params: URLSearchParams) => Record<string, unknown>;
  header: string[];
  rows: (data: Row) => unknown[][];
}

const KPI_FIELDS = `indicator { id name nameEn unit } breakdown asOf window windowEnd windowComplete actual numerator denominator
  comparator targetValue baseline effectiveTarget gap progress projected willMeetTarget status reason demo`;
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
];
const kpiRow = (k: Row, ...prefix: unknown[]): unknown[] => {
  const indicator = (k.indicator ?? {}) as Row;
  return [
    ...prefix,
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
  ];
};
const asOf = (p: URLSearchParams) => ({ asOf: p.get('asOf') || null });
const COUNTS = 'total achieved onTrack atRisk offTrack noData noBaseline';
const COUNT_KEYS = ['total', 'achieved', 'onTrack', 'atRisk', 'offTrack', 'noData', 'noBaseline'];

export const EXPORTS: Record<string, Export> = {
  kpis: {
    query: `query($asOf: String) { kpis(asOf: $asOf, filter: { includeMonitoring: true }) { ${KPI_FIELDS} } }`,
    variables: asOf,
    header: KPI_HEADER,
    rows: (data) => (data.kpis as Row[]).map((k) => kpiRow(k)),
  },
  scoreboard: {
    query: `query($asOf: String) { scoreboard(asOf: $asOf) { asOf headline { ${COUNTS} } targets { ${COUNTS} } } }`,
    variables: asOf,
    header: ['scope', 'as_of', ...COUNT_KEYS.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))],
    rows: (data) => {
      const s = data.scoreboard as Row;
      return (['headline', 'targets'] as const).map((scope) => [scope, s.asOf, ...COUNT_KEYS.map((k) => (s[scope] as Row)[k])]);
    },
  },
  completeness: {
    query: `query($asOf: String) { reportingCompleteness(asOf: $asOf) { organization { id name } expected onTime late missing completeness
      reports { indicator { id } period due status firstReportedAt } } }`,
    variables: asOf,
    header: ['organization', 'organization_name', 'indicator', 'period', 'due', 'status', 'first_reported_at'],
    rows: (data) =>
      (data.reportingCompleteness as Row[]).flatMap((c) =>
        (c.reports as Row[]).map((r) => {
          const organization = c.organization as Row;
          return [organization.id, organization.name, (r.indicator as Row)?.id, r.period, r.due, r.status, r.firstReportedAt];
        }),
      ),
  },
  organization: {
    query: `query($id: ID!, $asOf: String) { organization(id: $id) { id name
      taskScorecard(asOf: $asOf) { ledTasks { id deadline progress(asOf: $asOf) { status effectiveStatus lastReportedAt } }
                                   sharedTasks { id deadline progress(asOf: $asOf) { status effectiveStatus lastReportedAt } } }
      indicatorScorecard(asOf: $asOf) { kpis { ${KPI_FIELDS} } } } }`,
    variables: (p) => ({ id: p.get('id') ?? '', asOf: p.get('asOf') || null }),
    header: [
      'organization',
      'kind',
      'item',
      'deadline',
      'task_status',
      'task_effective_status',
      'last_reported_at',
      ...KPI_HEADER.slice(1),
    ],
    rows: (data) => {
      const org = data.organization as Row | null;
      if (!org) return [];
      const tasks = (org.taskScorecard ?? { ledTasks: [], sharedTasks: [] }) as Row;
      const taskRows = (kind: string, list: Row[]) =>
        list.map((t) => {
          const p = t.progress as Row;
          return [org.id, kind, t.id, t.deadline, p.status, p.effectiveStatus, p.lastReportedAt];
        });
      const kpis = ((org.indicatorScorecard as Row | null)?.kpis ?? []) as Row[];
      return [
        ...taskRows('led task', tasks.ledTasks as Row[]),
        ...taskRows('shared task', tasks.sharedTasks as Row[]),
        ...kpis.map((k) => [org.id, 'indicator', ((k.indicator ?? {}) as Row).id, null, null, null, null, ...kpiRow(k).slice(1)]),
      ];
    },
  },
};

export function exportRoute(apollo: ApolloServer<GatewayContext>, context: ReturnType<typeof gatewayContext>) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> => {
    const name = /^\/export\/([a-z]+)\.csv$/.exec(url.pathname)?.[1];
    const spec = name ? EXPORTS[name] : undefined;
    if (!spec)
      return sendJson(res, 404, {
        error: `exports: ${Object.keys(EXPORTS)
          .map((n) => `/export/${n}.csv`)
          .join(', ')}`,
      });
    let contextValue: GatewayContext;
    try {
      contextValue = await context(req, requestId);
    } catch (error) {
      return sendJson(res, 401, { errors: [{ message: (error as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const response = await apollo.executeOperation(
      { query: spec.query, variables: spec.variables(url.searchParams) },
      { contextValue },
    );
    const body = response.body.kind === 'single' ? response.body.singleResult : null;
    if (!body?.data || body.errors?.length) {
      const code = body?.errors?.[0]?.extensions?.code;
      return sendJson(res, code === 'BAD_USER_INPUT' ? 400 : code === 'UNAUTHENTICATED' ? 401 : 502, {
        errors: body?.errors ?? [],
      });
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}${url.searchParams.get('asOf') ? `-${url.searchParams.get('asOf')}` : ''}.csv"`,
    });
    res.end(`\uFEFF${toCsv(spec.header, spec.rows(body.data as Row))}`);
  };
}
