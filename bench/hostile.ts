/**
 * Hostile traffic: the p99 of the dashboard's main query through the gateway, quiet and
 * while a bounded mix of hostile requests (hostile-documents.ts: fragment bombs, alias
 * floods, multi-megabyte documents and bodies, repeated fields, deep introspection;
 * hostile-files.ts: a million-row CSV and a lying workbook uploaded by a reporter, a
 * webhook aimed at the cloud metadata address) runs
 * from a worker thread on loopback, paced (a closed-loop flood would only measure how the
 * two cores are shared). Aim: p99 under hostile traffic ≤ 2 × quiet p99, in every round
 * (quiet and hostile taking turns round by round; rounds.ts), every hostile answer as expected.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { issueToken } from '../lib/tokens';
import { firstFailureOf } from './answers';
import type { BenchContext } from './context';
import { DASHBOARD_QUERY } from './fixtures';
import type { HostileJob, HostileResult } from './hostile-worker';
import { load, type LoadResult, postJson } from './load';
import type { BenchRow } from './report';
import { atMost, inTurn, judged, median, overRounds } from './rounds';

const CONCURRENCY = 4;
const HOSTILE_SENDERS = 2;
const HOSTILE_PER_SECOND = 10;

function hostileTraffic(job: HostileJob): Promise<HostileResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'hostile-worker.js'), { workerData: job });
    worker.once('message', (message: HostileResult | { error: string }) =>
      'error' in message ? reject(new Error(message.error)) : resolve(message),
    );
    worker.once('error', reject);
  });
}

const HOSTILE_AIM = atMost(2);

export async function benchHostile({ hub, full, rounds }: BenchContext): Promise<BenchRow[]> {
  const seconds = full ? 10 : 4;
  const dashboard = async () => {
    await postJson(hub.gateway.url, { query: DASHBOARD_QUERY, variables: { asOf: '2025-12-31' } });
  };
  const tokens = {
    reporter: await issueToken(hub.settings.tokens, { org: 'court', roles: ['reporter'], subject: 'bench' }, 3600),
    coordinator: await issueToken(hub.settings.tokens, { org: 'amr', roles: ['coordinator'], subject: 'bench' }, 3600),
  };
  const quietly = () => load(dashboard, CONCURRENCY, seconds, 20_000);
  const underAttack = async (): Promise<{ loud: LoadResult; hostile: HostileResult }> => {
    const traffic = hostileTraffic({
      url: hub.gateway.url,
      seconds: seconds + 1,
      maxRequests: 20_000,
      concurrency: HOSTILE_SENDERS,
      perSecond: HOSTILE_PER_SECOND,
      maxBodyBytes: hub.settings.http.maxBodyBytes,
      tokens,
    });
    const loud = await load(dashboard, CONCURRENCY, seconds, 20_000);
    return { loud, hostile: await traffic };
  };
  await load(dashboard, CONCURRENCY, full ? 5 : 3); // warm up: JIT, pools, plan cache
  const quiet: LoadResult[] = [];
  const loud: LoadResult[] = [];
  const hostile: HostileResult[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const [q, attacked] = await inTurn(round, quietly, underAttack);
    quiet.push(q);
    loud.push(attacked.loud);
    hostile.push(attacked.hostile);
  }
  const ratios = loud.map((r, i) => r.p99 / quiet[i].p99);
  const valid = loud.map((r, i) => r.failed === 0 && quiet[i].failed === 0 && hostile[i].wrong.length === 0);
  const wrong = hostile.flatMap((h) => h.wrong);
  const slowest = hostile.reduce((a, b) => (b.slowest.ms > a.slowest.ms ? b : a)).slowest;
  const failed = (xs: LoadResult[]) => xs.reduce((n, r) => n + r.failed, 0);
  const rate = (xs: LoadResult[]) =>
    `${median(xs.map((r) => r.rps)).toFixed(0)} req/s, p50 ${median(xs.map((r) => r.p50)).toFixed(1)} ms`;
  return [
    {
      section: 'hostile',
      name: `dashboard query, concurrency ${CONCURRENCY}, quiet`,
      value: median(quiet.map((r) => r.p99)),
      unit: 'ms p99',
      roundsOf: 'value',
      ...overRounds(quiet.map((r) => r.p99)),
      failed: failed(quiet),
      firstFailure: firstFailureOf(quiet),
      note: rate(quiet),
    },
    {
      section: 'hostile',
      name: `dashboard query, concurrency ${CONCURRENCY}, with ${HOSTILE_SENDERS} hostile senders of ${HOSTILE_PER_SECOND} requests a second`,
      value: median(loud.map((r) => r.p99)),
      unit: 'ms p99',
      ratio: median(ratios),
      ratioOf: 'quiet p99',
      roundsOf: 'ratio',
      ...judged(ratios, HOSTILE_AIM, valid),
      failed: failed(loud),
      firstFailure: firstFailureOf(loud),
      note: rate(loud),
    },
    {
      section: 'hostile',
      name: 'hostile requests refused (their own codes)',
      value: median(hostile.map((h) => h.p99)),
      unit: 'ms p99',
      roundsOf: 'value',
      ...overRounds(hostile.map((h) => h.p99)),
      note: `${hostile.reduce((n, h) => n + h.sent, 0).toLocaleString('en')} sent, p50 ${median(hostile.map((h) => h.p50)).toFixed(1)} ms, slowest ${slowest.name} (${slowest.ms.toFixed(0)} ms)${
        wrong.length ? `; ${wrong.length} wrong answers, e.g. ${wrong[0]}` : ', every one refused as expected'
      }`,
    },
  ];
}
