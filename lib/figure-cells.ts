/**
 * One cell of a file of figures read by its column (lib/figure-file.ts): numbers in
 * decimals only (thousands separators, hexadecimal, binary and `Infinity` refused, saying
 * how to write them), withdraw as true or false, status and flags as codes or Chinese
 * words (lib/figure-words.ts), anything else as written.
 */
import { readFlags, readStatus } from './figure-words';

const NUMBERS = new Set(['value', 'numerator', 'denominator']);
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const BOOLEANS: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

/** A decimal number, or why the cell is not one. */
function decimalCell(raw: string): number | string {
  const shown = `"${raw.slice(0, 40)}"`;
  if (GROUPED.test(raw)) return `${shown} has thousands separators: write ${raw.replace(/,/g, '')}`;
  if (!DECIMAL.test(raw)) return `${shown} is not a decimal number`;
  const n = Number(raw);
  return Number.isFinite(n) ? n : `${shown} is too large`;
}

/** A cell's value, or why it cannot be read, by its column. */
export function cell(column: string, raw: string): { value: unknown } | { problem: string } {
  if (NUMBERS.has(column)) {
    const n = decimalCell(raw);
    return typeof n === 'number' ? { value: n } : { problem: n };
  }
  if (column === 'withdraw') {
    const flag = BOOLEANS[raw.toLowerCase()];
    return flag === undefined ? { problem: `"${raw.slice(0, 40)}" is not true or false` } : { value: flag };
  }
  // Quality flags: ESTIMATED;BREAK_IN_SERIES or 估计；序列中断 (separated by ; , 、 | or spaces).
  if (column === 'flags') return readFlags(raw);
  if (column === 'status') return readStatus(raw);
  return { value: raw };
}
