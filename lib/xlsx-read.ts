/**
 * Reading a sheet of an .xlsx workbook as a stream, within a ReadBudget: the parts are
 * taken from the archive by lib/zip (their unpacked bytes counted as they inflate) and
 * parsed by exceljs's streaming reader, row by row, so that reading stops at the first
 * limit reached. Only the parts the sheet needs are ever inflated: the workbook, its
 * relationships, styles (for dates), shared strings and the sheets looked at. The sheet
 * read is the first, or the first whose header row (by its content, within its first
 * rows: a title above it is passed over) a HeaderSearch recognises. Merged cells read as
 * the spreadsheet shows them: the top-left cell's text in every cell of the range.
 * Whatever else goes wrong inside the workbook is answered in plain words.
 */
import type { Readable } from 'node:stream';
import { type CellValue, stream } from 'exceljs';
import { ReadBudget, ReadLimitError, UNLIMITED } from './read-limits';
import { cellText, looksLikeXlsx, type SheetRecord, XlsxReadError } from './xlsx';
import { type MergedRange, mergedRanges } from './xlsx-merged';
import { openEntry, zipEntries, ZipReadError } from './zip';

export { MAX_UNPACKED_BYTES } from './read-limits';

/** A row as exceljs's streaming reader gives it. */
interface StreamRow {
  number: number;
  hasValues: boolean;
  eachCell(options: { includeEmpty: boolean }, callback: (cell: { value: CellValue }, column: number) => void): void;
}

/** The parts of exceljs's streaming WorkbookReader driven here, one archive part at a time. */
interface WorkbookParts {
  model?: { sheets?: Array<{ name: string; rId: string }> };
  workbookRels?: Array<{ Id: string; Target: string }>;
  sharedStrings?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: unknown }>;
  _parseWorksheet(entry: Readable, sheetNo: string): Generator<{ value: AsyncIterable<StreamRow> }>;
}

const DAMAGED = 'the .xlsx workbook cannot be read: its sheet is not written as a spreadsheet writes one';

/** Any failure as a refusal in plain words: limits and known problems as they are, the rest without their inner text. */
function plain(error: unknown): Error {
  if (error instanceof ReadLimitError || error instanceof XlsxReadError) return error;
  if (error instanceof ZipReadError) return new XlsxReadError(`the .xlsx workbook is damaged: ${error.message}`);
  return new XlsxReadError(DAMAGED);
}

/**
 * The unpacked size a ZIP archive declares for its entries: a quick refusal of an
 * archive that says itself too large (what it really unpacks to is counted as it inflates).
 */
function declaredUnpackedBytes(bytes: Buffer): number {
  let total = 0;
  for (const entry of zipEntries(bytes).values()) total += entry.declaredSize;
  return total;
}

/** The sheets of the workbook in their order, each with its part in the archive (sheets without one are left out). */
function sheetPaths(parts: WorkbookParts): Array<{ name: string; path: string }> {
  const sheets = (parts.model?.sheets ?? []).flatMap((sheet) => {
    const target = parts.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target;
    return target ? [{ name: sheet.name, path: target.startsWith('/') ? target.slice(1) : `xl/${target}` }] : [];
  });
  if (sheets.length === 0) throw new XlsxReadError('the workbook has no sheet');
  return sheets;
}

/** How the sheet and its header row are found: the first sheet with a row that `isHeader`, within its first `within` rows. */
export interface HeaderSearch {
  /** Whether a row, as the sheet shows it (merged cells spread), is the header looked for. */
  isHeader(fields: string[]): boolean;
  /** Rows (by their number in the sheet) looked at for the header in each sheet. */
  within: number;
}

interface OpenWorkbook {
  sheets: Array<{ name: string; path: string }>;
  /** A sheet's rows as the spreadsheet shows them, merged cells spread over their ranges. */
  rows(index: number): Promise<{ rows: AsyncIterator<ShownRow>; close(): void }>;
}

/** A row with its cells as text, merged cells spread; `covered`: columns (0-based) under a merged cell begun to their left. */
interface ShownRow {
  line: number;
  fields: string[];
  covered: number[];
}

