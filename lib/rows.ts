/**
 * Rows from PostgreSQL read through one schema per query (zod): each column checked as
 * node-postgres gives it and turned into what the hub uses (numeric and bigint text into
 * numbers or ids, timestamptz into ISO 8601 text). A mapper then reads typed fields, and a
 * column that changed its type is an error that names it, never a wrong figure.
 */
import { z } from 'zod';
import { parsePeriod } from './period';

/** node-postgres gives numeric and bigint columns as text, integer and real ones as numbers. */
const numeric = z.union([z.number(), z.string().regex(/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i)]).transform(Number);

/** The column types the hub's queries read. */
export const column = {
  text: z.string(),
  optionalText: z.string().nullable(),
  boolean: z.boolean(),
  /** A number (numeric, bigint, integer or real column). */
  number: numeric,
  optionalNumber: numeric.nullable(),
  /** A bigint key, as the text the API gives ids in. */
  id: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String),
  /** A timestamptz, as ISO 8601 text in UTC. */
  instant: z.union([z.date(), z.string()]).transform((value, context) => {
    const time = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(time.getTime())) {
      context.addIssue({ code: 'custom', message: 'not an instant' });
      return z.NEVER;
    }
    return time.toISOString();
  }),
  texts: z.array(z.string()),
  /** A period as the hub writes it (2025, 2025H1, 2025Q1, 2025-01), parsed. */
  period: z.string().transform((text, context) => {
    const period = parsePeriod(text);
    if (period) return period;
    context.addIssue({ code: 'custom', message: 'not a period' });
    return z.NEVER;
  }),
  /** One of `values` (a column whose CHECK constraint lists them). */
  oneOf: <T extends string>(values: readonly T[]) =>
    z.custom<T>((value) => typeof value === 'string' && (values as readonly string[]).includes(value), {
      message: `not one of ${values.join(', ')}`,
    }),
};

/** The rows a query answered, each as `schema` reads it; throws naming the query, row and column that did not read. */
export function readRows<S extends z.ZodType>(query: string, schema: S, rows: unknown): Array<z.output<S>> {
  const parsed = z.array(schema).safeParse(rows);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const [row, field] = issue.path;
  throw new Error(`${query}: row ${String(row)}, column ${String(field)}: ${issue.message}`);
}

/** The first row a query answered, as `schema` reads it; null when it answered none. */
export function readFirst<S extends z.ZodType>(query: string, schema: S, rows: unknown): z.output<S> | null {
  return readRows(query, schema, rows)[0] ?? null;
}

/** The first row of a statement that always answers one (an INSERT ... RETURNING, a count); throws naming the query when it answered none. */
export function readOne<S extends z.ZodType>(query: string, schema: S, rows: unknown): z.output<S> {
  const [row] = readRows(query, schema, rows);
  if (row === undefined) throw new Error(`${query}: no row`);
  return row;
}
