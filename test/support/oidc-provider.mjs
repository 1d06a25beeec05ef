/**
 * A real OpenID Connect provider for the tests (the certified `oidc-provider` package),
 * in a process of its own: `node test/support/oidc-provider.mjs <redirect_uri>` prints
 * {"issuer": …} on stdout once it listens. One public client, `ipzone-report`
 * (authorization code with PKCE), and its development login form: any login name, whose
 * account carries the hub's claims `org` and `roles` (court-clerk → court, reporter).
 */
import http from 'node:http';
import Provider from 'oidc-provider';

const redirectUri = process.argv[2];
const ACCOUNTS = {
  'court-clerk': { org: 'court', roles: ['reporter'], name: '法院书记员' },
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
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub', 'org', 'roles', 'name'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['ipzone-test-cookies'] },
    findAccount: (_ctx, id) => {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
    // The hub's own page is a first-party client: no consent screen.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid');
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
