/**
 * The gateway: Apollo Gateway on Apollo Server, serving the checked-in supergraph over
 * the three subgraphs. It verifies callers' tokens and forwards their identity.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { SUBGRAPHS, type SubgraphName } from '../lib/config';
import { setLogLevel } from '../lib/log';
import type { Settings } from '../lib/settings';
import { serve, type RunningService } from '../lib/server';
import { SUPERGRAPH_PATH } from './supergraph-path';
import { type GatewayContext, gatewayContext } from './context';
import { SubgraphDataSource } from './data-source';
import { dashboardRoutes } from './dashboard';
import { reportRoutes } from './report';
import { explorerLandingPage } from './explorer';
import { exportRoute } from './export';
import { briefingRoutes } from './briefing';
import { figuresBulkRoutes } from './figures-bulk';
import { sdmxRoutes } from './sdmx';
import { xlsxReportRoutes } from './xlsx-report';
import { finiteNumbersRule, formatGatewayError, limitsPlugin, limitsRule, parseOptions } from './limits';
import { LIST_ARGUMENT_LIMITS } from '../lib/list-limits';
import { IdentityDirectory } from './identity-directory';
import { gatewaySigningKey } from '../lib/identity';
import { ServiceMetrics } from '../lib/metrics';
import { observePlugin } from '../lib/observe';

export interface GatewayOptions {
  port?: number;
  host?: string;
  /** Overrides of the configured subgraph URLs (tests start subgraphs on free ports). */
  subgraphUrls?: Partial<Record<SubgraphName, string>>;
  supergraphSdl?: string;
}

/** Starts the gateway with the hub's `settings` (read once by what starts it). */
export async function startGateway(settings: Settings, options: GatewayOptions = {}): Promise<RunningService> {
  setLogLevel(settings.logLevel);
  const urls = Object.fromEntries(
    SUBGRAPHS.map((name) => [name, options.subgraphUrls?.[name] ?? settings.subgraphUrls[name]]),
  ) as Record<SubgraphName, string>;
  const metrics = new ServiceMetrics('gateway');
  const dataSources: SubgraphDataSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => {
      const source = new SubgraphDataSource(name, urls[name as SubgraphName], metrics, settings.gateway);
      dataSources.push(source);
      return source;
    },
  });
  const closeDataSources = () => Promise.all(dataSources.map((source) => source.close()));
  const { production } = settings;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" hints about field names when the schema is not public.
    hideSchemaDetailsFromClientErrors: production,
    formatError: formatGatewayError,
    parseOptions: parseOptions(settings.gateway.limits),
    validationRules: [limitsRule(settings.gateway.limits), finiteNumbersRule()],
    // The hub drains and stops its services in order on SIGINT/SIGTERM itself.
    stopOnTerminationSignals: false,
    plugins: [
      // GET /graphql in a browser: the explorer bundled from npm (no CDN), off in production.
      production ? ApolloServerPluginLandingPageDisabled() : explorerLandingPage(),
      limitsPlugin(LIST_ARGUMENT_LIMITS, settings.gateway),
      observePlugin(metrics),
    ],
  });
  // Organisations and revoked tokens, reloaded every few seconds from the organizations subgraph.
  const directory = new IdentityDirectory(urls.organizations, {
    keys: settings.keys,
    tokens: settings.tokens,
    refreshSeconds: settings.gateway.identityRefreshSeconds,
  });
  gatewaySigningKey(settings.keys); // a gateway without its signing key stops here, not at the first request
  directory.start();
  const context = gatewayContext(directory, settings);
  const service = await serve({
    name: 'gateway',
    apollo,
    host: options.host ?? settings.host,
    port: options.port ?? settings.ports.gateway,
    http: settings.http,
    context,
    routes: async (app) => {
      app.get('/export/*', exportRoute(apollo, context));
      sdmxRoutes(apollo, context)(app);
      dashboardRoutes(app, settings.gateway);
      await xlsxReportRoutes(apollo, context, settings)(app);
      reportRoutes(app, settings);
      briefingRoutes(apollo, context, settings)(app);
      await figuresBulkRoutes(context, urls.indicators)(app);
    },
    metrics,
    ready: async () => {
      const down: string[] = [];
      await Promise.all(
        SUBGRAPHS.map(async (name) => {
          const response = await fetch(new URL('/readyz', urls[name]), { signal: AbortSignal.timeout(2000) }).catch(() => null);
          if (!response?.ok) down.push(name);
        }),
      );
      if (down.length > 0) throw new Error(`subgraphs not ready: ${down.join(', ')}`);
    },
  }).catch(async (error: unknown) => {
    directory.stop();
    await closeDataSources();
    throw error;
  });
  return {
    ...service,
    stop: async () => {
      directory.stop();
      await service.stop();
      await closeDataSources();
    },
  };
}
