/**
 * What the gateway judges callers' tokens by, beyond their signature: the organisations
 * that exist and the tokens revoked. Both live in the organizations subgraph (revocations
 * in PostgreSQL); every gateway replica reloads them every IDENTITY_REFRESH_SECONDS, so a
 * revocation holds everywhere within seconds and no request pays a round trip for it.
 * When a reload fails, the last lists stand; before the first one, tokens wait for it.
 */
import { randomUUID } from 'node:crypto';
import { config } from '../lib/config';
import { unauthenticated } from '../lib/errors';
import { GATEWAY_TOKEN_HEADER, REQUEST_ID_HEADER, signGatewayToken } from '../lib/identity';
import { log } from '../lib/log';
import type { Caller } from '../lib/tokens';

const QUERY = `query IdentityDirectory($since: String!) { identityDirectory(revokedSince: $since) { organizationIds revokedTokenIds } }`;

interface Lists {
  organizations: Set<string>;
  revoked: Set<string>;
}

export class IdentityDirectory {
  private lists: Lists | null = null;
  private loading: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly organizationsUrl: string) {}

  /** Loads the lists now and then every IDENTITY_REFRESH_SECONDS. */
  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), config.identityRefreshSeconds() * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reloads both lists; a failure keeps the previous ones (and is logged). */
  refresh(): Promise<void> {
    this.loading ??= this.load()
      .then((lists) => void (this.lists = lists))
      .catch((error: unknown) =>
        log.warn('could not reload organisations and revoked tokens', { error: String((error as Error)?.message ?? error) }),
      )
      .finally(() => (this.loading = null));
    return this.loading;
  }

  /** Throws UNAUTHENTICATED when the caller's organisation is unknown or its token revoked. */
  async check(caller: Caller): Promise<void> {
    if (!this.lists) await this.refresh();
    if (!this.lists)
      throw unauthenticated('tokens cannot be checked right now (organizations subgraph unavailable): retry shortly');
    if (this.lists.revoked.has(caller.tokenId)) throw unauthenticated('the token has been revoked');
    if (!this.lists.organizations.has(caller.org))
      throw unauthenticated(`the token's organization "${caller.org.slice(0, 80)}" does not exist`);
  }

  private async load(): Promise<Lists> {
    // A token can be no older than MAX_TOKEN_DAYS: older revocations name tokens that have expired anyway.
    const since = new Date(Date.now() - (config.maxTokenDays() + 1) * 86_400_000).toISOString();
    const response = await fetch(this.organizationsUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [GATEWAY_TOKEN_HEADER]: await signGatewayToken(null),
        [REQUEST_ID_HEADER]: `identity-directory-${randomUUID()}`,
      },
      body: JSON.stringify({ query: QUERY, variables: { since } }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as {
      data?: { identityDirectory: { organizationIds: string[]; revokedTokenIds: string[] } | null };
      errors?: Array<{ message: string }>;
    };
    const directory = body.data?.identityDirectory;
    if (!directory) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
    return {
      organizations: new Set(directory.organizationIds),
      revoked: new Set(directory.revokedTokenIds),
    };
  }
}
