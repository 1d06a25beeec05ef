/**
 * The bench measures only the processes it started: the process listening on a port is
 * told by the kernel (bench/process-identity.ts), so a port answered by another process
 * fails the check.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { listensOn, verifyListener } from '../../bench/process-identity';

const listen = (): Promise<{ server: Server; port: number }> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      resolve({ server, port: (server.address() as { port: number }).port });
    });
  });

/** Another process listening on a free port, and the port. */
function otherListener(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [
    '-e',
    "const s = require('net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port))",
  ]);
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) => resolve({ child, port: Number(String(data).trim()) }));
    child.once('error', reject);
  });
}

it('knows the process listening on a port, and refuses another', async () => {
  const own = await listen();
  const other = await otherListener();
  try {
    expect(listensOn(process.pid, own.port)).toBe(true);
    expect(() => verifyListener(`http://127.0.0.1:${own.port}/graphql`, process.pid, 'this process')).not.toThrow();
    expect(listensOn(process.pid, other.port)).toBe(false);
    expect(listensOn(other.child.pid!, other.port)).toBe(true);
    expect(() => verifyListener(`http://127.0.0.1:${other.port}/graphql`, process.pid, 'the gateway')).toThrow(
      /not held by the process the bench started/,
    );
  } finally {
    other.child.kill();
    own.server.close();
  }
});

it('refuses a port nothing listens on', async () => {
  const { server, port } = await listen();
  await new Promise((resolve) => server.close(resolve));
  expect(listensOn(process.pid, port)).toBe(false);
  expect(() => verifyListener(`http://127.0.0.1:${port}/`, process.pid, 'a service')).toThrow();
});
