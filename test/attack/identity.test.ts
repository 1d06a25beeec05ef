/**
 * Identity you can trust and take back: tokens name a known organisation, live at most
 * MAX_TOKEN_DAYS, carry a jti an admin or coordinator can revoke, and nothing published
 * signs them.
 */
import { statSync } from 'node:fs';
import { decodeJwt, SignJWT } from 'jose';
import { issueToken } from '../../lib/tokens';
import { bearer, graphql, testSettings, useHubAndDatabase } from '../support/hub';
import { type ServiceProcess, spawnService } from '../support/processes';

// Gateways reload organisations and revocations every second here (5 s by default).
const REFRESH = { IDENTITY_REFRESH_SECONDS: '1' };
const started = useHubAndDatabase({ env: REFRESH });
const settings = testSettings();
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
      .setIssuer(settings.tokens.issuer)
      .setSubject('amr-forever')
      .setJti('forever-1')
      .setIssuedAt(now)
      .setExpirationTime(now + 100 * 365 * 86400)
      .sign(new TextEncoder().encode(settings.tokens.jwtSecret()));
    const res = await graphql(started.url(), FIGURES, {}, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0].message).toMatch(/MAX_TOKEN_DAYS|lifetime/);
  });
});

describe('an admin or coordinator takes a token back, and every gateway refuses it within seconds', () => {
  let second: ServiceProcess;
  beforeAll(async () => {
    const { subgraphs } = started.hub();
    second = await spawnService('gateway', {
      ...REFRESH,
      GATEWAY_PORT: '0',
      ORGANIZATIONS_URL: subgraphs.organizations.url,
      TASKS_URL: subgraphs.tasks.url,
      INDICATORS_URL: subgraphs.indicators.url,
    });
  });
  afterAll(() => second?.stop());

  const REVOKE = `mutation($id: String!, $reason: String) { revokeToken(tokenId: $id, reason: $reason) {
    tokenId reason revokedBy revokedAt revokedByOrganization { id } } }`;
  const ME = '{ organization(id: "court") { name } }';

  it('a reporter may not revoke; a coordinator may, and both gateways refuse the token within 3 s', async () => {
    const token = await issueToken(settings.tokens, { org: 'court', roles: ['reporter'], subject: 'leaked-laptop' }, 3600);
    const leaked = { authorization: `Bearer ${token}` };
    const tokenId = decodeJwt(token).jti as string;
    for (const url of [started.url(), second.url]) expect((await graphql(url, ME, {}, leaked)).status).toBe(200);

    const denied = await graphql(started.url(), REVOKE, { id: tokenId }, await bearer('court', ['reporter']));
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const revoked = await graphql(started.url(), REVOKE, { id: tokenId, reason: '遗失' }, await bearer('amr', ['coordinator']));
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeToken).toMatchObject({ tokenId, reason: '遗失', revokedByOrganization: { id: 'amr' } });
    const at = Date.now();

    for (const url of [started.url(), second.url]) {
      let res = await graphql(url, ME, {}, leaked);
      while (res.status !== 401 && Date.now() - at < 3000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        res = await graphql(url, ME, {}, leaked);
      }
      expect({ url, status: res.status, code: res.errors?.[0].extensions?.code }).toEqual({
        url,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
      expect(res.errors?.[0].message).toContain('revoked');
    }
    // Another token of the same organisation is untouched; revoking twice keeps the first record.
    expect((await graphql(second.url, ME, {}, await bearer('court', ['reporter']))).status).toBe(200);
    const again = await graphql(second.url, REVOKE, { id: tokenId, reason: 'again' }, await bearer('amr', ['admin']));
    expect(again.data!.revokeToken).toMatchObject({ reason: '遗失', revokedAt: revoked.data!.revokeToken.revokedAt });
    const audit = await graphql(started.url(), '{ tokenRevocations { tokenId revokedBy } }', {}, await bearer('amr', ['admin']));
    expect(audit.data!.tokenRevocations).toContainEqual({ tokenId, revokedBy: 'amr-coordinator@test' });
    expect(
      (await started.db().query('SELECT count(*)::int AS n FROM org.token_revocation WHERE jti = $1', [tokenId])).rows[0].n,
    ).toBe(1);
  });

  it('an empty or oversized token id is BAD_USER_INPUT and records nothing', async () => {
    const before = (await started.db().query('SELECT count(*)::int AS n FROM org.token_revocation')).rows[0].n;
    for (const id of [' ', 'x'.repeat(201)]) {
      const res = await graphql(started.url(), REVOKE, { id }, await bearer('amr', ['admin']));
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await started.db().query('SELECT count(*)::int AS n FROM org.token_revocation')).rows[0].n).toBe(before);
  });
});

describe('fields between subgraphs are not on the public API', () => {
  it.each([
    ['organizationsByReference', '{ organizationsByReference(references: ["amr"]) { reference id } }'],
    ['identityDirectory', '{ identityDirectory(revokedSince: "2020-01-01T00:00:00Z") { organizationIds revokedTokenIds } }'],
  ])('%s is refused through the gateway (GRAPHQL_VALIDATION_FAILED)', async (_name, query) => {
    const res = await graphql(started.url(), query, {}, await bearer('amr', ['admin']));
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.data).toBeUndefined();
  });

  it('and introspection does not show them', async () => {
    const res = await graphql(
      started.url(),
      '{ __schema { queryType { fields { name } } } ref: __type(name: "OrganizationReference") { name } }',
    );
    const names = (res.data!.__schema.queryType.fields as Array<{ name: string }>).map((f) => f.name);
    expect(names).toContain('organizationByName');
    expect(names).not.toContain('organizationsByReference');
    expect(names).not.toContain('identityDirectory');
    expect(res.data!.ref).toBeNull();
  });
});

describe('no published secret signs anything', () => {
  const published = (text: string) => new TextEncoder().encode(text);

  it("a caller's token signed with the former development JWT secret is refused", async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ org: 'amr', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('ipzone-hub')
      .setSubject('forged-admin')
      .setJti('forged-1')
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(published('ipzone-dev-jwt-secret-change-me'));
    const before = await written();
    const res = await graphql(
      started.url(),
      PUSH,
      { input: { figures: [{ indicator: 'ip-protection-workstations', period: '2025', value: 9 }] } },
      { authorization: `Bearer ${forged}` },
    );
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await written()).toBe(before);
  });

  it('a gateway token forged with the former SUBGRAPH_SECRET and sent straight to a subgraph is refused', async () => {
    const forged = await new SignJWT({ org: 'amr', roles: ['admin'], sub: 'forged-admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('ipzone-gateway')
      .setAudience('ipzone-subgraphs')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(published('ipzone-dev-subgraph-secret-change-me'));
    const before = await written();
    const res = await graphql(
      started.hub().subgraphs.indicators.url,
      PUSH,
      { input: { figures: [{ indicator: 'ip-protection-workstations', period: '2025', value: 9 }] } },
      { 'x-hub-gateway-token': forged },
    );
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await written()).toBe(before);
  });

  it('the secrets the hub made for itself are random and kept in a file only its owner reads (0600)', () => {
    expect(statSync(settings.secretsFile).mode & 0o777).toBe(0o600);
    expect(settings.tokens.jwtSecret()).not.toBe('ipzone-dev-jwt-secret-change-me');
    expect(settings.tokens.jwtSecret().length).toBeGreaterThanOrEqual(32);
    expect(settings.embedded.password()).not.toBe('ipzone-embedded');
  });
});
