/**
 * A real OpenID Connect provider for the tests (the certified `oidc-provider` package),
 * in a process of its own: `node test/support/oidc-provider.mjs <redirect_uri> [set-up]`
 * prints {"issuer": …} on stdout once it listens. One public client, `ipzone-report`
 * (authorization code with PKCE), and its development login form: any password, whose
 * account carries the organisation and roles (court-clerk → court, reporter). The set-up
 * says how it releases them:
 * - `openid` (default): as claims `org` and `roles` under the scope openid;
 * - `custom-scope`: as claims `agency` and `hub_roles`, only under the scope `ipzone`;
 * - `missing`: not at all;
 * - `named`: as `openid`, the organisation given by its name as people write it (市法院).
 */
import http from 'node:http';
import Provider from 'oidc-provider';

const redirectUri = process.argv[2];
const setUp = process.argv[3] ?? 'openid';
const CLAIMS = {
  openid: { claims: { openid: ['sub', 'org', 'roles', 'name'] }, names: { org: 'org', roles: 'roles' } },
  'custom-scope': {
    claims: { openid: ['sub', 'name'], ipzone: ['agency', 'hub_roles'] },
    names: { org: 'agency', roles: 'hub_roles' },
  },
  missing: { claims: { openid: ['sub', 'name'] }, names: { org: 'org', roles: 'roles' } },
  named: { claims: { openid: ['sub', 'org', 'roles', 'name'] }, names: { org: 'org', roles: 'roles' }, orgByName: true },
}[setUp];
if (!CLAIMS) throw new Error(`unknown set-up ${setUp}: openid, custom-scope or missing`);
const ACCOUNTS = {
  'court-clerk': { org: 'court', orgName: '市法院', roles: ['reporter'], name: '法院书记员' },
  'customs-clerk': { org: 'customs', roles: ['reporter'], name: '海关填报员' },
};

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'ipzone-report',
        token_endpoint_auth_method: 'none',
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: CLAIMS.claims,
    conformIdTokenClaims: false,
    cookies: { keys: ['ipzone-test-cookies'] },
    findAccount: (_ctx, id) => {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      const { roles, name } = account;
      const org = CLAIMS.orgByName ? account.orgName : account.org;
      return { accountId: id, claims: () => ({ sub: id, name, [CLAIMS.names.org]: org, [CLAIMS.names.roles]: roles }) };
    },
    // The hub's own page is a first-party client: no consent screen.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      // Whatever the page asked for among the scopes the provider knows.
      grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(' ') : 'openid');
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
