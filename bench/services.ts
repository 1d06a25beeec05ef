/**
 * The hub as docker-compose runs it: each service its own Node process
 * (`node dist/scripts/serve.js <service>`), here on loopback ports of their own, all on
 * the bench database. The gateway may be started more than once (other settings, or
 * pointed at a recording proxy), each its own process. Every port is chosen free when the
 * service starts (a port taken meanwhile: the service is started again on another), and
 * the process listening there is checked to be the one started (process-identity.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../lib/free-ports';
import path from 'node:path';
import { childEnvironment, PROJECT_ROOT, SUBGRAPHS, type SubgraphName } from '../lib/config';
import { SERVICE_NODE_FLAGS } from '../lib/node-flags';
import { verifyListener } from './process-identity';
import { profileArguments } from './profile';

const SERVE = path.join(PROJECT_ROOT, 'dist', 'scripts', 'serve.js');

/** Where the processes started write their CPU profiles (`--profile`); none when unset. */
let profileDir: string | undefined;

/** From now on, every service process started writes its V8 CPU profile into `dir` when it exits. */
export function profileServicesInto(dir: string | undefined): void {
  profileDir = dir;
}

export interface Service {
  url: string;
  process: ChildProcess;
  /** Resident memory of the process, in MB (from /proc). */
  rssMb(): number;
  /** Throws unless the process started is still the one listening at `url`. */
  verify(): void;
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

/**
 * Starts the service on a free port (its port variable set to it), and again on another
 * (three times at most) when it could not listen there or another process answers there.
 */
async function start(name: string, portVariable: string, env: Record<string, string>): Promise<Service> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [...SERVICE_NODE_FLAGS, ...(profileDir ? profileArguments(profileDir, name) : []), SERVE, name],
      {
        env: childEnvironment({
          LOG_LEVEL: 'error',
          HOST: '127.0.0.1',
          ...env,
          [portVariable]: String(port),
        }),
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const base = `http://127.0.0.1:${port}`;
    try {
      await ready(base, child, name);
      verifyListener(base, child.pid, name);
    } catch (error) {
      child.kill('SIGKILL');
      if (attempt < 3) continue;
      throw error;
    }
    return service(name, `${base}/graphql`, child);
  }
}

function service(name: string, url: string, child: ChildProcess): Service {
  return {
    url,
    process: child,
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
    },
    verify: () => {
      if (child.exitCode !== null) throw new Error(`bench: ${name} exited with ${child.exitCode}`);
      verifyListener(url, child.pid, name);
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
  for (const name of SUBGRAPHS)
    services.push(await start(name, `${name.toUpperCase()}_PORT`, { DATABASE_URL: databaseUrl, SEED: 'false' }));
  const urls = Object.fromEntries(SUBGRAPHS.map((name, i) => [name, services[i].url])) as SubgraphUrls;
  return { services, urls };
}

/** A gateway process in front of the given subgraph URLs. */
export async function startGateway(urls: SubgraphUrls, env: Record<string, string> = {}): Promise<Service> {
  return start('gateway', 'GATEWAY_PORT', {
    ORGANIZATIONS_URL: urls.organizations,
    TASKS_URL: urls.tasks,
    INDICATORS_URL: urls.indicators,
    ...env,
  });
}
