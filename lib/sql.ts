/**
 * Reading PostgreSQL values: numeric (and bigint) columns arrive as strings, timestamps
 * as Dates. The one way numbers from the database are read.
 */
export const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** A number from a column that is never null. */
export const pgNumber = (value: unknown): number => Number(value);

/** TypeORM's transformer for a numeric column: numbers in, numbers out. */
export const numericColumn = {
  to: (value: number | null) => value,
  from: (value: unknown) => numberOrNull(value),
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
