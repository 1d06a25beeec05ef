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

let discovered: { issuer: string; metadata: Promise<OidcMetadata>; keys?: JWTVerifyGetKey } | undefined;

/** The provider's discovery document (cached per issuer; a failure is retried at the next call). */
export function oidcMetadata(issuer: string): Promise<OidcMetadata> {
  if (discovered?.issuer !== issuer) {
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const metadata = fetch(url, { signal: AbortSignal.timeout(5000) }).then(async (response) => {
      if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
      const body = (await response.json()) as OidcMetadata;
      if (body.issuer !== issuer) throw new Error(`${url} names another issuer: ${body.issuer}`);
      return body;
    });
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
