/** Callers' tokens: HS256 by default, RS256 with a public key by configuration. */
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { settingsWith, type TokenSettings } from '../../lib/settings';
import { issueToken as issue, verifyAccessToken as verify } from '../../lib/tokens';

/** The token settings of a hub configured with `changes` (the test environment's otherwise). */
const tokenSettings = (changes: Record<string, string> = {}): TokenSettings => settingsWith(changes).tokens;
const settings = tokenSettings();
const secret = () => new TextEncoder().encode(settings.jwtSecret());
const issueToken = (identity: Parameters<typeof issue>[1], ttl: number) => issue(settings, identity, ttl);
const verifyAccessToken = (token: string) => verify(token, settings);

it('verifies the tokens `npm run token` issues, with org, roles and subject', async () => {
  const token = await issueToken({ org: 'court', roles: ['reporter'], subject: '张法官' }, 60);
  await expect(verifyAccessToken(token)).resolves.toEqual({
    org: 'court',
    roles: ['reporter'],
    subject: '张法官',
    tokenId: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
});

it.each([
  ['no org', { roles: ['reporter'] }, 'names no organization'],
  ['no roles', { org: 'court', roles: [] }, 'roles'],
  ['an unknown role', { org: 'court', roles: ['root'] }, 'roles'],
])('refuses a token with %s', async (_what, claims, message) => {
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('ipzone-hub')
    .setJti('t-1')
    .setIssuedAt()
    .setExpirationTime('1m')
    .sign(secret());
  await expect(verifyAccessToken(token)).rejects.toThrow(message);
});

it('refuses a token without an expiry, or from another issuer', async () => {
  const noExp = await new SignJWT({ org: 'court', roles: ['reporter'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('ipzone-hub')
    .setJti('t-2')
    .setIssuedAt()
    .sign(secret());
  await expect(verifyAccessToken(noExp)).rejects.toThrow('not valid');
  const other = await new SignJWT({ org: 'court', roles: ['reporter'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('someone-else')
    .setJti('t-3')
    .setIssuedAt()
    .setExpirationTime('1m')
    .sign(secret());
  await expect(verifyAccessToken(other)).rejects.toThrow('not valid');
});

it('verifies RS256 tokens against JWT_PUBLIC_KEY, and then refuses HS256 ones', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const rsa = tokenSettings({ JWT_PUBLIC_KEY: await exportSPKI(publicKey) });
  const rs = await new SignJWT({ org: 'customs', roles: ['reporter'] })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer('ipzone-hub')
    .setSubject('customs-feed')
    .setJti('customs-feed-1')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
  await expect(verify(rs, rsa)).resolves.toEqual({
    org: 'customs',
    roles: ['reporter'],
    subject: 'customs-feed',
    tokenId: 'customs-feed-1',
  });
  const hs = await issueToken({ org: 'customs', roles: ['admin'] }, 60);
  await expect(verifyAccessToken(hs)).resolves.toMatchObject({ org: 'customs' });
  await expect(verify(hs, rsa)).rejects.toThrow('not valid');
});

describe('lifetime and id', () => {
  const sign = (claims: { iat?: number; exp?: number; jti?: string }) => {
    const jwt = new SignJWT({ org: 'court', roles: ['reporter'] }).setProtectedHeader({ alg: 'HS256' }).setIssuer('ipzone-hub');
    if (claims.jti !== undefined) jwt.setJti(claims.jti);
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(secret());
  };
  const now = () => Math.floor(Date.now() / 1000);
  const max = () => settings.maxTokenDays * 86400;

  it('refuses a token living longer than MAX_TOKEN_DAYS, however its issue time is set', async () => {
    await expect(verifyAccessToken(await sign({ jti: 'a', iat: now(), exp: now() + max() + 60 }))).rejects.toThrow(
      'MAX_TOKEN_DAYS',
    );
    // An issue time in the future buys no extra life.
    const later = now() + 30 * 86400;
    await expect(verifyAccessToken(await sign({ jti: 'b', iat: later, exp: later + max() - 60 }))).rejects.toThrow(
      'MAX_TOKEN_DAYS',
    );
    await expect(verifyAccessToken(await sign({ jti: 'c', iat: now(), exp: now() + max() - 60 }))).resolves.toMatchObject({
      tokenId: 'c',
    });
  });

  it('refuses a token without a jti or an issue time', async () => {
    await expect(verifyAccessToken(await sign({ iat: now(), exp: now() + 60 }))).rejects.toThrow('"jti"');
    await expect(verifyAccessToken(await sign({ jti: 'd', exp: now() + 60 }))).rejects.toThrow('"iat"');
  });

  it('MAX_TOKEN_DAYS bounds what issueToken signs, and can be set', async () => {
    await expect(issueToken({ org: 'court', roles: ['reporter'] }, max() + 1)).rejects.toThrow('MAX_TOKEN_DAYS');
    const oneDay = tokenSettings({ MAX_TOKEN_DAYS: '1' });
    const token = await sign({ jti: 'e', iat: now(), exp: now() + 2 * 86400 });
    await expect(verifyAccessToken(token)).resolves.toMatchObject({ tokenId: 'e' });
    await expect(verify(token, oneDay)).rejects.toThrow('MAX_TOKEN_DAYS (1 days)');
  });
});
