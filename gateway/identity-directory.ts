/**
 * What the gateway judges callers' tokens by, beyond their signature: the organisations
 * that exist and the tokens revoked. Both live in the organizations subgraph (revocations
 * in PostgreSQL); every gateway replica reloads them every IDENTITY_REFRESH_SECONDS, so a
 * revocation holds everywhere within seconds and no request pays a round trip for it.
 * When a reload fails, the last lists stand; before the first one, tokens wait for it.
 * The personal access tokens valid come with the same reload, and each reload first
 * records when the tokens it accepted were last used (one request, not one per use).
 */
import type { OperationText } from '../lib/operation-text';
import { randomUUID } from 'node:crypto';
import { unauthenticated } from '../lib/errors';
import { isRole, type Role, signGatewayToken } from '../lib/identity';
import { callSubgraph } from '../lib/subgraph-call';
import { log } from '../lib/log';
import type { Settings } from '../lib/settings';
import type { Caller } from '../lib/tokens';
import { personalTokenHash } from '../lib/personal-tokens';
import { organizationsGraphql } from '../lib/organizations-gql';

const QUERY = organizationsGraphql(`
  query IdentityDirectory($since: String!) {
    identityDirectory(revokedSince: $since) {
      organizationIds
      revokedTokenIds
      personalTokens {
        id
        hash
        holder
        organizationId
        role
        expiresAt
      }
    }
  }
`).toString();
/** Least time between two loads prompted by unknown personal tokens. */
const RELOAD_GAP_MS = 250;
const BY_NAME = organizationsGraphql(`
  query OrganizationNamed($name: String!) {
    organizationByName(name: $name) {
      id
    }
  }
`).toString();
/** Most organisation names an ID token may give that are remembered (with the id they name, or none). */
const NAMES_KEPT = 1000;
const RECORD_USE = organizationsGraphql(`
  mutation RecordTokenUse($uses: [TokenUseInput!]!) {
    recordTokenUse(uses: $uses)
  }
`).toString();

interface PersonalGrant {
  id: string;
  hash: string;
  holder: string;
  organizationId: string;
  role: Role;
  expiresAt: string;
}

interface Lists {
  organizations: Set<string>;
  revoked: Set<string>;
  /** Personal tokens valid at the last reload, by their hash. */
  personal: Map<string, PersonalGrant>;
}

const sizes = (lists: Lists) => ({
  organizations: lists.organizations.size,
  revokedTokens: lists.revoked.size,
  personalTokens: lists.personal.size,
});

const sameKeys = (a: ReadonlySet<string> | ReadonlyMap<string, unknown>, b: ReadonlySet<string> | ReadonlyMap<string, unknown>) =>
  a.size === b.size && [...a.keys()].every((key) => b.has(key));

/** Whether a reload brought anything new: an organisation, a revocation or a personal token come or gone. */
function changed(a: Lists, b: Lists): boolean {
  return !sameKeys(a.organizations, b.organizations) || !sameKeys(a.revoked, b.revoked) || !sameKeys(a.personal, b.personal);
}

export class IdentityDirectory {
  private lists: Lists | null = null;
  private loading: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Personal tokens accepted since the last reload, and when: recorded with the next reload, not per request. */
  private used = new Map<string, string>();
  /** When the last load of the lists started (ms since the epoch). */
  private loadStartedAt = 0;

  constructor(
    private readonly organizationsUrl: string,
    private readonly settings: Pick<Settings, 'keys' | 'tokens'> & { refreshSeconds: number },
  ) {}

  /** Loads the lists now and then every IDENTITY_REFRESH_SECONDS. */
  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.settings.refreshSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reloads both lists; a failure keeps the previous ones (and is logged). */
  refresh(): Promise<void> {
    this.loading ??= this.load()
      .then((lists) => {
        const before = this.lists && sizes(this.lists);
        const after = sizes(lists);
        if (!before) log.info('organisations and tokens loaded', after);
        else if (changed(this.lists!, lists)) log.info('organisations and tokens reloaded: changed', { before, after });
        else log.debug('organisations and tokens reloaded: unchanged', after);
        this.lists = lists;
      })
      .catch((error: unknown) =>
        log.warn('could not reload organisations and revoked tokens', { error: String((error as Error)?.message ?? error) }),
      )
      .finally(() => (this.loading = null));
    return this.loading;
  }

  /** What each organisation name an ID token gave stands for (its id, or null: none). */
  private named = new Map<string, string | null>();

