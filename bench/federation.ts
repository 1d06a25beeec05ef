/**
 * Federation cost, measured fairly: the services as separate processes (services.ts), the
 * load from a process of its own (load-process.ts), the gateway and the same fetches sent
 * to the subgraphs directly (recorded from the gateway's plan, plan-recorder.ts) taking
 * turns. The page's real queries: the scoreboard, the dashboard's full query, and a task
 * list across the three subgraphs. Then many viewers (identical queries, deduplication on
 * and off, with autocannon: autocannon-process.ts), and the gateway's memory. All of it
 * over rounds, each aim judged on every round (rounds.ts); only successful answers count.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../lib/config';
import { pageOperationTexts } from '../lib/operations';
import { firstFailureOf } from './answers';
import type { AutocannonOutcome, AutocannonSpec } from './autocannon-process';
import type { BenchContext } from './context';
import { DASHBOARD_QUERY } from './fixtures';
import type { LoadOutcome, LoadSpec } from './load-process';
import { recordPlans, type Stages } from './plan-recorder';
import type { BenchRow } from './report';
import { atLeast, atMost, inTurn, judged, median, overRounds } from './rounds';
import { startGateway, startSubgraphs, type Service } from './services';

const run = promisify(execFile);
const LOAD = path.join(PROJECT_ROOT, 'dist', 'bench', 'load-process.js');
const VIEWERS = path.join(PROJECT_ROOT, 'dist', 'bench', 'autocannon-process.js');

const TASK_LIST = `{ tasks(filter: { featured: true }) { id content leadOrganization { id name } indicators { id name owners { id name } } } }`;
/** The dashboard's full query (`Dashboard` in dashboard/queries.ts), as `npm run build` lists the pages' operations. */
function dashboardQuery(): string {
  const text = pageOperationTexts().Dashboard;
  if (!text) throw new Error('bench: the dashboard is not built (npm run build)');
  return text;
}
const queries = () => [
  { name: 'scoreboard', query: DASHBOARD_QUERY, variables: { asOf: '2025-12-31' }, aim: atMost(1.15) },
  { name: 'full dashboard', query: dashboardQuery(), variables: { asOf: '2025-12-31', tasks: {} }, aim: undefined },
  { name: 'task list (three subgraphs)', query: TASK_LIST, variables: {}, aim: atMost(1.3) },
];
const MEMORY_AIM = atMost(290);
const VIEWERS_AIM = atLeast(3);

/** Runs a bench process (compiled, under dist/bench/) on a spec written to a file; its JSON answer. */
async function inProcess<T>(script: string, spec: object): Promise<T> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ipzone-bench-')), 'spec.json');
  writeFileSync(file, JSON.stringify(spec));
  const { stdout } = await run(process.execPath, [script, file], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as T;
}
const measure = (spec: LoadSpec) => inProcess<LoadOutcome>(LOAD, spec);
const viewers = (url: string, body: string, seconds: number) =>
  inProcess<AutocannonOutcome>(VIEWERS, { url, body, connections: 16, seconds } satisfies AutocannonSpec);
const viewerFailures = (o: AutocannonOutcome) => o.graphqlErrors + o.otherStatus + o.connectionErrors;

const range = (xs: number[], digits = 1) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
interface Case {
  query: ReturnType<typeof queries>[number];
  concurrency: number;
  fetches: string;
  viaGateway: LoadSpec;
  direct: LoadSpec;
  gateway: LoadOutcome[];
  directly: LoadOutcome[];
}

/**
 * Round after round: each query at each concurrency through the gateway and directly, the
 * many viewers with deduplication on and off, then the plain gateway's resident memory. A
 * round's ratio pairs the gateway's and the direct calls' p50 of that round.
 */
