/**
 * `ipzone start` as an operator runs it, on an embedded data folder of its own: the
 * process, its output, its readiness and exit, and what the hub's PostgreSQL holds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { SERVICE_NODE_FLAGS } from '../../lib/node-flags';
import { IPZONE, ROOT } from './cli';

const DATABASE_VARIABLES = ['DATABASE_URL', 'ORGANIZATIONS_DATABASE_URL', 'TASKS_DATABASE_URL', 'INDICATORS_DATABASE_URL'];

export interface EmbeddedSetup {
  data: string;
  secretsFile: string;
  pgPort: number;
  /** The gateway's port; the subgraphs listen on the three after it. */
  gatewayPort: number;
}

/** The environment of an `ipzone` command on `setup`'s data folder (`gatewayPort` to override its ports). */
export function embeddedEnv(setup: EmbeddedSetup, gatewayPort = setup.gatewayPort): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EMBEDDED_PG_DIR: setup.data,
    EMBEDDED_PG_PORT: String(setup.pgPort),
    SECRETS_FILE: setup.secretsFile,
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: String(gatewayPort),
    ORGANIZATIONS_PORT: String(gatewayPort + 1),
    TASKS_PORT: String(gatewayPort + 2),
    INDICATORS_PORT: String(gatewayPort + 3),
  };
  for (const name of DATABASE_VARIABLES) delete env[name];
  return env;
}

export interface StartedHub {
  child: ChildProcess;
  output(): string;
  /** Resolves once the banner is printed; rejects if the process exits first. */
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/** `node <SERVICE_NODE_FLAGS> bin/ipzone.js start` on `setup`'s data folder (startHubProcess). */
export function startEmbeddedHub(setup: EmbeddedSetup, options: { detached?: boolean } = {}): StartedHub {
  return startHubProcess(embeddedEnv(setup), options);
}

/** `node <SERVICE_NODE_FLAGS> bin/ipzone.js start`, as npm start runs it, in `env`; `detached` puts it in a process group of its own (pgid = its pid), as a terminal does. */
export function startHubProcess(env: NodeJS.ProcessEnv, options: { detached?: boolean } = {}): StartedHub {
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, IPZONE, 'start'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached,
  });
  let text = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('Ctrl-C stops the hub')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`ipzone start exited with ${code}:\n${text}`)));
  });
  ready.catch(() => undefined);
  return { child, output: () => text, ready, exited };
}

/** A superuser connection to the embedded PostgreSQL of `setup` (database `ipzone`). */
export async function embeddedClient(setup: EmbeddedSetup): Promise<Client> {
  const { postgresPassword } = JSON.parse(readFileSync(setup.secretsFile, 'utf8')) as { postgresPassword: string };
  const client = new Client({
    host: '127.0.0.1',
    port: setup.pgPort,
    user: 'postgres',
    password: postgresPassword,
    database: 'ipzone',
  });
  await client.connect();
  return client;
}

/** The pid in the data folder's postmaster.pid (the running server's), or undefined. */
export function postmasterPid(setup: EmbeddedSetup): number | undefined {
  try {
    return Number(readFileSync(`${setup.data}/postmaster.pid`, 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
