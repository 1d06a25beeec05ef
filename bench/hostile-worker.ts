/**
 * Hostile background traffic for the `hostile` bench section, in a worker thread of its
 * own so that building and sending megabyte bodies does not run on the hub's event loop:
 * `concurrency` loops over every hostile request, each sending at most `perSecond`
 * requests a second, bounded in time and count.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type HostileRequest, hostileRequests } from './hostile-documents';
import { hostileUploads } from './hostile-files';

export interface HostileJob {
  url: string;
  seconds: number;
  maxRequests: number;
  concurrency: number;
  /** Most requests one loop sends a second. */
  perSecond: number;
  maxBodyBytes: number;
  /** A token of each role a hostile request may carry. */
  tokens: Record<NonNullable<HostileRequest['role']>, string>;
}

export interface HostileResult {
  sent: number;
  /** Answers other than the request's expected status and code. */
  wrong: string[];
  p50: number;
  p99: number;
  /** The request that took longest, and how long (ms). */
  slowest: { name: string; ms: number };
}

/** The status and error code of the answer, or why the connection closed before one was read. */
async function send(
  url: string,
  headers: Record<string, string>,
  body: BodyInit,
): Promise<{ status: number; code?: string } | { closed: string }> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body });
    const answer = (await response.json().catch(() => ({}))) as {
      code?: string;
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    return { status: response.status, code: answer.errors?.[0]?.extensions?.code ?? answer.code };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { closed: `connection closed (${cause?.code ?? cause?.message ?? String(error)})` };
  }
}

async function run(job: HostileJob): Promise<HostileResult> {
  const requests = [...hostileRequests(job.maxBodyBytes), ...hostileUploads()].map((r) => ({
    ...r,
    url: new URL(r.path ?? '/graphql', job.url).toString(),
    headers: {
      'content-type': r.contentType ?? 'application/json',
      ...(r.role ? { authorization: `Bearer ${job.tokens[r.role]}` } : {}),
    },
    bytes: new Uint8Array(Buffer.from(r.body)),
  }));
  const latencies: number[] = [];
  const wrong: string[] = [];
  let slowest = { name: '', ms: 0 };
  const until = performance.now() + job.seconds * 1000;
  let sent = 0;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (performance.now() < until && sent < job.maxRequests) {
        const request = requests[sent % requests.length];
        sent += 1;
        const started = performance.now();
        const answered = await send(request.url, request.headers, request.bytes);
        const took = performance.now() - started;
        latencies.push(took);
        if (took > slowest.ms) slowest = { name: request.name, ms: took };
        if ('closed' in answered) {
          // A body over the limit may be answered 413 and the connection closed while it is still being sent.
          if (request.status !== 413) wrong.push(`${request.name}: ${answered.closed}`);
        } else if (answered.status !== request.status || answered.code !== request.code)
          wrong.push(`${request.name}: ${answered.status} ${answered.code ?? 'no code'}`);
        const pause = started + 1000 / job.perSecond - performance.now();
        if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { sent, wrong, p50: at(0.5), p99: at(0.99), slowest };
}

if (parentPort) {
  run(workerData as HostileJob).then(
    (result) => parentPort!.postMessage(result),
    (error: unknown) => parentPort!.postMessage({ error: String(error) }),
  );
}
