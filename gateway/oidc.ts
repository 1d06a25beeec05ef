/**
 * The two steps of signing in on /report that need the OpenID Connect provider's
 * endpoints, so that the page itself talks only to the hub:
 *
 * - GET /report/oidc/authorize?code_challenge=…&state=… sends the browser to the provider's
 *   authorization endpoint (authorization code, PKCE S256, scope openid, the page's client id,
 *   back to /report at PUBLIC_URL);
 * - POST /report/oidc/token {code, code_verifier} trades the code at the provider's token
 *   endpoint and answers the ID token, which the page then sends as its bearer token (the
 *   gateway verifies it like any caller's token: lib/tokens.ts).
 *
 * The hub keeps no password and no session: the verifier stays in the browser until this trade.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ErrorCode } from '../lib/errors';
import { errorBody } from '../lib/http-refusals';
import { log } from '../lib/log';
import { oidcMetadata } from '../lib/oidc';
import type { OidcSettings } from '../lib/settings';
import { SECURITY_HEADERS } from './dashboard';

const PKCE = /^[A-Za-z0-9._~-]{43,128}$/;
const STATE = /^[A-Za-z0-9._~-]{1,200}$/;

/** The codes of the statuses it refuses with. */
const CODES = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  404: ErrorCode.NOT_FOUND,
} as const;

function refuse(reply: FastifyReply, status: keyof typeof CODES, message: string): FastifyReply {
  return reply.code(status).headers(SECURITY_HEADERS).send(errorBody(CODES[status], message));
}

/** `oidc`: the provider, or null when none is configured; `publicUrl`: the hub's origin (PUBLIC_URL). */
export function oidcRoutes(app: FastifyInstance, oidc: OidcSettings | null, publicUrl: string): void {
  // Where the provider sends the browser back: /report at PUBLIC_URL (never the Host a request names).
  const redirectUri = `${publicUrl}/report`;
  app.get('/report/oidc/authorize', async (request, reply) => {
    if (!oidc) return refuse(reply, 404, 'no OpenID Connect provider is configured (OIDC_ISSUER)');
    const { code_challenge: challenge, state } = request.query as Record<string, string | undefined>;
    if (!challenge || !PKCE.test(challenge) || !state || !STATE.test(state))
      return refuse(reply, 400, 'code_challenge (S256, base64url) and state are required');
    const metadata = await oidcMetadata(oidc.issuer);
    const target = new URL(metadata.authorization_endpoint);
    for (const [name, value] of Object.entries({
      client_id: oidc.clientId,
      response_type: 'code',
      scope: oidc.scopes,
      redirect_uri: redirectUri,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
    }))
      target.searchParams.set(name, value);
    return reply.code(302).headers(SECURITY_HEADERS).header('location', target.toString()).send();
  });

  app.post('/report/oidc/token', async (request, reply) => {
    if (!oidc) return refuse(reply, 404, 'no OpenID Connect provider is configured (OIDC_ISSUER)');
    const { code, code_verifier: verifier } = (request.body ?? {}) as Record<string, unknown>;
    if (typeof code !== 'string' || code.length > 2000 || typeof verifier !== 'string' || !PKCE.test(verifier))
      return refuse(reply, 400, 'code and code_verifier are required');
    const metadata = await oidcMetadata(oidc.issuer);
    const response = await fetch(metadata.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        client_id: oidc.clientId,
        redirect_uri: redirectUri,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => ({}))) as { id_token?: string; error?: string };
    if (!response.ok || !body.id_token) {
      log.warn('the OpenID Connect provider refused a code', { status: response.status, error: body.error });
      return refuse(reply, 401, body.error ?? 'the sign-in provider refused the code');
    }
    return reply.headers(SECURITY_HEADERS).header('cache-control', 'no-store').send({ id_token: body.id_token });
  });

  // Sign out at the provider too (OpenID Connect RP-Initiated Logout), so that the next person
  // at a shared computer is asked for a password; back to PUBLIC_URL/report afterwards.
  app.get('/report/oidc/logout', async (request, reply) => {
    const back = redirectUri;
    const { id_token_hint: hint } = request.query as Record<string, string | undefined>;
    const endpoint = oidc ? (await oidcMetadata(oidc.issuer).catch(() => undefined))?.end_session_endpoint : undefined;
    let location = back;
    if (oidc && endpoint) {
      const target = new URL(endpoint);
      target.searchParams.set('client_id', oidc.clientId);
      target.searchParams.set('post_logout_redirect_uri', back);
      if (hint && hint.length <= 8000) target.searchParams.set('id_token_hint', hint);
      location = target.toString();
    }
    return reply.code(302).headers(SECURITY_HEADERS).header('cache-control', 'no-store').header('location', location).send();
  });
}
