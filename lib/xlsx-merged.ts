/**
 * The merged cells of an .xlsx sheet: the ranges its <mergeCells> lists, read from the
 * sheet's part in a pass of their own (they are written after its rows, which need them),
 * within the same limits, at most MAX_MERGED_RANGES of them.
 */
import type { Readable } from 'node:stream';
import { ReadBudget, ReadLimitError, type ReadLimits } from './read-limits';

/** A merged range of a sheet, 1-based and inclusive; `value` is its top-left cell's text once that row is read. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
  value: string;
}

/** Most merged ranges a sheet may have (a template has none; a clerk's few dozen). */
const MAX_MERGED_RANGES = 10_000;
/** Longest tag of a merged range looked for across two pieces of a part: `<mergeCell ref="AAA1000000:ZZZ1000000"/>` and room. */
const MAX_TAG = 256;
const MERGE_CELL = /<(?:\w+:)?mergeCell\b[^>]*?\bref="\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})"/g;

const columnNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

/**
 * The merged ranges of a sheet. They are written after its rows (<mergeCells>), so the
 * part is read once for them before its rows are: a pass of its own, within a budget of
 * its own (the same limits and deadline), keeping nothing but the ranges.
 */
export async function mergedRanges(part: () => Readable | null, limits: ReadLimits): Promise<MergedRange[]> {
  const budget = new ReadBudget(limits);
  const source = part();
  if (!source) return [];
  const ranges: MergedRange[] = [];
  let carry = '';
  for await (const chunk of source) {
    const text = carry + String(chunk);
    // A tag begun at the end and not ended yet waits for the next piece (while it may still be a
    // merged range's); everything before it is looked through now.
    const cut = text.lastIndexOf('<');
    const unfinished = cut >= 0 && !text.includes('>', cut);
    const done = unfinished ? text.slice(0, cut) : text;
    carry = unfinished && text.length - cut <= MAX_TAG ? text.slice(cut) : '';
    for (const [, left, top, right, bottom] of done.matchAll(MERGE_CELL)) {
      if (ranges.length >= MAX_MERGED_RANGES) {
        source.destroy();
        throw new ReadLimitError('cells', `the sheet has more than ${MAX_MERGED_RANGES} merged cells: split it`);
      }
      const range = { top: Number(top), left: columnNumber(left), bottom: Number(bottom), right: columnNumber(right) };
      if (range.top <= range.bottom && range.left <= range.right) ranges.push({ ...range, value: '' });
    }
    await budget.pause();
  }
  return ranges.sort((a, b) => a.top - b.top);
}
