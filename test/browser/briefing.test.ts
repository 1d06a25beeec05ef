/**
 * The briefing for the coordinating meeting: owners push the demo figures, one of them
 * explains a figure of a target off track, and the gateway prints /briefing.pdf with the
 * Chromium shipped from npm. Read back with poppler (pdftotext, pdffonts, pdfinfo), the PDF
 * names the eight goals with their values and statuses as the API computes them, the
 * reference date and the vintage, embeds its fonts, carries the hash of its axes as its
 * id, and is the same bytes when asked again or through `ipzone briefing`. A second print
 * by the same caller while one runs is refused. SCREENSHOT=1 also writes its pages as
 * docs/briefing-<n>.png.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../lib/config';
import type { Hub } from '../../hub';
import { briefingAxes, documentId } from '../../gateway/briefing';
import { KPI_STATUS, number } from '../../gateway/briefing-format';
import { IPZONE, runProgram } from '../support/cli';
import { pushDemoFigures } from '../support/demo';
import { bearer, graphql, restartGateway, startTestHub } from '../support/hub';

jest.setTimeout(120_000);

const AS_OF = '2026-03-31';
const EXPLANATION = '受样本调整影响，本期数据偏低，已核实无误';
const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created updated rejected rejections { message } } }`;

let hub: Hub;
let base: string;
let vintage: string;
let explained: string;
/** The first PDF printed: every later print of the same axes must be the same bytes. */
let reference: Buffer;
const dir = mkdtempSync(path.join(os.tmpdir(), 'ipzone-briefing-'));
/** A poppler-utils tool's output; a machine without them is told what to install. */
function poppler(tool: string, ...args: string[]): string {
  const run = spawnSync(tool, args, { encoding: 'utf8' });
  if (run.error)
    throw new Error(`${tool} did not run (${run.error.message}): the briefing's test reads its PDF with poppler-utils`);
  if (run.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}
const squeeze = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  if (!existsSync(path.join(PROJECT_ROOT, 'dist', 'dashboard', 'briefing.css'))) {
    throw new Error('the briefing is not built: run `npm run build` (npm test runs it first)');
  }
  hub = await startTestHub();
  base = hub.gateway.url.replace(/\/graphql$/, '');
  await pushDemoFigures(hub.gateway.url);
  // The owner of the first target off track explains its latest figure (a correction).
  const attention = await graphql(
    hub.gateway.url,
    `{ kpis(asOf: "${AS_OF}", filter: { status: [OFF_TRACK] }) { indicator { id formula owners { id } figures { period value } } } }`,
  );
  const target = attention.data!.kpis.find((k: any) => !k.indicator.formula && k.indicator.figures.length > 0).indicator;
  explained = target.id;
  const latest = target.figures[target.figures.length - 1];
  const res = await graphql(
    hub.gateway.url,
    PUSH,
    {
      input: {
        figures: [{ indicator: target.id, period: latest.period, value: latest.value, explanation: EXPLANATION, note: '复核' }],
      },
    },
    await bearer(target.owners[0].id, ['reporter']),
  );
  expect(res.data?.pushFigures).toMatchObject({ rejected: 0 });
  vintage = new Date().toISOString();
});
afterAll(async () => {
  await hub?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const pdfUrl = (params: Record<string, string>) => `${base}/briefing.pdf?${new URLSearchParams(params)}`;

it('prints the eight goals with their values and statuses, as of the date and vintage it states, fonts embedded', async () => {
  const response = await fetch(pdfUrl({ asOf: AS_OF, recordedAsOf: vintage }));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await response.arrayBuffer());
  reference = pdf;
  const file = path.join(dir, 'briefing.pdf');
  writeFileSync(file, pdf);

  const text = poppler('pdftotext', '-enc', 'UTF-8', file, '-');
  const flat = squeeze(text);
  const board = await graphql(
    hub.gateway.url,
    `{ scoreboard(asOf: "${AS_OF}", recordedAsOf: "${vintage}") { figureRule headlineGoals { indicator { id name unit } actual status } } }`,
  );
  const goals = board.data!.scoreboard.headlineGoals as Array<{
    indicator: { name: string; unit: string };
    actual: number | null;
    status: string;
  }>;
  expect(goals).toHaveLength(8);
  // Each goal's row: its Chinese name, then its value and its status before the next goal's name.
  const starts = goals.map((g) => ({ goal: g, at: flat.indexOf(squeeze(g.indicator.name)) })).sort((a, b) => a.at - b.at);
  for (const [i, { goal, at }] of starts.entries()) {
    expect({ name: goal.indicator.name, found: at >= 0 }).toEqual({ name: goal.indicator.name, found: true });
    const row = flat.slice(at, starts[i + 1]?.at ?? flat.indexOf('二、'));
    const value = squeeze(number(goal.actual));
    const status = squeeze(`${KPI_STATUS[goal.status].zh}${KPI_STATUS[goal.status].en}`);
    expect({ name: goal.indicator.name, value: row.includes(value), status: row.includes(status) }).toEqual({
      name: goal.indicator.name,
      value: true,
      status: true,
    });
  }
  const axes = briefingAxes(new URLSearchParams({ asOf: AS_OF, recordedAsOf: vintage }), 'ALL');
  expect(text).toContain(AS_OF);
  expect(flat).toContain(squeeze(axes.recordedAsOf));
  expect(flat).toContain(documentId(axes));
  expect(flat).toContain(EXPLANATION);

  // Every font is embedded (a subset), Chinese drawn with the web font shipped from npm.
  const fonts = poppler('pdffonts', file).trim().split('\n').slice(2);
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.filter((line) => line.split(/\s+/).slice(-5, -4)[0] !== 'yes')).toEqual([]);
  expect(fonts.some((line) => line.includes('NotoSansSC'))).toBe(true);

  // The metadata carries both axes; the dates are the vintage's, the id the hash of the axes.
  const info = poppler('pdfinfo', '-isodates', file);
  expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
  expect(info).toContain(`asOf=${AS_OF}; recordedAsOf=${axes.recordedAsOf}`);
  expect(info).toMatch(new RegExp(`CreationDate:\\s+${axes.recordedAsOf.slice(0, 19)}`));
  expect(pdf.toString('latin1')).toContain(`/ID [<${documentId(axes)}> <${documentId(axes)}>]`);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  expect(text.split('\f').filter((page) => page.trim()).length).toBe(pages);
  expect(text).toContain(`第 ${pages} 页，共 ${pages} 页`);

  if (process.env.SCREENSHOT === '1') {
    const docs = path.join(PROJECT_ROOT, 'docs');
    for (const stale of readdirSync(docs).filter((n) => /^briefing-\d+\.png$/.test(n))) rmSync(path.join(docs, stale));
    const out = path.join(dir, 'pages');
    poppler('pdftoppm', '-r', '60', '-png', file, out);
    for (const name of readdirSync(dir).filter((n) => n.startsWith('pages-'))) {
      renameSync(path.join(dir, name), path.join(docs, `briefing-${Number(/-(\d+)\.png$/.exec(name)![1])}.png`));
    }
  }
});

