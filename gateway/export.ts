/**
 * CSV exports of the KPI lists and scorecards, served by the gateway at /export/<name>.csv.
 * Each runs a fixed GraphQL query through the gateway itself, as the caller (same token,
 * same rules), and writes the answer's numbers as they are: the CSV equals the GraphQL.
 * Errors are answered as errors (JSON with a stable code): a bad parameter 400, something
 * that does not exist 404.
 */
import type { ApolloServer } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import { type CodedError, isCodedError } from '../lib/format-error';
import { toCsv } from '../lib/csv';
import { ErrorCode, errorCode, unauthenticated } from '../lib/errors';
import type { GatewayContext, gatewayContext } from './context';
import { executeAsCaller, STATUS } from './as-caller';
import { EXPORTS } from './export-specs';

/** What an export answers: a CSV file, or errors with their HTTP status. */
export type ExportAnswer =
  { status: 200; fileName: string; csv: string } | { status: number; errors: ReadonlyArray<GraphQLFormattedError> };

const errorAnswer = (error: CodedError): ExportAnswer => {
  const code = errorCode(error.extensions);
  return { status: STATUS[code] ?? 500, errors: [{ message: error.message, extensions: { ...error.extensions, code } }] };
};

/** Letters, digits and hyphens only: nothing else a caller sends reaches a file name. */
const FILE_PART = /^[A-Za-z0-9-]{1,64}$/;

function fileName(name: string, parts: unknown[]): string {
  const checked = parts.filter((p): p is string => typeof p === 'string' && FILE_PART.test(p));
  return `${[name, ...checked].join('-')}.csv`;
}

/** Answers GET `pathname` (/export/<name>.csv) with `params`, as the caller whose context `context` makes. */
async function answerExport(
  apollo: ApolloServer<GatewayContext>,
  pathname: string,
  params: URLSearchParams,
  context: () => Promise<GatewayContext>,
): Promise<ExportAnswer> {
  const name = /^\/export\/([a-z]+)\.csv$/.exec(pathname)?.[1];
  const spec = name && Object.hasOwn(EXPORTS, name) ? EXPORTS[name] : undefined;
  if (!name || !spec) {
    const list = Object.keys(EXPORTS).map((n) => `/export/${n}.csv`);
    return {
      status: 404,
      errors: [{ message: `no such export; exports: ${list.join(', ')}`, extensions: { code: ErrorCode.NOT_FOUND } }],
    };
  }
  let contextValue: GatewayContext;
  try {
    contextValue = await context();
  } catch (error) {
    return errorAnswer(isCodedError(error) ? error : unauthenticated((error as Error).message));
  }
  try {
    const produced = await spec.produce((query, variables) => executeAsCaller(apollo, contextValue, query, variables), params);
    if (!('rows' in produced)) return produced;
    return { status: 200, fileName: fileName(name, produced.fileParts), csv: toCsv(spec.header, produced.rows) };
  } catch (error) {
    if (isCodedError(error)) return errorAnswer(error);
    throw error;
  }
}

export function exportRoute(apollo: ApolloServer<GatewayContext>, context: ReturnType<typeof gatewayContext>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const url = new URL(request.url, 'http://gateway');
    const answer = await answerExport(apollo, url.pathname, url.searchParams, () => context(request.raw, request.id));
    if (!('csv' in answer)) return reply.code(answer.status).send({ errors: answer.errors });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${answer.fileName}"`)
      .send(`\uFEFF${answer.csv}`);
  };
}
