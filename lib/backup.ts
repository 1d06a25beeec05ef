/**
 * Backups of the hub's data without pg_dump (the embedded PostgreSQL ships none).
 *
 * Format `ipzone-backup` version 2: a gzip'd text file of lines.
 *   {"format":"ipzone-backup","version":2,"createdAt":…}                      the header
 *   {"subgraph":"indicators","schema":"indicators","migrations":[…],"sequences":[…],"tables":[…]}
 *   {"table":"figure_series","columns":[…]}                                   a table…
 *   …its rows in PostgreSQL's COPY text format, one per line…
 *   \.                                                                        …its end
 *   {"end":true,"tables":{"indicators.figure_series":{"rows":1234,"sha256":…},…},
 *    "sha256":…,"omitted":["indicators.webhook_subscription.secret"]}          the trailer
 * The trailer lists every table written with its row count and the SHA-256 of its rows
 * (each line with its newline), and the SHA-256 of every line before the trailer; a
 * restore (lib/backup-reader.ts) checks all of them, and that the file holds every table
 * of the schema its migrations make, before it replaces anything.
 * Every subgraph's tables are read in one repeatable-read snapshot of its database, so a
 * backup of a running hub is consistent. The schema itself is not stored: a restore
 * recreates it by running the subgraph's migrations up to those the backup lists
 * (scripts/restore.ts), then loads the rows in foreign-key order and the sequences.
 * Secrets (SECRET_COLUMNS) are left out: their columns are written empty.
 * The file is created readable by its owner only (lib/private-file.ts).
 */
import { createHash, type Hash } from 'node:crypto';
import { createGzip } from 'node:zlib';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { ClientBase } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createPrivateFile } from './private-file';

export const BACKUP_FORMAT = 'ipzone-backup';
export const BACKUP_VERSION = 2;

/**
 * Columns that hold secrets, by `schema.table`: backups write them empty, and a restore
 * gives each restored row a fresh random value nobody knows (so that nothing is signed
 * with an empty key): the secret must be issued again (docs/operations.md, Backups).
 */
export const SECRET_COLUMNS: Readonly<Record<string, { columns: readonly string[]; reissue: string }>> = {
  'indicators.webhook_subscription': {
    columns: ['secret'],
    reissue: 'webhook subscriptions keep their URL and events but need a new signing secret: subscribe their URL again',
  },
};

export interface TableDigest {
  rows: number;
  sha256: string;
}

export interface BackupTrailer {
  end: true;
  tables: Record<string, TableDigest>;
  /** SHA-256 of every line before the trailer (each with its newline). */
  sha256: string;
  /** `schema.table.column` of each secret left out. */
  omitted: string[];
}

interface SequenceState {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

export interface SubgraphSection {
  subgraph: string;
  schema: string;
  migrations: string[];
  sequences: SequenceState[];
  /** Every table the section holds, in load order. */
  tables: string[];
}

export const END_OF_TABLE = '\\.';

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
async function copyableColumns(client: ClientBase, schema: string, table: string): Promise<string[]> {
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

export async function write(out: Writable, text: string | Buffer): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export interface BackupSource {
  subgraph: string;
  schema: string;
  client: ClientBase;
}

/** Hashes and compresses what is written; the trailer is written unhashed. */
class BackupWriter {
  readonly whole = createHash('sha256');
  constructor(readonly gzip: Writable) {}

  async line(text: string | Buffer, table?: Hash): Promise<void> {
    this.whole.update(text);
    table?.update(text);
    await write(this.gzip, text);
  }
}

/** The SELECT list of a table's columns, secrets written empty. */
function selectList(client: ClientBase, schema: string, table: string, columns: string[]): string {
  const secrets = SECRET_COLUMNS[`${schema}.${table}`]?.columns ?? [];
  return columns
    .map((c) => (secrets.includes(c) ? `''::text AS ${client.escapeIdentifier(c)}` : client.escapeIdentifier(c)))
    .join(', ');
}

async function writeSubgraph(out: BackupWriter, source: BackupSource, digests: Record<string, TableDigest>): Promise<void> {
  const { subgraph, schema, client } = source;
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    const tables = exists.rowCount ? await tablesInLoadOrder(client, schema) : [];
    const migrations = tables.includes('migrations')
      ? (
          await client.query<{ name: string }>(`SELECT name FROM ${client.escapeIdentifier(schema)}.migrations ORDER BY id`)
        ).rows.map((r) => r.name)
      : [];
    const section: SubgraphSection = { subgraph, schema, migrations, sequences: await sequences(client, schema), tables };
    await out.line(`${JSON.stringify(section)}\n`);
    for (const table of tables) {
      const columns = await copyableColumns(client, schema, table);
      await out.line(`${JSON.stringify({ table, columns })}\n`);
      const from = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)}`;
      const stream = client.query(copyTo(`COPY (SELECT ${selectList(client, schema, table, columns)} FROM ${from}) TO STDOUT`));
      const hash = createHash('sha256');
      let rows = 0;
      for await (const chunk of stream) {
        for (const byte of chunk as Buffer) if (byte === 10) rows += 1;
        await out.line(chunk as Buffer, hash);
      }
      digests[`${schema}.${table}`] = { rows, sha256: hash.digest('hex') };
      await out.line(`${END_OF_TABLE}\n`);
    }
  } finally {
    await client.query('COMMIT');
  }
}

/**
 * Writes a backup of the given subgraphs' schemas to `file`, created 0600 and put in
 * place whole (a partial file never takes its name). Each source's client must be
 * connected; it is used inside one read-only repeatable-read transaction. Returns the
 * rows written per table.
 */
export async function writeBackup(file: string, sources: BackupSource[]): Promise<Record<string, number>> {
  const target = await createPrivateFile(file);
  const gzip = createGzip();
  const done = pipeline(gzip, target.handle.createWriteStream());
  const out = new BackupWriter(gzip);
  const digests: Record<string, TableDigest> = {};
  try {
    await out.line(
      `${JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString() })}\n`,
    );
    for (const source of sources) await writeSubgraph(out, source, digests);
    const omitted = Object.entries(SECRET_COLUMNS)
      .filter(([table]) => table in digests)
      .flatMap(([table, { columns }]) => columns.map((c) => `${table}.${c}`));
    const trailer: BackupTrailer = { end: true, tables: digests, sha256: out.whole.digest('hex'), omitted };
    await write(gzip, `${JSON.stringify(trailer)}\n`);
    gzip.end();
    await done;
    await target.commit();
    return Object.fromEntries(Object.entries(digests).map(([table, { rows }]) => [table, rows]));
  } catch (error) {
    gzip.destroy();
    await done.catch(() => undefined);
    await target.discard();
    throw error;
  }
}