async function openWorkbook(bytes: Buffer, budget: ReadBudget): Promise<OpenWorkbook> {
  const entries = zipEntries(bytes);
  const open = (name: string) => {
    const entry = entries.get(name);
    return entry ? openEntry(bytes, entry, budget) : null;
  };
  const parts = new stream.xlsx.WorkbookReader(undefined as never, {
    worksheets: 'emit',
    sharedStrings: 'emit',
    styles: 'cache',
    hyperlinks: 'ignore',
  }) as unknown as WorkbookParts;
  const workbook = open('xl/workbook.xml');
  const rels = open('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw new XlsxReadError('the file is a ZIP archive but not an .xlsx workbook');
  await parts._parseWorkbook(workbook);
  await parts._parseRels(rels);
  const styles = open('xl/styles.xml');
  if (styles) await parts._parseStyles(styles);
  const strings = open('xl/sharedStrings.xml');
  parts.sharedStrings = [];
  if (strings) {
    for await (const { text } of parts._parseSharedStrings(strings)) {
      budget.cell(1);
      parts.sharedStrings.push(text);
      await budget.pause();
    }
  }
  const sheets = sheetPaths(parts);
  return {
    sheets,
    rows: async (index) => {
      const { path } = sheets[index];
      const scan = () => {
        const entry = entries.get(path);
        return entry ? openEntry(bytes, entry, new ReadBudget(budget.limits)) : null;
      };
      const merged = await mergedRanges(scan, budget.limits);
      const sheet = open(path);
      if (!sheet)
        throw new XlsxReadError(`the workbook's sheet "${sheets[index].name.slice(0, 80)}" (${path.slice(0, 80)}) is missing`);
      const rows = parts._parseWorksheet(sheet, String(index + 1)).next().value?.value;
      if (!rows) throw new XlsxReadError(DAMAGED);
      return { rows: shownRows(rows, merged, budget)[Symbol.asyncIterator](), close: () => sheet.destroy() };
    },
  };
}

/** The rows holding anything, their cells as text, each merged range's top-left text spread over the range. */
async function* shownRows(rows: AsyncIterable<StreamRow>, merged: MergedRange[], budget: ReadBudget): AsyncGenerator<ShownRow> {
  let next = 0;
  let active: MergedRange[] = [];
  for await (const row of rows) {
    if (!Number.isInteger(row.number)) throw new XlsxReadError(DAMAGED);
    if (!row.hasValues) continue;
    const fields: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      fields[column - 1] = cellText(cell.value);
    });
    for (; next < merged.length && merged[next].top <= row.number; next++) active.push(merged[next]);
    active = active.filter((range) => range.bottom >= row.number);
    const covered: number[] = [];
    for (const range of active) {
      if (range.top === row.number) range.value = fields[range.left - 1] ?? '';
      for (let column = range.left; column <= range.right; column++) {
        fields[column - 1] = range.value;
        if (column > range.left) covered.push(column - 1);
      }
    }
    for (let i = 0; i < fields.length; i++) fields[i] ??= '';
    yield { line: row.number, fields, covered: covered.sort((a, b) => a - b) };
    await budget.pause();
  }
}

/** Cells holding something, up to the last of them. */
const widthOf = (fields: string[]) => fields.reduce((last, field, i) => (field.trim() !== '' ? i + 1 : last), 0);

/**
 * The records from the header on: within the header's width every cell counts, beyond it
 * only cells holding something. The header record carries the columns its merged cells cover.
 */
async function* sheetRecords(header: ShownRow, rows: AsyncIterator<ShownRow>): AsyncGenerator<SheetRecord> {
  const width = widthOf(header.fields);
  const record = ({ line, fields }: ShownRow): SheetRecord => {
    const last = Math.max(width, widthOf(fields));
    return { line, fields: Array.from({ length: last }, (_, i) => fields[i] ?? '') };
  };
  const covered = header.covered.filter((c) => c < width);
  yield covered.length > 0 ? { ...record(header), covered } : record(header);
  for (let next = await rows.next(); !next.done; next = await rows.next()) yield record(next.value);
}

/**
 * The sheet and header row to read: the first sheet with a row that `search.isHeader`
 * among its first `search.within` rows; with none, the first sheet's first row holding
 * anything (whose header then says what is wrong with it).
 */
async function findHeader(
  workbook: OpenWorkbook,
  search: HeaderSearch | undefined,
): Promise<{ sheet: string; header: ShownRow | null; rows: AsyncIterator<ShownRow> }> {
  if (search) {
    for (let index = 0; index < workbook.sheets.length; index++) {
      const opened = await workbook.rows(index);
      const { rows } = opened;
      for (let next = await rows.next(); !next.done && next.value.line <= search.within; next = await rows.next()) {
        if (search.isHeader(next.value.fields)) return { sheet: workbook.sheets[index].name, header: next.value, rows };
      }
      await rows.return?.(undefined).catch(() => undefined);
      opened.close();
    }
  }
  const { rows } = await workbook.rows(0);
  const first = await rows.next();
  return { sheet: workbook.sheets[0].name, header: first.done ? null : first.value, rows };
}

async function* plainly(records: AsyncGenerator<SheetRecord>): AsyncGenerator<SheetRecord> {
  try {
    yield* records;
  } catch (error) {
    throw plain(error);
  }
}

/**
 * An .xlsx workbook read as a stream within `budget`: the sheet read (the first, or the
 * first whose header row `search` finds), the header's row, and its rows from the header
 * on (those holding anything) as text, one at a time.
 */
export async function streamXlsx(
  bytes: Buffer,
  budget: ReadBudget = new ReadBudget(UNLIMITED),
  search?: HeaderSearch,
): Promise<{ sheet: string; headerRow: number | null; records: AsyncGenerator<SheetRecord> }> {
  if (!looksLikeXlsx(bytes)) {
    throw new XlsxReadError('the file is not an .xlsx workbook (an .xlsx file is a ZIP archive; this one is not)');
  }
  try {
    const declared = declaredUnpackedBytes(bytes);
    if (declared > budget.limits.unpackedBytes) {
      throw new ReadLimitError(
        'unpackedBytes',
        `the workbook unpacks to ${declared} bytes, more than ${budget.limits.unpackedBytes}: split it`,
      );
    }
    const { sheet, header, rows } = await findHeader(await openWorkbook(bytes, budget), search);
    const records = header ? plainly(sheetRecords(header, rows)) : plainly((async function* () {})());
    return { sheet, headerRow: header?.line ?? null, records };
  } catch (error) {
    throw plain(error);
  }
}

/** An .xlsx workbook's sheet (the first, or the one `search` finds): its name, header row and rows as text. */
export async function readXlsx(
  bytes: Buffer,
  budget?: ReadBudget,
  search?: HeaderSearch,
): Promise<{ sheet: string; headerRow: number | null; records: SheetRecord[] }> {
  const { sheet, headerRow, records } = await streamXlsx(bytes, budget, search);
  const all: SheetRecord[] = [];
  for await (const record of records) all.push(record);
  return { sheet, headerRow, records: all };
}
