/**
 * Cold start: `npm start` (its compiled entry) to the first answered query on the embedded
 * database, with a fresh data folder and with the folder that start left, over several
 * samples (median and spread). Every port it listens on — the gateway, the subgraphs and
 * the embedded PostgreSQL — is chosen free for each start, so the bench runs beside a hub
 * already running; the process answering is checked to be the one started.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { childEnvironment, PROJECT_ROOT } from '../lib/config';
import type { BenchContext } from './context';
import { verifyListener } from './process-identity';
import type { BenchRow } from './report';
import { overRounds, median } from './rounds';
import { freePort } from '../lib/free-ports';

const START = path.join(PROJECT_ROOT, 'dist', 'scripts', 'start.js');

/** The ports one start listens on, each free now. */
export async function coldStartPorts(): Promise<Record<string, string>> {
  const names = ['GATEWAY_PORT', 'ORGANIZATIONS_PORT', 'TASKS_PORT', 'INDICATORS_PORT', 'EMBEDDED_PG_PORT'];
  const ports: Record<string, string> = {};
  for (const name of names) {
    let port = await freePort();
    while (Object.values(ports).includes(String(port))) port = await freePort();
    ports[name] = String(port);
  }
  return ports;
}

/** The process left before answering, or another answered on its port: a port taken meanwhile. */
class PortTaken extends Error {}

/** One start on `dir`: ms from spawning to the first answered query, by the process spawned. */
async function startOnce(dir: string): Promise<number> {
  const ports = await coldStartPorts();
  const env = childEnvironment({
    ...ports,
    EMBEDDED_PG_DIR: path.join(dir, 'postgres'),
    SECRETS_FILE: path.join(dir, 'secrets.json'),
    LOG_LEVEL: 'error',
  });
  for (const name of ['DATABASE_URL', 'ORGANIZATIONS_DATABASE_URL', 'TASKS_DATABASE_URL', 'INDICATORS_DATABASE_URL'])
    delete env[name];
  const url = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
  const started = performance.now();
  const child = spawn(process.execPath, [START], { env, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new PortTaken(`npm start exited with ${child.exitCode} during the cold start`);
      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ task(id: "T01") { seq } }' }),
      }).then(
        (r) => r.json() as Promise<{ data?: { task?: { seq: number } } }>,
        () => null,
      );
      if (answer?.data?.task?.seq === 1) {
        const ms = performance.now() - started;
        try {
          verifyListener(url, child.pid, 'npm start');
        } catch (error) {
          throw new PortTaken((error as Error).message);
        }
        return ms;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGINT');
    await exited;
  }
}

/** A start, again on other ports (three times at most) when a port was taken meanwhile. */
async function timedStart(dir: string, fresh: boolean): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    if (fresh) rmSync(dir, { recursive: true, force: true });
    try {
      return await startOnce(dir);
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt >= 3) throw error;
    }
  }
}

export async function benchColdStart({ coldStartSamples }: Pick<BenchContext, 'coldStartSamples'>): Promise<BenchRow[]> {
  const fresh: number[] = [];
  const existing: number[] = [];
  for (let sample = 0; sample < coldStartSamples; sample += 1) {
    const dir = path.join(PROJECT_ROOT, '.data', `bench-cold-${process.pid}-${sample}`);
    try {
      fresh.push(await timedStart(dir, true));
      existing.push(await timedStart(dir, false));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const samples = `${coldStartSamples} samples`;
  return [
    {
      section: 'cold start',
      name: 'npm start to first answer, fresh data folder',
      value: median(fresh),
      unit: 'ms',
      roundsOf: 'value',
      ...overRounds(fresh),
      note: `${samples}: initdb, migrations, seeding`,
    },
    {
      section: 'cold start',
      name: 'npm start to first answer, existing data folder',
      value: median(existing),
      unit: 'ms',
      roundsOf: 'value',
      ...overRounds(existing),
      note: samples,
    },
  ];
}
