/**
 * SDMX REST for statisticians' tools (R's rsdmx, Python's sdmx1, Excel via .Stat): the hub's
 * figures as the dataflow IPZONE:FIGURES(1.0), served by the gateway under /sdmx.
 *
 *   GET /sdmx/dataflow/IPZONE/FIGURES/1.0            structure: dataflow, DSD, concepts, codelists
 *       (also /sdmx/datastructure/…, /sdmx/codelist/…, /sdmx/conceptscheme/…; all and latest allowed)
 *   GET /sdmx/data/IPZONE,FIGURES,1.0/{key}          data; key INDICATOR.BREAKDOWN.FREQ, e.g. court-ip-cases-closed._T.Q
 *       ?startPeriod=2025-Q1&endPeriod=2025&updatedAfter=<instant>&asOf=<instant>
 *
 * Data is SDMX-ML 2.1 structure-specific by default, SDMX-CSV 1.0 when asked by Accept
 * (application/vnd.sdmx.data+csv) or by `format=csv`. `asOf` is the hub's extension: the
 * figures as recorded at that instant (the vintage). Each request runs one GraphQL query
 * through the gateway as the caller, so the read rules are the API's (READS_REQUIRE_TOKEN).
 */
import type { OperationText } from '../lib/operation-text';
import type { ApolloServer } from '@apollo/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import type { SdmxDataQueryVariables } from '../lib/gql/graphql';
import { isCodedError } from '../lib/format-error';
import { ErrorCode, unauthenticated } from '../lib/errors';
import type { GatewayContext, gatewayContext } from './context';
import { executeAsCaller, STATUS } from './as-caller';
import { dataCsv, dataMessage, DATA_QUERY, parseKey, toSeries } from './sdmx-data';
import { AGENCY, DSD, FLOW, hubPeriod, VERSION } from './sdmx-model';
import { type Part, structureMessage, STRUCTURE_QUERY } from './sdmx-structure';

type Answer = { status: number; type: string; body: string } | { status: number; errors: GraphQLFormattedError[] };

const refused = (status: number, code: string, message: string, field?: string): Answer => ({
  status,
  errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }],
});

