/**
 * ipzone restore FILE: replaces the data of every subgraph with a backup written by
 * `ipzone backup`. For each subgraph, in one transaction per database connection: its
 * schema is dropped and recreated by running its migrations up to those the backup
 * lists, every table is loaded in foreign-key order and the sequences are set; all are
 * committed only once the whole file has been read and every row count checked, so a
 * damaged or incomplete backup changes nothing. Migrations newer than the backup then
 * run as at any start. Works on a running hub's configured database (which then serves
 * the restored data) or a stopped hub; into a fresh data folder or a fresh database, they
 * are created. An embedded data folder a running hub holds is refused: stop the hub first.
 */
import { DataSource, MigrationExecutor, type QueryRunner } from 'typeorm';
import type { ClientBase } from 'pg';
import { loadBackup, type SubgraphSection } from '../lib/backup';
import { config, DB_SCHEMAS, SUBGRAPHS, type SubgraphName } from '../lib/config';
import { openStore } from '../lib/db';
import { prepareDatabase } from '../hub';
import { FolderInUse } from '../lib/hub-lock';
import { subgraphDefinitions } from '../subgraphs';

interface Open {
  dataSource: DataSource;
  runner: QueryRunner;
}

function migrationName(migration: unknown): string {
  const fn = migration as { name: string; new (): { name?: string } };
  return new fn().name ?? fn.name;
}

/** The subgraph's schema, empty, at the backup's migrations, inside an open transaction. */
async function recreateSchema(section: SubgraphSection, opened: Open[]): Promise<ClientBase> {
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
    url: config.subgraphDatabaseUrl(name),
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
async function restore(file: string): Promise<Record<string, number>> {
  const opened: Open[] = [];
  try {
    const counts = await loadBackup(file, (section) => recreateSchema(section, opened));
    for (const { runner } of opened) await runner.commitTransaction();
    return counts;
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

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || file.startsWith('--')) throw new Error('usage: ipzone restore FILE');
  const embedded = await prepareDatabase({ command: 'restore' });
  try {
    const counts = await restore(file);
    // Migrations added since the backup was made, as every start runs them.
    for (const name of SUBGRAPHS) await (await openStore({ name, ...subgraphDefinitions[name].store })).close();
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stderr.write(`restored ${Object.keys(counts).length} tables, ${rows.toLocaleString('en')} rows, from ${file}\n`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof FolderInUse) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`restore failed: ${(error as Error).message}\n`);
  process.exit(2);
});
