/**
 * ipzone restore FILE [--force]: replaces the data of every subgraph with a backup written
 * by `ipzone backup`. The whole file is first read and verified against its trailer
 * (every table's row count and SHA-256, lib/backup-reader.ts) before the database is
 * touched. When the hub holds data, the restore says what it would replace and goes on
 * only with --force (or a "yes" typed on a terminal). For each subgraph, in one transaction per database connection: its
 * schema is dropped and recreated by running its migrations up to those the backup
 * lists, every table is loaded in foreign-key order and the sequences are set; all are
 * committed only once the whole file has been read and every count and checksum checked
 * again, and the schema's every table found in the backup, so a damaged, altered or
 * incomplete backup changes nothing. Secrets left out of the backup get fresh random
 * values nobody knows (they must be issued again). Migrations newer than the backup then
 * run as at any start. Works on a running hub's configured database (which then serves the restored data)
 * or a stopped hub; into a fresh data folder or a fresh database, they are created. An
 * embedded data folder a running hub holds is refused: stop the hub first.
 */
import { createInterface } from 'node:readline/promises';
import { DataSource, MigrationExecutor, type QueryRunner } from 'typeorm';
import { Client, type ClientBase } from 'pg';
import { SECRET_COLUMNS, type SubgraphSection, tablesInLoadOrder } from '../lib/backup';
import { loadBackup, type VerifiedBackup, verifyBackup } from '../lib/backup-reader';
import { DB_SCHEMAS, SUBGRAPHS, type SubgraphName } from '../lib/config';
import { type Settings, startupSettings } from '../lib/settings';

type DatabaseUrls = Settings['databaseUrls'];
import { openStore } from '../lib/db';
import { prepareDatabase } from '../hub';
import { FolderInUse } from '../lib/hub-lock';
import { subgraphDefinitions } from '../subgraphs';
import { commandLine } from './commands';

interface Open {
  dataSource: DataSource;
  runner: QueryRunner;
}

function migrationName(migration: unknown): string {
  const fn = migration as { name: string; new (): { name?: string } };
  return new fn().name ?? fn.name;
}

