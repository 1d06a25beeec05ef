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
 * A provider that cannot be reached, or answers as no provider does, is said to be
 * unavailable: the browser is sent back to the page with `temporarily_unavailable`, as a
 * provider says it (RFC 6749 §4.1.2.1), and the trade answers 503 SIGN_IN_UNAVAILABLE.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ErrorCode } from '../lib/errors';
import { errorBody } from '../lib/http-refusals';
import { log } from '../lib/log';
import { type OidcMetadata, oidcMetadata, providerJson, providerProblem } from '../lib/oidc';
import type { OidcSettings } from '../lib/settings';
import { SECURITY_HEADERS } from './dashboard';

const PKCE = /^[A-Za-z0-9._~-]{43,128}$/;
const STATE = /^[A-Za-z0-9._~-]{1,200}$/;

/** The codes of the statuses it refuses with. */
const CODES = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  404: ErrorCode.NOT_FOUND,
  503: ErrorCode.SIGN_IN_UNAVAILABLE,
} as const;

function refuse(reply: FastifyReply, status: keyof typeof CODES, message: string): FastifyReply {
  return reply.code(status).headers(SECURITY_HEADERS).send(errorBody(CODES[status], message));
}

/** A provider that could not be asked: what the person is told, and whether OIDC_ISSUER does not fit it. */
interface Unavailable {
  unavailable: string;
  misconfigured: boolean;
}

/** What a person is told of a provider that could not be asked; the gateway's log keeps the issuer too. */
function unavailable(oidc: OidcSettings, step: string, error: unknown): Unavailable {
  const problem = providerProblem(error);
  const misconfigured = problem.kind === 'misconfigured';
  log.warn(
    misconfigured ? 'the OpenID Connect provider does not fit OIDC_ISSUER' : 'the OpenID Connect provider could not be asked',
    {
      issuer: oidc.issuer,
      step,
      error: problem.message,
    },
  );
  return {
    misconfigured,
    unavailable: misconfigured
      ? `the sign-in provider does not fit the hub's OIDC_ISSUER (${problem.message}): the gateway's log names the issuer`
      : `the sign-in provider is unavailable (${problem.message})`,
  };
}

/** The provider's endpoints, or why it could not be asked for them. */
async function endpoints(oidc: OidcSettings): Promise<OidcMetadata | Unavailable> {
  try {
    return await oidcMetadata(oidc.issuer);
  } catch (error) {
    return unavailable(oidc, 'discovery', error);
  }
}

type Trade = { idToken: string } | { refused: string } | Unavailable;

/** Trades a code at the provider's token endpoint: the ID token, the provider's refusal, or why it could not be asked. */
async function trade(oidc: OidcSettings, code: string, verifier: string, redirectUri: string): Promise<Trade> {
  const metadata = await endpoints(oidc);
  if ('unavailable' in metadata) return metadata;
  let response: Response;
  let body: Record<string, unknown>;
  try {
    response = await fetch(metadata.token_endpoint, {
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
    body = await providerJson(response);
  } catch (error) {
    return unavailable(oidc, 'token', error);
  }
  const { id_token: idToken, error } = body;
  if (!response.ok || typeof idToken !== 'string' || idToken === '') {
    log.warn('the OpenID Connect provider refused a code', { status: response.status, error });
    return { refused: typeof error === 'string' ? error : 'the sign-in provider refused the code' };
  }
  return { idToken };
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
    const metadata = await endpoints(oidc);
    if ('unavailable' in metadata) {
      const back = new URL(redirectUri);
      // As a provider says it (RFC 6749 §4.1.2.1): down for now, or not the one OIDC_ISSUER names.
      const error = metadata.misconfigured ? 'server_error' : 'temporarily_unavailable';
      for (const [name, value] of Object.entries({ error, error_description: metadata.unavailable, state }))
        back.searchParams.set(name, value);
      return reply.code(302).headers(SECURITY_HEADERS).header('location', back.toString()).send();
    }
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
    const traded = await trade(oidc, code, verifier, redirectUri);
    if ('unavailable' in traded) return refuse(reply, 503, traded.unavailable);
    if ('refused' in traded) return refuse(reply, 401, traded.refused);
    return reply.headers(SECURITY_HEADERS).header('cache-control', 'no-store').send({ id_token: traded.idToken });
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
