/**
 * The GraphQL explorer on GET /graphql: GraphiQL, bundled from npm into dist/dashboard/
 * by `npm run build` (scripts/build-dashboard.ts), served to browsers as Apollo Server's
 * landing page. Its script, styles and fonts come from /dashboard/ on the same origin, so
 * it works with no internet. Its page carries the dashboard's Content-Security-Policy in a
 * <meta> element (the landing page's HTTP headers are Apollo's), less `frame-ancestors`,
 * which browsers take only from a header.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { CONTENT_SECURITY_POLICY, DASHBOARD_DIR } from './dashboard';

const EXPLORER_PAGE = path.join(DASHBOARD_DIR, 'explorer.html');

/** The policy as a <meta> element can carry it. */
export const EXPLORER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split(';')
  .map((directive) => directive.trim())
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>GraphQL explorer</title>' +
  '<p>The explorer is not built: run <code>npm run build</code>. Queries go to POST /graphql.</p>\n';

async function page(): Promise<string> {
  try {
    return await readFile(EXPLORER_PAGE, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return NOT_BUILT;
    throw error;
  }
}

/** Apollo Server plugin: the bundled explorer as the landing page of GET /graphql. */
export function explorerLandingPage(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: page };
        },
      };
    },
  };
}
