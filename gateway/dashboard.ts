/**
 * The hub's own dashboard, served by the gateway: GET /dashboard is the page, and
 * /dashboard/<file> its assets (and the explorer's, see gateway/explorer.ts), as
 * `npm run build` bundled them into dist/dashboard/ (scripts/build-dashboard.ts). The page reads only the public GraphQL API on the same
 * origin; the gateway tells it how often to refresh and whether reads need a token.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { config, PROJECT_ROOT } from '../lib/config';
import type { RouteHandler } from '../lib/server';

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

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: Buffer | string, extra = {}): void {
  res.writeHead(status, { 'content-type': type, ...SECURITY_HEADERS, ...extra });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The page with the gateway's settings filled in (data attributes the page reads). */
async function page(): Promise<string> {
  const html = await readFile(path.join(DASHBOARD_DIR, 'index.html'), 'utf8');
  return html
    .replace('__REFRESH_SECONDS__', String(config.dashboardRefreshSeconds()))
    .replace('__READS_REQUIRE_TOKEN__', String(config.readsRequireToken()));
}

async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, req, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { allow: 'GET, HEAD' });
  }
  const name =
    url.pathname === '/dashboard' || url.pathname === '/dashboard/' ? 'index.html' : url.pathname.slice('/dashboard/'.length);
  // Only plain file names inside dist/dashboard: no folders, no dot files, no traversal.
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) || name.includes('..') || !(path.extname(name) in TYPES)) {
    return send(res, req, 404, 'text/plain; charset=utf-8', 'not found\n');
  }
  let body: Buffer | string;
  try {
    body = name === 'index.html' ? await page() : await readFile(path.join(DASHBOARD_DIR, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (name === 'index.html') {
      return send(res, req, 503, 'text/plain; charset=utf-8', 'the dashboard is not built: run `npm run build`\n');
    }
    return send(res, req, 404, 'text/plain; charset=utf-8', 'not found\n');
  }
  if (name === 'index.html') return send(res, req, 200, TYPES['.html'], body, { 'cache-control': 'no-store' });
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag, ...SECURITY_HEADERS });
    return void res.end();
  }
  send(res, req, 200, TYPES[path.extname(name)], body, { etag, 'cache-control': 'no-cache' });
}

/** Routes for lib/server.ts: the page and its assets. */
export function dashboardRoutes(): Record<string, RouteHandler> {
  const handler: RouteHandler = (req, res, url) => handle(req, res, url);
  return { '/dashboard': handler, '/dashboard/': handler };
}