const STRUCTURES: Record<string, string[]> = {
  dataflow: [FLOW],
  datastructure: [DSD],
  codelist: ['CL_INDICATOR', 'CL_FREQ', 'CL_UNIT', 'CL_OBS_STATUS', 'CL_FIGURE_STATUS', 'CL_ORGANISATION'],
  conceptscheme: ['CS_IPZONE'],
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** What a structure path names exists here: agency IPZONE, a known id and version 1.0 (or all, latest). */
function knownStructure(kind: string, [agency, id, version]: string[]): boolean {
  const any = (v: string | undefined, known: string[]) => v === undefined || v === 'all' || v === 'latest' || known.includes(v);
  return Object.hasOwn(STRUCTURES, kind) && any(agency, [AGENCY]) && any(id, STRUCTURES[kind]) && any(version, [VERSION]);
}

const OWN: Record<string, Part> = {
  dataflow: 'dataflows',
  datastructure: 'datastructures',
  codelist: 'codelists',
  conceptscheme: 'concepts',
};
const BELOW: Record<string, Part[]> = {
  dataflow: ['datastructures', 'codelists', 'concepts'],
  datastructure: ['codelists', 'concepts'],
  codelist: [],
  conceptscheme: [],
};

/**
 * What a structure request answers: the structure itself and, as `references` asks (SDMX
 * REST: none by default), those it uses. A data structure always comes with its concepts
 * and codelists, which a client needs to read it; only the dataflow refers to it.
 */
function structureParts(kind: string, references: string | null): Part[] | null {
  const asked = references ?? 'none';
  if (!['none', 'parents', 'parentsandsiblings', 'children', 'descendants', 'all'].includes(asked)) return null;
  const below = asked === 'children' || asked === 'descendants' || asked === 'all' || kind === 'datastructure';
  const above = (asked === 'parents' || asked === 'parentsandsiblings' || asked === 'all') && kind !== 'dataflow';
  return [...(above ? (['dataflows'] as Part[]) : []), OWN[kind], ...(below ? BELOW[kind] : [])];
}

/** A dataflow reference as SDMX REST writes it: FIGURES, IPZONE,FIGURES or IPZONE,FIGURES,1.0 (latest allowed). */
function knownFlow(flowRef: string): boolean {
  const parts = flowRef.split(',');
  const [agency, id, version] = parts.length === 1 ? [AGENCY, parts[0], VERSION] : parts;
  return agency === AGENCY && id === FLOW && (version === undefined || version === VERSION || version === 'latest');
}

async function run<T, V>(
  apollo: ApolloServer<GatewayContext>,
  context: () => Promise<GatewayContext>,
  query: OperationText<T, V>,
  variables: V,
): Promise<{ data: T } | { answer: Answer }> {
  let contextValue: GatewayContext;
  try {
    contextValue = await context();
  } catch (error) {
    const e = isCodedError(error) ? error : unauthenticated((error as Error).message);
    const code = String(e.extensions.code);
    return { answer: { status: STATUS[code] ?? 500, errors: [{ message: e.message, extensions: e.extensions }] } };
  }
  const result = await executeAsCaller(apollo, contextValue, query, variables);
  return 'data' in result ? result : { answer: result };
}

/** Answers GET /sdmx/… with `params`, as the caller whose context `context` makes. */
async function answerSdmx(
  apollo: ApolloServer<GatewayContext>,
  pathname: string,
  params: URLSearchParams,
  accept: string,
  context: () => Promise<GatewayContext>,
): Promise<Answer> {
  const [kind, ...rest] = pathname
    .replace(/^\/sdmx\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  const prepared = new Date().toISOString();
  if (kind !== 'data') {
    if (!kind || !knownStructure(kind, rest))
      return refused(
        404,
        ErrorCode.NOT_FOUND,
        `no such structure; the hub has ${AGENCY}:${FLOW}(${VERSION}) at /sdmx/dataflow/${AGENCY}/${FLOW}/${VERSION}`,
      );
    const parts = structureParts(kind, params.get('references'));
    if (!parts)
      return refused(400, ErrorCode.BAD_USER_INPUT, 'references is none, parents, children, descendants or all', 'references');
    const result = await run(apollo, context, STRUCTURE_QUERY, {});
    if ('answer' in result) return result.answer;
    return {
      status: 200,
      type: 'application/vnd.sdmx.structure+xml; version=2.1; charset=utf-8',
      body: structureMessage(result.data, prepared, parts),
    };
  }
  const [flowRef, keyText] = rest;
  if (!flowRef || !knownFlow(flowRef))
    return refused(404, ErrorCode.NOT_FOUND, `no such dataflow; the hub has ${AGENCY},${FLOW},${VERSION}`);
  const key = parseKey(keyText);
  if (!key)
    return refused(400, ErrorCode.BAD_USER_INPUT, 'the key has three parts: INDICATOR.BREAKDOWN.FREQ (empty for any)', 'key');
  const variables: SdmxDataQueryVariables = {};
  for (const [param, variable] of [
    ['startPeriod', 'from'],
    ['endPeriod', 'to'],
  ] as const) {
    const value = params.get(param);
    if (value === null) continue;
    const period = hubPeriod(value);
    if (!period)
      return refused(400, ErrorCode.BAD_USER_INPUT, `${param} is a period like 2025, 2025-S1, 2025-Q1, 2025-01 or a day`, param);
    variables[variable] = period.text;
  }
  for (const param of ['updatedAfter', 'asOf']) {
    const value = params.get(param);
    if (value !== null && (!INSTANT.test(value) || Number.isNaN(Date.parse(value))))
      return refused(400, ErrorCode.BAD_USER_INPUT, `${param} is an instant like 2026-01-31T00:00:00Z`, param);
  }
  const dimensionAtObservation = params.get('dimensionAtObservation');
  if (dimensionAtObservation && dimensionAtObservation !== 'TIME_PERIOD')
    return refused(400, ErrorCode.BAD_USER_INPUT, 'only dimensionAtObservation=TIME_PERIOD is served', 'dimensionAtObservation');
  if (params.get('asOf')) variables.asOf = params.get('asOf');
  const updatedAfter = params.get('updatedAfter') ? new Date(params.get('updatedAfter')!).toISOString() : null;
  const result = await run(apollo, context, DATA_QUERY, variables);
  if ('answer' in result) return result.answer;
  const series = toSeries(result.data, key, updatedAfter);
  if (series.length === 0) return refused(404, ErrorCode.NOT_FOUND, 'no observations match the query');
  const csv = params.get('format') === 'csv' || /application\/vnd\.sdmx\.data\+csv/.test(accept);
  if (csv) return { status: 200, type: 'application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8', body: dataCsv(series) };
  return {
    status: 200,
    type: 'application/vnd.sdmx.structurespecificdata+xml; version=2.1; charset=utf-8',
    body: dataMessage(series, params.get('asOf') ?? prepared, `IPZONE_DATA_${series.length}`),
  };
}

export function sdmxRoutes(apollo: ApolloServer<GatewayContext>, context: ReturnType<typeof gatewayContext>) {
  return (app: FastifyInstance): void => {
    app.get('/sdmx/*', async (request: FastifyRequest, reply: FastifyReply) => {
      const url = new URL(request.url, 'http://gateway');
      const answer = await answerSdmx(apollo, url.pathname, url.searchParams, String(request.headers.accept ?? ''), () =>
        context(request.raw, request.id),
      );
      if ('errors' in answer) return reply.code(answer.status).send({ errors: answer.errors });
      return reply.code(answer.status).type(answer.type).send(answer.body);
    });
  };
}
