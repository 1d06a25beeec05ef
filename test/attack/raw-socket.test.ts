/**
 * Any bytes on any port: request lines and targets that are not URLs, broken headers,
 * bad chunked encodings, truncated, slow and endless bodies, half-sent headers. Every
 * service answers or closes the connection, and keeps answering /healthz.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { SUBGRAPHS } from '../../lib/config';
import { SERVICE_NODE_FLAGS } from '../../lib/node-flags';
import type { Hub } from '../../hub';
import { startTestHub } from '../support/hub';
import { testPort } from '../support/isolation';
import { rawExchange, statusOf } from '../support/raw-http';

const ROOT = path.resolve(__dirname, '../..');
const H = 'Host: 127.0.0.1\r\n';
const JSON_POST = (body: string, extra = '', encoding: BufferEncoding = 'utf8') =>
  `POST /graphql HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body, encoding)}\r\n${extra}\r\n${body}`;
const CHUNKED = (chunks: string) =>
  `POST /graphql HTTP/1.1\r\n${H}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}`;
const latin1 = (text: string) => Buffer.from(text, 'latin1');

async function healthy(url: string): Promise<boolean> {
  const res = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(3000) }).catch(() => null);
  return res?.status === 200 && (await res.json()).status === 'ok';
}

describe('one request whose target is not a URL', () => {
  let child: ChildProcess;
  const port = testPort(4180);
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGTERM');
  });

  it('leaves the gateway process running and answering', async () => {
    child = spawn('node', [...SERVICE_NODE_FLAGS, path.join(ROOT, 'dist/scripts/serve.js'), 'gateway'], {
      env: { ...process.env, GATEWAY_PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('"listening"')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the gateway exited with ${code}:\n${output}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const answer = await rawExchange(port, [`GET http://[ HTTP/1.1\r\n${H}\r\n`], { untilStatus: true });
    expect(statusOf(answer.response) ?? 400).toBeLessThan(500);
    const outcome = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('running'), 500))]);
    expect(outcome).toBe('running');
    expect(await healthy(`http://127.0.0.1:${port}/graphql`)).toBe(true);
  });
});

/** One exchange: the bytes sent, and how the client behaves. */
interface Case {
  name: string;
  chunks: Array<string | Buffer>;
  gapMs?: number;
  end?: boolean;
}

