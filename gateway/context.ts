/** The gateway's per-request context: the caller's verified identity, if any. */
import type { IncomingMessage } from 'node:http';
import { unauthenticated } from '../lib/errors';
import { type HubContext, type Identity, signGatewayToken } from '../lib/identity';
import { isPersonalToken } from '../lib/personal-tokens';
import type { Settings } from '../lib/settings';
import { verifyAccessToken } from '../lib/tokens';
import type { IdentityDirectory } from './identity-directory';

export interface GatewayContext extends HubContext {
  /** The token forwarded to the subgraphs (signed once per identity and half-minute). */
  gatewayToken: () => Promise<string>;
}

/**
 * Builds each request's context: a bearer token must be signed, within MAX_TOKEN_DAYS,
 * not revoked, and name an organisation that exists (the directory's lists).
 */
export function gatewayContext(directory: IdentityDirectory, settings: Settings) {
  return async (req: IncomingMessage, requestId: string): Promise<GatewayContext> => {
    const header = req.headers.authorization;
    let identity: Identity | null = null;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
      const token = match[1];
      const caller = isPersonalToken(token) ? await directory.personal(token) : await verifyAccessToken(token, settings.tokens);
      await directory.check(caller);
      identity = { org: caller.org, roles: caller.roles, subject: caller.subject };
    } else if (settings.gateway.readsRequireToken) {
      throw unauthenticated('this hub needs a token for every request (Authorization: Bearer …)');
    }
    return {
      identity,
      requestId,
      gatewayToken: () => signGatewayToken(settings.keys, identity),
    };
  };
}
