/**
 * The rows of a push, staged by COPY into a temporary table, and the one statement that
 * writes them from there: every new revision, and every current value moved. One list of
 * columns drives all of it (the staging table, the COPY text, the upsert of the current
 * figure, the revision), so a new column of a figure is one line here.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import type { PreparedRow } from '../model/rows';

type SqlType = 'text' | 'text[]' | 'numeric' | 'date' | 'boolean';

/**
 * Where a column goes: `key` names the figure; `series` is set when the figure is first
 * recorded; `state` is the figure's current state (kept in the series and in each
 * revision; a row equal to it in every `state` column changes nothing); `revision` is
 * kept in the revision only; `reported` is the day a figure was originally reported, kept in
 * both, which changes the figure only when given (the series also keeps the earliest).
 */
type Role = 'key' | 'series' | 'state' | 'revision' | 'reported';

interface StagedColumn {
  name: string;
  type: SqlType;
  role: Role;
  value: (row: PreparedRow) => string | number | boolean | readonly string[] | null;
}

const STAGED_COLUMNS: readonly StagedColumn[] = [
  { name: 'indicator_id', type: 'text', role: 'key', value: (r) => r.indicatorId },
  { name: 'period', type: 'text', role: 'key', value: (r) => r.period.text },
  { name: 'breakdown', type: 'text', role: 'key', value: (r) => r.breakdown },
  { name: 'period_type', type: 'text', role: 'series', value: (r) => r.period.type },
  { name: 'period_start', type: 'date', role: 'series', value: (r) => r.period.start },
  { name: 'period_end', type: 'date', role: 'series', value: (r) => r.period.end },
  { name: 'value', type: 'numeric', role: 'state', value: (r) => r.value },
  { name: 'numerator', type: 'numeric', role: 'state', value: (r) => r.numerator },
  { name: 'denominator', type: 'numeric', role: 'state', value: (r) => r.denominator },
  { name: 'status', type: 'text', role: 'state', value: (r) => r.status },
  { name: 'flags', type: 'text[]', role: 'state', value: (r) => r.flags },
  { name: 'withdrawn', type: 'boolean', role: 'state', value: (r) => r.withdrawn },
  { name: 'note', type: 'text', role: 'state', value: (r) => r.note },
  { name: 'source', type: 'text', role: 'state', value: (r) => r.source },
  { name: 'organization_id', type: 'text', role: 'state', value: (r) => r.organizationId },
  { name: 'reason', type: 'text', role: 'revision', value: (r) => r.reason },
  { name: 'explanation', type: 'text', role: 'revision', value: (r) => r.explanation },
  { name: 'warning_codes', type: 'text[]', role: 'revision', value: (r) => r.warningCodes },
  { name: 'reported_on', type: 'date', role: 'reported', value: (r) => r.reportedOn },
];

/** What a column of a staged row holds. */
export type CopyValue = string | number | boolean | readonly string[] | null;

const ESCAPED = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: `\N` for null, backslash, tab and line breaks escaped. */
function copyText(value: CopyValue): string {
  if (value === null) return '\\N';
  // An array of enum names or codes ([A-Z_]): nothing in it needs quoting.
  if (typeof value === 'object') return `{${value.join(',')}}`;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return ESCAPED.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
}

/** A row as one line of COPY's text format: each column's value, tab-separated. */
export function copyLine<Row>(columns: ReadonlyArray<{ value: (row: Row) => CopyValue }>, row: Row): string {
  let line = copyText(columns[0].value(row));
  for (let i = 1; i < columns.length; i += 1) line += `\t${copyText(columns[i].value(row))}`;
  return `${line}\n`;
}

const names = (roles: Role[]) => STAGED_COLUMNS.filter((c) => roles.includes(c.role)).map((c) => c.name);
const ALL = STAGED_COLUMNS.map((c) => c.name);
const SERIES = names(['key', 'series', 'state']);
const STATE = names(['state']);
const REVISION = names(['state', 'revision', 'reported']);
const list = (columns: string[], prefix = '') => columns.map((c) => prefix + c).join(', ');

const STAGING_TABLE = 'staged_figure';

/** Made by the first write on a connection; emptied by every commit, and a rollback takes its rows back. */
const CREATE_STAGING = `CREATE TEMPORARY TABLE IF NOT EXISTS ${STAGING_TABLE} (
  ${STAGED_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')}) ON COMMIT DELETE ROWS`;

const COPY = `COPY ${STAGING_TABLE} (${list(ALL)}) FROM STDIN`;

/**
 * $1 the subject who writes, $2 their organisation, $3 the push's idempotency key. Every
 * figure of the push is recorded at the same instant, the statement's: a vintage
 * (recordedAsOf) holds a push whole or not at all.
 */
const WRITE = `WITH upserted AS (
    INSERT INTO figure_series AS s (${list(SERIES)}, reported_on, revision, recorded_by, recorded_at, first_recorded_at,
                                    first_reported_on)
    SELECT ${list(SERIES)}, reported_on, 1, $1, statement_timestamp(), statement_timestamp(),
           COALESCE(reported_on, (statement_timestamp() AT TIME ZONE 'UTC')::date)
      FROM ${STAGING_TABLE} ORDER BY indicator_id, period, breakdown
    ON CONFLICT (indicator_id, period, breakdown) DO UPDATE SET
      revision = s.revision + 1, ${STATE.map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
      reported_on = EXCLUDED.reported_on, first_reported_on = LEAST(s.first_reported_on, EXCLUDED.reported_on),
      recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
    WHERE (${list(STATE, 's.')}) IS DISTINCT FROM (${list(STATE, 'EXCLUDED.')})
       OR (EXCLUDED.reported_on IS NOT NULL AND EXCLUDED.reported_on IS DISTINCT FROM s.reported_on)
    RETURNING s.id, s.indicator_id, s.period, s.breakdown, s.revision, s.recorded_at, (xmax = 0) AS inserted
  ),
  revisions AS (
    INSERT INTO figure_revision (series_id, revision, ${list(REVISION)}, recorded_by, recorded_by_org, recorded_at, import_key)
    SELECT u.id, u.revision, ${list(REVISION, 'i.')}, $1, $2, u.recorded_at, $3
      FROM upserted u JOIN ${STAGING_TABLE} i USING (indicator_id, period, breakdown)
    RETURNING 1
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated,
         (SELECT count(*) FROM revisions)::int AS revisions
    FROM upserted`;

/**
 * Empties the staging table between the batches of a transaction that writes several (a
 * file's, bulk-land.ts): called after a batch that staged rows (writeStaged made the table).
 */
export async function clearStaged(manager: EntityManager): Promise<void> {
  await manager.query(`TRUNCATE ${STAGING_TABLE}`);
}

/** The rows in COPY's text format, one line each. */
function copyLines(rows: PreparedRow[]): string {
  let text = '';
  for (const row of rows) text += copyLine(STAGED_COLUMNS, row);
  return text;
}

export interface Writer {
  subject: string;
  organizationId: string;
  importKey: string | null;
}

/** Stages the rows with COPY on the transaction's connection, then writes them in one statement. */
export async function writeStaged(
  manager: EntityManager,
  rows: PreparedRow[],
  writer: Writer,
): Promise<{ created: number; updated: number }> {
  await manager.query(CREATE_STAGING);
  const client = (await manager.queryRunner!.connect()) as PoolClient;
  await pipeline(Readable.from([copyLines(rows)]), client.query(copyFrom(COPY)));
  const [counts] = await manager.query(WRITE, [writer.subject, writer.organizationId, writer.importKey]);
  return { created: counts.created, updated: counts.updated };
}
