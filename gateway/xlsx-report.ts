/**
 * Reporting with Excel, on the gateway:
 *   GET  /report/template.xlsx?organization=ID&period=2025Q4  the template of what the agency owes
 *   POST /report/upload.xlsx?dryRun=true|false                the filled template (the body is the file)
 *   POST /report/upload.csv?dryRun=true|false[&encoding=gb18030]  the same as CSV
 *   …&period=2025Q4[&organization=ID]                        the file is that period's report: atomic, with a receipt
 *   …&rejections=csv                                         every rejection and warning as CSV instead of the summary
 * The body is the file itself, or a multipart form: the part `file`, and `explanations`
 * (JSON, sheet row → why a warned figure is right).
 * Both run GraphQL through the gateway itself as the caller (same token, same rules), as
 * the CSV exports do. Errors answer JSON `{ errors: [{ message, extensions: { code } }] }`
 * with 400 (a bad parameter or file), 401, 403 or 404.
 */
import type { OperationText } from '../lib/operation-text';
import type { ApolloServer } from '@apollo/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCodedError } from '../lib/format-error';
import { errorCode, ErrorCode, unauthenticated } from '../lib/errors';
import { FIGURE_WRITERS, hasRole } from '../lib/identity';
import { parsePeriod } from '../lib/period';
import { HttpError } from '../lib/http-refusals';
import { writeXlsx } from '../lib/xlsx';
import type { GatewayContext, gatewayContext } from './context';
import { executeAsCaller, STATUS } from './as-caller';
import { TEMPLATE_QUERY, templateSheet, templateVariables } from './report-template';
import { uploadFigures, uploadLimits } from './report-upload';
import type { Settings } from '../lib/settings';
import { readExplanations, SUBMIT_MUTATION, UPLOAD_MUTATION, uploadProblemsCsv } from './upload-summary';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A GraphQL error as the HTTP refusal the exports answer with. */
function asRefusal(error: { message: string; extensions?: Record<string, unknown> }): HttpError {
  const code = errorCode(error.extensions);
  return new HttpError(STATUS[code] ?? 502, code, error.message);
}

type Run = <T, V>(query: OperationText<T, V>, variables: V) => Promise<T>;

/** Runs operations through the gateway's own schema as the caller of `request`. */
async function caller(
  apollo: ApolloServer<GatewayContext>,
  context: ReturnType<typeof gatewayContext>,
  request: FastifyRequest,
): Promise<{ contextValue: GatewayContext; run: Run }> {
  let contextValue: GatewayContext;
  try {
    contextValue = await context(request.raw, request.id);
  } catch (error) {
    throw asRefusal(isCodedError(error) ? error : unauthenticated((error as Error).message));
  }
  const run: Run = async (query, variables) => {
    const result = await executeAsCaller(apollo, contextValue, query, variables);
    if (!('data' in result)) throw asRefusal(result.errors[0]);
    return result.data;
  };
  return { contextValue, run };
}

const badParameter = (message: string) => new HttpError(400, ErrorCode.BAD_USER_INPUT, message);

function templateRoute(apollo: ApolloServer<GatewayContext>, context: ReturnType<typeof gatewayContext>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const params = new URL(request.url, 'http://gateway').searchParams;
    const { contextValue, run } = await caller(apollo, context, request);
    const identity = contextValue.identity;
    const periodText = params.get('period');
    const period = periodText ? parsePeriod(periodText) : null;
    if (!period) throw badParameter('period is required, written 2025, 2025H1, 2025Q4 or 2025-10: ?period=2025Q4');
    const organization = params.get('organization') || identity?.org;
    if (!organization) throw badParameter('organization is required: ?organization=court&period=2025Q4');
    if (identity && !identity.roles.some((r) => r !== 'reporter') && organization !== identity.org) {
      throw new HttpError(
        403,
        ErrorCode.FORBIDDEN,
        `a reporter gets the template of its own organisation (${identity.org}) only`,
      );
    }
    const data = await run(TEMPLATE_QUERY, templateVariables(organization, period));
    if (!data.organization)
      throw new HttpError(404, ErrorCode.NOT_FOUND, `organisation "${organization.slice(0, 80)}" does not exist`);
    const bytes = await writeXlsx(templateSheet(data, period));
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', `attachment; filename="report-${data.organization.id}-${period.text}.xlsx"`)
      .send(bytes);
  };
}

type Caller = Awaited<ReturnType<typeof caller>>;

/**
 * Checks an upload's parameters and its caller from the headers alone, before a byte of
 * the body is read: no token is 401, a role that may not write figures is 403.
 */
