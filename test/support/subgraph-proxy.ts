/**
 * A real HTTP hop between the gateway and a subgraph: it counts the requests (and the
 * connections) the subgraph is sent, can hold each one for a while before passing it on
 * (a slow subgraph), or hold it for ever (a subgraph that never answers).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SubgraphProxy {
  url: string;
  /** Request bodies received, in order. */
  bodies: string[];
  connections: number;
  /** Milliseconds each request is held before it is passed on; Infinity: never. */
  delayMs: number;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSubgraphProxy(target: string, delayMs = 0): Promise<SubgraphProxy> {
  const held = new Set<() => void>();
  // A relay that fails (the subgraph gone) drops the connection, as the subgraph itself would.
  const server: Server = createServer((req, res) => void relay(req, res).catch(() => res.destroy()));
  async function relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    proxy.bodies.push(body);
    if (proxy.delayMs === Infinity) return void held.add(() => res.destroy());
    await new Promise((resolve) => setTimeout(resolve, proxy.delayMs));
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
    ) as Record<string, string>;
    const answer = await fetch(target, { method: 'POST', headers, body });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  }
  server.on('connection', () => proxy.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: SubgraphProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    bodies: [],
    connections: 0,
    delayMs,
    stop: async () => {
      held.forEach((drop) => drop());
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return proxy;
}
