/** Raw TCP exchanges with a service: bytes no HTTP client would send. */
import net from 'node:net';

export interface RawExchange {
  /** Everything the service sent back, as latin1 text. */
  response: string;
  /** True when the service closed (or reset) the connection before `waitMs` ran out. */
  closedByServer: boolean;
  /** Milliseconds from the first byte written to the close (or to the give-up). */
  ms: number;
  /** How many of the chunks were written before the exchange ended: fewer than all means the service cut the client off. */
  chunksWritten: number;
}

export interface RawOptions {
  /** Longest wait for the service to answer and close, after the last chunk is written. */
  waitMs?: number;
  /** Pause between chunks (slow clients). */
  gapMs?: number;
  /** Stop waiting as soon as a complete status line arrived (for keep-alive answers). */
  untilStatus?: boolean;
  /** Half-close the connection after the last chunk (a client that gives up mid-body). */
  end?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `chunks` to host:port, one after the other, and collects what comes back. */
export function rawExchange(port: number, chunks: Array<string | Buffer>, options: RawOptions = {}): Promise<RawExchange> {
  const { waitMs = 3000, gapMs = 0, untilStatus = false, end = false } = options;
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let done = false;
    let chunksWritten = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ response: Buffer.concat(received).toString('latin1'), closedByServer, ms: Date.now() - started, chunksWritten });
    };
    socket.on('data', (chunk) => {
      received.push(chunk);
      if (untilStatus && /^HTTP\/1\.[01] \d{3} .*\r\n[\s\S]*\r\n\r\n/.test(Buffer.concat(received).toString('latin1'))) {
        finish(false);
      }
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    // A write that fails means the server has closed the connection.
    socket.on('connect', () => void send().catch(() => finish(true)));
    async function send(): Promise<void> {
      for (const [i, chunk] of chunks.entries()) {
        if (done || socket.destroyed) return;
        if (i > 0 && gapMs > 0) await sleep(gapMs);
        await new Promise<void>((written) => {
          if (!socket.write(chunk)) socket.once('drain', written);
          else written();
        });
        chunksWritten += 1;
      }
      if (end && !socket.destroyed) socket.end();
      timer = setTimeout(() => finish(false), waitMs);
    }
  });
}

/** The status code of the first response in a raw answer, if any. */
export function statusOf(response: string): number | undefined {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(response);
  return match ? Number(match[1]) : undefined;
}
