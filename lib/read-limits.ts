/**
 * Bounds on reading an uploaded file: rows, cells, bytes a workbook unpacks to, and a
 * deadline. A reader counts what it reads through one `ReadBudget` and calls `pause()`
 * between pieces of work, which gives the event loop back every few milliseconds so that
 * other requests are answered while a file is read.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export interface ReadLimits {
  /** Most records after the header. */
  rows: number;
  /** Most fields of all records together, the header's included. */
  cells: number;
  /** Most bytes the parts of a workbook may unpack to, counted as they inflate. */
  unpackedBytes: number;
  /** When reading must have ended (Date.now() milliseconds). */
  deadline: number;
}

/** Most bytes the parts of a workbook may unpack to. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** Cells a row may hold on average: every column a file of figures can have, and some room. */
export const CELLS_PER_ROW = 20;

/** Limits as wide as a local file needs: no row or time limit, unpacked bytes still counted. */
export const UNLIMITED: ReadLimits = {
  rows: Infinity,
  cells: Infinity,
  unpackedBytes: MAX_UNPACKED_BYTES,
  deadline: Infinity,
};

export type LimitKind = 'rows' | 'cells' | 'unpackedBytes' | 'time';

/** A file beyond one of the limits; nothing of it is used. */
export class ReadLimitError extends Error {
  constructor(
    readonly kind: LimitKind,
    message: string,
  ) {
    super(message);
  }
}

/** Whether text[start, end) holds only white space, as String.prototype.trim() sees it. */
function blank(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (text[at].trim() !== '') return false;
  return true;
}

/** Longest stretch of work between two returns to the event loop. */
const SLICE_MS = 10;

export class ReadBudget {
  private rows = -1;
  private cells = 0;
  private unpacked = 0;
  private sliceStart = performance.now();

  constructor(readonly limits: ReadLimits) {}

  /** Counts a record (the first is the header) of `fields` cells. */
  record(fields: number): void {
    this.rows += 1;
    if (this.rows > this.limits.rows) {
      throw new ReadLimitError('rows', `the file has more than ${this.limits.rows} rows: split it`);
    }
    this.cell(fields);
  }

  /**
   * Refuses at once a text whose lines holding anything outnumber the rows allowed (the
   * header aside): a record takes at least one such line, so the file cannot be within
   * the limit, and parsing it first would cost seconds of work for nothing. Lines are
   * found with `indexOf` and looked at in place (no string is made per line), and the
   * count pauses like any other reading.
   */
  async lines(text: string): Promise<void> {
    let lines = 0;
    let start = 0;
    for (let seen = 1; start < text.length && lines <= this.limits.rows + 1; seen++) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end - start > 2 || !blank(text, start, end)) lines += 1;
      start = end + 1;
      if (seen % 65536 === 0) await this.pause();
    }
    if (lines - 1 > this.limits.rows) {
      throw new ReadLimitError('rows', `the file has more than ${this.limits.rows} rows: split it`);
    }
  }

  /** Counts cells, or texts a workbook keeps for its cells. */
  cell(count: number): void {
    this.cells += count;
    if (this.cells > this.limits.cells) {
      throw new ReadLimitError('cells', `the file has more than ${this.limits.cells} cells: split it`);
    }
  }

  /** Counts bytes a workbook's part unpacked to. */
  unpackedBytes(bytes: number): void {
    this.unpacked += bytes;
    if (this.unpacked > this.limits.unpackedBytes) {
      throw new ReadLimitError('unpackedBytes', `the workbook unpacks to more than ${this.limits.unpackedBytes} bytes: split it`);
    }
  }

  /** Throws once the deadline has passed. */
  checkTime(): void {
    if (Date.now() > this.limits.deadline) {
      throw new ReadLimitError('time', 'reading the file took longer than the request may take: split it');
    }
  }

  /** Returns to the event loop when the current stretch of work has run SLICE_MS; checks the deadline. */
  async pause(): Promise<void> {
    if (performance.now() - this.sliceStart < SLICE_MS) return;
    this.checkTime();
    await yieldToEventLoop();
    this.sliceStart = performance.now();
    this.checkTime();
  }
}
