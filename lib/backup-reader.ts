/**
 * Reading a backup (format of lib/backup.ts) back: `verifyBackup` reads the whole file
 * and checks it against its trailer (every table's row count and SHA-256, the SHA-256 of
 * all that precedes the trailer, every table of every section listed) before anything
 * is touched; `loadBackup` then loads it, checking the same again as it streams the rows,
 * and refuses a file that lacks a table the schema at its migrations has.
 */
import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupTrailer,
  END_OF_TABLE,
  SECRET_COLUMNS,
  type SubgraphSection,
  type TableDigest,
  tablesInLoadOrder,
  write,
} from './backup';
import { BackupReader } from './backup-lines';

interface BackupHeader {
  format?: string;
  version?: number;
  createdAt?: string;
}

async function readHeader(reader: BackupReader): Promise<BackupHeader> {
  const header = await reader.json<BackupHeader>();
  if (header.format !== BACKUP_FORMAT) throw new Error('this file is not a backup of the hub');
  if (header.version === 1) {
    throw new Error(
      'this backup has format version 1, which carries no checksums and cannot be verified: ' +
        'make a new backup with this hub (ipzone backup FILE) from the hub that holds the data',
    );
  }
  if (header.version !== BACKUP_VERSION) {
    throw new Error(`this backup has format version ${header.version}; this hub reads version ${BACKUP_VERSION}`);
  }
  return header;
}

interface TableStart {
  table?: string;
  columns?: string[];
  subgraph?: string;
  end?: boolean;
}

/** The section line of a subgraph, its tables listed. */
function sectionOf(record: TableStart, line: number): SubgraphSection {
  const section = record as unknown as SubgraphSection;
  if (typeof section.subgraph !== 'string' || typeof section.schema !== 'string' || !Array.isArray(section.tables)) {
    throw new Error(`line ${line} of the backup should start a subgraph, with its tables listed`);
  }
  return section;
}

/** Checks what was read against the trailer: every table, its rows and hash, the whole file's hash. */
function checkTrailer(trailer: BackupTrailer, read: Record<string, TableDigest>, listed: string[], whole: string): void {
  if (typeof trailer.tables !== 'object' || trailer.tables === null || typeof trailer.sha256 !== 'string') {
    throw new Error('the backup ends without the row counts and checksums of its tables: it is incomplete or altered');
  }
  for (const table of listed) {
    if (!(table in read)) throw new Error(`the backup lists ${table} but holds no rows section for it: it is altered`);
  }
  for (const table of new Set([...Object.keys(read), ...listed, ...Object.keys(trailer.tables)])) {
    const expected = trailer.tables[table];
    const actual = read[table];
    if (!expected) throw new Error(`${table} has no row count or checksum in the backup's trailer: it is altered`);
    if (!actual) throw new Error(`the backup's trailer lists ${table}, which the file does not hold: it is altered`);
    if (expected.rows !== actual.rows) {
      throw new Error(`${table}: the backup lists ${expected.rows} rows, ${actual.rows} were read: it is altered or damaged`);
    }
    if (expected.sha256 !== actual.sha256)
      throw new Error(`${table}: its rows do not match their checksum: the backup is altered or damaged`);
  }
  if (trailer.sha256 !== whole) throw new Error('the backup does not match its checksum: it is altered or damaged');
}

export interface VerifiedBackup {
  header: BackupHeader;
  sections: SubgraphSection[];
  tables: Record<string, TableDigest>;
  omitted: string[];
}

/** Walks the file: `onSection` for each subgraph, `onTable` streams each table's rows. */
async function walk(
  file: string,
  onSection: (section: SubgraphSection) => Promise<void>,
  onTable: (section: SubgraphSection, table: string, columns: string[], rows: () => Promise<string | undefined>) => Promise<void>,
): Promise<VerifiedBackup> {
  const reader = await BackupReader.open(file);
  const header = await readHeader(reader);
  const sections: SubgraphSection[] = [];
  const read: Record<string, TableDigest> = {};
  const listed: string[] = [];
  let record = await reader.json<TableStart>(false);
  while (!record.end) {
    reader.hashLast(); // known now not to be the trailer, which is not hashed
    const section = sectionOf(record, reader.line);
    sections.push(section);
    listed.push(...section.tables.map((t) => `${section.schema}.${t}`));
    await onSection(section);
    for (record = await reader.json<TableStart>(false); typeof record.table === 'string'; record = await reader.json(false)) {
      reader.hashLast();
      const name = `${section.schema}.${record.table}`;
      if (!section.tables.includes(record.table))
        throw new Error(`${name} is not among the tables its subgraph lists: the backup is altered`);
      if (name in read) throw new Error(`${name} appears twice in the backup: it is altered`);
      const hash = createHash('sha256');
      let rows = 0;
      let ended = false;
      const next = async (): Promise<string | undefined> => {
        if (ended) return undefined;
        const text = await reader.hashed(hash);
        if (text === END_OF_TABLE) {
          ended = true;
          return undefined;
        }
        rows += 1;
        return text;
      };
      await onTable(section, record.table, record.columns ?? [], next);
      while ((await next()) !== undefined); // rows the callback left unread
      read[name] = { rows, sha256: hash.digest('hex') };
    }
  }
  const trailer = record as unknown as BackupTrailer;
  checkTrailer(trailer, read, listed, reader.whole.digest('hex'));
  return { header, sections, tables: read, omitted: Array.isArray(trailer.omitted) ? trailer.omitted : [] };
}

