/**
 * Reading the first sheet of an .xlsx workbook as a stream, within a ReadBudget: the
 * parts are taken from the archive by lib/zip (their unpacked bytes counted as they
 * inflate) and parsed by exceljs's streaming reader, row by row, so that reading stops
 * at the first limit reached. Only the parts the sheet needs are ever inflated: the
 * workbook, its relationships, styles (for dates), shared strings and the sheet itself.
 * Whatever else goes wrong inside the workbook is answered in plain words.
 */
import type { Readable } from 'node:stream';
import { type CellValue, stream } from 'exceljs';
import { ReadBudget, ReadLimitError, UNLIMITED } from './read-limits';
import { cellText, looksLikeXlsx, type SheetRecord, XlsxReadError } from './xlsx';
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

/** Where the first sheet of the workbook is, in the archive. */
function firstSheetPath(parts: WorkbookParts): { name: string; path: string } {
  const sheet = parts.model?.sheets?.[0];
  const target = sheet && parts.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target;
  if (!sheet || !target) throw new XlsxReadError('the workbook has no sheet');
  return { name: sheet.name, path: target.startsWith('/') ? target.slice(1) : `xl/${target}` };
}

async function openWorkbook(bytes: Buffer, budget: ReadBudget): Promise<{ sheet: string; rows: AsyncIterable<StreamRow> }> {
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
  const { name, path } = firstSheetPath(parts);
  const sheet = open(path);
  if (!sheet) throw new XlsxReadError(`the workbook's first sheet (${path.slice(0, 80)}) is missing`);
  const rows = parts._parseWorksheet(sheet, '1').next().value?.value;
  if (!rows) throw new XlsxReadError(DAMAGED);
  return { sheet: name, rows };
}

/** The sheet's rows as text: within the header's width every cell counts, beyond it only cells holding something. */
async function* sheetRecords(rows: AsyncIterable<StreamRow>, budget: ReadBudget): AsyncGenerator<SheetRecord> {
  let width = 0;
  for await (const row of rows) {
    if (!Number.isInteger(row.number)) throw new XlsxReadError(DAMAGED);
    if (!row.hasValues) continue;
    const fields: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      fields[column - 1] = cellText(cell.value);
    });
    if (row.number === 1) {
      width = fields.reduce((last, field, i) => (field.trim() !== '' ? i + 1 : last), 0);
    }
    let last = fields.length;
    while (last > width && (fields[last - 1] ?? '').trim() === '') last -= 1;
    yield { line: row.number, fields: Array.from({ length: Math.max(width, last) }, (_, i) => fields[i] ?? '') };
    await budget.pause();
  }
}

async function* plainly(records: AsyncGenerator<SheetRecord>): AsyncGenerator<SheetRecord> {
  try {
    yield* records;
  } catch (error) {
    throw plain(error);
  }
}

/**
 * The first sheet of an .xlsx workbook, read as a stream within `budget`: its name, and
 * its rows (those holding anything) as text, one at a time.
 */
export async function streamXlsx(
  bytes: Buffer,
  budget: ReadBudget = new ReadBudget(UNLIMITED),
): Promise<{ sheet: string; records: AsyncGenerator<SheetRecord> }> {
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
    const { sheet, rows } = await openWorkbook(bytes, budget);
    return { sheet, records: plainly(sheetRecords(rows, budget)) };
  } catch (error) {
    throw plain(error);
  }
}

/** The first sheet of an .xlsx workbook: its name and its rows as text. */
export async function readXlsx(bytes: Buffer, budget?: ReadBudget): Promise<{ sheet: string; records: SheetRecord[] }> {
  const { sheet, records } = await streamXlsx(bytes, budget);
  const all: SheetRecord[] = [];
  for await (const record of records) all.push(record);
  return { sheet, records: all };
}
