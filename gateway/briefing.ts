/**
 * The briefing for the coordinating meeting, served by the gateway: GET /briefing is the
 * page laid out for A4, GET /briefing.pdf the same page printed to PDF. Both take
 * `asOf` (a day, default today UTC), `recordedAsOf` (the vintage, an instant not in the
 * future, default now to the second) and `figures` (ALL or ACCEPTED, default KPI_FIGURES),
 * read the hub as the caller (gateway/briefing-data.ts) and state all three; the same
 * three always give the same briefing, and the PDF's document id is their hash.
 *
 * A PDF is printed by one shared Chromium (gateway/briefing-chromium.ts) within the
 * request time limit. A caller (a token's subject, or an address without a token) has at
 * most one PDF in the making: a second request meanwhile is refused with HTTP 429
 * TOO_MANY_REQUESTS, as is any beyond the few the gateway prints at once.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CodedError, isCodedError } from '../lib/format-error';
import { FIGURE_RULES, type FigureRule } from '../lib/config';
import type { Settings } from '../lib/settings';
import { badInput, ErrorCode, errorCode } from '../lib/errors';
import { todayUtc } from '../lib/period';
import { parseDateTime, parseLocalDate } from '../lib/scalars';
import { HttpError } from '../lib/http-refusals';
import { type BriefingAxes, BriefingDataError, readBriefing } from './briefing-data';
import { RendererUnavailable, SharedChromium } from './briefing-chromium';
import { printPdf, stampPdf } from './briefing-pdf';
import { renderBriefing } from './briefing-render';
import type { GatewayContext, gatewayContext } from './context';
import { DASHBOARD_DIR, SECURITY_HEADERS } from './dashboard';

/** PDFs the gateway prints at once, whoever asks: more are refused, not queued. */
const MAX_PRINTS = 2;
/** What is kept of the request time limit for answering once the PDF is printed. */
const MARGIN_MS = 1000;
const STYLESHEET = 'briefing.css';

export type ResolvedAxes = Required<BriefingAxes>;

/** An instant written to the second when it has no fraction: 2026-04-01T00:00:00Z. */
const instant = (at: Date): string => at.toISOString().replace('.000Z', 'Z');

/** The briefing's axes from a request's parameters (`figures` unless they say: KPI_FIGURES); throws BAD_USER_INPUT for a bad one. */
export function briefingAxes(params: URLSearchParams, figureRule: FigureRule, now = new Date()): ResolvedAxes {
  const day = params.get('asOf');
  const vintage = params.get('recordedAsOf');
  const rule = params.get('figures');
  let recordedAsOf = new Date(Math.floor(now.getTime() / 1000) * 1000);
  if (vintage) {
    recordedAsOf = parseDateTime(vintage, 'recordedAsOf');
    if (recordedAsOf.getTime() > now.getTime()) {
      throw badInput(
        `recordedAsOf ${vintage} is in the future: a briefing states figures as they were recorded by then`,
        'recordedAsOf',
      );
    }
  }
  const figures = rule ? rule.toUpperCase() : figureRule;
  if (!FIGURE_RULES.includes(figures as FigureRule)) throw badInput(`figures must be ALL or ACCEPTED, got "${rule}"`, 'figures');
  return {
    asOf: day ? parseLocalDate(day, 'asOf') : todayUtc(now),
    recordedAsOf: instant(recordedAsOf),
    figures: figures as FigureRule,
  };
}

