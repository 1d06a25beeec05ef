/**
 * Reporting with Excel through the real gateway over HTTP: the court's clerk downloads
 * the 2025Q4 template, fills it in LibreOffice (the committed fixtures, made by
 * test/fixtures/xlsx/make-fixtures.sh from a template the hub wrote), uploads it as a dry
 * run, fixes the one bad cell, confirms, and uploads again to no effect; the same figures
 * saved by LibreOffice as GB18030 CSV go through the import command.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type CellValue, Workbook, type Worksheet } from 'exceljs';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';
import { ipzone } from '../support/cli';

const { url, db } = useHubAndDatabase();
const FIXTURES = path.resolve(__dirname, '../fixtures/xlsx');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The figures of 2025Q3 the court reported before the fixtures' template was written (see make-fixtures.sh). */
const Q3 = [
  { indicator: 'average-trial-closure-days', period: '2025Q3', value: 98 },
  { indicator: 'court-ip-cases-closed', period: '2025Q3', value: 1000 },
  { indicator: 'court-ip-cases-closed', period: '2025Q3', breakdown: '江岸区', value: 550 },
  { indicator: 'court-ip-cases-closed', period: '2025Q3', breakdown: '洪山区', value: 450 },
  { indicator: 'court-ip-cases-closed-within-limit', period: '2025Q3', value: 965 },
];

const PUSH = `mutation PushQ3($input: PushFiguresInput!) { pushFigures(input: $input) { created rejected } }`;

beforeAll(async () => {
  const res = await graphql(url(), PUSH, { input: { figures: Q3 } }, await bearer('court', ['reporter']));
  expect(res.data?.pushFigures).toEqual({ created: Q3.length, rejected: 0 });
});

const endpoint = (pathname: string) => new URL(pathname, url()).toString();

async function template(query: string, headers: Record<string, string>): Promise<Response> {
  return fetch(endpoint(`/report/template.xlsx?${query}`), { headers });
}

async function sheetOf(bytes: ArrayBuffer | Buffer): Promise<Worksheet> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  return workbook.worksheets[0];
}

const text = (value: CellValue) => (value === null || value === undefined ? '' : String(value));

/** Column A of every row below the header. */
function indicatorColumn(ws: Worksheet): string[] {
  const ids: string[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) ids.push(text(row.getCell(1).value));
  });
  return ids;
}

const figureRevisions = async () =>
  (await db().query(`SELECT count(*)::int AS n FROM indicators.figure_revision`)).rows[0].n as number;

