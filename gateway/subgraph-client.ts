/**
 * The gateway's HTTP client for one subgraph: undici's `request` on a pool of keep-alive
 * connections to the subgraph's origin, with no fetch Request, Headers or web stream per
 * call. Identical queries in flight at the same time (same identity key and body) share
 * one request: the later callers wait for the first one's reply.
 */
import { Pool } from 'undici';

/** A subgraph's HTTP answer, its body still text (each caller parses its own copy). */
export interface SubgraphReply {
  status: number;
  contentType: string;
  body: string;
}

export interface SubgraphClientOptions {
  /** Longest wait for the answer's headers, and between two parts of its body. */
  timeoutMs: number;
  /** Merge identical requests in flight (SUBGRAPH_DEDUP). */
  dedup: boolean;
}

export class SubgraphClient {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly inFlight = new Map<string, Promise<SubgraphReply>>();

  constructor(
    readonly url: string,
    private readonly options: SubgraphClientOptions,
  ) {
    const parsed = new URL(url);
    this.path = `${parsed.pathname}${parsed.search}`;
    this.pool = new Pool(parsed.origin, { headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  }

  /**
   * POSTs `body`. With a `shareKey` (what makes the answer the same for every caller: the
   * forwarded identity), a request identical to one in flight waits for that one's reply.
   * Returns the reply and whether it was shared.
   */
  post(body: string, headers: Record<string, string>, shareKey?: string): { reply: Promise<SubgraphReply>; shared: boolean } {
    if (shareKey === undefined || !this.options.dedup) return { reply: this.send(body, headers), shared: false };
    const key = `${shareKey}\u0000${body}`;
    const pending = this.inFlight.get(key);
    if (pending) return { reply: pending, shared: true };
    const reply = this.send(body, headers).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, reply);
    return { reply, shared: false };
  }

  private async send(body: string, headers: Record<string, string>): Promise<SubgraphReply> {
    const response = await this.pool.request({ path: this.path, method: 'POST', headers, body });
    const contentType = response.headers['content-type'];
    return {
      status: response.statusCode,
      contentType: Array.isArray(contentType) ? contentType[0] : (contentType ?? ''),
      body: await response.body.text(),
    };
  }

  /** Closes the pooled connections (the gateway stopping). */
  close(): Promise<void> {
    return this.pool.close();
  }
}