/** The subgraph's schema, empty, at the backup's migrations, inside an open transaction. */
async function recreateSchema(section: SubgraphSection, opened: Open[], urls: DatabaseUrls): Promise<ClientBase> {
  const name = section.subgraph as SubgraphName;
  if (!SUBGRAPHS.includes(name) || DB_SCHEMAS[name] !== section.schema) {
    throw new Error(`the backup holds a subgraph "${section.subgraph}" (schema ${section.schema}) this hub does not have`);
  }
  const known = (subgraphDefinitions[name].store.migrations as unknown[]).filter((m) => typeof m === 'function');
  const unknown = section.migrations.filter((m) => !known.some((k) => migrationName(k) === m));
  if (unknown.length > 0) {
    throw new Error(`the backup comes from a newer hub: ${name} has migrations this one lacks (${unknown.join(', ')})`);
  }
  const dataSource = new DataSource({
    type: 'postgres',
    url: urls[name],
    schema: section.schema,
    migrations: known.filter((k) => section.migrations.includes(migrationName(k))) as Array<new () => never>,
    migrationsTableName: 'migrations',
    extra: { max: 1, application_name: 'ipzone-restore', options: `-c search_path=${section.schema}` },
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  opened.push({ dataSource, runner });
  const client = (await runner.connect()) as ClientBase;
  await runner.startTransaction();
  const schema = client.escapeIdentifier(section.schema);
  await runner.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await runner.query(`CREATE SCHEMA ${schema}`);
  const executor = new MigrationExecutor(dataSource, runner);
  executor.transaction = 'none';
  await executor.executePendingMigrations();
  return client;
}

/** Loads the backup and commits every subgraph's transaction, or none. */
async function restore(file: string, urls: DatabaseUrls): Promise<VerifiedBackup> {
  const opened: Open[] = [];
  try {
    const loaded = await loadBackup(file, (section) => recreateSchema(section, opened, urls));
    for (const { runner } of opened) await runner.commitTransaction();
    return loaded;
  } catch (error) {
    for (const { runner } of opened) if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    for (const { runner, dataSource } of opened) {
      await runner.release().catch(() => undefined);
      await dataSource.destroy().catch(() => undefined);
    }
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const count = (n: number) => n.toLocaleString('en');

/** Rows the hub's subgraphs hold now, by `schema.table` (the migrations applied aside). */
async function holdings(urls: DatabaseUrls): Promise<Record<string, number>> {
  const held: Record<string, number> = {};
  for (const name of SUBGRAPHS) {
    const client = new Client({ connectionString: urls[name], application_name: 'ipzone-restore' });
    try {
      await client.connect();
    } catch (error) {
      if ((error as { code?: string }).code === '3D000') continue; // no database yet: nothing to replace
      throw error;
    }
    try {
      const schema = DB_SCHEMAS[name];
      for (const table of await tablesInLoadOrder(client, schema)) {
        if (table === 'migrations') continue;
        const id = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)}`;
        const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${id}`);
        if (rows[0].n > 0) held[`${schema}.${table}`] = rows[0].n;
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return held;
}

/** A restore not confirmed: nothing failed, nothing was changed. */
class NotConfirmed extends Error {}

/** Goes on when the hub holds nothing, or with --force, or with "yes" typed on a terminal. */
async function confirmReplacing(backup: VerifiedBackup, force: boolean, urls: DatabaseUrls): Promise<void> {
  const held = await holdings(urls);
  if (Object.keys(held).length === 0) return;
  const largest = Object.entries(held)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([table, n]) => `${table} ${count(n)}`);
  const incoming = sum(Object.values(backup.tables).map((t) => t.rows));
  const what =
    `the hub holds ${count(sum(Object.values(held)))} rows in ${Object.keys(held).length} tables (${largest.join(', ')}…); ` +
    `the restore replaces all of them with the backup made ${backup.header.createdAt ?? 'at an unknown time'} ` +
    `(${count(incoming)} rows in ${Object.keys(backup.tables).length} tables)`;
  if (force) {
    process.stderr.write(`${what}\n`);
    return;
  }
  if (process.stdin.isTTY && process.stderr.isTTY) {
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await prompt.question(`${what}.\nReplace them? Type "yes" to go on: `);
    prompt.close();
    if (answer.trim().toLowerCase() === 'yes') return;
    throw new NotConfirmed('not restored: nothing was changed');
  }
  throw new NotConfirmed(`not restored: ${what}. Nothing was changed: run it again with --force to replace them`);
}

async function main(): Promise<void> {
  const line = commandLine('restore');
  const [file] = line.positionals;
  // A data folder a running hub holds is refused first, whatever the file.
  const { embedded, settings } = await prepareDatabase(await startupSettings(['database']), { command: 'restore' });
  try {
    const backup = await verifyBackup(file);
    await confirmReplacing(backup, line.values.force === true, settings.databaseUrls);
    const { tables, omitted } = await restore(file, settings.databaseUrls);
    // Migrations added since the backup was made, as every start runs them.
    for (const name of SUBGRAPHS) await (await openStore({ name, ...subgraphDefinitions[name].store }, settings)).close();
    const rows = sum(Object.values(tables).map((t) => t.rows));
    process.stderr.write(`restored ${Object.keys(tables).length} tables, ${count(rows)} rows, from ${file}\n`);
    for (const table of new Set(omitted.map((column) => column.split('.').slice(0, 2).join('.')))) {
      if (tables[table]?.rows)
        process.stderr.write(`${table}: ${count(tables[table].rows)} row(s): ${SECRET_COLUMNS[table]?.reissue}\n`);
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof FolderInUse) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof NotConfirmed) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`restore failed: ${(error as Error).message}\n`);
  process.exit(2);
});
