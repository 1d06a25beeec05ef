/**
 * Identity you can trust and take back: tokens name a known organisation, live at most
 * MAX_TOKEN_DAYS, carry a jti an admin or coordinator can revoke, and nothing published
 * signs them.
 */
import { SignJWT } from 'jose';
import { config } from '../../lib/config';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const started = useHubAndDatabase();
const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created rejected } }`;
const FIGURES = `query { figures(indicator: "ip-protection-workstations") { value organization { name } } }`;
const written = async () =>
  (await started.db().query('SELECT count(*)::int AS n FROM indicators.figure_revision')).rows[0].n as number;

describe('a token must name an organisation the hub knows', () => {
  it('a signed token for org "no-such-org" is refused (401 UNAUTHENTICATED), nothing lands, and reads stay whole', async () => {
    const before = await written();
    const res = await graphql(
      started.url(),
      PUSH,
      { input: { figures: [{ indicator: 'ip-protection-workstations', period: '2025', value: 7 }] } },
      await bearer('no-such-org', ['coordinator']),
    );
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].message).toContain('no-such-org');
    expect(await written()).toBe(before);
    const read = await graphql(started.url(), FIGURES);
    expect(read.errors).toBeUndefined();
    expect(read.data).not.toBeNull();
  });
});

describe('a token lives at most MAX_TOKEN_DAYS', () => {
  it('a correctly signed token valid for 100 years is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ org: 'amr', roles: ['reporter'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(config.jwtIssuer())
      .setSubject('amr-forever')
      .setJti('forever-1')
      .setIssuedAt(now)
      .setExpirationTime(now + 100 * 365 * 86400)
      .sign(new TextEncoder().encode(config.jwtSecret()));
    const res = await graphql(started.url(), FIGURES, {}, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].message).toMatch(/MAX_TOKEN_DAYS|lifetime/);
  });
});
