/**
 * The hub as docker-compose runs it: each service its own Node process
 * (`node dist/scripts/serve.js <service>`), here on loopback ports of their own, all on
 * the bench database. The gateway may be started more than once (other settings, or
 * pointed at a recording proxy), each its own process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT, SUBGRAPHS, type SubgraphName } from '../lib/config';

const SERVE = path.join(PROJECT_ROOT, 'dist', 'scripts', 'serve.js');

/** A loopback port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Service {
  url: string;
  process: ChildProcess;
  /** Resident memory of the process, in MB (from /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

export type SubgraphUrls = Record<SubgraphName, string>;

async function ready(base: string, child: ChildProcess, name: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`bench: ${name} exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`bench: ${name} did not become ready`);
}

async function start(name: string, port: number, env: Record<string, string>): Promise<Service> {
  const child = spawn(process.execPath, [SERVE, name], {
    env: { ...process.env, LOG_LEVEL: 'error', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await ready(base, child, name).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    url: `${base}/graphql`,
    process: child,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function startSubgraphs(databaseUrl: string): Promise<{ services: Service[]; urls: SubgraphUrls }> {
  const services: Service[] = [];
  for (const name of SUBGRAPHS) {
    const port = await freePort();
    services.push(
      await start(name, port, { DATABASE_URL: databaseUrl, [`${name.toUpperCase()}_PORT`]: String(port), SEED: 'false' }),
    );
  }
  const urls = Object.fromEntries(SUBGRAPHS.map((name, i) => [name, services[i].url])) as SubgraphUrls;
  return { services, urls };
}

/** A gateway process in front of the given subgraph URLs. */
export async function startGateway(urls: SubgraphUrls, env: Record<string, string> = {}): Promise<Service> {
  const port = await freePort();
  return start('gateway', port, {
    GATEWAY_PORT: String(port),
    ORGANIZATIONS_URL: urls.organizations,
    TASKS_URL: urls.tasks,
    INDICATORS_URL: urls.indicators,
    ...env,
  });
}
