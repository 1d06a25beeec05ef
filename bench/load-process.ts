/**
 * The load generator, run as a process of its own (`node dist/bench/load-process.js
 * SPEC.json`) so that it shares no event loop with what it measures. One "request" is a
 * list of stages sent one after the other, the requests of a stage side by side — one
 * stage of one POST for the gateway, the stages of the gateway's query plan for the
 * subgraphs called directly — so both targets are measured the same way. A request
 * succeeds when every answer of it is HTTP 200 with a JSON body carrying no `errors`; the
 * others are counted as failed, apart (their latencies are left out). Prints JSON:
 * successful requests, their rate, p50 and p99 in ms, the failed ones and the first failure.
 */
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { GATEWAY_TOKEN_HEADER, signGatewayToken } from '../lib/identity';
import { readSettings } from '../lib/settings';
import { answerFailure } from './answers';

export interface LoadSpec {
  stages: Array<Array<{ url: string; body: string }>>;
  /** Sign the gateway's forwarded identity (anonymous), as the gateway would: for direct subgraph calls. */
  signed: boolean;
  concurrency: number;
  seconds: number;
}

export interface LoadOutcome {
  /** Successful requests, and their rate. */
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Requests with an answer that was not HTTP 200, carried GraphQL errors, or did not come. */
  failed: number;
  firstFailure?: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(file: string): Promise<void> {
  const spec = JSON.parse(readFileSync(file, 'utf8')) as LoadSpec;
  const { keys } = readSettings();
  let token = { value: spec.signed ? await signGatewayToken(keys, null) : '', at: Date.now() };
  const headers = async (): Promise<Record<string, string>> => {
    if (!spec.signed) return { 'content-type': 'application/json' };
    if (Date.now() - token.at > 30_000) token = { value: await signGatewayToken(keys, null), at: Date.now() };
    return { 'content-type': 'application/json', [GATEWAY_TOKEN_HEADER]: token.value };
  };
  const send = async (url: string, body: string) => {
    const response = await request(url, { method: 'POST', headers: await headers(), body });
    const failure = answerFailure(response.statusCode, await response.body.text());
    if (failure) throw new Error(`${url}: ${failure}`);
  };
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const until = started + spec.seconds * 1000;
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          for (const stage of spec.stages) await Promise.all(stage.map((r) => send(r.url, r.body)));
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
  const outcome: LoadOutcome = {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failed,
    ...(firstFailure ? { firstFailure } : {}),
  };
  if (latencies.length === 0) throw new Error(`no request succeeded: ${firstFailure}`);
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

if (require.main === module)
  main(process.argv[2]).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