  /**
   * Throws UNAUTHENTICATED when the caller's organisation is unknown or its token revoked.
   * A sign-in provider's ID token may name the organisation as the hub's people do (its
   * name or a short name, e.g. 市法院), as `ipzone token --org` accepts: the caller then
   * stands for the organisation that name finds.
   */
  async check(caller: Caller): Promise<void> {
    if (!this.lists) await this.refresh();
    if (!this.lists)
      throw unauthenticated('tokens cannot be checked right now (organizations subgraph unavailable): retry shortly');
    if (this.lists.revoked.has(caller.tokenId)) throw unauthenticated('the token has been revoked');
    if (this.lists.organizations.has(caller.org)) return;
    const id = caller.tokenId.startsWith('oidc:') ? await this.organizationNamed(caller.org) : null;
    if (!id) throw unauthenticated(`the token's organization "${caller.org.slice(0, 80)}" does not exist`);
    caller.org = id;
  }

  private async organizationNamed(name: string): Promise<string | null> {
    if (!this.named.has(name)) {
      const data = await this.call(BY_NAME, { name }).catch(() => {
        throw unauthenticated('tokens cannot be checked right now (organizations subgraph unavailable): retry shortly');
      });
      if (this.named.size >= NAMES_KEPT) this.named.clear();
      this.named.set(name, data.organizationByName?.id ?? null);
    }
    return this.named.get(name) ?? null;
  }

  /**
   * The caller a personal token stands for: found by its hash among those valid at the
   * last reload, or at a reload it prompts when unknown (so a new one works at once and a
   * revoked one is refused within IDENTITY_REFRESH_SECONDS); its use is
   * noted for the next reload. Throws UNAUTHENTICATED otherwise.
   */
  async personal(token: string): Promise<Caller> {
    const arrived = Date.now();
    if (!this.lists) await this.refresh();
    if (!this.lists)
      throw unauthenticated('tokens cannot be checked right now (organizations subgraph unavailable): retry shortly');
    const hash = personalTokenHash(token);
    if (!this.lists.personal.has(hash)) await this.reloadSince(arrived);
    const grant = this.lists.personal.get(hash);
    if (!grant) throw unauthenticated('the personal token is not valid, has expired or has been revoked');
    if (Date.parse(grant.expiresAt) <= Date.now()) throw unauthenticated('the token has expired');
    this.used.set(grant.id, new Date().toISOString());
    return { org: grant.organizationId, roles: [grant.role], subject: grant.holder, tokenId: grant.id };
  }

  /** Sends the uses noted since the last reload; on failure they are kept for the next one. */
  private async flushUses(): Promise<void> {
    if (this.used.size === 0) return;
    const uses = [...this.used].map(([tokenId, at]) => ({ tokenId, at }));
    this.used = new Map();
    try {
      await this.call(RECORD_USE, { uses });
    } catch (error) {
      for (const { tokenId, at } of uses) if (!this.used.has(tokenId)) this.used.set(tokenId, at);
      throw error;
    }
  }

  private async call<T, V>(query: OperationText<T, V>, variables: V): Promise<T> {
    const gatewayToken = await signGatewayToken(this.settings.keys, null);
    const body = await callSubgraph(this.organizationsUrl, query, variables, {
      gatewayToken,
      requestId: `identity-directory-${randomUUID()}`,
    });
    if (!body.data || body.errors?.length) throw new Error(body.errors?.[0]?.message ?? `HTTP ${body.status}`);
    return body.data;
  }

  /**
   * Makes sure the lists were loaded by a load that started at or after `moment` (a token
   * issued since the last reload works at once). Loads follow each other at least
   * RELOAD_GAP_MS apart and never overlap, so unknown tokens cannot flood the directory.
   */
  private async reloadSince(moment: number): Promise<void> {
    await this.loading;
    if (this.loadStartedAt >= moment) return;
    const wait = this.loadStartedAt + RELOAD_GAP_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (this.loadStartedAt >= moment) return this.loading ?? undefined;
    await this.refresh();
  }

  private async load(): Promise<Lists> {
    this.loadStartedAt = Date.now();
    await this.flushUses().catch((error: unknown) =>
      log.warn('could not record the last use of personal tokens', { error: String((error as Error)?.message ?? error) }),
    );
    // A token can be no older than MAX_TOKEN_DAYS: older revocations name tokens that have expired anyway.
    const since = new Date(Date.now() - (this.settings.tokens.maxTokenDays + 1) * 86_400_000).toISOString();
    const { identityDirectory: directory } = await this.call(QUERY, { since });
    if (!directory) throw new Error('no identity directory');
    return {
      organizations: new Set(directory.organizationIds),
      revoked: new Set(directory.revokedTokenIds),
      // A grant of a role this gateway does not know grants nothing.
      personal: new Map(
        directory.personalTokens.flatMap(({ role, ...grant }) => (isRole(role) ? [[grant.hash, { ...grant, role }]] : [])),
      ),
    };
  }
}
