/**
 * Idempotent multi-row upsert: rows that are new are inserted, rows whose columns
 * differ are updated, identical rows are left untouched (no write, no new tuple), so
 * loading the same data twice changes nothing. One statement per call.
 */
import type { EntityManager } from 'typeorm';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export async function upsertRows(
  manager: EntityManager,
  table: string,
  keyColumns: string[],
  rows: Array<Record<string, unknown>>,
  options: { touch?: string } = {},
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const columns = Object.keys(rows[0]);
  const quoted = (c: string) => `"${c}"`;
  const valueColumns = columns.filter((c) => !keyColumns.includes(c));
  const list = columns.map(quoted).join(', ');
  const onConflict =
    valueColumns.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${[...valueColumns.map((c) => `${quoted(c)} = EXCLUDED.${quoted(c)}`), ...(options.touch ? [`${quoted(options.touch)} = now()`] : [])].join(', ')}
         WHERE (${valueColumns.map((c) => `t.${quoted(c)}`).join(', ')}) IS DISTINCT FROM (${valueColumns.map((c) => `EXCLUDED.${quoted(c)}`).join(', ')})`;
  const result: Array<{ inserted: boolean }> = await manager.query(
    `INSERT INTO ${table} AS t (${list})
       SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
     ON CONFLICT (${keyColumns.map(quoted).join(', ')}) ${onConflict}
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify(rows)],
  );
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, updated: result.length - inserted, unchanged: rows.length - result.length };
}

export function addCounts(a: UpsertCounts, b: UpsertCounts): UpsertCounts {
  return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged };
}
