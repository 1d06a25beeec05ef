/**
 * A TCP hop between the hub and its PostgreSQL that reads what each connection sends (the
 * wire protocol's startup, Query and Parse messages): it names the service of each
 * connection (its application_name) and the SQL of each statement. Armed with a service
 * and a pattern, it cuts that service off at the first statement matching: the statement
 * is never passed on, nor anything that service's connections send after it, while the
 * server's answers still flow back. A test stops the server there, at the same point of
 * the request every run.
 */
import net from 'node:net';

export interface PostgresProxy {
  /** `target` with the proxy's host and port. */
  url: string;
  /** Resolves with the SQL of the statement `application` is cut off at. */
  cutAt(application: string, pattern: RegExp): Promise<string>;
  /** Whether the armed cut has happened. */
  readonly cut: boolean;
  /** Passes everything through again (after the server is back). */
  reopen(): void;
  close(): Promise<void>;
}

/** The protocol version of a StartupMessage (3.0); an SSLRequest or CancelRequest carries another code there. */
const PROTOCOL_3 = 196608;
const cstring = (buffer: Buffer, from: number): [string, number] => {
  const end = buffer.indexOf(0, from);
  return [buffer.toString('utf8', from, end), end + 1];
};

/** The application_name of a StartupMessage's parameters. */
function applicationName(message: Buffer): string {
  for (let at = 8; at < message.length - 1;) {
    const [key, next] = cstring(message, at);
    const [value, after] = cstring(message, next);
    if (key === 'application_name') return value;
    at = after;
  }
  return '';
}

/** The SQL of a Query ('Q') or Parse ('P') message, else null. */
function statementOf(message: Buffer): string | null {
  if (message[0] === 0x51) return cstring(message, 5)[0];
  if (message[0] === 0x50) return cstring(message, cstring(message, 5)[1])[0];
  return null;
}

export async function startPostgresProxy(target: string): Promise<PostgresProxy> {
  const upstream = new URL(target);
  let armed: { application: string; pattern: RegExp; seen: (sql: string) => void } | null = null;
  let blocked: string | null = null;
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    const backend = net.connect(Number(upstream.port), upstream.hostname);
    sockets.add(client).add(backend);
    let application = '';
    let startup = true;
    let pending = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      let at = 0;
      for (;;) {
        if (blocked === application) return void (pending = Buffer.alloc(0));
        const header = startup ? 4 : 5;
        if (pending.length - at < header) break;
        const length = pending.readInt32BE(at + header - 4) + header - 4;
        if (pending.length - at < length) break;
        const message = pending.subarray(at, at + length);
        if (startup && message.readInt32BE(4) === PROTOCOL_3) {
          startup = false;
          application = applicationName(message);
        }
        const sql = startup ? null : statementOf(message);
        if (sql !== null && armed && armed.application === application && armed.pattern.test(sql)) {
          blocked = application;
          armed.seen(sql);
          armed = null;
          continue;
        }
        backend.write(message);
        at += length;
      }
      pending = pending.subarray(at);
    });
    backend.on('data', (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      backend.destroy();
      sockets.delete(client);
      sockets.delete(backend);
    };
    for (const socket of [client, backend]) socket.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    cutAt: (application, pattern) => new Promise((seen) => (armed = { application, pattern, seen })),
    get cut() {
      return blocked !== null;
    },
    reopen: () => {
      armed = null;
      blocked = null;
    },
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
