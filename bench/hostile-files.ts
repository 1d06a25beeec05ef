/**
 * Hostile files for the upload doors, each with the answer the hub must give: a CSV of a
 * million one-field rows (2 MB) and a workbook whose sheet inflates to 400 MiB while its
 * ZIP headers declare 4 kB. The upload attack tests send them with each role;
 * `npm run bench -- hostile` sends them as background traffic with a reporter's token,
 * beside the hostile GraphQL documents and a webhook aimed at the cloud metadata address.
 */
import { constants, deflateRawSync } from 'node:zlib';
import type { HostileRequest } from './hostile-documents';

/**
 * A ZIP of `parts` stored deflated (`deflated`: `data` is so already, and `declaredSize`
 * says its unpacked size). The headers give each part's compressed size as it is, and its
 * unpacked size as `declaredSize` says when set (a lie), else as it is.
 */
function zip(parts: Array<{ name: string; data: Buffer; deflated?: boolean; declaredSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const compressed = part.deflated ? part.data : deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const SHEET_HEAD =
  '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export function workbook(sheet: { name: string; data: Buffer; deflated?: boolean; declaredSize?: number }): Buffer {
  const x = (s: string) => Buffer.from(s);
  return zip([
    {
      name: '[Content_Types].xml',
      data: x(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: x(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: x(
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Figures" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: x(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    sheet,
  ]);
}

/**
 * A workbook whose sheet inflates to `mib` MiB of blanks after its head, while its headers
 * declare 4 kB unpacked (the deflate stream is built a MiB block at a time, so that making
 * it costs no `mib` MiB of memory).
 */
export function lyingWorkbook(mib: number): Buffer {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const block = deflateRawSync(Buffer.alloc(1 << 20, ' '), flush);
  const data = Buffer.concat([deflateRawSync(Buffer.from(SHEET_HEAD), flush), ...Array(mib).fill(block), Buffer.from([3, 0])]);
  return workbook({ name: 'xl/worksheets/sheet1.xml', data, deflated: true, declaredSize: 4096 });
}

/** 1,000,000 rows of one field after a header: 2 MB. */
export const millionRows = (): Buffer => Buffer.from('indicator,period\n' + 'x\n'.repeat(1_000_000));

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The upload and webhook requests of the hostile mix (sent with the role named). */
export function hostileUploads(): HostileRequest[] {
  return [
    {
      name: 'a million-row CSV (2 MB)',
      path: '/report/upload.csv?dryRun=true',
      contentType: 'text/csv',
      role: 'reporter',
      body: millionRows(),
      status: 413,
      code: 'FILE_TOO_LARGE',
    },
    {
      name: 'a workbook inflating to 400 MiB that declares 4 kB',
      path: '/report/upload.xlsx?dryRun=true',
      contentType: XLSX_TYPE,
      role: 'reporter',
      body: lyingWorkbook(400),
      status: 413,
      code: 'FILE_TOO_LARGE',
    },
    {
      name: 'a webhook aimed at the cloud metadata address',
      role: 'coordinator',
      body: JSON.stringify({
        query:
          'mutation { subscribeWebhook(url: "https://169.254.169.254/latest/meta-data", events: [REPORT_DUE_SOON]) { secret } }',
      }),
      status: 200,
      code: 'WEBHOOK_TARGET_FORBIDDEN',
    },
  ];
}
