/**
 * npm run bench [-- ingest …] [--full]: starts the hub on a fresh bench database
 * (DATABASE_URL's server, or the embedded PostgreSQL), runs the chosen sections, prints
 * a table and writes bench/results/latest.{json,md}. Never part of npm test.
 */
import { Client } from 'pg';
import { config } from '../lib/config';
import { startHub, prepareDatabase } from '../hub';
import { benchColdStart } from './coldstart';
import { benchFederation } from './federation';
import { pushGoalFigures } from './fixtures';
import { benchHostile } from './hostile';
import { benchIngest } from './ingest';
import { benchScale } from './scale';
import { type BenchRow, writeReports } from './report';
import { commandLine } from '../scripts/commands';

const SECTIONS = {
  federation: benchFederation,
  scale: benchScale,
  ingest: benchIngest,
  'cold-start': () => benchColdStart(),
  hostile: benchHostile,
} as const;
type Section = keyof typeof SECTIONS;

async function freshDatabase(serverUrl: string): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query('DROP DATABASE IF EXISTS ipzone_bench WITH (FORCE)');
  await client.query('CREATE DATABASE ipzone_bench');
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = '/ipzone_bench';
  return url.toString();
}

async function main(): Promise<void> {
  const line = commandLine('bench');
  const full = line.values.full === true;
  const chosen = line.positionals;
  const unknown = chosen.filter((a) => !(a in SECTIONS));
  if (unknown.length > 0)
    throw new Error(`unknown section(s): ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  const sections = (chosen.length > 0 ? chosen : Object.keys(SECTIONS)) as Section[];
  process.env.LOG_LEVEL ??= 'error';
  const embedded = await prepareDatabase();
  const databaseUrl = await freshDatabase(config.databaseUrl()!);
  process.env.DATABASE_URL = databaseUrl;
  const hub = await startHub({ ports: { gateway: 0, organizations: 0, tasks: 0, indicators: 0 }, seedIfEmpty: true });
  const rows: BenchRow[] = [];
  try {
    await pushGoalFigures(hub);
    for (const section of sections) {
      process.stderr.write(`bench: ${section}${full ? ' (full)' : ''}…\n`);
      rows.push(...(await SECTIONS[section](hub, databaseUrl, full)));
    }
  } finally {
    await hub.stop();
    await embedded?.stop();
  }
  process.stdout.write(writeReports(rows, full ? 'full' : 'short', embedded ? 'embedded PostgreSQL' : 'PostgreSQL server'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