/** The document id: the hash of the reference date, the vintage and the figure rule (32 hex digits). */
export function documentId(axes: ResolvedAxes): string {
  const text = `ipzone-briefing\nasOf=${axes.asOf}\nrecordedAsOf=${axes.recordedAsOf}\nfigures=${axes.figures}\n`;
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Who a caller is for the one-print-at-a-time rule. */
const callerKey = (request: FastifyRequest, context: GatewayContext): string =>
  context.identity ? `token:${context.identity.org}:${context.identity.subject}` : `address:${request.ip}`;

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

function refusal(reply: FastifyReply, error: CodedError): FastifyReply {
  const code = errorCode(error.extensions);
  return reply
    .code(STATUS[code] ?? 500)
    .send({ errors: [{ message: error.message, extensions: { ...error.extensions, code } }] });
}

async function stylesheetUrl(): Promise<string> {
  let css: Buffer;
  try {
    css = await readFile(path.join(DASHBOARD_DIR, STYLESHEET));
  } catch {
    throw new HttpError(503, ErrorCode.RENDERER_UNAVAILABLE, 'the briefing is not built: run `npm run build`');
  }
  return `/dashboard/${STYLESHEET}?v=${createHash('sha256').update(css).digest('hex').slice(0, 12)}`;
}

/** GET /briefing and GET /briefing.pdf, answering as the caller whose context `context` makes. */
export function briefingRoutes(
  apollo: ApolloServer<GatewayContext>,
  context: ReturnType<typeof gatewayContext>,
  settings: Pick<Settings, 'gateway' | 'http'>,
) {
  const chromium = new SharedChromium();
  const printing = new Set<string>();

  /** The page for a request: its axes, its id and its HTML; an answer already sent when refused. */
  async function page(request: FastifyRequest, reply: FastifyReply) {
    let contextValue: GatewayContext;
    let axes: ResolvedAxes;
    try {
      contextValue = await context(request.raw, request.id);
      axes = briefingAxes(new URL(request.url, 'http://gateway').searchParams, settings.gateway.kpiFigures);
    } catch (error) {
      if (isCodedError(error)) return { refused: refusal(reply, error) };
      throw error;
    }
    return { contextValue, axes, id: documentId(axes) };
  }

  async function html(contextValue: GatewayContext, axes: ResolvedAxes, id: string, reply: FastifyReply) {
    try {
      const data = await readBriefing(apollo, contextValue, axes);
      return renderBriefing(data, {
        ...axes,
        figureRule: data.scoreboard.figureRule,
        documentId: id,
        stylesheet: await stylesheetUrl(),
      });
    } catch (error) {
      if (error instanceof BriefingDataError) return reply.code(error.status).send({ errors: error.errors });
      throw error;
    }
  }

  return (app: FastifyInstance): void => {
    app.addHook('onClose', async () => chromium.close());

    app.get('/briefing', async (request, reply) => {
      const asked = await page(request, reply);
      if ('refused' in asked) return asked.refused;
      const body = await html(asked.contextValue, asked.axes, asked.id, reply);
      if (typeof body !== 'string') return body;
      return reply.type('text/html; charset=utf-8').headers(SECURITY_HEADERS).header('cache-control', 'no-store').send(body);
    });

    app.get('/briefing.pdf', async (request, reply) => {
      const started = Date.now();
      const asked = await page(request, reply);
      if ('refused' in asked) return asked.refused;
      const key = callerKey(request, asked.contextValue);
      if (printing.has(key) || printing.size >= MAX_PRINTS) {
        const message = printing.has(key)
          ? 'your previous briefing is still being printed: wait for it, then ask again'
          : `the hub is printing ${MAX_PRINTS} briefings already: ask again in a moment`;
        reply.header('retry-after', '5');
        throw new HttpError(429, ErrorCode.TOO_MANY_REQUESTS, message);
      }
      printing.add(key);
      try {
        const body = await html(asked.contextValue, asked.axes, asked.id, reply);
        if (typeof body !== 'string') return body;
        const limit = settings.http.requestTimeoutMs || 120_000;
        const left = () => Math.max(1, started + limit - MARGIN_MS - Date.now());
        const pdf = await chromium
          .with(left(), (browser) => printPdf(browser, body, DASHBOARD_DIR, left(), request.signal))
          .catch((error: unknown) => {
            // Out of time (the gateway has answered REQUEST_TIMEOUT) or the caller gone: nothing left to answer.
            if (request.signal.aborted) return null;
            if (error instanceof RendererUnavailable) throw new HttpError(503, ErrorCode.RENDERER_UNAVAILABLE, error.message);
            if ((error as Error).name === 'TimeoutError') {
              throw new HttpError(503, ErrorCode.REQUEST_TIMEOUT, `the briefing was not printed within ${limit} ms; ask again`);
            }
            throw error;
          });
        if (pdf === null) return reply;
        const { asOf, recordedAsOf, figures } = asked.axes;
        const stamped = stampPdf(pdf, {
          documentId: asked.id,
          date: recordedAsOf,
          subject: `截至 as of ${asOf} · 数据版本 vintage ${recordedAsOf} · ${figures}`,
          keywords: `asOf=${asOf}; recordedAsOf=${recordedAsOf}; figures=${figures}; id=${asked.id}`,
        });
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="briefing-${asOf}-${asked.id.slice(0, 8)}.pdf"`)
          .header('cache-control', 'no-store')
          .send(stamped);
      } finally {
        printing.delete(key);
      }
    });
  };
}