const CASES: Case[] = [
  // Request lines and targets.
  { name: 'absolute-form target that is no URL', chunks: [`GET http://[ HTTP/1.1\r\n${H}\r\n`] },
  { name: 'authority-like path with broken escapes', chunks: [`GET //%% HTTP/1.1\r\n${H}\r\n`] },
  { name: 'absolute-form with a broken host', chunks: [`GET http://%%/healthz HTTP/1.1\r\n${H}\r\n`] },
  { name: 'absolute-form IPv6 without its bracket', chunks: [`GET http://[::1/graphql?query={__typename} HTTP/1.1\r\n${H}\r\n`] },
  {
    name: 'absolute-form POST with a body',
    chunks: [`POST http://[ HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`],
  },
  { name: 'scheme without host', chunks: [`GET http:// HTTP/1.1\r\n${H}\r\n`] },
  { name: 'credentials and a port out of range', chunks: [`GET https://u:p%zz@h:99999/ HTTP/1.1\r\n${H}\r\n`] },
  { name: 'a javascript: target', chunks: [`GET javascript:alert(1) HTTP/1.1\r\n${H}\r\n`] },
  { name: 'asterisk-form', chunks: [`OPTIONS * HTTP/1.1\r\n${H}\r\n`] },
  { name: 'GET with asterisk-form', chunks: [`GET * HTTP/1.1\r\n${H}\r\n`] },
  { name: 'CONNECT', chunks: [`CONNECT 127.0.0.1:5432 HTTP/1.1\r\n${H}\r\n`] },
  { name: 'a target that is only an escape', chunks: [`GET %zz HTTP/1.1\r\n${H}\r\n`] },
  { name: 'a truncated UTF-8 escape', chunks: [`GET /%E0%A4%A HTTP/1.1\r\n${H}\r\n`] },
  { name: 'an invalid UTF-8 query string', chunks: [`GET /graphql?query=%ff%fe HTTP/1.1\r\n${H}\r\n`] },
  { name: 'NUL and broken escapes in the query', chunks: [`GET /healthz?a=%zz&b=%00 HTTP/1.1\r\n${H}\r\n`] },
  { name: 'path traversal into the project', chunks: [`GET /dashboard/..%2f..%2fpackage.json HTTP/1.1\r\n${H}\r\n`] },
  { name: 'a NUL in a file name', chunks: [`GET /dashboard/%00.js HTTP/1.1\r\n${H}\r\n`] },
  { name: 'an export with broken parameters', chunks: [`GET /export/kpis.csv?asOf=%ff&asOf=%zz HTTP/1.1\r\n${H}\r\n`] },
  { name: 'backslashes', chunks: [`GET /\\\\evil\\..\\ HTTP/1.1\r\n${H}\r\n`] },
  { name: 'a 20 kB query string', chunks: [`GET /graphql?${'x'.repeat(20_000)} HTTP/1.1\r\n${H}\r\n`] },
  { name: 'raw bytes above ASCII in the target', chunks: [latin1(`GET /\xff\xfe HTTP/1.1\r\n${H}\r\n`)] },
  { name: 'control bytes', chunks: [latin1('\x00\x01\x02\x03\r\n\r\n')] },
  { name: 'an unknown HTTP version', chunks: [`GET / HTTP/9.9\r\n${H}\r\n`] },
  { name: 'no request line at all', chunks: ['GARBAGE\r\n\r\n'] },
  { name: 'bare LF line ends', chunks: ['GET /healthz HTTP/1.1\nHost: x\n\n'] },
  { name: 'empty lines', chunks: ['\r\n\r\n\r\n\r\n'] },
  { name: 'an HTTP/2 preface', chunks: ['PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'] },
  { name: 'a TLS ClientHello', chunks: [Buffer.from('16030100a5010000a10303' + '00'.repeat(60), 'hex')] },
  // Headers.
  { name: 'a Host that is no host', chunks: ['GET /graphql?query=%7B__typename%7D HTTP/1.1\r\nHost: [\r\n\r\n'] },
  { name: 'no Host', chunks: ['GET /healthz HTTP/1.1\r\n\r\n'] },
  { name: 'HTTP/1.0 without Host', chunks: ['GET /graphql?query=%7B__typename%7D HTTP/1.0\r\n\r\n'] },
  { name: 'a header without a colon', chunks: [`GET /healthz HTTP/1.1\r\n${H}NoColonHere\r\n\r\n`] },
  { name: 'a header name with a space', chunks: [`GET /healthz HTTP/1.1\r\n${H}Bad Header: x\r\n\r\n`] },
  { name: 'a NUL in a header value', chunks: [latin1(`GET /healthz HTTP/1.1\r\n${H}X-A: a\x00b\r\n\r\n`)] },
  { name: 'a folded header', chunks: [`GET /healthz HTTP/1.1\r\n${H}X-A: a\r\n folded\r\n\r\n`] },
  { name: '64 kB of headers', chunks: [`GET /healthz HTTP/1.1\r\n${H}X-Big: ${'b'.repeat(64 * 1024)}\r\n\r\n`] },
  { name: 'two different Content-Lengths', chunks: [JSON_POST('{}', 'Content-Length: 6\r\n')] },
  { name: 'a negative Content-Length', chunks: [`POST /graphql HTTP/1.1\r\n${H}Content-Length: -1\r\n\r\n{}`] },
  { name: 'a Content-Length that is no number', chunks: [`POST /graphql HTTP/1.1\r\n${H}Content-Length: abc\r\n\r\n{}`] },
  {
    name: 'an enormous Content-Length',
    chunks: [`POST /graphql HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 99999999999999999999\r\n\r\n{`],
  },
  {
    name: 'chunked and Content-Length (smuggling)',
    chunks: [
      `POST /graphql HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\nGET /x HTTP/1.1\r\n\r\n`,
    ],
  },
  {
    name: 'chunked not last',
    chunks: [`POST /graphql HTTP/1.1\r\n${H}Transfer-Encoding: chunked, gzip\r\n\r\n2\r\n{}\r\n0\r\n\r\n`],
  },
  {
    name: 'an unknown transfer encoding',
    chunks: [`POST /graphql HTTP/1.1\r\n${H}Transfer-Encoding: xchunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`],
  },
  {
    name: 'JSON in UTF-16',
    chunks: [JSON_POST('{"query":"{ __typename }"}', 'Content-Type: application/json; charset=utf-16\r\n')],
  },
  {
    name: 'a content type of semicolons',
    chunks: [`POST /graphql HTTP/1.1\r\n${H}Content-Type: ;;;\r\nContent-Length: 2\r\n\r\n{}`],
  },
  { name: 'a 8 kB request id', chunks: [`GET /healthz HTTP/1.1\r\n${H}X-Request-Id: ${'r'.repeat(8000)}\r\n\r\n`] },
  { name: 'a request id of raw bytes', chunks: [latin1(`GET /healthz HTTP/1.1\r\n${H}X-Request-Id: \xff\xfe\x80\r\n\r\n`)] },
  {
    name: 'a bearer of raw bytes',
    chunks: [latin1(JSON_POST('{"query":"{ __typename }"}', 'Authorization: Bearer \xff\xfe\r\n', 'latin1'))],
  },
  { name: 'a bearer that is no token', chunks: [JSON_POST('{"query":"{ __typename }"}', 'Authorization: Bearer a.b.c\r\n')] },
  {
    name: 'a gateway token that is no token',
    chunks: [JSON_POST('{"query":"{ __typename }"}', 'X-Hub-Gateway-Token: e30.e30.\r\n')],
  },
  { name: 'a websocket upgrade', chunks: [`GET /graphql HTTP/1.1\r\n${H}Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n`] },
  {
    name: 'Expect: 100-continue, then nothing',
    chunks: [
      `POST /graphql HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n`,
    ],
    end: true,
  },
  // Chunked encodings.
  { name: 'a chunk size that is not hex', chunks: [CHUNKED('zz\r\n{}\r\n0\r\n\r\n')] },
  { name: 'a chunk size that overflows', chunks: [CHUNKED('ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n')] },
  { name: 'a negative chunk size', chunks: [CHUNKED('-1\r\n{}\r\n0\r\n\r\n')] },
  { name: 'a chunk shorter than its size', chunks: [CHUNKED('5\r\n{}\r\n0\r\n\r\n')] },
  { name: 'a chunk without its CRLF', chunks: [CHUNKED('2\r\n{}XX0\r\n\r\n')] },
  { name: 'a chunk extension with a NUL', chunks: [latin1(CHUNKED('2;ext="\x00"\r\n{}\r\n0\r\n\r\n'))] },
  { name: 'a broken trailer', chunks: [latin1(CHUNKED('2\r\n{}\r\n0\r\nTrailer\x01: x\r\n\r\n'))] },
  { name: 'a chunked body cut off', chunks: [CHUNKED('10\r\n{"query":')], end: true },
  // Bodies.
  {
    name: 'a body cut off before its length',
    chunks: [`POST /graphql HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":`],
    end: true,
  },
  { name: 'a body nested 30,000 deep', chunks: [JSON_POST(`${'['.repeat(30_000)}${']'.repeat(30_000)}`)] },
  { name: 'a body of invalid UTF-8', chunks: [latin1(JSON_POST('{"query":"{ \xff\xfe }"}', '', 'latin1'))] },
  { name: 'a body with a lone surrogate', chunks: [JSON_POST('{"query":"{ __typename }","variables":{"x":"\\ud800"}}')] },
  { name: 'a body with __proto__', chunks: [JSON_POST('{"query":"{ __typename }","__proto__":{"polluted":1}}')] },
  { name: 'a body that is JSON but not an object', chunks: [JSON_POST('"just a string"')] },
  { name: 'a body that is not JSON', chunks: [JSON_POST('{"query": "{ __typename }"')] },
  { name: 'one hundred pipelined requests', chunks: [`GET /healthz HTTP/1.1\r\n${H}\r\n`.repeat(100)] },
];

