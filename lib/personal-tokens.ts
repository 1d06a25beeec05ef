/**
 * Personal access tokens: opaque random strings a coordinator issues to a named person
 * (`ipzpat_` + 32 random bytes, base64url). The hub keeps only their SHA-256; the
 * gateway recognises one by its prefix and finds its holder in the identity directory.
 */
import { createHash, randomBytes } from 'node:crypto';

const PERSONAL_TOKEN_PREFIX = 'ipzpat_';

export const isPersonalToken = (token: string): boolean => token.startsWith(PERSONAL_TOKEN_PREFIX);

export const personalTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export function newPersonalToken(): { token: string; hash: string } {
  const token = `${PERSONAL_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: personalTokenHash(token) };
}
