/** Callers' tokens: HS256 by default, RS256 with a public key by configuration. */
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { issueToken, verifyAccessToken } from '../../lib/tokens';

afterEach(() => {
  delete process.env.JWT_PUBLIC_KEY;
});

it('verifies the tokens `npm run token` issues, with org, roles and subject', async () => {
  const token = await issueToken({ org: 'court', roles: ['reporter'], subject: '张法官' }, 60);
  await expect(verifyAccessToken(token)).resolves.toEqual({ org: 'court', roles: ['reporter'], subject: '张法官' });
});

it.each([
  ['no org', { roles: ['reporter'] }, 'names no organization'],
  ['no roles', { org: 'court', roles: [] }, 'roles'],
  ['an unknown role', { org: 'court', roles: ['root'] }, 'roles'],
])('refuses a token with %s', async (_what, claims, message) => {
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('ipzone-hub')
    .setExpirationTime('1m')
    .sign(new TextEncoder().encode('ipzone-dev-jwt-secret-change-me'));
  await expect(verifyAccessToken(token)).rejects.toThrow(message);
});

it('refuses a token without an expiry, or from another issuer', async () => {
  const secret = new TextEncoder().encode('ipzone-dev-jwt-secret-change-me');
  const noExp = await new SignJWT({ org: 'court', roles: ['reporter'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('ipzone-hub')
    .sign(secret);
  await expect(verifyAccessToken(noExp)).rejects.toThrow('not valid');
  const other = await new SignJWT({ org: 'court', roles: ['reporter'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('someone-else')
    .setExpirationTime('1m')
    .sign(secret);
  await expect(verifyAccessToken(other)).rejects.toThrow('not valid');
});

it('verifies RS256 tokens against JWT_PUBLIC_KEY, and then refuses HS256 ones', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  process.env.JWT_PUBLIC_KEY = await exportSPKI(publicKey);
  const rs = await new SignJWT({ org: 'customs', roles: ['reporter'] })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer('ipzone-hub')
    .setSubject('customs-feed')
    .setExpirationTime('5m')
    .sign(privateKey);
  await expect(verifyAccessToken(rs)).resolves.toEqual({ org: 'customs', roles: ['reporter'], subject: 'customs-feed' });
  const hs = await issueToken({ org: 'customs', roles: ['admin'] }, 60);
  await expect(verifyAccessToken(hs)).rejects.toThrow('not valid');
});
