/**
 * Backups of the hub's data without pg_dump (the embedded PostgreSQL ships none).
 *
 * Format `ipzone-backup` version 1: a gzip'd text file of lines.
 *   {"format":"ipzone-backup","version":1,"createdAt":…}                      the header
 *   {"subgraph":"indicators","schema":"indicators","migrations":[…],"sequences":[…]}
 *   {"table":"figure_series","columns":[…]}                                   a table…
 *   …its rows in PostgreSQL's COPY text format, one per line…
 *   \.                                                                        …its end
 *   {"end":true,"rows":{"indicators.figure_series":1234,…}}                  the trailer
 * Every subgraph's tables are read in one repeatable-read snapshot of its database, so a
 * backup of a running hub is consistent. The schema itself is not stored: a restore
 * recreates it by running the subgraph's migrations up to those the backup lists
 * (scripts/restore.ts), then loads the rows in foreign-key order and the sequences.
 */
import { createGunzip, createGzip } from 'node:zlib';
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { ClientBase } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

export const BACKUP_FORMAT = 'ipzone-backup';
export const BACKUP_VERSION = 1;

export interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface SubgraphSection {
  subgraph: string;
  schema: string;
  migrations: string[];
  sequences: SequenceState[];
}

const END_OF_TABLE = '\\.';

/**
 * Tables of a schema, each after the tables its foreign keys point to. Tables whose
 * comment starts "derived:" are left out: triggers rebuild them as the others are loaded.
 */
export async function tablesInLoadOrder(client: ClientBase, schema: string): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r' AND COALESCE(obj_description(c.oid, 'pg_class'), '') NOT LIKE 'derived:%'
      ORDER BY c.relname`,
    [schema],
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = k.connamespace
      WHERE k.contype = 'f' AND n.nspname = $1 AND ch.relname <> pa.relname`,
    [schema],
  );
  const ordered: string[] = [];
  const visit = (table: string, path: string[]): void => {
    if (ordered.includes(table)) return;
    if (path.includes(table)) throw new Error(`foreign keys of ${schema} form a cycle: ${[...path, table].join(' → ')}`);
    for (const edge of edges) if (edge.child === table) visit(edge.parent, [...path, table]);
    ordered.push(table);
  };
  for (const { name } of tables) visit(name, []);
  return ordered;
}

/** The columns COPY can write and read back (generated columns are computed again). */
export async function copyableColumns(client: ClientBase, schema: string, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute
      WHERE attrelid = format('%I.%I', $1::text, $2::text)::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
      ORDER BY attnum`,
    [schema, table],
  );
  return rows.map((r) => r.name);
}

async function sequences(client: ClientBase, schema: string): Promise<SequenceState[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'S' ORDER BY c.relname`,
    [schema],
  );
  const states: SequenceState[] = [];
  for (const { name } of rows) {
    const id = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`;
    const { rows: state } = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${id}`,
    );
    states.push({ name, lastValue: state[0].last_value, isCalled: state[0].is_called });
  }
  return states;
}

async function write(out: Writable, text: string | Buffer): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export interface BackupSource {
  subgraph: string;
  schema: string;
  client: ClientBase;
}

/**
 * Writes a backup of the given subgraphs' schemas to `file` (atomically: a partial file
 * never takes its name). Each source's client must be connected; it is used inside one
 * read-only repeatable-read transaction. Returns the rows written per table.
 */
