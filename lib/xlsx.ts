/**
 * Excel workbooks (.xlsx, Office Open XML) ↔ rows of text, with exceljs. Writing: one
 * sheet of a header row and rows of cells, the header frozen and locked, cells to fill
 * unlocked and checked by the sheet's own data validation (number bounds, whole numbers,
 * a list of values), printed on A4 one page wide with the header row on every page. Reading: the first sheet's rows as text fields, the way a CSV reader
 * returns them, each with its sheet row; formulas give their cached values, never the
 * formula. A file that is not an .xlsx workbook is refused with XlsxReadError; one
 * beyond its reader's limits with ReadLimitError.
 */
import { type CellValue, type DataValidation, Workbook } from 'exceljs';

/** What a cell to fill admits, as Excel's data validation can say it. */
export type CellRule =
  | { kind: 'decimal' | 'whole'; min?: number | null; max?: number | null }
  /** A list offered in the cell; `open`: other text is let in after a warning (a value's word alone, several values). */
  | { kind: 'list'; values: readonly string[]; open?: boolean };

export interface XlsxCell {
  value?: string | number | null;
  /** Unlocked for the person filling the sheet (the rest of a protected sheet is locked). */
  editable?: boolean;
  rule?: CellRule;
}

export interface XlsxSheet {
  name: string;
  header: string[];
  /** Column widths in characters, by column. */
  widths?: number[];
  rows: XlsxCell[][];
  /** Printed landscape (the default when the columns are wider than a portrait A4 page holds). */
  landscape?: boolean;
}

/** Characters of column width a portrait A4 page holds at 100 %, margins aside. */
const PORTRAIT_WIDTH = 90;

/** A sheet row as text: `line` is its row number in the sheet (1 for the header). */
export interface SheetRecord {
  line: number;
  fields: string[];
  /** Of a header: the columns (0-based) under a merged cell begun to their left, which show its heading. */
  covered?: number[];
}

/** The bytes are not an .xlsx workbook (or one exceljs cannot read). */
export class XlsxReadError extends Error {}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function validation(rule: CellRule): DataValidation {
  if (rule.kind === 'list') {
    return {
      type: 'list',
      allowBlank: true,
      formulae: [`"${rule.values.join(',')}"`],
      showErrorMessage: true,
      ...(rule.open ? { errorStyle: 'warning' as const } : {}),
      errorTitle: '取值 / value',
      error: rule.open
        ? `建议从列表选择 / best one of: ${rule.values.join(', ')}`
        : `请选择 / choose one of: ${rule.values.join(', ')}`,
    };
  }
  const { min, max } = rule;
  const bounds =
    min != null && max != null
      ? { operator: 'between' as const, formulae: [min, max], text: `${min} – ${max}` }
      : min != null
        ? { operator: 'greaterThanOrEqual' as const, formulae: [min], text: `≥ ${min}` }
        : max != null
          ? { operator: 'lessThanOrEqual' as const, formulae: [max], text: `≤ ${max}` }
          : { operator: 'between' as const, formulae: [-1e15, 1e15], text: 'a number' };
  const whole = rule.kind === 'whole' ? '整数 / a whole number ' : '数值 / a number ';
  return {
    type: rule.kind,
    operator: bounds.operator,
    formulae: bounds.formulae,
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: '数值 / value',
    error: `${whole}${bounds.text}`,
  };
}

/** An .xlsx workbook of one protected sheet: header frozen and locked, editable cells unlocked and validated. */
export async function writeXlsx(sheet: XlsxSheet): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'ipzone-hub';
  const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.header.map((header, i) => ({ header, width: sheet.widths?.[i] ?? 14 }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.height = 30;
  sheet.rows.forEach((cells, r) => {
    const row = ws.getRow(r + 2);
    cells.forEach((cell, c) => {
      const target = row.getCell(c + 1);
      if (cell.value !== undefined && cell.value !== null) target.value = cell.value;
      if (cell.editable) {
        target.protection = { locked: false };
        target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
      }
      if (cell.rule) target.dataValidation = validation(cell.rule);
    });
  });
  const width = sheet.header.reduce((sum, _, i) => sum + (sheet.widths?.[i] ?? 14), 0);
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: (sheet.landscape ?? width > PORTRAIT_WIDTH) ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages down as the rows take
    // exceljs puts "$" before each part: A$1 becomes $A$1, an absolute reference as Excel writes it.
    printArea: `A$1:${columnLetter(Math.max(sheet.header.length, 1))}$${sheet.rows.length + 1}`,
    printTitlesRow: '1:1',
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&P / &N' };
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A cell's text: numbers as JavaScript writes them, a formula's cached result, rich text joined. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return `=${(value as { formula?: string }).formula ?? ''}`;
    return typeof result === 'object' && 'error' in result
      ? String((result as { error: string }).error)
      : cellText(result as CellValue);
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return String(value.error);
  if ('text' in value) return String(value.text);
  return '';
}

/** True when the bytes begin like a ZIP archive, as every .xlsx file does. */
export const looksLikeXlsx = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