/** Reads the whole backup and checks it against its trailer, touching nothing. */
export function verifyBackup(file: string): Promise<VerifiedBackup> {
  return walk(
    file,
    async () => undefined,
    async () => undefined,
  );
}

/** Streams a table's rows into COPY … FROM STDIN on `client`. */
async function copyTable(
  client: ClientBase,
  schema: string,
  table: string,
  columns: string[],
  rows: () => Promise<string | undefined>,
): Promise<void> {
  const list = columns.map((c) => client.escapeIdentifier(c)).join(', ');
  const copy = client.query(
    copyFrom(`COPY ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)} (${list}) FROM STDIN`),
  );
  const finished = new Promise<void>((resolve, reject) => {
    copy.on('finish', resolve);
    copy.on('error', reject);
  });
  try {
    for (let line = await rows(); line !== undefined; line = await rows()) await write(copy, `${line}\n`);
  } catch (error) {
    // Ends the COPY with a failure, so that the connection can roll back.
    copy.destroy(error as Error);
    await finished.catch(() => undefined);
    throw error;
  }
  copy.end();
  await finished;
}

/** Each restored row of a table with secrets gets fresh random ones nobody knows. */
async function reissueSecrets(client: ClientBase, schema: string, table: string): Promise<void> {
  const secrets = SECRET_COLUMNS[`${schema}.${table}`]?.columns ?? [];
  if (secrets.length === 0) return;
  const fresh = "replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')";
  await client.query(
    `UPDATE ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)} SET ${secrets
      .map((c) => `${client.escapeIdentifier(c)} = ${fresh}`)
      .join(', ')}`,
  );
}

/**
 * Loads a verified backup. For each subgraph, `prepare` recreates its schema (empty, at
 * the backup's migrations) inside a transaction and returns the client of that
 * transaction; the schema's tables must be those the backup holds; they are emptied and
 * loaded, and the sequences set. The caller commits when this resolves (every count and
 * checksum checked again against the trailer) and rolls back when it throws.
 */
export async function loadBackup(
  file: string,
  prepare: (section: SubgraphSection) => Promise<ClientBase>,
): Promise<VerifiedBackup> {
  const clients = new Map<SubgraphSection, ClientBase>();
  return walk(
    file,
    async (section) => {
      const client = await prepare(section);
      clients.set(section, client);
      const { schema } = section;
      const tables = await tablesInLoadOrder(client, schema);
      const lacking = tables.filter((t) => !section.tables.includes(t));
      if (lacking.length > 0) {
        throw new Error(
          `the backup lacks ${lacking.map((t) => `${schema}.${t}`).join(', ')}, which its schema version has: it is altered or incomplete`,
        );
      }
      const extra = section.tables.filter((t) => !tables.includes(t));
      if (extra.length > 0)
        throw new Error(`the backup holds ${extra.map((t) => `${schema}.${t}`).join(', ')}, which the hub's schema lacks`);
      if (tables.length > 0) {
        await client.query(
          `TRUNCATE ${tables.map((t) => `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(t)}`).join(', ')}`,
        );
      }
      // Sequences once the tables are in; set here, inside the same transaction, they hold for what follows.
      for (const sequence of section.sequences) {
        await client.query("SELECT setval(format('%I.%I', $1::text, $2::text)::regclass, $3::bigint, $4)", [
          schema,
          sequence.name,
          sequence.lastValue,
          sequence.isCalled,
        ]);
      }
    },
    async (section, table, columns, rows) => {
      const client = clients.get(section)!;
      await copyTable(client, section.schema, table, columns, rows);
      await reissueSecrets(client, section.schema, table);
    },
  );
}
