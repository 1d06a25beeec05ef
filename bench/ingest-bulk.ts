/**
 * Ingest through the bulk path: a CSV file of 100 k and of 1 M figures sent to the
 * gateway's POST /figures/bulk as a job (the services as processes of their own:
 * services.ts) until its summary comes, beside COPY of as many rows of the same shape
 * into the same tables (ingest.ts); aim: ≥ 60 % of COPY's rate. The gateway's and the
 * indicators subgraph's resident memory is sampled all along; aim: a peak under 300 MB.
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { request } from 'undici';
import { issueToken } from '../lib/tokens';
import type { BenchContext } from './context';
import type { BenchRow } from './report';
import { atLeast, atMost, judged } from './rounds';
import { startGateway, startSubgraphs, type Service } from './services';

const INDICATOR = 'ip-training-base-trainees';
const BULK_AIM = atLeast(0.6, '0.60');
const MEMORY_AIM = atMost(300, '300 MB');

/** The rows ingest.ts pushes and copies, as a CSV file. */
async function writeFile(file: string, run: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('indicator,period,value,breakdown,source\n');
  for (let from = 0; from < count; from += 1000) {
    let text = '';
    for (let i = from; i < Math.min(from + 1000, count); i += 1)
      text += `${INDICATOR},2024-${String((i % 12) + 1).padStart(2, '0')},${(i % 500) + 1},${run}-${Math.floor(i / 12)},bench\n`;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Job {
  id: string;
  state: string;
  summary: { created: number; rejected: number; rejections: unknown[] } | null;
  error: unknown;
}

/** Sends the file as a job and waits for its summary; figures per second, and the services' peak memory meanwhile. */
async function pushBulk(gateway: Service, services: Service[], token: string, file: string, count: number) {
  const base = new URL(gateway.url).origin;
  const authorization = `Bearer ${token}`;
  const peaks = services.map(() => 0);
  const sampleAll = () => services.forEach((s, i) => (peaks[i] = Math.max(peaks[i], s.rssMb())));
  const sample = setInterval(sampleAll, 100);
  const started = process.hrtime.bigint();
  try {
    const sent = await request(`${base}/figures/bulk?job=true`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'text/csv', 'content-length': String(statSync(file).size) },
      body: createReadStream(file),
    });
    let job = (await sent.body.json()) as Job;
    if (sent.statusCode !== 202) throw new Error(`bulk push refused: ${JSON.stringify(job).slice(0, 300)}`);
    while (job.state === 'QUEUED' || job.state === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await (await request(`${base}/figures/bulk/${job.id}`, { headers: { authorization } })).body.json()) as Job;
    }
    if (job.state !== 'COMPLETED' || job.summary?.created !== count)
      throw new Error(`bulk push failed: ${JSON.stringify(job.error ?? job.summary?.rejections.slice(0, 3))}`);
    sampleAll();
    return { rate: count / (Number(process.hrtime.bigint() - started) / 1e9), peaks };
  } finally {
    clearInterval(sample);
  }
}

/** The bulk path at 100 k and 1 M figures against COPY of as many rows (`copy`, ingest.ts's). */
export async function benchBulk(
  { hub, databaseUrl }: BenchContext,
  copy: (run: string, total: number) => Promise<number>,
): Promise<BenchRow[]> {
  const token = await issueToken(hub.settings.tokens, { org: 'amr', roles: ['coordinator'], subject: 'bench' }, 3600);
  const { services, urls } = await startSubgraphs(databaseUrl);
  const gateway = await startGateway(urls, { REQUEST_TIMEOUT_MS: '600000' });
  const indicators = services[services.length - 1];
  const dir = mkdtempSync(path.join(tmpdir(), 'ipzone-bench-bulk-'));
  const rows: BenchRow[] = [];
  try {
    await writeFile(path.join(dir, 'warmup.csv'), 'bulk-warmup', 5000);
    await pushBulk(gateway, [gateway, indicators], token, path.join(dir, 'warmup.csv'), 5000);
    for (const size of [100_000, 1_000_000]) {
      const file = path.join(dir, `bulk-${size}.csv`);
      await writeFile(file, `bulk-${size}`, size);
      const copied = await copy(`bulk-copy-${size}`, size);
      const pushed = await pushBulk(gateway, [gateway, indicators], token, file, size);
      rmSync(file);
      const figures = `${size.toLocaleString('en')} figures`;
      rows.push(
        {
          section: 'ingest',
          name: `COPY into the same tables, ${figures}`,
          value: copied,
          unit: 'figures/s',
          note: 'beside the bulk path',
        },
        {
          section: 'ingest',
          name: `POST /figures/bulk through the gateway (a job), ${figures}`,
          value: pushed.rate,
          unit: 'figures/s',
          ratio: pushed.rate / copied,
          ratioOf: 'COPY',
          roundsOf: 'ratio',
          ...judged([pushed.rate / copied], BULK_AIM),
          note: `one CSV file of ${figures}, read, checked and written until its summary came`,
        },
        {
          section: 'ingest',
          name: `peak resident memory of the gateway and the indicators subgraph during the bulk push, ${figures}`,
          value: Math.max(...pushed.peaks),
          unit: 'MB',
          roundsOf: 'value',
          ...judged([Math.max(...pushed.peaks)], MEMORY_AIM),
          note: `sampled every 100 ms: gateway ${pushed.peaks[0].toFixed(0)} MB, indicators subgraph ${pushed.peaks[1].toFixed(0)} MB`,
        },
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await gateway.stop();
    await Promise.all(services.map((s) => s.stop()));
  }
  return rows;
}
