/**
 * The OpenID Connect provider people sign in with on /report (OIDC_ISSUER, OIDC_CLIENT_ID):
 * its endpoints, read once from its discovery document, and its signing keys (JWKS). ID
 * tokens it signs (RS256) are callers' tokens like any other: `org` and `roles` claims
 * say who they act for.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

export interface OidcMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  /** Where a relying party ends the person's session at the provider (RP-initiated logout), when it offers that. */
  end_session_endpoint?: string;
}

/**
 * Why the provider could not be asked, in words a person may read (no addresses, no
 * quoted answers): `unreachable`, it did not answer in time, could not be connected to, or
 * answered with a server error or not in JSON; `misconfigured`, its discovery document is
 * missing or names another issuer, so OIDC_ISSUER does not fit it.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';

  constructor(
    readonly kind: 'unreachable' | 'misconfigured',
    message: string,
  ) {
    super(message);
  }
}

/** A request aborted by its time limit (a DOMException, of whichever realm made it: tested by name). */
const timedOut = (error: unknown): boolean => {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
};

/** Why a request to the provider failed, as a ProviderError (one already is: as it is). */
export function providerProblem(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (timedOut(error)) return new ProviderError('unreachable', 'it did not answer in time');
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  return new ProviderError('unreachable', typeof code === 'string' && /^E[A-Z_]+$/.test(code) ? code : 'no connection');
}

/** The body of a provider's answer as JSON (an object), or a ProviderError: a server error, or not JSON. */
export async function providerJson(response: Response): Promise<Record<string, unknown>> {
  const body: unknown = await response.json().catch((error: unknown) => {
    if (timedOut(error)) throw providerProblem(error);
    return null;
  });
  const json = body !== null && typeof body === 'object';
  if (response.status >= 500 || !json)
    throw new ProviderError('unreachable', `it answered HTTP ${response.status}${json ? '' : ', not in JSON'}`);
  return body as Record<string, unknown>;
}

let discovered: { issuer: string; metadata: Promise<OidcMetadata>; keys?: JWTVerifyGetKey } | undefined;

/** The provider's discovery document (cached per issuer; a failure, a ProviderError, is retried at the next call). */
export function oidcMetadata(issuer: string): Promise<OidcMetadata> {
  if (discovered?.issuer !== issuer) {
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const metadata = fetch(url, { signal: AbortSignal.timeout(5000) }).then(
      async (response) => {
        if (response.status >= 400 && response.status < 500)
          throw new ProviderError('misconfigured', `its discovery document answered HTTP ${response.status}`);
        const body = (await providerJson(response)) as unknown as OidcMetadata;
        if (body.issuer !== issuer) throw new ProviderError('misconfigured', 'its discovery document names another issuer');
        return body;
      },
      (error: unknown) => {
        throw providerProblem(error);
      },
    );
    discovered = { issuer, metadata };
    metadata.catch(() => {
      if (discovered?.metadata === metadata) discovered = undefined;
    });
  }
  return discovered.metadata;
}

/** The provider's signing keys, from its jwks_uri. */
export async function oidcKeys(issuer: string): Promise<JWTVerifyGetKey> {
  const metadata = await oidcMetadata(issuer);
  if (discovered && discovered.issuer === issuer && !discovered.keys)
    discovered.keys = createRemoteJWKSet(new URL(metadata.jwks_uri));
  return discovered?.keys ?? createRemoteJWKSet(new URL(metadata.jwks_uri));
}
