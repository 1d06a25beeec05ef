/**
 * Reporting with Excel through the real gateway over HTTP: the court's clerk uploads the
 * 2025Q4 template filled in LibreOffice (the committed fixtures, made by
 * test/fixtures/xlsx/make-fixtures.sh from a template the hub wrote) as a dry run, fixes
 * the one bad cell, confirms, and uploads again to no effect; the same figures saved by
 * LibreOffice as GB18030 CSV go through the upload and the import command.
 */
import path from 'node:path';
import { Workbook } from 'exceljs';
import { cellText } from '../../lib/xlsx';
import { ipzone } from '../support/cli';
import { bearer, graphql } from '../support/hub';
import { badCell, fixture, FIXTURES, LIBREOFFICE_CSV, LIBREOFFICE_XLSX, sheetOf, useReportingHub } from '../support/xlsx';

const { url, figureRevisions, upload } = useReportingHub();
const endpoint = (pathname: string) => new URL(pathname, url()).toString();

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

  it('refuses a jump left unexplained by the cell holding the value, as the form does; explained in its cell, it is a warning there', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load(fixture(LIBREOFFICE_XLSX) as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0];
    const previous = Number(ws.getCell('F2').value);
    ws.getCell('G2').value = previous * 10;
    const headers = await bearer('court', ['reporter']);
    const bare = await upload('upload.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), 'dryRun=true', headers);
    expect(bare.body.warnings).toEqual([]);
    expect(bare.body.rejections).toContainEqual(
      expect.objectContaining({ row: 2, column: 'G', cell: 'G2', field: 'explanation', code: 'EXPLANATION_REQUIRED' }),
    );
    expect(cellText(ws.getCell('O1').value)).toBe('情况说明 / explanation');
    ws.getCell('O2').value = '巡回审判集中结案';
    const explained = await upload('upload.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), 'dryRun=true', headers);
    expect(explained.body.warnings).toMatchObject([{ row: 2, column: 'G', cell: 'G2', code: 'IMPLAUSIBLE_JUMP' }]);
    expect(explained.body.rejections.map((r: { code: string }) => r.code)).not.toContain('EXPLANATION_REQUIRED');
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

  it("refuses a file of several batches whose last row is another agency's, before any batch lands", async () => {
    const before = await figureRevisions();
    // MAX_PUSH_ROWS (5,000) of the court's own, then one of customs': two batches.
    const own = Array.from({ length: 5000 }, (_, i) => `court-ip-cases-closed,2025Q4,1,split-${i}`);
    const csv = ['indicator,period,value,breakdown', ...own, 'customs-ip-seizure-batches,2025Q4,1,', ''].join('\n');
    const res = await upload('upload.csv', Buffer.from(csv), 'dryRun=false', await bearer('court', ['reporter']));
    expect(res.status).toBe(403);
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
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
