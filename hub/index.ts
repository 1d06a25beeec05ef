/**
 * Runs the whole hub in one process: the database (embedded when none is configured),
 * the three subgraphs and the gateway. `npm start` and the end-to-end tests use it;
 * docker-compose runs the same services one per container (scripts/serve.ts).
 */
import { config, SUBGRAPHS, type SubgraphName } from '../lib/config';
import { ensureDatabase } from '../lib/db';
import { type EmbeddedDatabase, runningEmbeddedDatabase, startEmbeddedDatabase } from '../lib/embedded-db';
import type { RunningService } from '../lib/server';
import type { RunningSubgraph } from '../lib/subgraph';

export interface Hub {
  gateway: RunningService;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  embedded?: EmbeddedDatabase;
  stop(): Promise<void>;
}

export interface HubOptions {
  /** 0 for free ports everywhere (tests). */
  ports?: Partial<Record<'gateway' | SubgraphName, number>>;
  seedIfEmpty?: boolean;
}

/**
 * Starts the embedded database when no database URL is configured; sets DATABASE_URL.
 * With `shareRunning`, an embedded database a running hub already serves is used as it is
 * (and left running): what backup and restore do.
 */
export async function prepareDatabase(options: { shareRunning?: boolean } = {}): Promise<EmbeddedDatabase | undefined> {
  let embedded: EmbeddedDatabase | undefined;
  if (config.needsEmbeddedDatabase()) {
    embedded =
      (options.shareRunning ? runningEmbeddedDatabase(config.embeddedDir()) : undefined) ??
      (await startEmbeddedDatabase({ dir: config.embeddedDir(), port: config.embeddedPort() }));
    process.env.DATABASE_URL = embedded.url;
  }
  const urls = new Set(SUBGRAPHS.map((name) => config.subgraphDatabaseUrl(name)!));
  for (const url of urls) await ensureDatabase(url, { create: !config.production() });
  return embedded;
}

export async function startHub(options: HubOptions = {}): Promise<Hub> {
  // Loaded here, so that commands needing only the database (backup, seed) start fast.
  const [{ startGateway }, { subgraphDefinitions }, { startSubgraph }] = await Promise.all([
    import('../gateway'),
    import('../subgraphs'),
    import('../lib/subgraph'),
  ]);
  const embedded = await prepareDatabase();
  const started: RunningService[] = [];
  try {
    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    for (const name of SUBGRAPHS) {
      subgraphs[name] = await startSubgraph(subgraphDefinitions[name], {
        port: options.ports?.[name],
        seedIfEmpty: options.seedIfEmpty,
        peerUrls: { organizations: subgraphs.organizations?.url },
      });
      started.push(subgraphs[name]);
    }
    const gateway = await startGateway({
      port: options.ports?.gateway,
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphs[name].url])),
    });
    return {
      gateway,
      subgraphs,
      embedded,
      stop: async () => {
        await gateway.stop();
        await Promise.all(SUBGRAPHS.map((name) => subgraphs[name].stop()));
        await embedded?.stop();
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((service) => service.stop()));
    await embedded?.stop();
    throw error;
  }
}