export async function benchFederation({ databaseUrl, full, rounds }: BenchContext): Promise<BenchRow[]> {
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
    const deduplicating = await startGateway(urls);
    gateways.push(deduplicating);
    const seconds = full ? 6 : 1;
    const viewerSeconds = full ? 6 : 2;
    const cases: Case[] = QUERIES.flatMap((query, q) =>
      [1, 16].map((concurrency) => ({
        query,
        concurrency,
        fetches: plans[q].map((s) => s.length).join(' + '),
        viaGateway: { stages: [[{ url: gateway.url, body: bodies[q] }]], signed: false, concurrency, seconds },
        direct: { stages: plans[q], signed: true, concurrency, seconds },
        gateway: [],
        directly: [],
      })),
    );
    // Warm up: JIT, pools, plan caches.
    for (const c of cases) await measure({ ...c.viaGateway, seconds: 1 });
    await viewers(deduplicating.url, bodies[1], 1);
    const many = { on: [] as AutocannonOutcome[], off: [] as AutocannonOutcome[] };
    const memory: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const c of cases) {
        const [g, d] = await inTurn(
          round,
          () => measure(c.viaGateway),
          () => measure(c.direct),
        );
        c.gateway.push(g);
        c.directly.push(d);
      }
      const [on, off] = await inTurn(
        round,
        () => viewers(deduplicating.url, bodies[1], viewerSeconds),
        () => viewers(gateway.url, bodies[1], viewerSeconds),
      );
      many.on.push(on);
      many.off.push(off);
      gateway.verify();
      deduplicating.verify();
      memory.push(gateway.rssMb());
    }
    return [
      ...cases.flatMap(caseRows),
      ...viewerRows(many),
      {
        section: 'federation',
        name: 'gateway resident memory after each round',
        value: median(memory),
        unit: 'MB RSS',
        roundsOf: 'value',
        ...judged(memory, MEMORY_AIM),
        note: 'the gateway process that served every measure above (deduplication off)',
      },
    ];
  } finally {
    await Promise.all(gateways.map((g) => g.stop()));
    await Promise.all(services.map((s) => s.stop()));
  }
}

function caseRows(c: Case): BenchRow[] {
  const { gateway: g, directly: d } = c;
  const ratios = g.map((r, i) => r.p50 / d[i].p50);
  const valid = g.map((r, i) => r.failed === 0 && d[i].failed === 0);
  const aim = c.concurrency === 16 ? c.query.aim : undefined;
  return [
    {
      section: 'federation',
      name: `${c.query.name}, subgraphs called directly (${c.fetches} fetches), concurrency ${c.concurrency}`,
      value: median(d.map((r) => r.p50)),
      unit: 'ms p50',
      roundsOf: 'value',
      ...overRounds(d.map((r) => r.p50)),
      failed: sum(d.map((r) => r.failed)),
      firstFailure: firstFailureOf(d),
      note: `${median(d.map((r) => r.rps)).toFixed(0)} req/s`,
    },
    {
      section: 'federation',
      name: `${c.query.name} through the gateway, concurrency ${c.concurrency}`,
      value: median(g.map((r) => r.p50)),
      unit: 'ms p50',
      ratio: median(ratios),
      ratioOf: 'direct p50',
      roundsOf: 'ratio',
      ...(aim ? judged(ratios, aim, valid) : overRounds(ratios)),
      failed: sum(g.map((r) => r.failed)),
      firstFailure: firstFailureOf(g),
      note: `p50 ${range(g.map((r) => r.p50))} ms, ${median(g.map((r) => r.rps)).toFixed(0)} req/s, p99 ${median(g.map((r) => r.p99)).toFixed(1)} ms`,
    },
  ];
}

/** Many viewers: the dashboard's full query, identical from 16 connections, with deduplication on and off. */
function viewerRows({ on, off }: { on: AutocannonOutcome[]; off: AutocannonOutcome[] }): BenchRow[] {
  const ratios = on.map((r, i) => r.rps / off[i].rps);
  const valid = on.map((r, i) => viewerFailures(r) === 0 && viewerFailures(off[i]) === 0);
  const failures = (xs: AutocannonOutcome[]) =>
    `${sum(xs.map((x) => x.graphqlErrors))} answers with GraphQL errors, ${sum(xs.map((x) => x.otherStatus))} of another status, ${sum(xs.map((x) => x.connectionErrors))} connection errors`;
  return [
    {
      section: 'federation',
      name: 'many viewers: identical full dashboard queries, concurrency 16, deduplication off',
      value: median(off.map((r) => r.rps)),
      unit: 'successful req/s',
      roundsOf: 'value',
      ...overRounds(off.map((r) => r.rps)),
      failed: sum(off.map(viewerFailures)),
      firstFailure: firstFailureOf(off),
      note: `autocannon; ${failures(off)}`,
    },
    {
      section: 'federation',
      name: 'many viewers: identical full dashboard queries, concurrency 16, deduplication on',
      value: median(on.map((r) => r.rps)),
      unit: 'successful req/s',
      ratio: median(ratios),
      ratioOf: 'off',
      roundsOf: 'ratio',
      ...judged(ratios, VIEWERS_AIM, valid),
      failed: sum(on.map(viewerFailures)),
      firstFailure: firstFailureOf(on),
      note: `autocannon; ${failures(on)}`,
    },
  ];
}
