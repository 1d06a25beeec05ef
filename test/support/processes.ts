/** One service of the hub in a process of its own (node <SERVICE_NODE_FLAGS> dist/scripts/serve.js <service>), as a container runs it. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { SERVICE_NODE_FLAGS } from '../../lib/node-flags';

const ROOT = path.resolve(__dirname, '../..');

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a service with the test's environment plus `env` (undefined removes a variable); resolves once it listens. */
export function spawnService(service: string, env: Record<string, string | undefined>): Promise<ServiceProcess> {
  const merged: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1' };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const child = spawn('node', [...SERVICE_NODE_FLAGS, path.join(ROOT, 'dist/scripts/serve.js'), service], {
    env: merged,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    let listening = false;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${service} did not start within 60 s:\n${output}`));
    }, 60_000);
    // Read on after it listens, so a chatty service never blocks on a full pipe.
    child.stderr.on('data', (chunk: Buffer) => {
      if (listening) return;
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.includes('"listening"') && l.endsWith('}'));
      if (!line) return;
      listening = true;
      clearTimeout(timer);
      resolve({ url: (JSON.parse(line) as { url: string }).url, child, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${service} exited with ${code}:\n${output}`));
    });
  });
}
