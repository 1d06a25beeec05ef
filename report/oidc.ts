/**
 * Signing in with the OpenID Connect provider the hub is configured with: authorization
 * code with PKCE (oauth4webapi makes the verifier, its S256 challenge and the state). The
 * browser goes to the provider through the gateway (/report/oidc/authorize, which knows the
 * provider's endpoints), comes back to /report with a code, and trades it, with the
 * verifier only this browser holds, at /report/oidc/token for an ID token: the page's
 * own network stays on the hub's origin.
 */
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import { keepToken } from './session';

const PENDING_KEY = 'ipzone-hub.report.oidc';

export function oidcSettings(): { issuer: string; clientId: string } | null {
  const { oidcIssuer, oidcClientId } = document.documentElement.dataset;
  return oidcIssuer && oidcClientId ? { issuer: oidcIssuer, clientId: oidcClientId } : null;
}

export async function startOidcSignIn(): Promise<void> {
  const verifier = generateRandomCodeVerifier();
  const state = generateRandomState();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, search: location.search }));
  const challenge = await calculatePKCECodeChallenge(verifier);
  location.assign(`/report/oidc/authorize?${new URLSearchParams({ code_challenge: challenge, state })}`);
}

/** Back from the provider (?code=…&state=…): trades the code for an ID token and keeps it. */
export async function finishOidcSignIn(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    search: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `${location.pathname}${pending?.search ?? ''}`);
  if (error) throw new Error(`统一身份认证未完成 · Sign-in was not completed: ${error}`);
  if (!pending || params.get('state') !== pending.state)
    throw new Error('登录状态不符 · The sign-in state does not match: try again');
  const response = await fetch('/report/oidc/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, code_verifier: pending.verifier }),
    credentials: 'same-origin',
  });
  const body = (await response.json()) as { id_token?: string; error?: string };
  if (!response.ok || !body.id_token) throw new Error(`登录失败 · Sign-in failed: ${body.error ?? response.status}`);
  keepToken(body.id_token);
}
