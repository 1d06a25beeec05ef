/**
 * What the gateway sends the subgraphs for a query, recorded: a gateway process is pointed
 * at a proxy in front of each subgraph, the query is sent once, and every fetch is kept
 * with when it started and ended. A fetch that started after another ended comes a stage
 * later; fetches of one stage went out side by side. Calling the subgraphs directly is
 * then replaying these stages: the same requests, in the plan's order.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBGRAPHS } from '../lib/config';
import { answerFailure } from './answers';
import { startGateway, type SubgraphUrls } from './services';

interface Fetch {
  url: string;
  body: string;
  start: number;
  end: number;
}

export type Stages = Array<Array<{ url: string; body: string }>>;

function proxy(target: string, into: Fetch[]): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([k]) => !['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive'].includes(k),
        ),
      ) as Record<string, string>;
      const start = performance.now();
      const url = target.replace(/\/graphql$/, req.url ?? '/graphql');
      const post = req.method === 'POST';
      fetch(url, { method: req.method, headers, body: post ? body : undefined }).then(
        async (response) => {
          const text = await response.text();
          if (post) into.push({ url: target, body, start, end: performance.now() });
          res.writeHead(response.status, { 'content-type': 'application/json' }).end(text);
        },
        () => res.writeHead(502).end(),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function stagesOf(fetches: Fetch[]): Stages {
  const sorted = [...fetches].sort((a, b) => a.start - b.start);
  const stage = new Map<Fetch, number>();
  for (const f of sorted) stage.set(f, 1 + Math.max(-1, ...sorted.filter((g) => g.end <= f.start).map((g) => stage.get(g)!)));
  const stages: Stages = [];
  for (const f of sorted) (stages[stage.get(f)!] ??= []).push({ url: f.url, body: f.body });
  return stages.filter(Boolean);
}

/** The stages of subgraph requests the gateway makes for each query (queries with their variables, as request bodies). */
export async function recordPlans(urls: SubgraphUrls, bodies: string[]): Promise<Stages[]> {
  const fetches: Fetch[] = [];
  const proxies = await Promise.all(SUBGRAPHS.map((name) => proxy(urls[name], fetches)));
  const viaProxies = Object.fromEntries(
    SUBGRAPHS.map((name, i) => [name, `http://127.0.0.1:${(proxies[i].address() as AddressInfo).port}/graphql`]),
  ) as SubgraphUrls;
  // Deduplication off: each fetch of the plan is seen as sent.
  const gateway = await startGateway(viaProxies, { SUBGRAPH_DEDUP: 'false' });
  try {
    const plans: Stages[] = [];
    for (const body of bodies) {
      // Twice, keeping the second: the first may carry the gateway's own one-off lookups.
      for (let time = 0; time < 2; time += 1) {
        fetches.length = 0;
        const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const failure = answerFailure(response.status, await response.text());
        if (failure) throw new Error(`bench: the gateway answered ${failure}`);
      }
      plans.push(stagesOf(fetches));
    }
    return plans;
  } finally {
    await gateway.stop();
    await Promise.all(proxies.map((p) => new Promise((resolve) => p.close(resolve))));
  }
}
