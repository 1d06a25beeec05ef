/**
 * The sign-in provider down, or answering through a proxy that fails: the reporting page's
 * sign-in steps say the provider is unavailable, with a code of their own, instead of an
 * internal error or a refusal of the person's code; a provider OIDC_ISSUER does not fit is
 * named as the configuration's fault. What the person reads names no address and quotes
 * nothing the provider answered. (The provider that signs people in for
 * real is test/support/oidc-provider.mjs, in test/browser/oidc-providers.test.ts.)
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { restartGateway, useHubAndDatabase } from '../support/hub';

const { hub } = useHubAndDatabase();
const at = (path: string) => new URL(path, hub().gateway.url).toString();
const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) server.close();
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An address where nothing listens any more. */
async function closedAddress(): Promise<string> {
  const server = createServer();
  const address = await listen(server);
  server.close();
  await once(server, 'close');
  return address;
}

/** The hub's gateway told to sign people in at `issuer`. */
const useProvider = (issuer: string) =>
  restartGateway(hub(), { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'ipzone-report', PUBLIC_URL: 'http://127.0.0.1:1' });

const tradeCode = () =>
  fetch(at('/report/oidc/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'a-code', code_verifier: 'v'.repeat(43) }),
  });

it('a provider that cannot be reached: back to the page with temporarily_unavailable, and the trade answers 503 SIGN_IN_UNAVAILABLE', async () => {
  await useProvider(await closedAddress());
  const authorize = await fetch(at(`/report/oidc/authorize?code_challenge=${'c'.repeat(43)}&state=s1`), {
    redirect: 'manual',
  });
  expect(authorize.status).toBe(302);
  const back = new URL(authorize.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe('http://127.0.0.1:1/report');
  expect(back.searchParams.get('error')).toBe('temporarily_unavailable');
  expect(back.searchParams.get('state')).toBe('s1');
  expect(back.searchParams.get('error_description')).toBe('the sign-in provider is unavailable (ECONNREFUSED)');

  const token = await tradeCode();
  expect(token.status).toBe(503);
  expect((await token.json()).errors[0]).toEqual({
    message: 'the sign-in provider is unavailable (ECONNREFUSED)',
    extensions: { code: 'SIGN_IN_UNAVAILABLE' },
  });
});

it("a proxy in front of the provider answering its token endpoint in HTML: 503 SIGN_IN_UNAVAILABLE, not a refusal of the person's code", async () => {
  let issuer = '';
  let tokenStatus = 502;
  const provider = createServer((request, response) => {
    if (request.url === '/.well-known/openid-configuration') {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
        }),
      );
      return;
    }
    request.resume();
    response.statusCode = tokenStatus;
    if (tokenStatus === 400) {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ error: 'invalid_grant' }));
    } else {
      response.setHeader('content-type', 'text/html');
      response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    }
  });
  issuer = await listen(provider);
  await useProvider(issuer);

  const down = await tradeCode();
  expect(down.status).toBe(503);
  expect((await down.json()).errors[0]).toEqual({
    message: 'the sign-in provider is unavailable (it answered HTTP 502, not in JSON)',
    extensions: { code: 'SIGN_IN_UNAVAILABLE' },
  });

  // The same provider refusing the code is still a refusal, in its own words.
  tokenStatus = 400;
  const refused = await tradeCode();
  expect(refused.status).toBe(401);
  expect((await refused.json()).errors[0]).toEqual({ message: 'invalid_grant', extensions: { code: 'UNAUTHENTICATED' } });
});

/** A provider whose discovery document `discovery` answers (as the issuer at its own address). */
async function providerAnswering(discovery: (issuer: string) => { status: number; body: string } | 'never'): Promise<string> {
  let issuer = '';
  const provider = createServer((request, response) => {
    request.resume();
    const answer = discovery(issuer);
    if (answer === 'never') return;
    response.statusCode = answer.status;
    response.end(answer.body);
  });
  issuer = await listen(provider);
  return issuer;
}

const authorizeOnce = async () => {
  const answer = await fetch(at(`/report/oidc/authorize?code_challenge=${'c'.repeat(43)}&state=s2`), { redirect: 'manual' });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location')!).searchParams;
};

it('an issuer whose discovery document is missing or names another issuer: the configuration is named, not an outage', async () => {
  await useProvider(await providerAnswering(() => ({ status: 404, body: 'no such page at http://10.0.0.7/internal' })));
  const back = await authorizeOnce();
  expect(back.get('error')).toBe('server_error');
  expect(back.get('error_description')).toBe(
    "the sign-in provider does not fit the hub's OIDC_ISSUER (its discovery document answered HTTP 404): the gateway's log names the issuer",
  );
  const token = await tradeCode();
  expect(token.status).toBe(503);
  expect((await token.json()).errors[0].extensions).toEqual({ code: 'SIGN_IN_UNAVAILABLE' });

  await useProvider(
    await providerAnswering(() => ({ status: 200, body: JSON.stringify({ issuer: 'https://sso.example.org/<b>other</b>' }) })),
  );
  const other = await authorizeOnce();
  expect(other.get('error_description')).toBe(
    "the sign-in provider does not fit the hub's OIDC_ISSUER (its discovery document names another issuer): the gateway's log names the issuer",
  );
});

it('a provider that takes the connection and never answers: unavailable once its time is up, quoting nothing', async () => {
  await useProvider(await providerAnswering(() => 'never'));
  const back = await authorizeOnce();
  expect(back.get('error')).toBe('temporarily_unavailable');
  expect(back.get('error_description')).toBe('the sign-in provider is unavailable (it did not answer in time)');
});
