/**
 * Ingest through the bulk path: CSV files of 100 k and of 1 M figures sent to the
 * gateway's POST /figures/bulk as a job (the services as processes of their own:
 * services.ts) until its summary comes, each into a table of 10 k and of 1 M figures,
 * beside COPY of as many rows of the same shape into the same tables (ingest.ts) with the
 * table at the same size, in turn with it, round after round (a 1 M file once in a short
 * run). The table is held at its size before every push and every COPY: the newest
 * figures dropped, or rows copied in, then compacted. Aim: ≥ 60 % of COPY's rate in every
 * round, at every size. The gateway's and the indicators subgraph's resident memory is
 * sampled all along; aim: a peak under 300 MB. Beside them, on 100 k files, the floor of
 * any path that stages a file and writes it set-wise: the same rows staged and written by
 * INSERT … SELECT with nothing checked (copy-rows.ts), against the same round's COPY; and
 * of any such path that checks against the store: the same, after reading each row's
 * stored figure and previous period.
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
import { atLeast, atMost, inTurn, judged, median, overRounds } from './rounds';
import { startGateway, startSubgraphs, type Service } from './services';
import { INDICATOR, stagedWriteRow } from './copy-rows';

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
  createdAt: string;
  startedAt: string | null;
  stagedAt: string | null;
  finishedAt: string | null;
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
    // The job's steps, in seconds, by the times it records: received and queued, read and staged, landed.
    const at = (time: string | null) => Date.parse(time ?? '') / 1000;
    const steps = [
      at(job.startedAt) - at(job.createdAt),
      at(job.stagedAt) - at(job.startedAt),
      at(job.finishedAt) - at(job.stagedAt),
    ];
    return { rate: count / (Number(process.hrtime.bigint() - started) / 1e9), peaks, steps };
  } finally {
    clearInterval(sample);
  }
}

/** The figures table of the bench database: COPY of new rows into it (their rate), how many it holds, and holding it at a level. */
export interface FigureTable {
  copy: (run: string, total: number) => Promise<number>;
  /** The same rows staged and written by INSERT … SELECT, nothing checked (copy-rows.ts): the floor of a set-wise path. */
  stagedWrite: (run: string, total: number, lookups?: boolean) => Promise<number>;
  stored: () => Promise<number>;
  /** Makes it hold `level` figures (the newest dropped with their revisions, or rows copied in), compacted and analysed. */
  holdAt: (level: number) => Promise<void>;
}

/** The table's sizes files land into, each held before every push and every COPY it is compared with. */
const LEVELS = [10_000, 1_000_000];
const SIZES = [100_000, 1_000_000];

/** How many rounds a file of `size` figures is pushed: every round for 100 k; a 1 M file once, but in `--full`. */
const fileRounds = ({ rounds, full }: BenchContext, size: number): number => (size <= 100_000 || full ? rounds : 1);

const count = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : `${Math.round(n / 1000)} k`);

/**
 * The bulk path with files of 100 k and 1 M figures, each into a table of 10 k and of 1 M
 * figures, against COPY of as many rows (`copy`, ingest.ts's) into the table at the same
 * size, in rounds: in each, a file of new figures is pushed and as many rows are copied,
 * the two taking turns first (rounds.ts), so a machine that slows down or speeds up
 * meanwhile moves both; the table is held at its size before each; the aims are judged on
 * every round's ratio and peak.
 */
