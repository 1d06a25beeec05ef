/**
 * A file's prepared rows, staged by COPY into a temporary table of the connection that
 * reads the file, then checked set-wise there: the same figure given twice is found by one
 * statement; the rows come back in batches that keep together what is checked together
 * (bulk-plan.ts), so the push's checks run on each batch as on one push.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager, QueryRunner } from 'typeorm';
import { z } from 'zod';
import { FIGURE_STATUSES, QUALITY_FLAGS } from '../../../lib/enums';
import { column, readRows } from '../../../lib/rows';
import type { StagedBatch } from '../model/bulk-plan';
import type { PreparedRow } from '../model/rows';
import { figureColumns, figureOf } from './figure-columns';
import { copyLine, type CopyValue } from './figure-staging';

const TABLE = 'bulk_figure';

/** `derived`: kept for the set-wise statements (mixedYears), never read back: the period's text holds it. */
const COLUMNS: ReadonlyArray<{
  name: string;
  type: string;
  value: (r: PreparedRow) => CopyValue;
  derived?: true;
}> = [
  { name: 'idx', type: 'int', value: (r) => r.index },
  { name: 'indicator_id', type: 'text', value: (r) => r.indicatorId },
  { name: 'period', type: 'text', value: (r) => r.period.text },
  { name: 'period_type', type: 'text', value: (r) => r.period.type, derived: true },
  { name: 'year', type: 'int', value: (r) => r.period.year, derived: true },
  { name: 'breakdown', type: 'text', value: (r) => r.breakdown },
  { name: 'value', type: 'float8', value: (r) => r.value },
  { name: 'numerator', type: 'float8', value: (r) => r.numerator },
  { name: 'denominator', type: 'float8', value: (r) => r.denominator },
  { name: 'status', type: 'text', value: (r) => r.status },
  { name: 'status_stated', type: 'boolean', value: (r) => r.statusStated },
  { name: 'flags', type: 'text[]', value: (r) => r.flags },
  { name: 'reported_on', type: 'text', value: (r) => r.reportedOn },
  { name: 'withdrawn', type: 'boolean', value: (r) => r.withdrawn },
  { name: 'note', type: 'text', value: (r) => r.note },
  { name: 'source', type: 'text', value: (r) => r.source },
  { name: 'reason', type: 'text', value: (r) => r.reason },
  { name: 'explanation', type: 'text', value: (r) => r.explanation },
  { name: 'organization_id', type: 'text', value: (r) => r.organizationId },
];
const NAMES = COLUMNS.map((c) => c.name).join(', ');
/** The columns a batch reads back (preparedRow). */
const READ = COLUMNS.filter((c) => !c.derived)
  .map((c) => c.name)
  .join(', ');

/** A row in COPY's text format. */
export const stagedLine = (row: PreparedRow): string => copyLine(COLUMNS, row);

/** A staged row as the push's checks take it (the columns of READ). */
const StagedColumns = z
  .object({
    idx: column.number,
    ...figureColumns,
    period: column.period,
    status: column.oneOf(FIGURE_STATUSES),
    status_stated: column.boolean,
    flags: z.array(column.oneOf(QUALITY_FLAGS)),
    reported_on: column.optionalText,
    withdrawn: column.boolean,
    note: column.optionalText,
    source: column.optionalText,
    reason: column.optionalText,
    explanation: column.optionalText,
    organization_id: column.text,
  })
  .transform((r): PreparedRow => ({
    index: r.idx,
    ...figureOf(r),
    status: r.status,
    statusStated: r.status_stated,
    flags: r.flags,
    reportedOn: r.reported_on,
    withdrawn: r.withdrawn,
    note: r.note,
    source: r.source,
    reason: r.reason,
    explanation: r.explanation,
    warningCodes: [],
    organizationId: r.organization_id,
  }));

const RepeatColumns = z.object({ index: column.number, first: column.number });
const StagedPeriodColumns = z.object({
  indicatorId: column.text,
  period: column.text,
  rows: column.number,
  total: column.boolean,
});
const MixedYearColumns = z.object({ indicatorId: column.text, breakdown: column.text, year: column.number });

/** An empty staging table on the runner's connection (which keeps it until it is dropped or the connection ends). */
export async function createStaging(runner: QueryRunner): Promise<void> {
  await runner.query(`DROP TABLE IF EXISTS pg_temp.${TABLE}`);
  await runner.query(`CREATE TEMPORARY TABLE ${TABLE} (${COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')})`);
}

