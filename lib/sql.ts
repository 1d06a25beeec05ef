/** Reading PostgreSQL values: numeric columns arrive as strings, timestamps as Dates. */
export const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export const isoTime = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();