export async function benchBulk(context: BenchContext, table: FigureTable): Promise<BenchRow[]> {
  const { hub, databaseUrl } = context;
  const token = await issueToken(hub.settings.tokens, { org: 'amr', roles: ['coordinator'], subject: 'bench' }, 3600);
  const { services, urls } = await startSubgraphs(databaseUrl);
  const gateway = await startGateway(urls, { REQUEST_TIMEOUT_MS: '600000' });
  const indicators = services[services.length - 1];
  const dir = mkdtempSync(path.join(tmpdir(), 'ipzone-bench-bulk-'));
  const rows: BenchRow[] = [];
  try {
    await writeFile(path.join(dir, 'warmup.csv'), 'bulk-warmup', 5000);
    await pushBulk(gateway, [gateway, indicators], token, path.join(dir, 'warmup.csv'), 5000);
    for (const level of LEVELS)
      for (const size of SIZES) {
        const rounds = fileRounds(context, size);
        const [copies, rates, peaks, gatewayPeaks, subgraphPeaks, storedAt] = [[], [], [], [], [], []] as number[][];
        const [floors, checkedFloors]: number[][] = [[], []];
        const steps: number[][] = [[], [], []];
        for (let round = 0; round < rounds; round += 1) {
          const file = path.join(dir, `bulk-${size}-${level}-${round}.csv`);
          const run = `bulk-${size}-${level}-${round}`;
          await writeFile(file, run, size);
          const [pushed, copied] = await inTurn(
            round,
            async () => {
              await table.holdAt(level);
              storedAt.push(await table.stored());
              return pushBulk(gateway, [gateway, indicators], token, file, size);
            },
            async () => {
              await table.holdAt(level);
              return table.copy(`${run}-copy`, size);
            },
          );
          rmSync(file);
          // The floor, after the two, the table held at its size again: on 100 k files (a 1 M one adds only minutes).
          if (size <= 100_000) {
            await table.holdAt(level);
            floors.push(await table.stagedWrite(`${run}-floor`, size));
            await table.holdAt(level);
            checkedFloors.push(await table.stagedWrite(`${run}-checked-floor`, size, true));
          }
          copies.push(copied);
          rates.push(pushed.rate);
          peaks.push(Math.max(...pushed.peaks));
          gatewayPeaks.push(pushed.peaks[0]);
          subgraphPeaks.push(pushed.peaks[1]);
          pushed.steps.forEach((seconds, i) => steps[i].push(seconds));
        }
        const ratios = rates.map((rate, i) => rate / copies[i]);
        const figures = `${size.toLocaleString('en')} figures into ${count(level)} stored`;
        const into = `into ${storedAt.map(count).join(' · ')} figures stored`;
        const [queued, staged, landed] = steps.map((values) => `${median(values).toFixed(1)} s`);
        const took = `its steps (median): received and queued ${queued}, read, checked and staged ${staged}, landed ${landed}`;
        const times = `${rounds} round${rounds === 1 ? '' : 's'}${rounds < context.rounds ? ' (--full runs more)' : ''}`;
        const mb = (values: number[]) => values.map((v) => v.toFixed(0)).join(' · ');
        rows.push(
          {
            section: 'ingest',
            name: `COPY into the same tables, ${figures}`,
            value: median(copies),
            unit: 'figures/s',
            roundsOf: 'value',
            ...overRounds(copies),
            note: `beside the bulk path, in turn with it, the table held at ${count(level)} figures before each; ${times}`,
          },
          {
            section: 'ingest',
            name: `POST /figures/bulk through the gateway (a job), ${figures}`,
            value: median(rates),
            unit: 'figures/s',
            ratio: median(ratios),
            ratioOf: 'COPY',
            roundsOf: 'ratio',
            ...judged(ratios, BULK_AIM),
            note: `one CSV file of ${size.toLocaleString('en')} figures a round, ${into}, read, checked and written until its summary came; ${took}; ${times}`,
          },
          ...(floors.length === 0
            ? []
            : [
                stagedWriteRow(
                  `, ${figures}`,
                  floors,
                  copies,
                  `after each round's file and COPY: the most a path that stages a file and writes it set-wise can reach against the aim of 0.60`,
                ),
                stagedWriteRow(
                  `, ${figures}`,
                  checkedFloors,
                  copies,
                  `after each round's file, COPY and write alone: the most a path that stages a file, reads what its checks compare and writes set-wise can reach against the aim of 0.60`,
                  true,
                ),
              ]),
          {
            section: 'ingest',
            name: `peak resident memory of the gateway and the indicators subgraph during the bulk push, ${figures}`,
            value: median(peaks),
            unit: 'MB',
            roundsOf: 'value',
            ...judged(peaks, MEMORY_AIM),
            note: `sampled every 100 ms; gateway ${mb(gatewayPeaks)} MB, indicators subgraph ${mb(subgraphPeaks)} MB`,
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