function uploadCaller(
  apollo: ApolloServer<GatewayContext>,
  context: ReturnType<typeof gatewayContext>,
  callers: WeakMap<FastifyRequest, Caller>,
) {
  return async (request: FastifyRequest): Promise<void> => {
    const params = new URL(request.url, 'http://gateway').searchParams;
    const dryRunText = params.get('dryRun') ?? 'true';
    if (dryRunText !== 'true' && dryRunText !== 'false') throw badParameter('dryRun is true (the default) or false');
    const rejections = params.get('rejections');
    if (rejections !== null && rejections !== 'csv')
      throw badParameter('rejections=csv answers every rejection and warning as CSV');
    const found = await caller(apollo, context, request);
    const identity = found.contextValue.identity;
    if (!identity) throw new HttpError(401, ErrorCode.UNAUTHENTICATED, 'an upload needs a token (Authorization: Bearer …)');
    if (!hasRole(identity, ...FIGURE_WRITERS)) {
      throw new HttpError(
        403,
        ErrorCode.FORBIDDEN,
        `an upload writes figures: it needs one of the roles ${FIGURE_WRITERS.join(', ')}`,
      );
    }
    callers.set(request, found);
  };
}

/** The file and the explanations of an upload: the body itself, or a multipart form of `file` and `explanations`. */
async function uploadBody(
  request: FastifyRequest,
  format: 'xlsx' | 'csv',
): Promise<{ bytes: Buffer; explanations: Map<number, string> }> {
  if (!Buffer.isBuffer(request.body)) {
    throw new HttpError(
      400,
      ErrorCode.UNREADABLE_FILE,
      `send the file itself as the body (content-type ${format === 'xlsx' ? XLSX_TYPE : 'text/csv'})`,
    );
  }
  const type = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) return { bytes: request.body, explanations: new Map() };
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(request.body.buffer as ArrayBuffer, request.body.byteOffset, request.body.length), {
      headers: { 'content-type': type },
    }).formData();
  } catch {
    throw new HttpError(
      400,
      ErrorCode.UNREADABLE_FILE,
      'the multipart form cannot be read: send the part "file" (and "explanations")',
    );
  }
  const unknown = [...new Set(form.keys())].filter((name) => name !== 'file' && name !== 'explanations');
  if (unknown.length > 0)
    throw badParameter(`unknown form part "${unknown[0].slice(0, 40)}": the form has "file" and, optionally, "explanations"`);
  const [file, ...more] = form.getAll('file');
  if (!file || typeof file === 'string' || more.length > 0) throw badParameter('the form needs one part "file" holding the file');
  const texts = form.getAll('explanations');
  if (texts.length > 1 || typeof texts[0] === 'object') throw badParameter('"explanations" is one part of text (JSON)');
  return {
    bytes: Buffer.from(await file.arrayBuffer()),
    explanations: texts.length === 0 ? new Map() : readExplanations(texts[0]),
  };
}

function uploadRoute(callers: WeakMap<FastifyRequest, Caller>, settings: Pick<Settings, 'gateway' | 'http'>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const url = new URL(request.url, 'http://gateway');
    const format = url.pathname.endsWith('.xlsx') ? 'xlsx' : 'csv';
    const { run, contextValue } = callers.get(request)!;
    const { bytes, explanations } = await uploadBody(request, format);
    const periodText = url.searchParams.get('period');
    const period = periodText === null ? null : parsePeriod(periodText);
    if (periodText !== null && !period)
      throw badParameter('period names the report the file is, written 2025, 2025H1, 2025Q4 or 2025-10: ?period=2025Q4');
    const organization = url.searchParams.get('organization')?.trim() || contextValue.identity!.org;
    const timeout = settings.http.requestTimeoutMs;
    const { all, ...summary } = await uploadFigures(
      format,
      bytes,
      {
        dryRun: url.searchParams.get('dryRun') !== 'false',
        encoding: url.searchParams.get('encoding') ?? undefined,
        limits: uploadLimits(settings.gateway.maxUploadRows, timeout > 0 ? Date.now() + timeout : Infinity),
        timeoutMs: timeout,
        batchRows: settings.gateway.maxPushRows,
        explanations,
        report: period ? { period: period.text, organization } : undefined,
      },
      {
        push: async (input) => (await run(UPLOAD_MUTATION, { input })).pushFigures,
        submit: async (input) => (await run(SUBMIT_MUTATION, { input })).submitReport,
      },
    );
    if (url.searchParams.get('rejections') === 'csv') {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="upload-${summary.sha256.slice(0, 12)}-problems.csv"`)
        .send(uploadProblemsCsv(all));
    }
    return reply.send(summary);
  };
}

/** Registers the template and upload routes; uploads take any content type as the file's bytes. */
export function xlsxReportRoutes(
  apollo: ApolloServer<GatewayContext>,
  context: ReturnType<typeof gatewayContext>,
  settings: Pick<Settings, 'gateway' | 'http'>,
) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/report/template.xlsx', templateRoute(apollo, context));
    await app.register(async (scope) => {
      const callers = new WeakMap<FastifyRequest, Caller>();
      // onRequest runs before the body is read: a caller who may not upload costs no parsing.
      scope.addHook('onRequest', uploadCaller(apollo, context, callers));
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.post('/report/upload.xlsx', uploadRoute(callers, settings));
      scope.post('/report/upload.csv', uploadRoute(callers, settings));
    });
  };
}
