/**
 * Uploads are read within bounds, in development and production alike: a role that may not
 * write figures is refused 403 before a million-row CSV or a lying workbook is read; a
 * reporter's million-row CSV, or workbook declaring 4 kB that inflates to 400 MiB, is
 * refused with FILE_TOO_LARGE while the gateway keeps answering /healthz and its memory
 * stays flat (the files: bench/hostile-files.ts); an answer lists at most 100
 * rejections and counts the rest; a damaged sheet is refused in plain words.
 */
import { lyingWorkbook, millionRows as millionRowsFile, SHEET_HEAD, workbook } from '../../bench/hostile-files';
import { bearer } from '../support/hub';
import { MODES, useHubIn } from '../support/modes';

const millionRows = millionRowsFile();
const bomb = lyingWorkbook(400);

/**
 * Runs `action` while /healthz is asked every 20 ms: how many answers came while it ran, the
 * longest wait (reported, not asserted: timings belong to `npm run bench -- hostile`) and the RSS
 * growth.
 */
async function watched<T>(
  url: string,
  action: () => Promise<T>,
): Promise<{ result: T; answered: number; maxWait: number; rss: number }> {
  (global as any).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let maxWait = 0;
  let answered = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      const res = await fetch(new URL('/healthz', url));
      await res.arrayBuffer();
      maxWait = Math.max(maxWait, performance.now() - t);
      if (running) answered += 1;
      peak = Math.max(peak, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const result = await action();
  running = false;
  await loop;
  return { result, answered, maxWait, rss: (peak - before) / 2 ** 20 };
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
      const { result, rss } = await watched(url, () => post(url, name, body, analyst));
      expect(result.status).toBe(403);
      expect(result.body.code ?? result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.text.length).toBeLessThan(1000);
      expect({ name, rss, grewUnder100MB: rss < 100 }).toMatchObject({ grewUnder100MB: true });
    }
  });

  it('refuses a reporter FILE_TOO_LARGE for a million-row CSV or a lying workbook, /healthz answering meanwhile, RSS under +100 MB', async () => {
    const reporter = await bearer('court', ['reporter']);
    // A small file first, so that what is measured is the cost of the large one, not of the
    // code and tables the upload path loads on its first use.
    await post(url, 'upload.csv', Buffer.from('indicator,period\nx\n'), reporter);
    await post(
      url,
      'upload.xlsx',
      workbook({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`${SHEET_HEAD}</sheetData></worksheet>`) }),
      reporter,
    );
    for (const [name, body] of [
      ['upload.csv', millionRows],
      ['upload.xlsx', bomb],
    ] as const) {
      const { result, answered, maxWait, rss } = await watched(url, () => post(url, name, body, reporter));
      const code = result.body.code ?? result.body.errors?.[0]?.extensions?.code;
      expect({ name, status: result.status, code, text: result.text.slice(0, 300) }).toMatchObject({
        name,
        status: 413,
        code: 'FILE_TOO_LARGE',
      });
      // What the hub did meanwhile: it kept answering /healthz (how fast is measured by
      // `npm run bench -- hostile`, where timings belong), and its memory grew by less than 100 MB.
      expect({ name, answered, maxWait, rss, answeredMeanwhile: answered > 0, grewUnder100MB: rss < 100 }).toMatchObject({
        answeredMeanwhile: true,
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