describe('GET /report/template.xlsx', () => {
  it('offers the court one row per indicator it owes for 2025Q4, breakdowns included, and nothing it does not own', async () => {
    const res = await template('organization=court&period=2025Q4', await bearer('court', ['reporter']));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="report-court-2025Q4.xlsx"');
    const bytes = await res.arrayBuffer();
    const ws = await sheetOf(bytes);
    const ids = indicatorColumn(ws);
    expect([...new Set(ids)]).toEqual([
      'average-trial-closure-days',
      'court-ip-cases-closed',
      'court-ip-cases-closed-within-limit',
      'expert-assessor-cases-increase',
    ]);
    // Every one is the court's to report (its principal owner); its derived rate and anything of the regulator's are not.
    const owners = await graphql(
      url(),
      `
        query Owners {
          indicators {
            id
            formula
            owners {
              id
            }
          }
        }
      `,
    );
    const all = owners.data!.indicators as Array<{ id: string; formula: string | null; owners: Array<{ id: string }> }>;
    for (const id of ids) expect(all.find((i) => i.id === id)!.owners[0].id).toBe('court');
    const courtOwned = all.filter((i) => i.owners.some((o) => o.id === 'court')).map((i) => i.id);
    expect(courtOwned).toContain('trial-closure-within-limit-rate');
    expect(ids).not.toContain('trial-closure-within-limit-rate');
    const notTheCourts = all.filter((i) => !i.owners.some((o) => o.id === 'court')).map((i) => i.id);
    expect(ids.filter((id) => notTheCourts.includes(id))).toEqual([]);
    // The breakdowns reported before get rows of their own, each with its previous value.
    const rows = ws.getRows(2, ids.length)!.map((row) => ({
      indicator: text(row.getCell(1).value),
      period: text(row.getCell(4).value),
      breakdown: text(row.getCell(5).value),
      previous: row.getCell(6).value,
      organization: text(row.getCell(13).value),
    }));
    for (const q3 of Q3) {
      expect(rows).toContainEqual({
        indicator: q3.indicator,
        period: '2025Q4',
        breakdown: q3.breakdown ?? '',
        previous: q3.value,
        organization: 'court',
      });
    }
    expect(rows.find((r) => r.indicator === 'expert-assessor-cases-increase')).toMatchObject({ breakdown: '', previous: null });
  });

  it('writes today the template the LibreOffice fixtures were filled from (make-fixtures.sh)', async () => {
    const res = await template('organization=court&period=2025Q4', await bearer('court', ['reporter']));
    const values = (ws: Worksheet) => ws.getSheetValues().map((row) => (Array.isArray(row) ? row.map((v) => v ?? null) : row));
    expect(values(await sheetOf(await res.arrayBuffer()))).toEqual(values(await sheetOf(fixture('court-2025Q4-template.xlsx'))));
  });

  it('has bilingual headings, a frozen locked header, cells to fill unlocked, and Excel data validation from the indicators', async () => {
    const res = await template('organization=court&period=2025Q4', await bearer('court', ['reporter']));
    const ws = await sheetOf(await res.arrayBuffer());
    const headings = (ws.getRow(1).values as CellValue[]).slice(1).map(text);
    expect(headings).toContain('数值 / value');
    expect(headings.every((h) => /^\p{Script=Han}+ \/ [a-z]+$/u.test(h))).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(ws.getCell('A1').protection?.locked).not.toBe(false);
    const rules = await graphql(
      url(),
      `
        query Rules {
          indicators(filter: { ownerId: "court" }) {
            id
            minValue
            maxValue
            integerOnly
          }
        }
      `,
    );
    const ids = indicatorColumn(ws);
    ids.forEach((id, i) => {
      const rule = (rules.data!.indicators as Array<Record<string, unknown>>).find((r) => r.id === id)!;
      const value = ws.getCell(`G${i + 2}`);
      expect(value.protection?.locked).toBe(false);
      expect(ws.getCell(`A${i + 2}`).protection?.locked).not.toBe(false);
      expect(value.dataValidation).toMatchObject({ type: rule.integerOnly ? 'whole' : 'decimal', allowBlank: true });
      expect(value.dataValidation.formulae[0]).toBe(rule.minValue ?? -1e15);
      expect(ws.getCell(`J${i + 2}`).dataValidation).toMatchObject({
        type: 'list',
        formulae: ['"PROVISIONAL,FINAL,ESTIMATED"'],
      });
    });
  });

  it('gives a rate numerator and denominator to fill instead of a value', async () => {
    const res = await template('organization=procuratorate&period=2025Q4', await bearer('procuratorate', ['reporter']));
    const ws = await sheetOf(await res.arrayBuffer());
    expect(indicatorColumn(ws)).toEqual(['procuratorial-intervention-rate']);
    expect(ws.getCell('G2').protection?.locked).not.toBe(false);
    for (const cell of ['H2', 'I2']) {
      expect(ws.getCell(cell).protection?.locked).toBe(false);
      expect(ws.getCell(cell).dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    }
  });

  it('takes a rate back as numerator and denominator, naming the numerator cell when it exceeds the denominator', async () => {
    const headers = await bearer('procuratorate', ['reporter']);
    const res = await template('organization=procuratorate&period=2025Q4', headers);
    const workbook = new Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const ws = workbook.worksheets[0];
    const filled = async (numerator: number, denominator: number) => {
      ws.getCell('H2').value = numerator;
      ws.getCell('I2').value = denominator;
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const over = await upload('upload.xlsx', await filled(130, 120), 'dryRun=true', headers);
    expect(over.body).toMatchObject({ rows: 1, rejected: 1, rejections: [{ row: 2, cell: 'H2', field: 'numerator' }] });
    const before = await figureRevisions();
    const fine = await upload('upload.xlsx', await filled(118, 120), 'dryRun=false', headers);
    expect(fine.body).toMatchObject({ rows: 1, created: 1, rejected: 0 });
    expect(await figureRevisions()).toBe(before + 1);
  });

  it("refuses a reporter another agency's template, a bad period and an unknown agency, as the exports do", async () => {
    const other = await template('organization=amr&period=2025Q4', await bearer('court', ['reporter']));
    expect(other.status).toBe(403);
    expect((await other.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    const bad = await template('organization=court&period=2025Q5', await bearer('court', ['reporter']));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await template('organization=nobody&period=2025Q4', await bearer('amr', ['coordinator']));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    const forged = await template('organization=court&period=2025Q4', { authorization: 'Bearer x.y.z' });
    expect(forged.status).toBe(401);
    // A coordinator gets any agency's; with no organisation named, a reporter gets its own.
    expect((await template('organization=court&period=2025Q4', await bearer('amr', ['coordinator']))).status).toBe(200);
    const own = await template('period=2025Q4', await bearer('court', ['reporter']));
    expect(own.headers.get('content-disposition')).toContain('report-court-2025Q4.xlsx');
  });
});

const LIBREOFFICE_XLSX = 'court-2025Q4-libreoffice.xlsx';
const LIBREOFFICE_CSV = 'court-2025Q4-libreoffice-gb18030.csv';

async function upload(
  name: 'upload.xlsx' | 'upload.csv',
  body: Buffer,
  query: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: any }> {
  const type = name === 'upload.xlsx' ? XLSX_TYPE : 'text/csv';
  const res = await fetch(endpoint(`/report/${name}?${query}`), {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: await res.json() };
}

/** The cell of the fixture LibreOffice saved a count with a fraction in: the one bad cell. */
async function badCell(): Promise<{ row: number; value: number }> {
  const ws = await sheetOf(fixture(LIBREOFFICE_XLSX));
  let found: { row: number; value: number } | undefined;
  ws.eachRow((row, n) => {
    const value = row.getCell(7).value;
    if (typeof value === 'number' && !Number.isInteger(value)) found = { row: n, value };
  });
  return found!;
}

const FIGURE = `query Figure($indicator: ID!, $breakdown: String) { indicator(id: $indicator) {
  figures(from: "2025Q4", to: "2025Q4", breakdown: $breakdown) { value status note source } } }`;

async function q4(indicator: string, breakdown?: string) {
  const res = await graphql(url(), FIGURE, { indicator, breakdown });
  return res.data!.indicator.figures.find(() => true) ?? null;
}

describe('POST /report/upload.xlsx with the template LibreOffice filled', () => {
  it('a dry run names the one bad cell by its row and column and writes nothing', async () => {
    const before = await figureRevisions();
    const bad = await badCell();
    const res = await upload('upload.xlsx', fixture(LIBREOFFICE_XLSX), 'dryRun=true', await bearer('court', ['reporter']));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, rows: 5, unfilled: 1, created: 4, rejected: 1, replayed: false });
    expect(res.body.rejections).toEqual([
      {
        row: bad.row,
        column: 'G',
        cell: `G${bad.row}`,
        field: 'value',
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('whole number'),
      },
    ]);
    expect(await figureRevisions()).toBe(before);
  });

  it('confirmed, the rest lands (a formula counts by the value LibreOffice computed); the same file again writes nothing', async () => {
    const headers = await bearer('court', ['reporter']);
    const before = await figureRevisions();
    const res = await upload('upload.xlsx', fixture(LIBREOFFICE_XLSX), 'dryRun=false', headers);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, created: 4, rejected: 1, replayed: false });
    expect(await figureRevisions()).toBe(before + 4);
    const ws = await sheetOf(fixture(LIBREOFFICE_XLSX));
    const total = ws.getCell('G3').value as { formula: string; result: number };
    expect(total.formula).toBeDefined();
    expect(await q4('court-ip-cases-closed')).toMatchObject({ value: total.result, status: 'FINAL' });
    expect(total.result).toBe(Number(ws.getCell('G4').value) + Number(ws.getCell('G5').value));
    expect(await q4('average-trial-closure-days')).toMatchObject({ value: ws.getCell('G2').value, note: ws.getCell('K2').value });
    expect(await q4('court-ip-cases-closed-within-limit')).toBeNull();

    const again = await upload('upload.xlsx', fixture(LIBREOFFICE_XLSX), 'dryRun=false', headers);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 1, replayed: true });
    expect(await figureRevisions()).toBe(before + 4);
  });

  it('fixed, the bad cell lands and nothing else changes; uploaded again, nothing is written', async () => {
    const headers = await bearer('court', ['reporter']);
    const bad = await badCell();
    const workbook = new Workbook();
    await workbook.xlsx.load(fixture(LIBREOFFICE_XLSX) as unknown as ArrayBuffer);
    workbook.worksheets[0].getCell(`G${bad.row}`).value = Math.round(bad.value);
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    const before = await figureRevisions();
    const dry = await upload('upload.xlsx', fixed, 'dryRun=true', headers);
    expect(dry.body).toMatchObject({ created: 1, unchanged: 4, rejected: 0, rejections: [] });
    const res = await upload('upload.xlsx', fixed, 'dryRun=false', headers);
    expect(res.body).toMatchObject({ created: 1, unchanged: 4, rejected: 0, replayed: false });
    expect(await q4('court-ip-cases-closed-within-limit')).toMatchObject({ value: Math.round(bad.value), status: 'PROVISIONAL' });
    const again = await upload('upload.xlsx', fixed, 'dryRun=false', headers);
    expect(again.body).toMatchObject({ created: 0, unchanged: 5, rejected: 0, replayed: true });
    expect(await figureRevisions()).toBe(before + 1);
  });

  it('takes the GB18030 CSV LibreOffice saved at /report/upload.csv, naming the same cell', async () => {
    const bad = await badCell();
    const res = await upload('upload.csv', fixture(LIBREOFFICE_CSV), 'dryRun=true', await bearer('court', ['reporter']));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'GB18030', rows: 5, unfilled: 1, rejected: 1 });
    expect(res.body.rejections).toMatchObject([{ row: bad.row, cell: `G${bad.row}`, field: 'value', code: 'BAD_USER_INPUT' }]);
    // With no content type at all (as some clients send a file), the body is the file just the same.
    const bare = await fetch(endpoint('/report/upload.csv?dryRun=true'), {
      method: 'POST',
      headers: await bearer('court', ['reporter']),
      body: new Uint8Array(fixture(LIBREOFFICE_CSV)),
    });
    expect(bare.status).toBe(200);
    expect(await bare.json()).toMatchObject({ rows: 5, rejected: 1 });
  });

  it('refuses a file that is not .xlsx, a corrupt one, one too large, no token and another agency, writing nothing', async () => {
    const before = await figureRevisions();
    const court = await bearer('court', ['reporter']);
    const csv = await upload('upload.xlsx', fixture(LIBREOFFICE_CSV), 'dryRun=false', court);
    expect(csv.status).toBe(400);
    expect(csv.body.errors[0].extensions.code).toBe('UNREADABLE_FILE');
    const whole = fixture(LIBREOFFICE_XLSX);
    const corrupt = await upload('upload.xlsx', whole.subarray(0, whole.length / 2), 'dryRun=false', court);
    expect(corrupt.status).toBe(400);
    expect(corrupt.body.errors[0]).toMatchObject({ extensions: { code: 'UNREADABLE_FILE' } });
    const large = await upload('upload.xlsx', Buffer.concat([whole, Buffer.alloc(5 * 1024 * 1024)]), 'dryRun=false', court);
    expect(large.status).toBe(413);
    expect(large.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const anonymous = await upload('upload.xlsx', whole, 'dryRun=false', {});
    expect(anonymous.status).toBe(401);
    const other = await upload('upload.xlsx', whole, 'dryRun=false', await bearer('amr', ['reporter']));
    expect(other.status).toBe(403);
    expect(other.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const parameter = await upload('upload.xlsx', whole, 'dryRun=yes', court);
    expect(parameter.status).toBe(400);
    expect(await figureRevisions()).toBe(before);
  });
});

