/**
 * Federation cost, measured fairly: the services as separate processes (services.ts), the
 * load from a process of its own (load-process.ts), the gateway and the same fetches sent
 * to the subgraphs directly (recorded from the gateway's plan, plan-recorder.ts) taking
 * turns over several rounds, medians with min–max. The page's real queries: the
 * scoreboard, the dashboard's full query, and a task list across the three subgraphs.
 * Then many viewers (identical queries, deduplication on and off, with autocannon), and
 * the gateway's memory after it all.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Hub } from '../hub';
import { PROJECT_ROOT } from '../lib/config';
import { pageOperationTexts } from '../lib/operations';
import { DASHBOARD_QUERY } from './fixtures';
import type { LoadOutcome, LoadSpec } from './load-process';
import { recordPlans, type Stages } from './plan-recorder';
import type { BenchRow } from './report';
import { startGateway, startSubgraphs, type Service } from './services';

const run = promisify(execFile);
const LOAD = path.join(PROJECT_ROOT, 'dist', 'bench', 'load-process.js');
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

const TASK_LIST = `{ tasks(filter: { featured: true }) { id content leadOrganization { id name } indicators { id name owners { id name } } } }`;
/** The dashboard's full query (`Dashboard` in dashboard/queries.ts), as `npm run build` lists the pages' operations. */
function dashboardQuery(): string {
  const text = pageOperationTexts().Dashboard;
  if (!text) throw new Error('bench: the dashboard is not built (npm run build)');
  return text;
}
const queries = () => [
  { name: 'scoreboard', query: DASHBOARD_QUERY, variables: { asOf: '2025-12-31' }, aim: 1.15 },
  { name: 'full dashboard', query: dashboardQuery(), variables: { asOf: '2025-12-31', tasks: {} }, aim: undefined },
  { name: 'task list (three subgraphs)', query: TASK_LIST, variables: {}, aim: 1.3 },
];

async function measure(spec: LoadSpec): Promise<LoadOutcome> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ipzone-bench-')), 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const { stdout } = await run(process.execPath, [LOAD, file], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as LoadOutcome;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs: number[], digits = 1) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

/** Runs each target once per round, their order turning round by round. */
async function alternate<T>(rounds: number, targets: Array<() => Promise<T>>): Promise<T[][]> {
  const results: T[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    const order = targets.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) results[i].push(await targets[i]());
  }
  return results;
}

async function autocannonRps(url: string, body: string, seconds: number): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    [AUTOCANNON, '-c', '16', '-d', String(seconds), '-m', 'POST', '-H', 'content-type=application/json', '-b', body, '-j', url],
    { maxBuffer: 16 << 20 },
  );
  const result = JSON.parse(stdout) as { requests: { average: number }; non2xx: number; errors: number };
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`bench: autocannon saw ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result.requests.average;
}

export async function benchFederation(_hub: Hub, databaseUrl: string, full: boolean): Promise<BenchRow[]> {
  const QUERIES = queries();
  const { services, urls } = await startSubgraphs(databaseUrl);
  const gateways: Service[] = [];
  try {
    const bodies = QUERIES.map((q) => JSON.stringify({ query: q.query, variables: q.variables }));
    const plans: Stages[] = await recordPlans(urls, bodies);
    // Deduplication off: identical requests from the load's connections would otherwise be
    // merged, which the direct calls cannot do (many viewers, below, measures that).
    const gateway = await startGateway(urls, { SUBGRAPH_DEDUP: 'false' });
    gateways.push(gateway);
    const rounds = full ? 5 : 3;
    const seconds = full ? 6 : 1;
    const rows: BenchRow[] = [];
    for (const [q, query] of QUERIES.entries()) {
      const direct: Stages = plans[q];
      const viaGateway: Stages = [[{ url: gateway.url, body: bodies[q] }]];
      const fetches = direct.map((s) => s.length).join(' + ');
      for (const concurrency of [1, 16]) {
        const spec = (stages: Stages, signed: boolean): LoadSpec => ({ stages, signed, concurrency, seconds });
        await measure({ ...spec(viaGateway, false), seconds: 1 }); // warm up: JIT, pools, plan cache
        const [g, d] = await alternate(rounds, [() => measure(spec(viaGateway, false)), () => measure(spec(direct, true))]);
        const ratio = median(g.map((r) => r.p50)) / median(d.map((r) => r.p50));
        const aim = concurrency === 16 ? query.aim : undefined;
        rows.push(
          {
            section: 'federation',
            name: `${query.name}, subgraphs called directly (${fetches} fetches), concurrency ${concurrency}`,
            value: median(d.map((r) => r.p50)),
            unit: 'ms p50',
            note: `${rounds} rounds: p50 ${spread(d.map((r) => r.p50))} ms, ${median(d.map((r) => r.rps)).toFixed(0)} req/s`,
          },
          {
            section: 'federation',
            name: `${query.name} through the gateway, concurrency ${concurrency}`,
            value: median(g.map((r) => r.p50)),
            unit: 'ms p50',
            ratio,
            ratioOf: 'direct p50',
            ...(aim ? { aim: `≤ ${aim}`, met: ratio <= aim } : {}),
            note: `${rounds} rounds: p50 ${spread(g.map((r) => r.p50))} ms, ${median(g.map((r) => r.rps)).toFixed(0)} req/s, p99 ${median(g.map((r) => r.p99)).toFixed(1)} ms`,
          },
        );
      }
    }
    rows.push(...(await manyViewers(urls, gateway, bodies[1], rounds, full ? 6 : 2)));
    const rss = gateway.rssMb();
    rows.push({
      section: 'federation',
      name: 'gateway resident memory after the bench',
      value: rss,
      unit: 'MB RSS',
      aim: '≤ 290',
      met: rss <= 290,
      note: 'the gateway process that served every run above',
    });
    return rows;
  } finally {
    await Promise.all(gateways.map((g) => g.stop()));
    await Promise.all(services.map((s) => s.stop()));
  }
}

/** Many viewers: the dashboard's full query, identical from 16 connections, with deduplication on and off. */
async function manyViewers(
  urls: Parameters<typeof startGateway>[0],
  plain: Service,
  body: string,
  rounds: number,
  seconds: number,
): Promise<BenchRow[]> {
  const deduplicating = await startGateway(urls);
  try {
    await autocannonRps(deduplicating.url, body, 1);
    const [on, off] = await alternate(rounds, [
      () => autocannonRps(deduplicating.url, body, seconds),
      () => autocannonRps(plain.url, body, seconds),
    ]);
    const ratio = median(on) / median(off);
    return [
      {
        section: 'federation',
        name: 'many viewers: identical full dashboard queries, concurrency 16, deduplication off',
        value: median(off),
        unit: 'req/s',
        note: `autocannon, ${rounds} rounds: ${spread(off, 0)} req/s`,
      },
      {
        section: 'federation',
        name: 'many viewers: identical full dashboard queries, concurrency 16, deduplication on',
        value: median(on),
        unit: 'req/s',
        ratio,
        ratioOf: 'off',
        aim: '≥ 3',
        met: ratio >= 3,
        note: `autocannon, ${rounds} rounds: ${spread(on, 0)} req/s`,
      },
    ];
  } finally {
    await deduplicating.stop();
  }
}
