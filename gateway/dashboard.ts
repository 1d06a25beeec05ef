/**
 * The hub's own pages, served by the gateway: GET /dashboard is the dashboard, and
 * /dashboard/<file> its assets and the explorer's (gateway/explorer.ts), with @fastify/static, as `npm run build` bundled them into
 * dist/dashboard/ (scripts/build-dashboard.ts). The page reads only the public GraphQL API
 * on the same origin; the gateway tells it how often to refresh and whether reads need a
 * token. Every answer under /dashboard carries a strict Content-Security-Policy.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROJECT_ROOT } from '../lib/config';
import { ErrorCode } from '../lib/errors';
import { errorBody } from '../lib/http-refusals';
import type { GatewaySettings } from '../lib/settings';

export const DASHBOARD_DIR = path.join(PROJECT_ROOT, 'dist', 'dashboard');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/** Everything from the same origin only: no inline script or style, no CDN, no framing. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Only plain file names inside dist/dashboard, of the types above: no folders, no dot files, no traversal. */
const ASSET = /^\/[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const servable = (file: string) => ASSET.test(file) && !file.includes('..') && path.extname(file) in TYPES;

/** A page the gateway serves: its built folder, its URL prefix and the settings filled into its HTML. */
export interface PageOptions {
  /** e.g. /dashboard: the page there, its assets under /dashboard/. */
  prefix: string;
  dir: string;
  /** Placeholders of index.html and their values, read at each request. */
  settings: () => Record<string, string>;
}

/** The page with the gateway's settings filled in (data attributes the page reads). */
function page({ dir, prefix, settings }: PageOptions) {
  return async (_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    let html: string;
    try {
      html = await readFile(path.join(dir, 'index.html'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return reply.code(503).type('text/plain; charset=utf-8').send(`the page ${prefix} is not built: run \`npm run build\`\n`);
    }
    for (const [placeholder, value] of Object.entries(settings())) html = html.replace(placeholder, escapeAttribute(value));
    return reply.type(TYPES['.html']).header('cache-control', 'no-store').send(html);
  };
}

const escapeAttribute = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Routes for lib/server.ts: a page and its assets, GET and HEAD only, under the pages' CSP. */
export function pageRoutes(app: FastifyInstance, options: PageOptions): void {
  const { prefix, dir } = options;
  app.register(async (scope) => {
    scope.addHook('onSend', async (request, reply) => {
      reply.headers(SECURITY_HEADERS);
      // The asset's type by its extension, as the table above says (not the generic MIME table's guess).
      const type = TYPES[path.extname(request.url.split('?')[0])];
      if (type && reply.statusCode === 200) reply.type(type);
    });
    scope.get(prefix, page(options));
    scope.get(`${prefix}/`, page(options));
    scope.register(fastifyStatic, {
      root: dir,
      prefix: `${prefix}/`,
      index: false,
      dotfiles: 'deny',
      cacheControl: false,
      lastModified: false,
      acceptRanges: false,
      allowedPath: (file) => servable(file) && file !== '/index.html',
      setHeaders: (res) => {
        res.setHeader('cache-control', 'no-cache');
      },
    });
    const notAllowed = (request: FastifyRequest, reply: FastifyReply) =>
      reply
        .code(405)
        .header('allow', 'GET, HEAD')
        .send(
          errorBody(
            ErrorCode.METHOD_NOT_ALLOWED,
            `${request.method} is not allowed on ${prefix}: its pages and files are only read (GET, HEAD)`,
          ),
        );
    // The page and its files are only read; any other path under the prefix is not the page's (the reporting page's API).
    const writeToPage = (request: FastifyRequest, reply: FastifyReply) => {
      const file = request.url.split('?')[0].slice(prefix.length);
      return file === '' || file === '/' || servable(file) ? notAllowed(request, reply) : reply.callNotFound();
    };
    for (const url of [prefix, `${prefix}/*`]) {
      scope.route({ method: ['POST', 'PUT', 'PATCH', 'DELETE'], url, handler: writeToPage });
    }
  });
}

/** The dashboard at /dashboard, told how often to refresh and whether reads need a token. */
export function dashboardRoutes(app: FastifyInstance, settings: GatewaySettings): void {
  pageRoutes(app, {
    prefix: '/dashboard',
    dir: DASHBOARD_DIR,
    settings: () => ({
      __REFRESH_SECONDS__: String(settings.dashboardRefreshSeconds),
      __READS_REQUIRE_TOKEN__: String(settings.readsRequireToken),
    }),
  });
}
