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
  (await db().query(`SELECT count(*)::int AS n FROM indicators.figure_revisions`)).rows[0].n as number;

describe('GET /report/template.xlsx', () => {
  it('offers the court one row per indicator it owes for 2025Q4, breakdowns included, and nothing it does not own', async () => {
    const res = await template('organization=court&period=2025Q4', await bearer('court', ['reporter']));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="report-court-2025Q4.xlsx"');
    const bytes = await res.arrayBuffer();
    require('fs').writeFileSync('/tmp/xlsx-template.xlsx', Buffer.from(bytes));
    const ws = await sheetOf(bytes);
    const ids = indicatorColumn(ws);
    expect([...new Set(ids)]).toEqual([
      'average-trial-closure-days',
      'court-ip-cases-closed',
      'court-ip-cases-closed-within-limit',
      'expert-assessor-cases-increase',
    ]);
    // Every one is the court's to report (its principal owner); its derived rate and anything of the regulator's are not.
    const owners = await graphql(url(), `query Owners { indicators { id formula owners { id } } }`);
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
      `query Rules { indicators(filter: { ownerId: "court" }) { id minValue maxValue integerOnly } }`,
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

void ipzone; void fixture; void figureRevisions;
