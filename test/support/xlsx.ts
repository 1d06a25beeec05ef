/** Workbooks in tests of reporting with Excel: the LibreOffice fixtures, reading sheets, sending files to the gateway. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type CellValue, Workbook, type Worksheet } from 'exceljs';
import { bearer, graphql, useHubAndDatabase } from './hub';

export const FIXTURES = path.resolve(__dirname, '../fixtures/xlsx');
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const LIBREOFFICE_XLSX = 'court-2025Q4-libreoffice.xlsx';
export const LIBREOFFICE_CSV = 'court-2025Q4-libreoffice-gb18030.csv';

export async function sheetOf(bytes: ArrayBuffer | Buffer): Promise<Worksheet> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  return workbook.worksheets[0];
}

/** A cell's value as text; a rich-text, formula or link cell as its JSON rather than "[object Object]". */
export const text = (value: CellValue): string =>
  typeof value === 'object' && value !== null && !(value instanceof Date) ? JSON.stringify(value) : String(value ?? '');

/** Column A of every row below the header. */
export function indicatorColumn(ws: Worksheet): string[] {
  const ids: string[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) ids.push(text(row.getCell(1).value));
  });
  return ids;
}

/** POSTs a file to /report/upload.xlsx or /report/upload.csv of the gateway at `url`. */
export async function upload(
  url: string,
  name: 'upload.xlsx' | 'upload.csv',
  body: Buffer,
  query: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: any }> {
  const type = name === 'upload.xlsx' ? XLSX_TYPE : 'text/csv';
  const res = await fetch(new URL(`/report/${name}?${query}`, url), {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: await res.json() };
}

/** The cell of the fixture LibreOffice saved a count with a fraction in: the one bad cell. */
export async function badCell(): Promise<{ row: number; value: number }> {
  const ws = await sheetOf(fixture(LIBREOFFICE_XLSX));
  let found: { row: number; value: number } | undefined;
  ws.eachRow((row, n) => {
    const value = row.getCell(7).value;
    if (typeof value === 'number' && !Number.isInteger(value)) found = { row: n, value };
  });
  return found!;
}

/** The figures of 2025Q3 the court reported before the fixtures' template was written (see make-fixtures.sh). */
export const Q3 = [
  { indicator: 'average-trial-closure-days', period: '2025Q3', value: 98 },
  { indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1000 },
  { indicator: 'court-ip-cases-closed', period: '2025Q3', breakdown: '江岸区', value: 550 },
  { indicator: 'court-ip-cases-closed', period: '2025Q3', breakdown: '洪山区', value: 450 },
  { indicator: 'court-ip-cases-closed-within-limit', period: '2025Q3', value: 965 },
];

const PUSH = `mutation PushQ3($input: PushFiguresInput!) { pushFigures(input: $input) { created rejected } }`;

/**
 * A hub of the test file's own where the court has reported Q3: its URL, its database,
 * the count of figure revisions, and the template and upload endpoints as a client calls them.
 */
export function useReportingHub() {
  const { url, db } = useHubAndDatabase();
  beforeAll(async () => {
    const res = await graphql(url(), PUSH, { input: { figures: Q3 } }, await bearer('court', ['reporter']));
    expect(res.data?.pushFigures).toEqual({ created: Q3.length, rejected: 0 });
  });
  return {
    url,
    figureRevisions: async () =>
      (await db().query(`SELECT count(*)::int AS n FROM indicators.figure_revision`)).rows[0].n as number,
    template: (query: string, headers: Record<string, string>) =>
      fetch(new URL(`/report/template.xlsx?${query}`, url()), { headers }),
    upload: (name: 'upload.xlsx' | 'upload.csv', body: Buffer, query: string, headers: Record<string, string>) =>
      upload(url(), name, body, query, headers),
  };
}
