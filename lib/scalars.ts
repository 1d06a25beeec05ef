/**
 * The hub's scalars: a calendar day (`LocalDate`), an instant (`DateTime`) and a reporting
 * period (`Period`). A bad value is refused by the scalar itself with BAD_USER_INPUT; the
 * argument it was given for is named in `extensions.field` (see scalar-errors.ts).
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { badInput, ErrorCode } from './errors';
import { type Period, parsePeriod } from './period';

const shown = (value: unknown): string => JSON.stringify(value)?.slice(0, 42) ?? String(value);

/** A refused value: BAD_USER_INPUT, naming the field when the caller knows it. */
const refuse = (message: string, field?: string) => (field ? badInput(`${field}: ${message}`, field) : badInput(message));

/**
 * A scalar over `read`. Its refusal is answered as a GraphQL error (status 200, as a
 * resolver's would be), not as an HTTP failure of the whole request; a literal's refusal
 * says where the value is, since graphql-js reports it as it is.
 */
function scalar<T>(name: string, description: string, read: (value: unknown) => T, write: (value: unknown) => string) {
  const refused = (error: unknown, node?: ValueNode) =>
    new GraphQLError((error as Error).message, {
      nodes: node,
      extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 200, headers: new Map() } },
    });
  return new GraphQLScalarType<T, string>({
    name,
    description,
    serialize: write,
    parseValue(value) {
      try {
        return read(value);
      } catch (error) {
        throw refused(error);
      }
    },
    parseLiteral(node: ValueNode) {
      try {
        return read(node.kind === Kind.STRING ? node.value : `(${node.kind})`);
      } catch (error) {
        throw refused(error, node);
      }
    },
  });
}

/** The years a day or an instant may fall in: PostgreSQL holds them all, and JavaScript's dates agree with it on them. */
const YEARS = { first: 1900, last: 9999 } as const;
const FIRST_INSTANT = Date.UTC(YEARS.first, 0, 1);
const AFTER_LAST_INSTANT = Date.UTC(YEARS.last + 1, 0, 1);
const outOfRange = `a date between ${YEARS.first} and ${YEARS.last}`;

/** A real calendar day written YYYY-MM-DD (2025-02-30 is not one) in the years 1900–9999; refused otherwise. */
export function parseLocalDate(value: unknown, field?: string): string {
  let day: string | undefined;
  try {
    if (typeof value === 'string' && /^\d{4}-/.test(value)) day = GraphQLLocalDate.parseValue(value);
  } catch {
    // refused below
  }
  if (day === undefined) throw refuse(`not a date written YYYY-MM-DD: ${shown(value)}`, field);
  if (day < String(YEARS.first)) throw refuse(`not ${outOfRange}: ${shown(value)}`, field);
  return day;
}

export const LocalDate = scalar<string>(
  'LocalDate',
  'A calendar day, YYYY-MM-DD (ISO 8601), e.g. 2025-12-31',
  parseLocalDate,
  (value) => String(value),
);

/** An instant written in ISO 8601 (2025-12-31T23:59:59Z, or a day: its start in UTC), in the years 1900–9999 (UTC). */
export function parseDateTime(value: unknown, field?: string): Date {
  const at = typeof value === 'string' && value.length <= 40 && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) throw refuse(`not a date-time such as 2025-12-31T23:59:59Z: ${shown(value)}`, field);
  if (at.getTime() < FIRST_INSTANT || at.getTime() >= AFTER_LAST_INSTANT)
    throw refuse(`not ${outOfRange} (UTC): ${shown(value)}`, field);
  return at;
}

export const DateTime = scalar<Date>('DateTime', 'An instant, ISO 8601, e.g. 2025-12-31T23:59:59Z', parseDateTime, (value) =>
  value instanceof Date ? value.toISOString() : String(value),
);

/** A reporting period: 2025, 2025H1, 2025Q3 or 2025-07; refused otherwise. */
function parsePeriodValue(value: unknown): Period {
  const period = typeof value === 'string' ? parsePeriod(value) : null;
  if (!period) throw refuse(`not a period written 2025, 2025H1, 2025Q3 or 2025-07: ${shown(value)}`);
  return period;
}

export const PeriodScalar = scalar<Period>(
  'Period',
  'A reporting period: a year (2025), a half (2025H1), a quarter (2025Q3) or a month (2025-07)',
  parsePeriodValue,
  (value) => (typeof value === 'object' && value !== null ? (value as Period).text : String(value)),
);
