/**
 * A row of a file of figures (a CSV record read into fields, or an NDJSON object) as the
 * figure `pushFigures` takes: the same fields with the same types, enum values and text
 * PostgreSQL can store. What GraphQL's input types check for `pushFigures` is checked here
 * for a file, row by row: a row that breaks them is rejected (BAD_USER_INPUT), never the file.
 */
import { FIGURE_STATUSES, QUALITY_FLAGS } from '../../../lib/enums';
import type { FigureRow } from './figure-types';
import type { RowProblem } from './push-checks';

const TEXT = ['indicator', 'period', 'breakdown', 'reportedOn', 'note', 'source', 'reason', 'explanation', 'organization'];
const NUMBERS = ['value', 'numerator', 'denominator'];
const REQUIRED = ['indicator', 'period'];
const KNOWN = new Set([...TEXT, ...NUMBERS, 'status', 'flags', 'withdraw']);

const problem = (field: string, message: string): RowProblem => ({ field, code: 'BAD_USER_INPUT', message });
const storable = (text: string) => text.isWellFormed() && !text.includes('\u0000');

function fieldProblem(field: string, value: unknown): string | null {
  if (TEXT.includes(field)) {
    if (typeof value !== 'string') return `${field} must be text`;
    return storable(value) ? null : `${field} must not contain NUL characters or broken Unicode`;
  }
  if (NUMBERS.includes(field))
    return typeof value === 'number' && Number.isFinite(value) ? null : `${field} must be a finite number`;
  if (field === 'withdraw') return typeof value === 'boolean' ? null : 'withdraw must be true or false';
  if (field === 'status')
    return (FIGURE_STATUSES as readonly unknown[]).includes(value) ? null : `status must be ${FIGURE_STATUSES.join(' or ')}`;
  const flags = Array.isArray(value) ? value : [value];
  const unknown = flags.find((f) => !(QUALITY_FLAGS as unknown[]).includes(f));
  return Array.isArray(value) && unknown === undefined
    ? null
    : `flags are ${QUALITY_FLAGS.join(', ')}; not "${String(unknown).slice(0, 40)}"`;
}

/** The figure a row holds, or the first problem of its fields. Null and absent fields are alike. */
export function fileFigure(raw: unknown): FigureRow | RowProblem {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return problem('row', 'a row is an object of fields');
  const fields = Object.entries(raw as Record<string, unknown>).filter(([, value]) => value !== null && value !== undefined);
  const stray = fields.find(([field]) => !KNOWN.has(field));
  if (stray) return problem(stray[0].slice(0, 40), `unknown field; fields are: ${[...KNOWN].join(', ')}`);
  for (const [field, value] of fields) {
    const text = fieldProblem(field, value);
    if (text) return problem(field, text);
  }
  const figure = Object.fromEntries(fields) as unknown as FigureRow;
  const missing = REQUIRED.find((field) => (figure as unknown as Record<string, unknown>)[field] === undefined);
  return missing ? problem(missing, `${missing} is required`) : figure;
}

export const isRowProblem = (row: FigureRow | RowProblem): row is RowProblem => 'code' in row;
