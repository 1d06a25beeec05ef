/** Calendar months as the hub writes them: "YYYY-MM". */
import { badInput } from './errors';

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(value: string): boolean {
  return YEAR_MONTH.test(value);
}

/** Checks a YYYY-MM argument; throws BAD_USER_INPUT naming the field. */
export function yearMonthArgument(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  if (!isYearMonth(value)) throw badInput(`${field} must be a month written YYYY-MM, got "${value.slice(0, 40)}"`, field);
  return value;
}

/** 2025年12月 → 2025-12; 长期坚持 → null. */
export function parseChineseDeadline(text: string): { deadline: string | null; ongoing: boolean } {
  const cleaned = text.normalize('NFKC').replace(/\s+/g, '');
  if (cleaned === '长期坚持') return { deadline: null, ongoing: true };
  const match = /^(\d{4})年(\d{1,2})月$/.exec(cleaned);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new Error(`not a deadline: "${text}"`);
  return { deadline: `${match[1]}-${match[2].padStart(2, '0')}`, ongoing: false };
}

/**
 * Reporting periods, written:
 *   2025      a calendar year        (YEAR)
 *   2025H1    a half year, H1 or H2  (HALF)
 *   2025Q3    a quarter, Q1 … Q4     (QUARTER)
 *   2025-07   a month                (MONTH)
 */
export type PeriodType = 'YEAR' | 'HALF' | 'QUARTER' | 'MONTH';
export const PERIOD_TYPES: readonly PeriodType[] = ['YEAR', 'HALF', 'QUARTER', 'MONTH'];

export interface Period {
  /** Canonical spelling. */
  readonly text: string;
  readonly type: PeriodType;
  readonly year: number;
  /** First and last month (1…12) it covers. */
  readonly firstMonth: number;
  readonly lastMonth: number;
  /** First and last day, YYYY-MM-DD. */
  readonly start: string;
  readonly end: string;
}

const PERIOD = /^(\d{4})(?:(H[12])|(Q[1-4])|-(0[1-9]|1[0-2]))?$/;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function lastDay(year: number, month: number): number {
  return month === 2 && leap(year) ? 29 : DAYS[month - 1];
}

/**
 * Periods made so far, by type, year and first month: a file of a million rows names a
 * few dozen periods, each made once (frozen: every holder shares it). Bounded, for
 * steppers that walk far.
 */
const MADE = new Map<string, Period>();
const MADE_MOST = 10_000;

function makePeriod(type: PeriodType, year: number, firstMonth: number, lastMonth: number): Period {
  const key = `${type}${year}.${firstMonth}`;
  let period = MADE.get(key);
  if (!period) {
    if (MADE.size >= MADE_MOST) MADE.clear();
    period = Object.freeze(newPeriod(type, year, firstMonth, lastMonth));
    MADE.set(key, period);
  }
  return period;
}

function newPeriod(type: PeriodType, year: number, firstMonth: number, lastMonth: number): Period {
  const mm = (m: number) => String(m).padStart(2, '0');
  const text =
    type === 'YEAR'
      ? String(year)
      : type === 'HALF'
        ? `${year}H${firstMonth === 1 ? 1 : 2}`
        : type === 'QUARTER'
          ? `${year}Q${(firstMonth + 2) / 3}`
          : `${year}-${mm(firstMonth)}`;
  return {
    text,
    type,
    year,
    firstMonth,
    lastMonth,
    start: `${year}-${mm(firstMonth)}-01`,
    end: `${year}-${mm(lastMonth)}-${lastDay(year, lastMonth)}`,
  };
}

/** Spellings parsed so far (a file repeats a few dozen), bounded as MADE is. */
const PARSED = new Map<string, Period | null>();

/** Parses a period; null when it is not one (the caller says which field). */
export function parsePeriod(input: string): Period | null {
  if (typeof input !== 'string' || input.length > 10) return null;
  let period = PARSED.get(input);
  if (period === undefined) {
    if (PARSED.size >= MADE_MOST) PARSED.clear();
    period = readPeriod(input);
    PARSED.set(input, period);
  }
  return period;
}

function readPeriod(input: string): Period | null {
  const match = PERIOD.exec(input.trim().toUpperCase());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (match[2]) return match[2] === 'H1' ? makePeriod('HALF', year, 1, 6) : makePeriod('HALF', year, 7, 12);
  if (match[3]) {
    const q = Number(match[3][1]);
    return makePeriod('QUARTER', year, q * 3 - 2, q * 3);
  }
  if (match[4]) {
    const m = Number(match[4]);
    return makePeriod('MONTH', year, m, m);
  }
  return makePeriod('YEAR', year, 1, 12);
}

const SPAN: Record<PeriodType, number> = { YEAR: 12, HALF: 6, QUARTER: 3, MONTH: 1 };

/** The period of the same type `steps` periods later (earlier when negative): the one period stepper. */
export function stepPeriod(period: Period, steps: number): Period {
  const span = SPAN[period.type];
  const index = period.year * 12 + period.firstMonth - 1 + steps * span;
  const year = Math.floor(index / 12);
  const first = (index % 12) + 1;
  return makePeriod(period.type, year, first, first + span - 1);
}

/** The period of the same type just before this one (2025Q1 → 2024Q4). */
export const previousPeriod = (period: Period): Period => stepPeriod(period, -1);

/** The first period of `type` that starts in the month of `date` (YYYY-MM-DD) or after it. */
export function firstPeriodFrom(type: PeriodType, date: string): Period {
  const span = SPAN[type];
  const index = Number(date.slice(0, 4)) * 12 + Math.ceil((Number(date.slice(5, 7)) - 1) / span) * span;
  const year = Math.floor(index / 12);
  const first = (index % 12) + 1;
  return makePeriod(type, year, first, first + span - 1);
}

/** True when `outer` covers every day of `inner`. */
export function periodContains(outer: Period, inner: Period): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The last day of a month: 2025-12 → 2025-12-31, 2024-02 → 2024-02-29. */
export function monthEnd(yearMonth: string): string {
  const [year, month] = yearMonth.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