it('prints the same bytes again, whoever asks, and refuses a second print by a caller while its first runs', async () => {
  const params = { asOf: AS_OF, recordedAsOf: vintage };
  const [court, amr] = [await bearer('court', ['reporter']), await bearer('amr', ['reporter'])];
  const answers = await Promise.all(
    [court, court, amr].map(async (headers) => {
      const response = await fetch(pdfUrl(params), { headers });
      return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
    }),
  );
  const [printed, refused] = answers.slice(0, 2).sort((a, b) => a.status - b.status);
  expect([printed.status, refused.status, answers[2].status]).toEqual([200, 429, 200]);
  expect(refused.headers.get('retry-after')).toBe('5');
  expect(JSON.parse(refused.body.toString('utf8')).errors[0].extensions.code).toBe('TOO_MANY_REQUESTS');
  expect(printed.body.equals(reference)).toBe(true);
  expect(answers[2].body.equals(reference)).toBe(true);

  // Its print done, the caller may print again: here through the command line, as documented.
  const file = path.join(dir, 'cli.pdf');
  const env = { ...process.env, IPZONE_URL: hub.gateway.url, LOG_LEVEL: 'error', IPZONE_TOKEN: court.authorization.slice(7) };
  const res = await runProgram('bash', ['-c', `node ${IPZONE} briefing --as-of ${AS_OF} --recorded-as-of ${vintage} > ${file}`], {
    env,
  });
  expect(res).toMatchObject({ code: 0, stderr: '' });
  expect(readFileSync(file).equals(reference)).toBe(true);
});

