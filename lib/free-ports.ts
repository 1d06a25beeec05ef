/**
 * Before a hub starts anything (its database, its migrations), every port it is to listen
 * on is tried: a port another program holds (another hub, most often) is refused in one
 * line that names the service and the variable that moves it, instead of a bare
 * EADDRINUSE from the one service that found it taken, after the others had started.
 */
import { type AddressInfo, createServer } from 'node:net';

/** Listens on `port` of `host` and closes again: the port it got (any free one for 0), or why it could not. */
function tryListen(host: string, port: number): Promise<{ port: number } | { error: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ error }));
    server.listen({ host, port, exclusive: true }, () => {
      const { port: got } = server.address() as AddressInfo;
      server.close(() => resolve({ port: got }));
    });
  });
}

/** A loopback port nothing listens on now. */
export async function freePort(): Promise<number> {
  const tried = await tryListen('127.0.0.1', 0);
  if ('error' in tried) throw tried.error;
  return tried.port;
}

/** Throws, naming the first service whose port is taken, the variable that sets it and the way out. */
export async function ensurePortsFree(host: string, ports: Record<string, number>): Promise<void> {
  for (const [service, port] of Object.entries(ports)) {
    if (port === 0) continue;
    const tried = await tryListen(host, port);
    if (!('error' in tried)) continue;
    const { error } = tried;
    const variable = `${service.toUpperCase()}_PORT`;
    const why =
      error.code === 'EADDRINUSE' ? 'is in use by another program (another hub?)' : `cannot be listened on (${error.code})`;
    const what = service === 'gateway' ? 'the gateway' : `the ${service} subgraph`;
    throw new Error(`port ${port} on ${host} (${variable}, ${what}) ${why}: stop it, or set ${variable} to a free port`);
  }
}
