/**
 * npm run bench [-- ingest …] [--full]: starts the hub on a fresh bench database of its
 * own (on DATABASE_URL's server, or on an embedded PostgreSQL in a folder and on a port of
 * its own), runs the chosen sections, prints a table and writes bench/results/ (report.ts).
 * Each aim is judged over rounds (rounds.ts): 3, or 5 with --full. Every port the bench
 * listens on is chosen free at run time, so it runs beside a hub already running. Never
 * part of npm test.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { environment, PROJECT_ROOT, setEnvironment, SUBGRAPHS } from '../lib/config';
import { setLogLevel } from '../lib/log';
import { needsEmbeddedDatabase, readSettings, settingsWith } from '../lib/settings';
import { type Hub, startHub, prepareDatabase } from '../hub';
import { benchColdStart } from './coldstart';
import type { BenchContext } from './context';
import { benchFederation } from './federation';
import { pushGoalFigures } from './fixtures';
import { benchHostile } from './hostile';
import { benchIngest } from './ingest';
import { verifyListener } from './process-identity';
import { benchScale } from './scale';
import { type BenchRow, RESULTS_DIR, writeReports } from './report';
import { profileReport } from './profile';
import { roundsFor } from './rounds';
import { freePort } from '../lib/free-ports';
import { profileServicesInto } from './services';
import { commandLine } from '../scripts/commands';

const SECTIONS: Record<string, (context: BenchContext) => Promise<BenchRow[]>> = {
  federation: benchFederation,
  scale: benchScale,
  ingest: benchIngest,
  'cold-start': benchColdStart,
  hostile: benchHostile,
};

export interface BenchOptions {
  /** Sections to run, all when empty. */
  sections: string[];
  full: boolean;
  rounds?: number;
  coldStartSamples?: number;
  /** The bench database, created fresh and dropped afterwards (default ipzone_bench_<pid>). */
  databaseName?: string;
  /** Where the results go (default bench/results/). */
  resultsDir?: string;
  /** Each service process writes its CPU profile; the busiest functions are written beside the results. */
  profile?: boolean;
}

/** A fresh database of `name` on the server of `serverUrl`; its URL. */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}

const minutes = (ms: number) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;

/**
 * Starts the bench hub on a fresh database — and, when no database is configured, on an
 * embedded PostgreSQL in a folder and on a port of the bench's own, so that a hub running
 * on the project's folder and ports is left alone — runs `use`, then stops and removes it
 * all. Answers which database it was.
 */
async function withBenchHub(databaseName: string, use: (hub: Hub, databaseUrl: string) => Promise<void>): Promise<string> {
  const configured = readSettings();
  // Its database is made on DATABASE_URL's server: a subgraph's own URL would send the bench's
  // figures into that database, which the bench never cleans.
  const own = SUBGRAPHS.filter((name) => environment()[`${name.toUpperCase()}_DATABASE_URL`]);
  if (own.length > 0)
    throw new Error(
      `the bench makes a database of its own on DATABASE_URL's server: unset ${own.map((n) => `${n.toUpperCase()}_DATABASE_URL`).join(', ')} to run it`,
    );
  const before = environment().DATABASE_URL;
  const ownFolder = needsEmbeddedDatabase(configured) ? path.join(PROJECT_ROOT, '.data', `bench-${process.pid}`) : undefined;
  // The services the sections start as processes of their own read the same variables.
  if (ownFolder)
    setEnvironment({ EMBEDDED_PG_DIR: path.join(ownFolder, 'postgres'), EMBEDDED_PG_PORT: String(await freePort()) });
  const { embedded, settings } = await prepareDatabase(readSettings());
  const databaseUrl = await freshDatabase(settings.databaseUrls.indicators!, databaseName);
  setEnvironment({ DATABASE_URL: databaseUrl });
  try {
    const hub = await startHub({
      settings: settingsWith({ DATABASE_URL: databaseUrl }),
      ports: { gateway: 0, organizations: 0, tasks: 0, indicators: 0 },
      seedIfEmpty: true,
    });
    try {
      // The hub is in this process: what answers on its ports must be this process.
      for (const url of [hub.gateway.url, ...SUBGRAPHS.map((n) => hub.subgraphs[n].url)])
        verifyListener(url, process.pid, 'the bench hub');
      await pushGoalFigures(hub);
      await use(hub, databaseUrl);
    } finally {
      await hub.stop();
    }
  } finally {
    await dropDatabase(databaseUrl).catch(() => undefined);
    setEnvironment({ DATABASE_URL: before });
    await embedded?.stop();
    if (ownFolder) rmSync(ownFolder, { recursive: true, force: true });
  }
  return embedded ? 'embedded PostgreSQL' : 'PostgreSQL server';
}

/** Runs the sections; the table of this run (also written to the results, with the sections of earlier runs). */
export async function runBench(options: BenchOptions): Promise<{ rows: BenchRow[]; table: string }> {
  const unknown = options.sections.filter((a) => !(a in SECTIONS));
  if (unknown.length > 0)
    throw new Error(`unknown section(s): ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  // In their own order, whatever order they were asked in: scale's growing of the table after
  // ingest's millions of figures once ran for over ten minutes.
  const sections = Object.keys(SECTIONS).filter((name) => options.sections.length === 0 || options.sections.includes(name));
  const began = performance.now();
  setEnvironment({ LOG_LEVEL: 'error' }, { unlessSet: true });
  setLogLevel(readSettings().logLevel);
  const settings = {
    full: options.full,
    rounds: options.rounds ?? roundsFor(options.full),
    coldStartSamples: options.coldStartSamples ?? (options.full ? 7 : 5),
  };
  const announce = (section: string) => process.stderr.write(`bench: ${section}${options.full ? ' (full)' : ''}…\n`);
  const rows: BenchRow[] = [];
  const resultsDir = options.resultsDir ?? RESULTS_DIR;
  const profiles = options.profile
    ? path.join(resultsDir, `profiles-${new Date().toISOString().slice(0, 10)}-${process.pid}`)
    : undefined;
  if (profiles) mkdirSync(profiles, { recursive: true });
  profileServicesInto(profiles);
  // The cold start starts its own hubs, each on an embedded PostgreSQL: alone, it needs no bench hub.
  let database = 'embedded PostgreSQL';
  if (sections.every((s) => s === 'cold-start')) {
    announce('cold-start');
    rows.push(...(await benchColdStart(settings)));
  } else {
    database = await withBenchHub(options.databaseName ?? `ipzone_bench_${process.pid}`, async (hub, databaseUrl) => {
      for (const section of sections) {
        announce(section);
        rows.push(...(await SECTIONS[section]({ hub, databaseUrl, ...settings })));
      }
    });
  }
  const took = minutes(performance.now() - began);
  process.stderr.write(`bench: done in ${took}\n`);
  const table = writeReports(rows, { mode: options.full ? 'full' : 'short', database, took, dir: resultsDir });
  profileServicesInto(undefined);
  if (!profiles) return { rows, table };
  // The busiest functions of each process: the only source of a figure about where time goes.
  const report = profileReport(profiles);
  writeFileSync(`${profiles}.md`, `${report}\n`);
  return { rows, table: `${table}\n${report}\n` };
}

// Run as a script (`node dist/bench/run.js`, or by the ipzone dispatcher, which sets argv[1] to this file).
if (require.main === module || path.resolve(process.argv[1] ?? '') === __filename) {
  const line = commandLine('bench');
  runBench({ sections: line.positionals, full: line.values.full === true, profile: line.values.profile === true }).then(
    ({ table }) => process.stdout.write(table),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}
