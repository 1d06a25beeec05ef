/**
 * Callers' access tokens: JWTs with `org` (organization id), `roles` and `exp`. HS256
 * with JWT_SECRET by default; RS256 with JWT_PUBLIC_KEY or a JWKS endpoint (JWKS_URL)
 * by configuration. `issueToken` is what `npm run token` uses.
 */
import { createRemoteJWKSet, importSPKI, jwtVerify, type KeyLike, SignJWT, type JWTVerifyGetKey } from 'jose';
import { config } from './config';
import { unauthenticated } from './errors';
import { type Identity, type Role, ROLES } from './identity';

function hmacSecret(): Uint8Array {
  return new TextEncoder().encode(config.jwtSecret());
}

let remoteKeys: { url: string; keys: JWTVerifyGetKey } | undefined;
let publicKeys: { pem: string; key: Promise<KeyLike> } | undefined;

async function verificationKey(): Promise<{ key: Uint8Array | KeyLike | JWTVerifyGetKey; algorithms: string[] }> {
  const jwksUrl = config.jwksUrl();
  if (jwksUrl) {
    if (remoteKeys?.url !== jwksUrl) remoteKeys = { url: jwksUrl, keys: createRemoteJWKSet(new URL(jwksUrl)) };
    return { key: remoteKeys.keys, algorithms: ['RS256'] };
  }
  const publicKey = config.jwtPublicKey();
  if (publicKey) {
    // Parsed once per key text, not per request.
    if (publicKeys?.pem !== publicKey) publicKeys = { pem: publicKey, key: importSPKI(publicKey, 'RS256') };
    return { key: await publicKeys.key, algorithms: ['RS256'] };
  }
  return { key: hmacSecret(), algorithms: ['HS256'] };
}

/** Verifies a caller's bearer token; throws UNAUTHENTICATED with the reason. */
export async function verifyAccessToken(token: string): Promise<Identity> {
  const { key, algorithms } = await verificationKey();
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key as Uint8Array, {
      algorithms,
      issuer: config.jwtIssuer(),
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw unauthenticated('the token has expired');
    throw unauthenticated('the token is not valid');
  }
  if (typeof payload.org !== 'string' || payload.org === '')
    throw unauthenticated('the token names no organization (claim "org")');
  const roles: unknown[] = Array.isArray(payload.roles) ? payload.roles : [];
  if (roles.length === 0 || !roles.every((r): r is Role => ROLES.includes(r as Role))) {
    throw unauthenticated(`the token's roles must be among: ${ROLES.join(', ')}`);
  }
  return { org: payload.org, roles, subject: String(payload.sub ?? payload.org) };
}

/** Signs a token with JWT_SECRET (HS256). */
export async function issueToken(
  identity: { org: string; roles: Role[]; subject?: string },
  ttlSeconds: number,
): Promise<string> {
  return new SignJWT({ org: identity.org, roles: identity.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.subject ?? identity.org)
    .setIssuer(config.jwtIssuer())
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(hmacSecret());
}
