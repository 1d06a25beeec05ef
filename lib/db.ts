/**
 * Database bootstrap shared by the subgraphs: one TypeORM DataSource per subgraph, in
 * that subgraph's own PostgreSQL schema, migrated under an advisory lock so that
 * several replicas can start at once. Every SQL statement is counted, so tests and
 * benchmarks can show that a query costs a constant number of statements.
 */
import {
  type AfterQueryEvent,
  DataSource,
  type EntitySchema,
  type EntitySubscriberInterface,
  type Logger,
  type MixedList,
} from 'typeorm';
import { Client } from 'pg';
import { DB_SCHEMAS, type SubgraphName } from './config';
import { log } from './log';

/** Counts the statements a DataSource sends, the rows they return and their time; reads never reset it. */
class StatementCounter implements Logger, EntitySubscriberInterface {
  count = 0;
  rows = 0;
  /** Milliseconds from sending each statement to its answer, summed. */
  ms = 0;
  afterQuery(event: AfterQueryEvent): void {
    const raw = event.rawResults as { rows?: unknown[] } | undefined;
    if (Array.isArray(raw?.rows)) this.rows += raw.rows.length;
    this.ms += event.executionTime ?? 0;
  }
  logQuery(): void {
    this.count += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    this.count += 1;
    log.debug('sql error', { error: String(error), query: query.slice(0, 200) });
  }
  logQuerySlow(time: number, query: string): void {
    log.warn('slow sql', { ms: time, query: query.slice(0, 200) });
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    log.debug('migration', { message });
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level !== 'warn') return;
    const text = String(message);
    // A server shutting down ends its connections: expected when the hub stops with it.
    if (text.includes('terminating connection due to administrator command')) log.debug('typeorm', { message: text });
    else log.warn('typeorm', { message: text });
  }
}

export interface Store {
  name: SubgraphName;
  dataSource: DataSource;
  statements: StatementCounter;
  /** The migrations opening it applied (none when its schema was up to date). */
  migrated: string[];
  close(): Promise<void>;
}

export interface StoreDefinition {
  name: SubgraphName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
}

const databaseName = (url: string): string => decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));

/** Whether the database named in `url` exists (false) or is missing (true); other failures throw. */
async function missing(url: string): Promise<boolean> {
  // The usual case, and the only one a role without CREATEDB may reach: it exists.
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error; // 3D000: no such database
    return true;
  } finally {
    await probe.end().catch(() => undefined);
  }
}

/** What keeps a hub from using the database of `url`, in words, or undefined when it exists and answers. */
export async function databaseProblem(url: string): Promise<string | undefined> {
  const where = new URL(url);
  try {
    if (!(await missing(url))) return undefined;
  } catch (error) {
    return `cannot be reached (${where.hostname}:${where.port || 5432}): ${(error as Error).message}`;
  }
  return `names the database "${databaseName(url)}", which does not exist on ${where.hostname}:${where.port || 5432}: create it with \`ipzone db create\` (in production a start never creates one)`;
}

/**
 * Create the database named in `url` when it does not exist yet; true when it was created.
 * With `create: false` (production's starts) a missing database is an error instead.
 */
export async function ensureDatabase(url: string, options: { create?: boolean } = {}): Promise<boolean> {
  if (!(await missing(url))) return false;
  const database = databaseName(url);
  if (options.create === false)
    throw new Error(
      `the database "${database}" does not exist: create it with \`ipzone db create\` (in production a start never creates one)`,
    );
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
      // Created meanwhile by another service starting at the same time.
      if (error.code !== '42P04' && error.code !== '23505') throw error;
    });
  } finally {
    await client.end();
  }
  return true;
}

/** Open a subgraph's store (its database and pool size from the settings) and bring its schema up to date. */
export async function openStore(
  definition: StoreDefinition,
  settings: { databaseUrls: Record<SubgraphName, string | undefined>; poolSize: number },
): Promise<Store> {
  const url = settings.databaseUrls[definition.name];
  if (!url) throw new Error(`no database configured for the ${definition.name} subgraph`);
  const schema = DB_SCHEMAS[definition.name];
  const statements = new StatementCounter();
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema,
    entities: definition.entities,
    migrations: definition.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    logging: ['query', 'error', 'warn', 'migration'],
    logger: statements,
    maxQueryExecutionTime: 2000,
    extra: { max: settings.poolSize, application_name: `ipzone-${definition.name}`, options: `-c search_path=${schema}` },
  });
  await dataSource.initialize();
  dataSource.subscribers.push(statements);
  const migrated = await migrate(dataSource, schema);
  return {
    name: definition.name,
    dataSource,
    statements,
    migrated,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

/** Brings the schema up to date, one migrating process at a time; the migrations it applied now. */
async function migrate(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const lockKey = `ipzone-migrate-${schema}`;
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    return (await dataSource.runMigrations({ transaction: 'all' })).map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    await runner.release();
  }
}
