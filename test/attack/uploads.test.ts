/**
 * Uploads are read within bounds, in development and production alike: a role that may not
 * write figures is refused 403 before a million-row CSV or a lying workbook is read; a
 * reporter's million-row CSV is refused with FILE_TOO_LARGE while the gateway keeps
 * answering /healthz and its memory stays flat; an answer lists at most 100
 * rejections and counts the rest; a damaged sheet is refused in plain words.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { bearer } from '../support/hub';
import { MODES, useHubIn } from '../support/modes';

/** A ZIP of `parts` stored deflated; `declared` overrides a part's sizes in its headers. */
function zip(parts: Array<{ name: string; data: Buffer; raw?: number; declared?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const size = part.declared ?? part.raw ?? part.data.length;
    const compressed = part.raw === undefined ? deflateRawSync(part.data) : part.data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(part.declared ?? compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 16);
    central.writeUInt32LE(part.declared ?? compressed.length, 20);
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

const SHEET_HEAD =
  '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
function workbook(sheet: { name: string; data: Buffer; raw?: number; declared?: number }): Buffer {
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

/** A sheet part that inflates to `mib` MiB of blanks after its head, while its headers declare 4 kB. */
function lyingWorkbook(mib: number): Buffer {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const block = deflateRawSync(Buffer.alloc(1 << 20, ' '), flush);
  const data = Buffer.concat([deflateRawSync(Buffer.from(SHEET_HEAD), flush), ...Array(mib).fill(block), Buffer.from([3, 0])]);
  return workbook({ name: 'xl/worksheets/sheet1.xml', data, raw: 4096, declared: 4096 });
}

const millionRows = Buffer.from('indicator,period\n' + 'x\n'.repeat(1_000_000));
const bomb = lyingWorkbook(400);

/** Runs `action` while /healthz is asked every 20 ms; the longest wait and the RSS growth. */
async function watched<T>(
  url: string,
  action: () => Promise<T>,
): Promise<{ result: T; maxWait: number; rss: number; ms: number }> {
  (global as any).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let maxWait = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      const res = await fetch(new URL('/healthz', url));
      await res.arrayBuffer();
      maxWait = Math.max(maxWait, performance.now() - t);
      peak = Math.max(peak, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t = performance.now();
  const result = await action();
  const ms = performance.now() - t;
  running = false;
  await loop;
  return { result, maxWait, rss: (peak - before) / 2 ** 20, ms };
}

async function post(
  url: string,
  name: 'upload.csv' | 'upload.xlsx',
  body: Buffer,
  headers: Record<string, string>,
  query = 'dryRun=true',
) {
  const type = name === 'upload.csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const res = await fetch(new URL(`/report/${name}?${query}`, url), {
    method: 'POST',
    headers: { 'content-type': type, ...headers },
    body: new Uint8Array(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    body: (() => {
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    })(),
  };
}

describe.each(MODES)('in %s mode', (_mode, environment) => {
  const started = useHubIn(environment);
  let url: string;
  beforeAll(() => {
    url = started().gateway.url;
  });

  it('refuses an analyst 403 before reading a million-row CSV or a lying workbook', async () => {
    const analyst = await bearer('court', ['analyst']);
    for (const [name, body] of [
      ['upload.csv', millionRows],
      ['upload.xlsx', bomb],
    ] as const) {
      const { result, ms } = await watched(url, () => post(url, name, body, analyst));
      expect(result.status).toBe(403);
      expect(result.body.code ?? result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.text.length).toBeLessThan(1000);
      expect(ms).toBeLessThan(2000);
    }
  });

  it('refuses a reporter FILE_TOO_LARGE for a million-row CSV, /healthz answering meanwhile, RSS under +100 MB', async () => {
    const reporter = await bearer('court', ['reporter']);
    for (const [name, body] of [['upload.csv', millionRows]] as const) {
      const { result, maxWait, rss } = await watched(url, () => post(url, name, body, reporter));
      const code = result.body.code ?? result.body.errors?.[0]?.extensions?.code;
      expect({ name, status: result.status, code, text: result.text.slice(0, 300) }).toMatchObject({
        name,
        status: 413,
        code: 'FILE_TOO_LARGE',
      });
      // What the hub did meanwhile: /healthz answered (within 100 ms on an idle machine; the bound
      // is 500 ms since CI runs three suites on two cores; before, it waited 1.1–1.9 s), memory
      // grown by less than 100 MB.
      expect({ name, maxWait, rss, waitedUnder500ms: maxWait < 500, grewUnder100MB: rss < 100 }).toMatchObject({
        waitedUnder500ms: true,
        grewUnder100MB: true,
      });
      expect(result.text.length).toBeLessThan(2000);
    }
  });

  it('lists 100 of 500 rejections with rejectionsOmitted 400, and all 500 with ?rejections=csv', async () => {
    const reporter = await bearer('court', ['reporter']);
    const file = Buffer.from('indicator,period,value\n' + 'police-ip-criminal-cases,2025,abc\n'.repeat(500));
    const res = await post(url, 'upload.csv', file, reporter);
    expect(res.status).toBe(200);
    expect(res.body.rejections).toHaveLength(100);
    expect(res.body.rejectionsOmitted).toBe(400);
    const csv = await post(url, 'upload.csv', file, reporter, 'dryRun=true&rejections=csv');
    expect(csv.status).toBe(200);
    expect(
      csv.text
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('rejection')),
    ).toHaveLength(500);
  });

  it('refuses a sheet cell without its reference 400 UNREADABLE_FILE in plain words', async () => {
    const reporter = await bearer('court', ['reporter']);
    const sheet =
      SHEET_HEAD +
      '<row r="1"><c t="inlineStr"><is><t>indicator</t></is></c></row><row r="2"><c><v>1</v></c></row></sheetData></worksheet>';
    const res = await post(
      url,
      'upload.xlsx',
      workbook({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) }),
      reporter,
    );
    expect(res.status).toBe(400);
    expect(res.body.code ?? res.body.errors?.[0]?.extensions?.code).toBe('UNREADABLE_FILE');
    expect(res.text).not.toMatch(/Cannot read properties|undefined|TypeError/);
  });
});
