/**
 * Callers' access tokens: JWTs with `org` (organization id), `roles`, `jti` (the id a
 * revocation names), `iat` and `exp`, living at most MAX_TOKEN_DAYS. HS256 with
 * JWT_SECRET by default; RS256 with JWT_PUBLIC_KEY or a JWKS endpoint (JWKS_URL) by
 * configuration; ID tokens of the OpenID Connect provider (OIDC_ISSUER) by its keys, with
 * the reporting page's client id as audience. `issueToken` is what `npm run token` uses. Whether the organisation
 * exists and the token is revoked, the gateway checks (gateway/identity-directory.ts).
 */
import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, importSPKI, jwtVerify, type KeyLike, SignJWT, type JWTVerifyGetKey } from 'jose';
import { unauthenticated } from './errors';
import { oidcKeys } from './oidc';
import { type Identity, type Role, ROLES } from './identity';
import type { TokenSettings } from './settings';
import { TEXT_LIMITS, tooLong } from './text';

function hmacSecret(settings: TokenSettings): Uint8Array {
  return new TextEncoder().encode(settings.jwtSecret());
}

let remoteKeys: { url: string; keys: JWTVerifyGetKey } | undefined;
let publicKeys: { pem: string; key: Promise<KeyLike> } | undefined;

async function verificationKey(
  settings: TokenSettings,
): Promise<{ key: Uint8Array | KeyLike | JWTVerifyGetKey; algorithms: string[] }> {
  const { jwksUrl } = settings;
  if (jwksUrl) {
    if (remoteKeys?.url !== jwksUrl) remoteKeys = { url: jwksUrl, keys: createRemoteJWKSet(new URL(jwksUrl)) };
    return { key: remoteKeys.keys, algorithms: ['RS256'] };
  }
  const publicKey = settings.jwtPublicKey;
  if (publicKey) {
    // Parsed once per key text, not per request.
    if (publicKeys?.pem !== publicKey) publicKeys = { pem: publicKey, key: importSPKI(publicKey, 'RS256') };
    return { key: await publicKeys.key, algorithms: ['RS256'] };
  }
  return { key: hmacSecret(settings), algorithms: ['HS256'] };
}

/** A verified caller: the identity and the id of the token it came with. */
export interface Caller extends Identity {
  /** The token's `jti`: what a revocation names. */
  tokenId: string;
}

const DAY = 86_400;

function refusal(error: unknown): Error {
  const { code, claim, reason } = error as { code?: string; claim?: string; reason?: string };
  if (code === 'ERR_JWT_EXPIRED') return unauthenticated('the token has expired');
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && reason === 'missing')
    return unauthenticated(`the token is not valid: it carries no "${claim}" claim`);
  return unauthenticated('the token is not valid');
}

/** The issuer a token names, unverified (which keys to check it with), or null when it is no JWT. */
function claimedIssuer(token: string): string | null {
  try {
    return decodeJwt(token).iss ?? null;
  } catch {
    return null;
  }
}

/** How a token is verified: the OIDC provider's ID tokens by its keys and the page's client id, others as configured. */
async function verification(token: string, settings: TokenSettings) {
  const { oidc } = settings;
  if (oidc && claimedIssuer(token) === oidc.issuer) {
    return {
      key: await oidcKeys(oidc.issuer).catch(() => {
        throw unauthenticated('the sign-in provider cannot be reached to check the token: retry shortly');
      }),
      options: { algorithms: ['RS256'], issuer: oidc.issuer, audience: oidc.clientId, requiredClaims: ['exp', 'iat', 'sub'] },
      claims: { org: oidc.orgClaim, roles: oidc.rolesClaim, provider: true },
    };
  }
  const { key, algorithms } = await verificationKey(settings);
  return {
    key,
    options: { algorithms, issuer: settings.issuer, requiredClaims: ['exp', 'iat', 'jti'] },
    claims: { org: 'org', roles: 'roles', provider: false },
  };
}

/** Verifies a caller's bearer token; throws UNAUTHENTICATED with the reason. */
export async function verifyAccessToken(token: string, settings: TokenSettings): Promise<Caller> {
  const { key, options, claims } = await verification(token, settings);
  const maxDays = settings.maxTokenDays;
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key as Uint8Array, options));
  } catch (error) {
    throw refusal(error);
  }
  // An ID token has no jti: its subject and issue time name it (what a revocation takes).
  if (payload.jti === undefined && options.issuer !== settings.issuer) payload.jti = `oidc:${payload.sub}:${payload.iat}`;
  // Both bounds: from its issue, and from now (an issue time in the future buys nothing).
  if (payload.exp! - Math.min(payload.iat, Date.now() / 1000) > maxDays * DAY)
    throw unauthenticated(`the token's lifetime is longer than MAX_TOKEN_DAYS (${maxDays} days)`);
  if (typeof payload.jti !== 'string' || payload.jti === '' || tooLong(payload.jti, 'tokenId'))
    throw unauthenticated(`the token is not valid: its "jti" must be text of 1 to ${TEXT_LIMITS.tokenId} characters`);
  // An ID token without the hub's claims is the provider's configuration, not the person's doing: say where to look.
  const provider = (claim: string, setting: string) =>
    claims.provider
      ? ` The sign-in provider released no "${claim}" claim: have it release the claim (under a scope listed in OIDC_SCOPES), or name the claim it uses in ${setting}.`
      : '';
  const org = payload[claims.org];
  if (typeof org !== 'string' || org === '')
    throw unauthenticated(`the token names no organization (claim "${claims.org}").${provider(claims.org, 'OIDC_ORG_CLAIM')}`);
  const claimed = payload[claims.roles];
  const roles: unknown[] = Array.isArray(claimed) ? claimed : [];
  if (roles.length === 0 || !roles.every((r): r is Role => ROLES.includes(r as Role))) {
    throw unauthenticated(
      `the token's roles (claim "${claims.roles}") must be among: ${ROLES.join(', ')}.${provider(claims.roles, 'OIDC_ROLES_CLAIM')}`,
    );
  }
  return { org, roles, subject: String(payload.sub ?? org), tokenId: payload.jti };
}

/** Signs a token with JWT_SECRET (HS256), with a fresh jti; at most MAX_TOKEN_DAYS long. */
export async function issueToken(
  settings: TokenSettings,
  identity: { org: string; roles: Role[]; subject?: string },
  ttlSeconds: number,
): Promise<string> {
  if (ttlSeconds > settings.maxTokenDays * DAY)
    throw new Error(`a token lives at most MAX_TOKEN_DAYS (${settings.maxTokenDays} days)`);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ org: identity.org, roles: identity.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject ?? identity.org)
    .setIssuer(settings.issuer)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(hmacSecret(settings));
}
