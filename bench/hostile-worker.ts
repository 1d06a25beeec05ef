/**
 * Hostile background traffic for the `hostile` bench section, in a worker thread of its
 * own so that building and sending megabyte bodies does not run on the hub's event loop:
 * `concurrency` loops over every hostile request, each sending at most `perSecond`
 * requests a second, bounded in time and count.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { hostileRequests } from './hostile-documents';

export interface HostileJob {
  url: string;
  seconds: number;
  maxRequests: number;
  concurrency: number;
  /** Most requests one loop sends a second. */
  perSecond: number;
  maxBodyBytes: number;
}

export interface HostileResult {
  sent: number;
  /** Answers other than the request's expected status and code. */
  wrong: string[];
  p50: number;
  p99: number;
}

async function run(job: HostileJob): Promise<HostileResult> {
  const requests = hostileRequests(job.maxBodyBytes).map((r) => ({ ...r, bytes: Buffer.from(r.body) }));
  const latencies: number[] = [];
  const wrong: string[] = [];
  const until = performance.now() + job.seconds * 1000;
  let sent = 0;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (performance.now() < until && sent < job.maxRequests) {
        const request = requests[sent % requests.length];
        sent += 1;
        const started = performance.now();
        const response = await fetch(job.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: request.bytes,
        });
        const answer = (await response.json().catch(() => ({}))) as { errors?: Array<{ extensions?: { code?: string } }> };
        latencies.push(performance.now() - started);
        const code = answer.errors?.[0]?.extensions?.code;
        if (response.status !== request.status || code !== request.code)
          wrong.push(`${request.name}: ${response.status} ${code ?? 'no code'}`);
        const pause = started + 1000 / job.perSecond - performance.now();
        if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { sent, wrong, p50: at(0.5), p99: at(0.99) };
}

if (parentPort) {
  run(workerData as HostileJob).then(
    (result) => parentPort!.postMessage(result),
    (error: unknown) => parentPort!.postMessage({ error: String(error) }),
  );
}