it('serves the same briefing as a page under the pages’ CSP, and refuses bad axes, missing tokens and running out of time', async () => {
  const page = await fetch(`${base}/briefing?asOf=${AS_OF}&recordedAsOf=${encodeURIComponent(vintage)}&figures=accepted`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  const html = await page.text();
  const accepted = briefingAxes(new URLSearchParams({ asOf: AS_OF, recordedAsOf: vintage, figures: 'ACCEPTED' }), 'ALL');
  expect(html).toContain(`data-document-id="${documentId(accepted)}"`);
  expect(html).toContain('data-figure-rule="ACCEPTED"');
  expect(html).not.toMatch(/https?:\/\/|<script/);
  // The explanation its owner gave stands in the card of the target it explains.
  const all = await (await fetch(`${base}/briefing?asOf=${AS_OF}&recordedAsOf=${encodeURIComponent(vintage)}`)).text();
  const card = all.slice(all.indexOf(`<article class="target" data-indicator="${explained}"`));
  expect(card.slice(0, card.indexOf('</article>'))).toContain(EXPLANATION);
  const css = html.match(/href="(\/dashboard\/briefing\.css\?v=[0-9a-f]+)"/)![1];
  expect((await fetch(`${base}${css}`)).headers.get('content-type')).toContain('text/css');

  const refused = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { headers });
    return { status: response.status, code: (await response.json()).errors[0].extensions.code };
  };
  expect(await refused(pdfUrl({ asOf: AS_OF, figures: 'SOME' }))).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
  expect(await refused(pdfUrl({ asOf: '2026-02-30' }))).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
  expect(await refused(pdfUrl({ asOf: AS_OF, recordedAsOf: '2999-01-01T00:00:00Z' }))).toEqual({
    status: 400,
    code: 'BAD_USER_INPUT',
  });
  // Out of time (the gateway restarted with REQUEST_TIMEOUT_MS=1000): answered REQUEST_TIMEOUT, and the caller
  // may print again at once: the next request is printed (and runs out of time too), not refused as one in progress.
  await restartGateway(hub, { REQUEST_TIMEOUT_MS: '1000' });
  try {
    expect(await refused(pdfUrl({ asOf: AS_OF, recordedAsOf: vintage }))).toEqual({ status: 503, code: 'REQUEST_TIMEOUT' });
    expect(await refused(pdfUrl({ asOf: AS_OF, recordedAsOf: vintage }))).toEqual({ status: 503, code: 'REQUEST_TIMEOUT' });
  } finally {
    await restartGateway(hub);
  }
  expect((await fetch(pdfUrl({ asOf: AS_OF, recordedAsOf: vintage }))).status).toBe(200);
  await restartGateway(hub, { READS_REQUIRE_TOKEN: 'true' });
  try {
    expect(await refused(pdfUrl({ asOf: AS_OF }))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await refused(`${base}/briefing?asOf=${AS_OF}`)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  } finally {
    await restartGateway(hub);
  }
});
