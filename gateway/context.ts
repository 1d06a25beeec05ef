/** The gateway's per-request context: the caller's verified identity, if any. */
import type { IncomingMessage } from 'node:http';
import { config } from '../lib/config';
import { unauthenticated } from '../lib/errors';
import { type HubContext, signGatewayToken } from '../lib/identity';
import { verifyAccessToken } from '../lib/tokens';

export interface GatewayContext extends HubContext {
  /** The token forwarded to the subgraphs (signed once per identity and half-minute). */
  gatewayToken: () => Promise<string>;
}

export async function gatewayContext(req: IncomingMessage, requestId: string): Promise<GatewayContext> {
  const header = req.headers.authorization;
  let identity = null;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
    identity = await verifyAccessToken(match[1]);
  } else if (config.readsRequireToken()) {
    throw unauthenticated('this hub needs a token for every request (Authorization: Bearer …)');
  }
  return {
    identity,
    requestId,
    gatewayToken: () => signGatewayToken(identity),
  };
}
