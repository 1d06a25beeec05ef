/**
 * npm run demo: loads the synthetic figures of seeds/demo-figures.csv into a running hub
 * (IPZONE_URL, default http://127.0.0.1:4000/graphql), so the dashboard has something to
 * show. Every row must carry source "demo": the dashboard marks such figures as demo.
 *
 * It signs a short-lived coordinator token for 市市场监管局 (amr) with JWT_SECRET, as
 * `npm run token` does, and pushes through the gateway: each row for the organisation
 * its `organization` column names. Rows with a `reason` are corrections of earlier rows,
 * pushed second so that they become revisions. Idempotency keys come from what is
 * pushed: running it twice writes nothing the second time.
 *
 * Demo figures never replace anyone's: a row whose figure (indicator, period, breakdown,
 * organisation) someone else recorded (a clerk, an import, the examples of the README and docs/) is
 * skipped, and the summary says how many were.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compositeKey } from '../lib/collections';
import { PROJECT_ROOT } from '../lib/config';
import { gatewayRequest } from '../lib/client';
import { graphql } from '../lib/gql';
import type { PushSummaryFields } from '../lib/hub-fragments';
import { asFigureInputs, readFigureRows } from '../lib/figure-file';
import { issueToken } from '../lib/tokens';
import { commandLine } from './commands';
import { startupSettings } from '../lib/settings';

/** Who the demo's figures are recorded by: the subject of the token it signs. */
const DEMO_SUBJECT = 'npm-run-demo';

export const DEMO_FILE = path.join(PROJECT_ROOT, 'seeds', 'demo-figures.csv');

export interface DemoFigure {
  line: number;
  figure: Record<string, unknown>;
}

/** The demo file's rows as FigureInput objects: first the figures, then their corrections. */
export function readDemoFigures(file = DEMO_FILE): { figures: DemoFigure[]; corrections: DemoFigure[] } {
  const { rows, problems } = readFigureRows(readFileSync(file, 'utf8'));
  if (problems.length > 0) throw new Error(`${file} line ${problems[0].line}: ${problems[0].field}: ${problems[0].message}`);
  for (const row of rows) {
    if (row.figure.source !== 'demo') throw new Error(`${file} line ${row.line}: every demo figure needs source "demo"`);
  }
  return { figures: rows.filter((r) => !r.figure.reason), corrections: rows.filter((r) => r.figure.reason) };
}

const PUSH = graphql(`
  mutation DemoFigures($input: PushFiguresInput!) {
    pushFigures(input: $input) {
      ...PushSummaryFields
    }
  }
`).toString();

type Summary = PushSummaryFields;

const COLLISIONS = graphql(`
  query DemoCollisions($indicator: String!) {
    figures(indicator: $indicator, includeWithdrawn: true) {
      period
      breakdown
      recordedBy
      organization {
        id
      }
    }
  }
`).toString();

/** A figure file's text field (indicator, period, breakdown, organisation), '' when empty. */
const text = (part: unknown): string => (typeof part === 'string' ? part : '');

const figureKey = (f: Record<string, unknown>) => compositeKey(...[f.indicator, f.period, f.breakdown, f.organization].map(text));

/** The figures of the demo's indicators that someone else recorded, by figureKey. */
async function realFigures(url: string, token: string, indicators: string[]): Promise<Set<string>> {
  const real = new Set<string>();
  // One indicator a request, one request at a time: a demo of some twenty indicators.
  for (const indicator of indicators) {
    const { figures } = await gatewayRequest(url, COLLISIONS, { indicator }, token);
    // gatewayRequest refuses an answer with errors, and only an error leaves figures null.
    for (const figure of figures ?? [])
      if (figure.recordedBy !== DEMO_SUBJECT)
        real.add(
          figureKey({ indicator, period: figure.period, breakdown: figure.breakdown, organization: figure.organization?.id }),
        );
  }
  return real;
}

/** Pushes the demo rows through the gateway at `url`; returns the totals and each rejected row. */
export async function loadDemo(
  url: string,
  token: string,
  file = DEMO_FILE,
): Promise<{
  totals: Pick<Summary, 'created' | 'updated' | 'unchanged' | 'rejected'> & { replayed: number; skipped: number };
  problems: string[];
}> {
  const read = readDemoFigures(file);
  const real = await realFigures(url, token, [
    ...new Set([...read.figures, ...read.corrections].map((r) => String(r.figure.indicator))),
  ]);
  const kept = (rows: DemoFigure[]) => rows.filter((row) => !real.has(figureKey(row.figure)));
  const [figures, corrections] = [kept(read.figures), kept(read.corrections)];
  const totals = {
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    replayed: 0,
    skipped: read.figures.length + read.corrections.length - figures.length - corrections.length,
  };
  const problems: string[] = [];
  // Loaded before from an earlier version of the file: a corrected row's first value is
  // refused (the figure is FINAL and it carries no reason), and its correction lands as unchanged.
  const key = (f: DemoFigure['figure']) => compositeKey(...[f.indicator, f.period, f.breakdown].map(text));
  const corrected = new Set(corrections.map((r) => key(r.figure)));
  for (const [step, rows] of [figures, corrections].entries()) {
    if (rows.length === 0) continue;
    const pushed = rows.map((r) => r.figure);
    const digest = createHash('sha256').update(JSON.stringify(pushed)).digest('hex').slice(0, 16);
    const input = { figures: asFigureInputs(pushed), idempotencyKey: `demo:${digest}:${step + 1}` };
    const { pushFigures: summary } = await gatewayRequest(url, PUSH, { input }, token);
    totals.created += summary.created;
    totals.updated += summary.updated;
    totals.unchanged += summary.unchanged;
    if (summary.replayed) totals.replayed += 1;
    for (const r of summary.rejections) {
      if (step === 0 && r.field === 'reason' && corrected.has(key(rows[r.index].figure))) {
        totals.unchanged += 1;
        continue;
      }
      totals.rejected += 1;
      problems.push(`line ${rows[r.index].line}: ${r.field}: ${r.code}: ${r.message}`);
    }
  }
  return { totals, problems };
}

async function main(): Promise<number> {
  const settings = await startupSettings(['tokens']);
  const url = settings.client.url;
  const token = await issueToken(settings.tokens, { org: 'amr', roles: ['coordinator'], subject: DEMO_SUBJECT }, 600);
  process.stderr.write(`loading the demo figures of ${path.relative(process.cwd(), DEMO_FILE)} into ${url}\n`);
  const { totals, problems } = await loadDemo(url, token);
  for (const line of problems) process.stdout.write(`${line}\n`);
  process.stdout.write(
    `demo figures: ${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.rejected} rejected` +
      `${totals.skipped ? `, ${totals.skipped} skipped (someone else recorded that figure: the demo never replaces it)` : ''}` +
      `${totals.replayed ? ` (${totals.replayed} batch(es) loaded before: the hub's first summary, nothing written again)` : ''}\n` +
      `dashboard: ${new URL('/dashboard?asOf=2026-03-31', url).toString()}  (figures marked "demo" are synthetic)\n`,
  );
  return totals.rejected > 0 ? 1 : 0;
}

// Run as a program: `node dist/scripts/demo.js`, or `ipzone demo` (which names this file in argv[1]).
if (require.main === module || process.argv[1] === __filename) {
  commandLine('demo');
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(2);
    },
  );
}
