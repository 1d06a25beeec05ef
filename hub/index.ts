/**
 * Runs the whole hub in one process: the database (embedded when none is configured),
 * the three subgraphs and the gateway. `npm start` and the end-to-end tests use it;
 * docker-compose runs the same services one per container (scripts/serve.ts).
 */
import type { Clock } from '../lib/clock';
import { type IndicatorSettings, SUBGRAPHS, type SubgraphName } from '../lib/config';
import { ensureDatabase } from '../lib/db';
import { type EmbeddedDatabase, runningEmbeddedDatabase, startEmbeddedDatabase } from '../lib/embedded-db';
import { FolderInUse, type FolderLock, folderHolder, lockFolder } from '../lib/hub-lock';
import type { RunningService } from '../lib/server';
import type { RunningSubgraph } from '../lib/subgraph';
import { needsEmbeddedDatabase, type Settings, withDatabase } from '../lib/settings';

export interface Hub {
  /** The settings it runs with (pointing at the embedded database when it started one). */
  settings: Settings;
  gateway: RunningService;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  embedded?: HubDatabase;
  stop(): Promise<void>;
}

/** The embedded database a command uses, with the data folder's lock when this process holds it. */
interface HubDatabase extends EmbeddedDatabase {
  lock?: FolderLock;
}

export interface HubOptions {
  /** The hub's settings, read once by what starts it. */
  settings: Settings;
  /** 0 for free ports everywhere (tests). */
  ports?: Partial<Record<'gateway' | SubgraphName, number>>;
  seedIfEmpty?: boolean;
  /** The time the subgraphs go by (default: the system's; tests hold their own). */
  clock?: Clock;
  /** The indicators subgraph's settings over those its configuration gives (tests set their own). */
  indicatorSettings?: Partial<IndicatorSettings>;
}

/** The database a command works on: the embedded one when it started it, and the settings pointing at it. */
export interface PreparedDatabase {
  embedded?: HubDatabase;
  settings: Settings;
}

/**
 * Starts the embedded database when no database URL is configured: the settings returned
 * point every subgraph at it.
 * The data folder is locked for `command` (lib/hub-lock.ts) while its database runs. When
 * another live process (a hub, `ipzone db`) holds it: with `online` (migrate, seed,
 * backup) its database is used as it is and left running; otherwise FolderInUse is thrown,
 * naming that process. Its database is never stopped.
 */
export async function prepareDatabase(
  configured: Settings,
  options: { command?: string; online?: boolean } = {},
): Promise<PreparedDatabase> {
  let embedded: HubDatabase | undefined;
  let settings = configured;
  if (needsEmbeddedDatabase(configured)) {
    embedded = options.online ? await sharedDatabase(configured, options.command ?? 'migrate') : undefined;
    if (!embedded) embedded = await ownDatabase(configured, options.command ?? 'start');
    settings = withDatabase(configured, embedded.url);
  }
  const urls = new Set(SUBGRAPHS.map((name) => settings.databaseUrls[name]!));
  for (const url of urls) await ensureDatabase(url, { create: !settings.production });
  return { embedded, settings };
}

/** The database of the live process holding the data folder (waiting while it starts), or undefined when none does. */
async function sharedDatabase(settings: Settings, command: string): Promise<HubDatabase | undefined> {
  const { dir } = settings.embedded;
  for (let waited = 0; ; waited += 250) {
    const holder = folderHolder(dir);
    if (!holder) return undefined;
    const running = runningEmbeddedDatabase(dir, settings.embedded.password());
    if (running) return running;
    if (waited >= 60_000) throw new FolderInUse(holder, dir, command);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Locks the data folder, then starts its database (recovering one a crashed hub left running). */
async function ownDatabase(settings: Settings, command: string): Promise<HubDatabase> {
  const { dir, port } = settings.embedded;
  const lock = lockFolder(dir, command);
  try {
    const password = settings.embedded.password();
    const database = await startEmbeddedDatabase({ dir, port, password, secretsFile: settings.secretsFile });
    lock.update({ database: port });
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

export async function startHub(options: HubOptions): Promise<Hub> {
  // Loaded here, so that commands needing only the database (backup, seed) start fast.
  const [{ startGateway }, { subgraphDefinitions }, { startSubgraph }] = await Promise.all([
    import('../gateway'),
    import('../subgraphs'),
    import('../lib/subgraph'),
  ]);
  const { embedded, settings } = await prepareDatabase(options.settings, { command: 'start' });
  const started: RunningService[] = [];
  try {
    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    for (const name of SUBGRAPHS) {
      subgraphs[name] = await startSubgraph(subgraphDefinitions[name], settings, {
        port: options.ports?.[name],
        seedIfEmpty: options.seedIfEmpty,
        peerUrls: { organizations: subgraphs.organizations?.url },
        clock: options.clock,
        settings: name === 'indicators' ? options.indicatorSettings : undefined,
      });
      started.push(subgraphs[name]);
    }
    const gateway = await startGateway(settings, {
      port: options.ports?.gateway,
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphs[name].url])),
    });
    embedded?.lock?.update({ gateway: Number(new URL(gateway.url).port) });
    const hub: Hub = {
      settings,
      gateway,
      subgraphs,
      embedded,
      // The services it holds when it stops (a test may have restarted one).
      stop: async () => {
        await hub.gateway.stop();
        await Promise.all(SUBGRAPHS.map((name) => subgraphs[name].stop()));
        await embedded?.stop();
      },
    };
    return hub;
  } catch (error) {
    await Promise.allSettled(started.map((service) => service.stop()));
    await embedded?.stop();
    throw error;
  }
}
