/**
 * Checks the rows of a push that can be checked without the database's current state:
 * indicator known, period well written and of a type the indicator takes, value within
 * the indicator's bounds, fields within their lengths. Each problem names the row, the
 * field and a stable code.
 */
import { ErrorCode } from '../../../lib/errors';
import { type Period, parsePeriod } from '../../../lib/period';
import { tooLong, tooLongMessage } from '../../../lib/text';
import type { FigureRow, FigureStatusValue, QualityFlagValue } from './figure-types';
import { ratioProblem } from './push-checks';
import { valueProblem, type ValueRules } from './rules';

export interface IndicatorForPush extends ValueRules {
  id: string;
  rollup: string;
  formula?: string | null;
  /** A rate declared to be averaged: its value alone is taken. */
  meanOfRates?: boolean;
}

export interface PreparedRow {
  index: number;
  indicatorId: string;
  period: Period;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: FigureStatusValue;
  /** Whether the push states the status (else a correction keeps the stored one). */
  statusStated: boolean;
  flags: QualityFlagValue[];
  /** The day it was originally reported, when given (YYYY-MM-DD). */
  reportedOn: string | null;
  withdrawn: boolean;
  note: string | null;
  source: string | null;
  reason: string | null;
  /** Why a figure raising warnings is right; with the codes of the warnings it raised. */
  explanation: string | null;
  warningCodes: string[];
  organizationId: string;
}

export interface Rejection {
  index: number;
  field: string;
  code: string;
  message: string;
}

/** The largest magnitude a figure takes. */
const MAX_MAGNITUDE = 1e15;

const reject = (index: number, field: string, code: string, message: string): Rejection => ({ index, field, code, message });

function optionalText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function numberProblem(value: number, rules: ValueRules | null): string | null {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (Math.abs(value) > MAX_MAGNITUDE) return `must be at most ${MAX_MAGNITUDE} in size`;
  return rules ? valueProblem(value, rules) : null;
}

/** Checks one row; returns the prepared row or the first problem found. */
export function prepareRow(
  index: number,
  input: FigureRow,
  indicator: IndicatorForPush | undefined,
  organizationId: string,
): PreparedRow | Rejection {
  if (!indicator)
    return reject(index, 'indicator', ErrorCode.NOT_FOUND, `no indicator "${String(input.indicator).slice(0, 80)}"`);
  if (indicator.formula) {
    return reject(
      index,
      'indicator',
      ErrorCode.BAD_USER_INPUT,
      `${indicator.id} is derived (${indicator.formula}): push its inputs`,
    );
  }
  const period = parsePeriod(input.period);
  if (!period) {
    return reject(index, 'period', ErrorCode.BAD_USER_INPUT, 'period must be written 2025, 2025H1, 2025Q3 or 2025-07');
  }
  if (!indicator.periodTypes.includes(period.type)) {
    return reject(
      index,
      'period',
      ErrorCode.BAD_USER_INPUT,
      `${indicator.id} takes periods of type ${indicator.periodTypes.join(', ')}`,
    );
  }
  const breakdown = optionalText(input.breakdown) ?? '';
  const note = optionalText(input.note);
  const source = optionalText(input.source);
  const reason = optionalText(input.reason);
  const explanation = optionalText(input.explanation);
  for (const [field, text] of [
    ['breakdown', breakdown],
    ['note', note],
    ['source', source],
    ['reason', reason],
    ['explanation', explanation],
  ] as const) {
    if (text && tooLong(text, field)) {
      return reject(index, field, ErrorCode.BAD_USER_INPUT, tooLongMessage(field));
    }
  }
  const withdrawn = input.withdraw === true;
  const measured = withdrawn ? withdrawal(index, input, reason) : measure(index, input, indicator);
  if (isRejection(measured)) return measured;
  // One literal (not a spread of a shared part): Node 20 copies `{ ...part, more }` slowly, and this runs for every row.
  return {
    index,
    indicatorId: indicator.id,
    period,
    breakdown,
    status: input.status ?? 'PROVISIONAL',
    statusStated: input.status != null,
    flags: [...new Set(input.flags ?? [])].sort(),
    reportedOn: null,
    note,
    source,
    reason,
    explanation,
    warningCodes: [],
    organizationId,
    value: measured.value,
    numerator: measured.numerator,
    denominator: measured.denominator,
    withdrawn,
  };
}

type Measured = Pick<PreparedRow, 'value' | 'numerator' | 'denominator'>;

/** A withdrawal: no value, and a reason. */
function withdrawal(index: number, input: FigureRow, reason: string | null): Measured | Rejection {
  if (input.value != null || input.numerator != null || input.denominator != null)
    return reject(index, 'value', ErrorCode.BAD_USER_INPUT, 'a withdrawal carries no value');
  if (!reason) return reject(index, 'reason', ErrorCode.BAD_USER_INPUT, 'withdrawing a figure needs a reason');
  return { value: null, numerator: null, denominator: null };
}

/** The row's value, numerator and denominator, each within bounds and agreeing with one another. */
function measure(index: number, input: FigureRow, indicator: IndicatorForPush): Measured | Rejection {
  const numerator = input.numerator ?? null;
  const denominator = input.denominator ?? null;
  const ratio = ratioProblem(indicator, input);
  if (ratio && (numerator === null) === (denominator === null)) return reject(index, ratio.field, ratio.code, ratio.message);
  if ((numerator === null) !== (denominator === null)) {
    const field = numerator === null ? 'numerator' : 'denominator';
    return reject(index, field, ErrorCode.BAD_USER_INPUT, 'numerator and denominator go together');
  }
  let value = input.value ?? null;
  if (numerator !== null && denominator !== null) {
    for (const [field, n] of [
      ['numerator', numerator],
      ['denominator', denominator],
    ] as const) {
      const problem = numberProblem(n, { minValue: 0, maxValue: null, integerOnly: false, periodTypes: [] });
      if (problem) return reject(index, field, ErrorCode.BAD_USER_INPUT, `${field} ${problem}`);
    }
    // A rate of nothing is no rate: a value beside it could not be checked, and it would
    // add nothing to the sums of numerators and denominators a rate is rolled up from.
    if (denominator === 0) {
      return reject(index, 'denominator', ErrorCode.BAD_USER_INPUT, 'denominator must be greater than 0');
    }
    if (numerator > denominator && indicator.maxValue === 100) {
      return reject(index, 'numerator', ErrorCode.BAD_USER_INPUT, 'numerator must not exceed denominator for a rate');
    }
    const rate = indicator.maxValue === 100 ? (numerator / denominator) * 100 : numerator / denominator;
    if (value === null) value = Math.round(rate * 1e6) / 1e6;
    else if (Math.abs(value - rate) > (0.05 * Math.max(1, Math.abs(rate))) / 100 + 0.005) {
      return reject(
        index,
        'value',
        ErrorCode.BAD_USER_INPUT,
        `value ${value} does not match numerator ÷ denominator (${rate.toFixed(3)})`,
      );
    }
  }
  if (value === null) return reject(index, 'value', ErrorCode.BAD_USER_INPUT, 'value is required (or numerator and denominator)');
  const problem = numberProblem(value, indicator);
  if (problem) return reject(index, 'value', ErrorCode.BAD_USER_INPUT, `value ${problem}`);
  return { value, numerator, denominator };
}

export function isRejection<T extends object>(row: T | Rejection): row is Rejection {
  return (row as Rejection).code !== undefined;
}
