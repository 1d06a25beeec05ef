/**
 * A small closed-loop load generator over loopback: N workers, bounded in time and count.
 * A request that throws (postJson: an answer not HTTP 200, or carrying GraphQL errors) is
 * counted as failed, apart: its latency is left out and the rate is of the successes.
 */
import { answerFailure } from './answers';

export interface LoadResult {
  /** Successful requests, and their rate. */
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  firstFailure?: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `request` from `concurrency` workers until `seconds` pass or `maxRequests` are made; latencies in ms. */
export async function load(
  request: () => Promise<void>,
  concurrency: number,
  seconds: number,
  maxRequests = 100_000,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const until = started + seconds * 1000;
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until && issued < maxRequests) {
        issued += 1;
        const t = performance.now();
        try {
          await request();
          latencies.push(performance.now() - t);
        } catch (error) {
          failed += 1;
          firstFailure ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failed,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

/** POSTs a GraphQL request; throws unless the answer is HTTP 200 with a JSON body carrying no `errors`. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Record<string, any>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const failure = answerFailure(response.status, text);
  if (failure) throw new Error(`${url}: ${failure}`);
  return JSON.parse(text) as Record<string, any>;
}
