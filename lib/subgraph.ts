/**
 * Starts one subgraph: opens its store (migrated), builds its federated schema, and
 * serves it. Every request must carry the gateway's token; the context holds the
 * caller's identity and fresh DataLoaders, so batching never leaks across requests.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import { type Clock, systemClock } from './clock';
import type { SubgraphName } from './config';
import { openStore, type Store, type StoreDefinition } from './db';
import { formatError } from './format-error';
import { GATEWAY_TOKEN_HEADER, gatewayVerifyKey, type HubContext, verifyGatewayToken } from './identity';
import { serve, type RunningService } from './server';
import type { IdentityKeys, Settings } from './settings';
import type { UpsertCounts } from './upsert';
import { log, setLogLevel } from './log';
import { ServiceMetrics } from './metrics';
import { observePlugin } from './observe';

export interface SubgraphContext<TLoaders, TSettings = unknown> extends HubContext {
  store: Store;
  /** The time the subgraph goes by (the system's, or a test's). */
  clock: Clock;
  /** The subgraph's own settings, read from configuration once when it started (or a test's). */
  settings: TSettings;
  loaders: TLoaders;
  metrics: ServiceMetrics;
}

/** The request a subgraph serves, as a definition's `context` sees it to reach its peers. */
export interface SubgraphCaller {
  /** The gateway token of the request: calls to other subgraphs carry it (a subgraph cannot sign one). */
  gatewayToken: string;
  requestId: string;
  /** Where another subgraph answers. */
  peerUrl(name: SubgraphName): string;
}

/** What a subgraph's own routes and background work are given when it starts. */
export interface SubgraphRuntime<TSettings> {
  store: Store;
  /** The URL of its database (for a client of its own: the job queue's). */
  databaseUrl: string;
  /** What it verifies the gateway's tokens with (routes of its own check them too). */
  keys: IdentityKeys;
  /** Where another subgraph answers. */
  peerUrl: SubgraphCaller['peerUrl'];
  clock: Clock;
  settings: TSettings;
}

export interface SubgraphDefinition<TLoaders, TSettings = unknown> {
  name: SubgraphName;
  store: Omit<StoreDefinition, 'name'>;
  schema: () => Promise<GraphQLSchema>;
  loaders: (store: Store) => TLoaders;
  /** Writes this subgraph's part of the seed files (idempotent). */
  seed: (store: Store) => Promise<UpsertCounts>;
  /** True when the subgraph holds no data yet. */
  isEmpty: (store: Store) => Promise<boolean>;
  /** What this subgraph adds to every request's context besides identity, store, loaders and metrics. */
  context?: (caller: SubgraphCaller) => object;
  /** Its own settings, taken from the hub's when it starts. */
  settings?(hub: Settings): TSettings;
  /** HTTP routes of its own besides /graphql (the indicators subgraph's files of figures). */
  routes?(runtime: SubgraphRuntime<TSettings>): (app: FastifyInstance) => Promise<void>;
  /** Work the subgraph runs beside its requests (started once it serves, stopped before its store closes). */
  background?(runtime: SubgraphRuntime<TSettings>): Promise<{ stop(): Promise<void> }>;
}

export interface RunningSubgraph<TSettings = unknown> extends RunningService {
  store: Store;
  /** The settings it goes by: one object its requests, routes and background work share. */
  settings: TSettings;
}

export async function startSubgraph<TLoaders, TSettings>(
  definition: SubgraphDefinition<TLoaders, TSettings>,
  hub: Settings,
  options: {
    port?: number;
    host?: string;
    store?: Store;
    seedIfEmpty?: boolean;
    /** Where other subgraphs answer (default: their configured URLs). */
    peerUrls?: Partial<Record<SubgraphName, string>>;
    /** The time it goes by (default: the system's). */
    clock?: Clock;
    /** Settings over those its configuration gives (a test's). */
    settings?: Partial<TSettings>;
  } = {},
): Promise<RunningSubgraph<TSettings>> {
  setLogLevel(hub.logLevel);
  const store = options.store ?? (await openStore({ name: definition.name, ...definition.store }, hub));
  if ((options.seedIfEmpty ?? hub.seedOnStart) && (await definition.isEmpty(store))) {
    log.info('seeding an empty database', { subgraph: definition.name, ...(await definition.seed(store)) });
  }
  const schema = await definition.schema();
  const peerUrl = (name: SubgraphName) => options.peerUrls?.[name] ?? hub.subgraphUrls[name];
  gatewayVerifyKey(hub.keys); // a subgraph without the gateway's public key stops here, not at the first request
  const { production } = hub;
  const metrics = new ServiceMetrics(definition.name);
  const clock = options.clock ?? systemClock;
  const settings = { ...definition.settings?.(hub), ...options.settings } as TSettings;
  const runtime: SubgraphRuntime<TSettings> = {
    store,
    databaseUrl: hub.databaseUrls[definition.name]!,
    keys: hub.keys,
    peerUrl,
    clock,
    settings,
  };
  const apollo = new ApolloServer<SubgraphContext<TLoaders, TSettings>>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    formatError,
    // The hub drains and stops its services in order on SIGINT/SIGTERM itself.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), observePlugin(metrics)],
  });
  const service = await serve({
    name: definition.name,
    apollo,
    host: options.host ?? hub.host,
    port: options.port ?? hub.ports[definition.name],
    http: hub.http,
    context: async (req, requestId) => {
      const gatewayToken = req.headers[GATEWAY_TOKEN_HEADER] as string | undefined;
      const identity = await verifyGatewayToken(hub.keys, gatewayToken);
      const extra = definition.context?.({ gatewayToken: gatewayToken!, requestId, peerUrl }) ?? {};
      return { ...extra, identity, requestId, store, loaders: definition.loaders(store), metrics, clock, settings };
    },
    ready: () => store.dataSource.query('SELECT 1'),
    routes: definition.routes?.(runtime),
    metrics,
    // Metrics only for the gateway's identity (or on METRICS_HOST's port of their own).
    metricsAccess: (req) => verifyGatewayToken(hub.keys, req.headers[GATEWAY_TOKEN_HEADER] as string | undefined),
  });
  let background: { stop(): Promise<void> } | undefined;
  try {
    background = await definition.background?.(runtime);
  } catch (error) {
    await service.stop();
    if (!options.store) await store.close();
    throw error;
  }
  return {
    ...service,
    store,
    settings,
    stop: async () => {
      await background?.stop();
      await service.stop();
      if (!options.store) await store.close();
    },
  };
}
