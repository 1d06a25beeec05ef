/** Cold start: `npm start` (its compiled entry) to the first answered query on the embedded database, fresh and existing. */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/config';
import type { BenchRow } from './report';

async function startOnce(dir: string): Promise<number> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EMBEDDED_PG_DIR: dir,
    EMBEDDED_PG_PORT: '54369',
    GATEWAY_PORT: '4160',
    ORGANIZATIONS_PORT: '4161',
    TASKS_PORT: '4162',
    INDICATORS_PORT: '4163',
    LOG_LEVEL: 'error',
  };
  for (const name of ['DATABASE_URL', 'ORGANIZATIONS_DATABASE_URL', 'TASKS_DATABASE_URL', 'INDICATORS_DATABASE_URL'])
    delete env[name];
  const started = performance.now();
  const child = spawn('node', [path.join(PROJECT_ROOT, 'dist/scripts/start.js')], { env, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('npm start exited during the cold-start benchmark');
      const answer = await fetch('http://127.0.0.1:4160/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ task(id: "T01") { seq } }' }),
      }).then(
        (r) => r.json() as Promise<{ data?: { task?: { seq: number } } }>,
        () => null,
      );
      if (answer?.data?.task?.seq === 1) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
}

export async function benchColdStart(): Promise<BenchRow[]> {
  const dir = path.join(PROJECT_ROOT, '.data', `bench-cold-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  try {
    const fresh = await startOnce(dir);
    const existing = await startOnce(dir);
    return [
      {
        section: 'cold start',
        name: 'npm start to first answer, fresh data folder',
        value: fresh,
        unit: 'ms',
        note: 'initdb, migrations, seeding',
      },
      { section: 'cold start', name: 'npm start to first answer, existing data folder', value: existing, unit: 'ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
