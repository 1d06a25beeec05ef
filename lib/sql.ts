/**
 * SQL helpers beside the row schemas of lib/rows.ts (which read what raw queries answer):
 * TypeORM's transformer for its entities' numeric columns, instants as ISO 8601 text, and
 * WHERE conditions with numbered parameters.
 */

/** TypeORM's transformer for a numeric column (it arrives as a string): numbers in, numbers out, nulls kept. */
export const numericColumn = {
  to: (value: number | null) => value,
  from: (value: unknown): number | null => (value === null || value === undefined ? null : Number(value)),
};

export const isoTime = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

/** WHERE conditions with numbered parameters: `add('s.period = ?', value)` makes `s.period = $n`. */
export function sqlConditions(params: unknown[] = [], where: string[] = []) {
  return {
    params,
    where,
    add: (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    },
  };
}
