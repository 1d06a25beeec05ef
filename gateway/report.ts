/**
 * The reporting page at /report (assets under /report/), bundled into dist/report/ by
 * `npm run build`: it is told whether an OpenID Connect provider signs people in.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PROJECT_ROOT } from '../lib/config';
import type { Settings } from '../lib/settings';
import { pageRoutes } from './dashboard';
import { oidcRoutes } from './oidc';

const REPORT_DIR = path.join(PROJECT_ROOT, 'dist', 'report');

export function reportRoutes(app: FastifyInstance, settings: Pick<Settings, 'oidc' | 'gateway'>): void {
  const { oidc } = settings;
  oidcRoutes(app, oidc, settings.gateway.publicUrl);
  pageRoutes(app, {
    prefix: '/report',
    dir: REPORT_DIR,
    settings: () => ({
      __OIDC_ISSUER__: oidc?.issuer ?? '',
      __OIDC_CLIENT_ID__: oidc?.clientId ?? '',
    }),
  });
}