export async function dropStaging(runner: QueryRunner): Promise<void> {
  await runner.query(`DROP TABLE IF EXISTS pg_temp.${TABLE}`);
}

/** Stages the lines (stagedLine) by COPY, as they come. */
export async function copyStaged(runner: QueryRunner, lines: AsyncIterable<string>): Promise<void> {
  const client = (await runner.connect()) as PoolClient;
  await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${TABLE} (${NAMES}) FROM STDIN`)));
  await runner.query(`CREATE INDEX ON ${TABLE} (indicator_id, period, breakdown)`);
  await runner.query(`ANALYZE ${TABLE}`);
}

/** Removes every figure given again after its first row; the rows removed and the first row of each. */
export async function removeRepeats(runner: QueryRunner): Promise<Array<{ index: number; first: number }>> {
  const rows: unknown = await runner.query(
    `WITH ranked AS (
       SELECT idx, first_value(idx) OVER (PARTITION BY indicator_id, period, breakdown ORDER BY idx) AS first FROM ${TABLE})
     , removed AS (DELETE FROM ${TABLE} b USING ranked r WHERE b.idx = r.idx AND r.idx <> r.first RETURNING b.idx, r.first)
     SELECT idx AS index, first FROM removed ORDER BY idx`,
  );
  return readRows('staged repeats removed', RepeatColumns, rows);
}

/** The periods staged, per indicator: how many rows each, and whether the file or the store holds its total (breakdown ''). */
export async function stagedPeriods(runner: QueryRunner): Promise<Array<z.output<typeof StagedPeriodColumns>>> {
  const rows: unknown = await runner.query(
    `SELECT b.indicator_id AS "indicatorId", b.period, count(*)::int AS rows,
            bool_or(b.breakdown = '') OR EXISTS (
              SELECT 1 FROM figure_series f WHERE f.indicator_id = b.indicator_id AND f.period = b.period AND f.breakdown = '') AS total
       FROM ${TABLE} b GROUP BY b.indicator_id, b.period`,
  );
  return readRows('staged periods', StagedPeriodColumns, rows);
}

/**
 * The breakdown-years (of the indicators staged) that hold figures of more than one period
 * type, staged and stored together: the only ones whose parts a reconciliation can tile
 * (coverage.ts), found by one statement for the whole file. Read after the pushes of the
 * file's indicators are serialised, so no other push adds a type meanwhile.
 */
export async function mixedYears(manager: EntityManager): Promise<Array<z.output<typeof MixedYearColumns>>> {
  const rows: unknown = await manager.query(
    `WITH staged AS (SELECT DISTINCT indicator_id, breakdown, year, period_type FROM ${TABLE}),
          k AS (SELECT DISTINCT indicator_id, breakdown, year FROM staged)
     SELECT indicator_id AS "indicatorId", breakdown, year FROM (
       SELECT * FROM staged
        UNION
       SELECT k.indicator_id, k.breakdown, k.year, f.period_type
         FROM k JOIN figure_series f
           ON f.indicator_id = k.indicator_id AND f.breakdown = k.breakdown AND extract(year FROM f.period_start) = k.year
     ) AS types GROUP BY indicator_id, breakdown, year HAVING count(*) > 1`,
  );
  return readRows('breakdown-years of mixed period types', MixedYearColumns, rows);
}

/** The rows of a batch in file order, and (for a slice of a period) the last breakdown read. */
export async function stagedRows(
  manager: EntityManager,
  batch: StagedBatch,
): Promise<{ rows: PreparedRow[]; last: string | null }> {
  let found: unknown;
  if ('periods' in batch) {
    found = await manager.query(
      `SELECT ${READ} FROM ${TABLE}
        WHERE (indicator_id, period) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY idx`,
      [batch.periods.map((p) => p.indicatorId), batch.periods.map((p) => p.period)],
    );
  } else {
    found = await manager.query(
      `SELECT ${READ} FROM ${TABLE} WHERE indicator_id = $1 AND period = $2 AND ($3::text IS NULL OR breakdown > $3)
        ORDER BY breakdown LIMIT $4`,
      [batch.indicatorId, batch.period, batch.after, batch.limit],
    );
  }
  const rows = readRows('staged rows', StagedColumns, found);
  const last = rows.length > 0 ? rows[rows.length - 1].breakdown : null;
  return { rows: rows.sort((a, b) => a.index - b.index), last };
}