describe('ipzone import with the files LibreOffice saved', () => {
  const cli = async (file: string, args: string[]) => {
    const token = (await bearer('court', ['reporter'])).authorization.slice('Bearer '.length);
    return ipzone(['import', path.join(FIXTURES, file), '--token-file', '-', ...args], {
      input: token,
      env: { ...process.env, IPZONE_URL: url(), LOG_LEVEL: 'error' },
    });
  };

  it('reads the GB18030 CSV: the figures the workbook landed are unchanged, the bad line is named', async () => {
    const bad = await badCell();
    const before = await figureRevisions();
    const res = await cli(LIBREOFFICE_CSV, []);
    expect(res.stderr).toContain('(GB18030)');
    expect(res.stdout).toContain(`line ${bad.row}: value: BAD_USER_INPUT`);
    expect(res.stdout).toContain('imported: 0 created, 0 updated, 4 unchanged, 1 rejected');
    expect(res.code).toBe(1);
    expect(await figureRevisions()).toBe(before);
  });

  it('reads the .xlsx workbook too, dry run and all', async () => {
    const bad = await badCell();
    const res = await cli(LIBREOFFICE_XLSX, ['--dry-run']);
    expect(res.stderr).toContain('.xlsx, sheet "填报 Report"');
    expect(res.stderr).toContain('1 template row(s) left empty');
    expect(res.stdout).toContain(`line ${bad.row}: value: BAD_USER_INPUT`);
    expect(res.stdout).toContain('would import: 0 created, 0 updated, 4 unchanged, 1 rejected');
  });
});
