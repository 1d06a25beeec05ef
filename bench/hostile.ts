/**
 * Hostile traffic: the p99 of the dashboard's main query through the gateway, quiet and
 * while a bounded mix of hostile requests (hostile-documents.ts: fragment bombs, alias
 * floods, multi-megabyte documents and bodies, repeated fields, deep introspection;
 * hostile-files.ts: a million-row CSV and a lying workbook uploaded by a reporter, a
 * webhook aimed at the cloud metadata address) runs
 * from a worker thread on loopback, paced (a closed-loop flood would only measure how the
 * two cores are shared). Aim: p99 under hostile traffic ≤ 2 × quiet p99.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { config } from '../lib/config';
import { issueToken } from '../lib/tokens';
import type { Hub } from '../hub';
import { DASHBOARD_QUERY } from './fixtures';
import type { HostileJob, HostileResult } from './hostile-worker';
import { load, postJson } from './load';
import type { BenchRow } from './report';

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

export async function benchHostile(hub: Hub, _databaseUrl: string, full: boolean): Promise<BenchRow[]> {
  const seconds = full ? 20 : 8;
  const dashboard = async () => {
    await postJson(hub.gateway.url, { query: DASHBOARD_QUERY, variables: { asOf: '2025-12-31' } });
  };
  await load(dashboard, CONCURRENCY, full ? 5 : 3); // warm up: JIT, pools, plan cache
  const quiet = await load(dashboard, CONCURRENCY, seconds, 20_000);
  const traffic = hostileTraffic({
    url: hub.gateway.url,
    seconds: seconds + 1,
    maxRequests: 20_000,
    concurrency: HOSTILE_SENDERS,
    perSecond: HOSTILE_PER_SECOND,
    maxBodyBytes: config.maxBodyBytes(),
    tokens: {
      reporter: await issueToken({ org: 'court', roles: ['reporter'], subject: 'bench' }, 600),
      coordinator: await issueToken({ org: 'amr', roles: ['coordinator'], subject: 'bench' }, 600),
    },
  });
  const loud = await load(dashboard, CONCURRENCY, seconds, 20_000);
  const hostile = await traffic;
  const ratio = loud.p99 / quiet.p99;
  return [
    {
      section: 'hostile',
      name: `dashboard query, concurrency ${CONCURRENCY}, quiet`,
      value: quiet.p99,
      unit: 'ms p99',
      note: `${quiet.rps.toFixed(0)} req/s, p50 ${quiet.p50.toFixed(1)} ms`,
    },
    {
      section: 'hostile',
      name: `dashboard query, concurrency ${CONCURRENCY}, with ${HOSTILE_SENDERS} hostile senders of ${HOSTILE_PER_SECOND} requests a second`,
      value: loud.p99,
      unit: 'ms p99',
      ratio,
      ratioOf: 'quiet p99',
      aim: '≤ 2',
      met: ratio <= 2 && hostile.wrong.length === 0,
      note: `${loud.rps.toFixed(0)} req/s, p50 ${loud.p50.toFixed(1)} ms`,
    },
    {
      section: 'hostile',
      name: 'hostile requests refused (their own codes)',
      value: hostile.p99,
      unit: 'ms p99',
      note: `${hostile.sent.toLocaleString('en')} sent, p50 ${hostile.p50.toFixed(1)} ms, slowest ${hostile.slowest.name} (${hostile.slowest.ms.toFixed(0)} ms)${
        hostile.wrong.length
          ? `; ${hostile.wrong.length} wrong answers, e.g. ${hostile.wrong[0]}`
          : ', every one refused as expected'
      }`,
    },
  ];
}