describe('any bytes on every port', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await startTestHub({ env: { MAX_BODY_BYTES: '65536', REQUEST_TIMEOUT_MS: '3000', HEADERS_TIMEOUT_MS: '2000' } });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  const service = (name: string) => (name === 'gateway' ? hub.gateway : hub.subgraphs[name as (typeof SUBGRAPHS)[number]]);
  const portOf = (name: string) => service(name).port;

  describe.each(['gateway', ...SUBGRAPHS])('%s', (name) => {
    it('answers every malformed request without a server error, or closes it, and keeps answering /healthz', async () => {
      const failures: string[] = [];
      for (const c of CASES) {
        const answer = await rawExchange(portOf(name), c.chunks, { untilStatus: true, waitMs: 1500, end: c.end });
        const status = statusOf(answer.response);
        if (status !== undefined && status >= 500) failures.push(`${c.name}: answered ${status}`);
        if (!(await healthy(service(name).url))) failures.push(`${c.name}: /healthz stopped answering`);
      }
      expect(failures).toEqual([]);
    });

    it('closes half-sent headers within the headers timeout, answering others meanwhile', async () => {
      const slow = Array.from({ length: 30 }, () =>
        rawExchange(
          portOf(name),
          [`GET /healthz HTTP/1.1\r\n${H}`, ...Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: 1\r\n`)],
          { gapMs: 250, waitMs: 1000 },
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await healthy(service(name).url)).toBe(true);
      // 41 chunks 250 ms apart take 10 s; the headers timeout (2 s) cuts each client off long before.
      for (const answer of await Promise.all(slow)) {
        expect(answer.closedByServer).toBe(true);
        expect(answer.chunksWritten).toBeLessThan(41);
      }
    });

    it('closes a body that trickles in within the request timeout', async () => {
      const answer = await rawExchange(
        portOf(name),
        [`POST /graphql HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n`, ...Array(60).fill(' ')],
        { gapMs: 200, waitMs: 1000 },
      );
      expect(answer.closedByServer || statusOf(answer.response) !== undefined).toBe(true);
      // 61 chunks 200 ms apart take 12 s; the request timeout (3 s) ends the exchange long before.
      expect(answer.chunksWritten).toBeLessThan(61);
      expect(await healthy(service(name).url)).toBe(true);
    });

    it('refuses an endless chunked body once it passes the body limit', async () => {
      const chunk = `4000\r\n${' '.repeat(0x4000)}\r\n`;
      const answer = await rawExchange(portOf(name), [CHUNKED(''), ...Array(256).fill(chunk)], {
        untilStatus: true,
        waitMs: 2000,
      });
      expect(answer.closedByServer || statusOf(answer.response) === 413).toBe(true);
      if (statusOf(answer.response) !== undefined) expect(statusOf(answer.response)).toBe(413);
      expect(await healthy(service(name).url)).toBe(true);
    });
  });
});
