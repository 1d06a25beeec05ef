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
