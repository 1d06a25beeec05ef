/**
 * The reporting template through the real gateway over HTTP: what an agency owes for a
 * period, row by row, with the sheet's own validation, and nothing it does not own.
 */
import { type CellValue, Workbook, type Worksheet } from 'exceljs';
import { ReadBudget, UNLIMITED } from '../../lib/read-limits';
import { openEntry, zipEntries } from '../../lib/zip';
import { bearer, graphql } from '../support/hub';
import { fixture, indicatorColumn, Q3, sheetOf, text, useReportingHub, XLSX_TYPE } from '../support/xlsx';

const { url, figureRevisions, template, upload } = useReportingHub();

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
    // The indicators subgraph answers the same list; a period that is not one is refused.
    const OWED = `query Owed($period: Period!) { owedIndicators(organization: "court", period: $period) { id } }`;
    const owed = await graphql(url(), OWED, { period: '2025Q4' });
    expect(owed.data!.owedIndicators.map((i: { id: string }) => i.id)).toEqual([...new Set(ids)]);
    const bad = await graphql(url(), OWED, { period: '2025Q5' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
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
        formulae: ['"初步 PROVISIONAL,最终 FINAL,估计 ESTIMATED"'],
      });
    });
  });

  it('prints on A4, one page across (landscape), the header row on every page: as the written file says', async () => {
    const res = await template('organization=court&period=2025Q4', await bearer('court', ['reporter']));
    const bytes = Buffer.from(await res.arrayBuffer());
    // The parts themselves, read with lib/zip rather than the writer's library.
    const entries = zipEntries(bytes);
    const part = async (name: string) => {
      let xml = '';
      for await (const chunk of openEntry(bytes, entries.get(name)!, new ReadBudget(UNLIMITED))) xml += String(chunk);
      return xml.replace(/&apos;/g, "'");
    };
    const sheet = await part('xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
    const setup = /<pageSetup [^>]*\/>/.exec(sheet)![0];
    for (const attribute of ['paperSize="9"', 'orientation="landscape"', 'fitToWidth="1"', 'fitToHeight="0"'])
      expect(setup).toContain(attribute);
    const ws = await sheetOf(bytes);
    const rows = indicatorColumn(ws).length + 1;
    const workbook = await part('xl/workbook.xml');
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'填报 Report'!$1:$1</definedName>`);
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="0">'填报 Report'!$A$1:$P$${rows}</definedName>`,
    );
    expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
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
