/**
 * Runs the whole hub in one process: the database (embedded when none is configured),
 * the three subgraphs and the gateway. `npm start` and the end-to-end tests use it;
 * docker-compose runs the same services one per container (scripts/serve.ts).
 */
import type { Clock } from '../lib/clock';
import { config, type IndicatorSettings, setEnvironment, SUBGRAPHS, type SubgraphName } from '../lib/config';
import { ensureDatabase } from '../lib/db';
import { type EmbeddedDatabase, runningEmbeddedDatabase, startEmbeddedDatabase } from '../lib/embedded-db';
import { FolderInUse, type FolderLock, folderHolder, lockFolder } from '../lib/hub-lock';
import type { RunningService } from '../lib/server';
import type { RunningSubgraph } from '../lib/subgraph';

export interface Hub {
  gateway: RunningService;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  embedded?: HubDatabase;
  stop(): Promise<void>;
}

/** The embedded database a command uses, with the data folder's lock when this process holds it. */
export interface HubDatabase extends EmbeddedDatabase {
  lock?: FolderLock;
}

export interface HubOptions {
  /** 0 for free ports everywhere (tests). */
  ports?: Partial<Record<'gateway' | SubgraphName, number>>;
  seedIfEmpty?: boolean;
  /** The time the subgraphs go by (default: the system's; tests hold their own). */
  clock?: Clock;
  /** The indicators subgraph's settings over those its configuration gives (tests set their own). */
  indicatorSettings?: Partial<IndicatorSettings>;
}

/**
 * Starts the embedded database when no database URL is configured; sets DATABASE_URL.
 * The data folder is locked for `command` (lib/hub-lock.ts) while its database runs. When
 * another live process (a hub, `ipzone db`) holds it: with `online` (migrate, seed,
 * backup) its database is used as it is and left running; otherwise FolderInUse is thrown,
 * naming that process. Its database is never stopped.
 */
export async function prepareDatabase(options: { command?: string; online?: boolean } = {}): Promise<HubDatabase | undefined> {
  let embedded: HubDatabase | undefined;
  if (config.needsEmbeddedDatabase()) {
    embedded = options.online ? await sharedDatabase(options.command ?? 'migrate') : undefined;
    if (!embedded) embedded = await ownDatabase(options.command ?? 'start');
    setEnvironment({ DATABASE_URL: embedded.url });
  }
  const urls = new Set(SUBGRAPHS.map((name) => config.subgraphDatabaseUrl(name)!));
  for (const url of urls) await ensureDatabase(url, { create: !config.production() });
  return embedded;
}

/** The database of the live process holding the data folder (waiting while it starts), or undefined when none does. */
async function sharedDatabase(command: string): Promise<HubDatabase | undefined> {
  const dir = config.embeddedDir();
  for (let waited = 0; ; waited += 250) {
    const holder = folderHolder(dir);
    if (!holder) return undefined;
    const running = runningEmbeddedDatabase(dir);
    if (running) return running;
    if (waited >= 60_000) throw new FolderInUse(holder, dir, command);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Locks the data folder, then starts its database (recovering one a crashed hub left running). */
async function ownDatabase(command: string): Promise<HubDatabase> {
  const dir = config.embeddedDir();
  const lock = lockFolder(dir, command);
  try {
    const database = await startEmbeddedDatabase({ dir, port: config.embeddedPort() });
    lock.update({ database: config.embeddedPort() });
    return {
      url: database.url,
      lock,
      stop: async () => {
        await database.stop();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

export async function startHub(options: HubOptions = {}): Promise<Hub> {
  // Loaded here, so that commands needing only the database (backup, seed) start fast.
  const [{ startGateway }, { subgraphDefinitions }, { startSubgraph }] = await Promise.all([
    import('../gateway'),
    import('../subgraphs'),
    import('../lib/subgraph'),
  ]);
  const embedded = await prepareDatabase({ command: 'start' });
  const started: RunningService[] = [];
  try {
    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    for (const name of SUBGRAPHS) {
      subgraphs[name] = await startSubgraph(subgraphDefinitions[name], {
        port: options.ports?.[name],
        seedIfEmpty: options.seedIfEmpty,
        peerUrls: { organizations: subgraphs.organizations?.url },
        clock: options.clock,
        settings: name === 'indicators' ? options.indicatorSettings : undefined,
      });
      started.push(subgraphs[name]);
    }
    const gateway = await startGateway({
      port: options.ports?.gateway,
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphs[name].url])),
    });
    embedded?.lock?.update({ gateway: Number(new URL(gateway.url).port) });
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
