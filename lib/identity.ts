/**
 * Who is asking. The gateway verifies the caller's token and forwards the identity to
 * the subgraphs inside a short-lived token it signs with its Ed25519 private key (EdDSA).
 * Subgraphs hold only the public key: they can check a forwarded identity but cannot make
 * one, and a caller who reaches a subgraph directly cannot forge one either. Subgraphs
 * refuse any request that does not carry a valid gateway token.
 */
import { createPrivateKey, createPublicKey, type JsonWebKeyInput, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { AuthChecker } from 'type-graphql';
import { compositeKey } from './collections';
import { ErrorCode, forbidden, hubError, unauthenticated } from './errors';
import type { IdentityKeys } from './settings';

export const ROLES = ['reporter', 'approver', 'analyst', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** Whether a text names one of the hub's roles. */
export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);
/** The roles that may write figures (pushFigures, and the uploads that push through it). */
export const FIGURE_WRITERS = ['reporter', 'coordinator', 'admin'] as const satisfies readonly Role[];

export interface Identity {
  /** Organization id the caller acts for. */
  org: string;
  roles: Role[];
  /** Subject of the caller's token (a person or a system), for the audit trail. */
  subject: string;
}

/** Header carrying the gateway-signed identity to the subgraphs. */
export const GATEWAY_TOKEN_HEADER = 'x-hub-gateway-token';
export const REQUEST_ID_HEADER = 'x-request-id';

const ISSUER = 'ipzone-gateway';
const AUDIENCE = 'ipzone-subgraphs';
const ALGORITHM = 'EdDSA';

/** A key given as PEM or as a JWK (one line of JSON, handy in environment files). */
function keyInput(text: string): string | JsonWebKeyInput {
  const trimmed = text.trim();
  return trimmed.startsWith('{') ? { key: JSON.parse(trimmed) as JsonWebKeyInput['key'], format: 'jwk' } : trimmed;
}

function ed25519(key: KeyObject, name: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${name} must be an Ed25519 key`);
  return key;
}

const keys = new Map<string, KeyObject>();
function cachedKey(text: string, make: () => KeyObject): KeyObject {
  let key = keys.get(text);
  if (!key) keys.set(text, (key = make()));
  return key;
}

/** The gateway's signing key (the gateway alone needs it). */
export function gatewaySigningKey(keys: IdentityKeys): KeyObject {
  const text = keys.gatewayPrivateKey();
  return cachedKey(text, () => ed25519(createPrivateKey(keyInput(text)), 'GATEWAY_PRIVATE_KEY'));
}

/** The public key subgraphs verify forwarded identities with. */
export function gatewayVerifyKey(keys: IdentityKeys): KeyObject {
  const text = keys.gatewayPublicKey();
  if (text !== undefined) return cachedKey(text, () => ed25519(createPublicKey(keyInput(text)), 'GATEWAY_PUBLIC_KEY'));
  const signing = gatewaySigningKey(keys);
  return cachedKey(`public:${keys.gatewayPrivateKey()}`, () => createPublicKey(signing));
}

const TOKEN_SECONDS = 60;
/** Tokens signed and verified, remembered per key (a process may hold several hubs, as tests do). */
const signedBy = new WeakMap<KeyObject, Map<string, { token: Promise<string>; until: number }>>();
const verifiedBy = new WeakMap<KeyObject, Map<string, { identity: Identity | null; exp: number }>>();
function memory<T>(by: WeakMap<KeyObject, Map<string, T>>, key: KeyObject): Map<string, T> {
  let map = by.get(key);
  if (!map) by.set(key, (map = new Map()));
  if (map.size > 1000) map.clear();
  return map;
}

/**
 * The gateway's token for an identity (or for an anonymous reader), valid 60 s and reused
 * for 30: signing once per identity and half-minute, not once per request. The request id
 * travels beside it, in the x-request-id header.
 */
export function signGatewayToken(keys: IdentityKeys, identity: Identity | null): Promise<string> {
  let signingKey: KeyObject;
  try {
    signingKey = gatewaySigningKey(keys);
  } catch (error) {
    return Promise.reject(error);
  }
  const signed = memory(signedBy, signingKey);
  const key = identity ? compositeKey(identity.org, identity.roles.join(','), identity.subject) : '';
  const now = Date.now();
  const cached = signed.get(key);
  if (cached && cached.until > now) return cached.token;
  const token = new SignJWT(identity ? { org: identity.org, roles: identity.roles, sub: identity.subject } : {})
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_SECONDS}s`)
    .sign(signingKey);
  signed.set(key, { token, until: now + (TOKEN_SECONDS / 2) * 1000 });
  return token;
}

/** Verify the gateway token a subgraph request carries (verified tokens are remembered until they expire); throws UNAUTHENTICATED. */
export async function verifyGatewayToken(keys: IdentityKeys, token: string | undefined): Promise<Identity | null> {
  if (!token) throw unauthenticated('this service answers only requests that come through the gateway');
  const verifyKey = gatewayVerifyKey(keys);
  const verified = memory(verifiedBy, verifyKey);
  const now = Date.now() / 1000;
  const known = verified.get(token);
  if (known && known.exp > now) return known.identity;
  try {
    const { payload } = await jwtVerify(token, verifyKey, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [ALGORITHM],
      requiredClaims: ['exp'],
    });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    const identity =
      typeof payload.org === 'string' ? { org: payload.org, roles, subject: String(payload.sub ?? payload.org) } : null;
    verified.set(token, { identity, exp: payload.exp! });
    return identity;
  } catch {
    throw unauthenticated('the gateway token is invalid or expired');
  }
}

export interface HubContext {
  identity: Identity | null;
  requestId: string;
}

export function hasRole(identity: Identity | null, ...roles: Role[]): boolean {
  return identity !== null && roles.some((role) => identity.roles.includes(role));
}

/** type-graphql's @Authorized check: a token is needed, and one of the listed roles if any. */
export const authChecker: AuthChecker<HubContext, Role> = ({ context }, roles) => {
  if (!context.identity) throw unauthenticated('this operation needs a token (Authorization: Bearer …)');
  if (roles.length > 0 && !hasRole(context.identity, ...roles)) {
    throw forbidden(`this operation needs one of the roles: ${roles.join(', ')}`);
  }
  return true;
};

export function requireIdentity(context: HubContext): Identity {
  if (!context.identity) throw hubError(ErrorCode.UNAUTHENTICATED, 'this operation needs a token (Authorization: Bearer …)');
  return context.identity;
}