export async function writeBackup(file: string, sources: BackupSource[]): Promise<Record<string, number>> {
  const partial = `${file}.partial`;
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(partial));
  const counts: Record<string, number> = {};
  try {
    await write(
      gzip,
      `${JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString() })}\n`,
    );
    for (const { subgraph, schema, client } of sources) {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
        const tables = exists.rowCount ? await tablesInLoadOrder(client, schema) : [];
        const migrations = tables.includes('migrations')
          ? (
              await client.query<{ name: string }>(`SELECT name FROM ${client.escapeIdentifier(schema)}.migrations ORDER BY id`)
            ).rows.map((r) => r.name)
          : [];
        const section: SubgraphSection = { subgraph, schema, migrations, sequences: await sequences(client, schema) };
        await write(gzip, `${JSON.stringify(section)}\n`);
        for (const table of tables) {
          const columns = await copyableColumns(client, schema, table);
          await write(gzip, `${JSON.stringify({ table, columns })}\n`);
          const list = columns.map((c) => client.escapeIdentifier(c)).join(', ');
          const stream = client.query(
            copyTo(`COPY ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)} (${list}) TO STDOUT`),
          );
          let rows = 0;
          for await (const chunk of stream) {
            for (const byte of chunk as Buffer) if (byte === 10) rows += 1;
            await write(gzip, chunk as Buffer);
          }
          counts[`${schema}.${table}`] = rows;
          await write(gzip, `${END_OF_TABLE}\n`);
        }
      } finally {
        await client.query('COMMIT');
      }
    }
    await write(gzip, `${JSON.stringify({ end: true, rows: counts })}\n`);
    gzip.end();
    await done;
    renameSync(partial, file);
    return counts;
  } catch (error) {
    gzip.destroy();
    await done.catch(() => undefined);
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Reads lines of a backup file one at a time (the rows of a table are streamed to COPY). */
export class BackupReader {
  private readonly lines: AsyncIterator<string>;
  line = 0;

  constructor(file: string) {
    const input = createReadStream(file).pipe(createGunzip());
    this.lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  }

  async next(): Promise<string> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error(`the backup ends early, after line ${this.line}: it is incomplete`);
    this.line += 1;
    return value;
  }

  async json<T>(): Promise<T> {
    const text = await this.next();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new Error(`line ${this.line} of the backup is not what the format expects: it is damaged`);
    }
  }

  /** Streams a table's rows into COPY … FROM STDIN on `client`; returns how many. */
  async copyTable(client: ClientBase, schema: string, table: string, columns: string[]): Promise<number> {
    const list = columns.map((c) => client.escapeIdentifier(c)).join(', ');
    const copy = client.query(
      copyFrom(`COPY ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)} (${list}) FROM STDIN`),
    );
    const finished = new Promise<void>((resolve, reject) => {
      copy.on('finish', resolve);
      copy.on('error', reject);
    });
    let rows = 0;
    try {
      for (let line = await this.next(); line !== END_OF_TABLE; line = await this.next()) {
        rows += 1;
        await write(copy, `${line}\n`);
      }
    } catch (error) {
      // Ends the COPY with a failure, so that the connection can roll back.
      copy.destroy(error as Error);
      await finished.catch(() => undefined);
      throw error;
    }
    copy.end();
    await finished;
    return rows;
  }
}

async function readHeader(reader: BackupReader): Promise<void> {
  const header = await reader.json<{ format?: string; version?: number }>();
  if (header.format !== BACKUP_FORMAT) throw new Error('this file is not a backup of the hub');
  if (header.version !== BACKUP_VERSION) {
    throw new Error(`this backup has format version ${header.version}; this hub reads version ${BACKUP_VERSION}`);
  }
}

/**
 * Loads a backup. For each subgraph, `prepare` recreates its schema (empty, at the
 * backup's migrations) inside a transaction and returns the client of that transaction;
 * the tables are then emptied and loaded, and the sequences set. The caller commits when
 * this resolves (every row count checked against the trailer) and rolls back when it throws.
 */
export async function loadBackup(
  file: string,
  prepare: (section: SubgraphSection) => Promise<ClientBase>,
): Promise<Record<string, number>> {
  const reader = new BackupReader(file);
  await readHeader(reader);
  const counts: Record<string, number> = {};
  let record = await reader.json<Record<string, unknown>>();
  while (!record.end) {
    if (typeof record.subgraph !== 'string') throw new Error(`line ${reader.line} of the backup should start a subgraph`);
    const section = record as unknown as SubgraphSection;
    const { schema } = section;
    const client = await prepare(section);
    const tables = await tablesInLoadOrder(client, schema);
    if (tables.length > 0) {
      await client.query(`TRUNCATE ${tables.map((t) => `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(t)}`)}`);
    }
    for (record = await reader.json(); typeof record.table === 'string'; record = await reader.json()) {
      const table = record.table;
      if (!tables.includes(table)) throw new Error(`the backup holds a table ${schema}.${table} that the hub's schema lacks`);
      counts[`${schema}.${table}`] = await reader.copyTable(client, schema, table, record.columns as string[]);
    }
    for (const sequence of section.sequences) {
      await client.query("SELECT setval(format('%I.%I', $1::text, $2::text)::regclass, $3::bigint, $4)", [
        schema,
        sequence.name,
        sequence.lastValue,
        sequence.isCalled,
      ]);
    }
  }
  const expected = (record.rows ?? {}) as Record<string, number>;
  for (const [table, rows] of Object.entries(expected)) {
    if (counts[table] !== rows) throw new Error(`${table}: the backup lists ${rows} rows, ${counts[table] ?? 0} were read`);
  }
  return counts;
}
