/**
 * Signing in with the OpenID Connect provider the hub is configured with: authorization
 * code with PKCE (oauth4webapi makes the verifier, its S256 challenge and the state). The
 * browser goes to the provider through the gateway (/report/oidc/authorize, which knows the
 * provider's endpoints), comes back to /report with a code, and trades it, with the
 * verifier only this browser holds, at /report/oidc/token for an ID token: the page's
 * own network stays on the hub's origin.
 */
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import type { HubError } from './api';
import { CODE_WORDS, failureWords } from './messages';
import { keepToken } from './session';

const PENDING_KEY = 'ipzone-hub.report.oidc';

/** Signing in did not complete (cancelled or refused at the provider, or a stale return): the sign-in panel says why. */
export class SignInFailed extends Error {}

/** What the provider's error codes (RFC 6749 §4.1.2.1, OpenID Connect Core §3.1.2.6) mean to the person signing in. */
const PROVIDER_ERRORS: Record<string, string> = {
  access_denied: '已在统一身份认证平台取消登录 · Sign-in was cancelled at the provider',
  login_required: '统一身份认证平台要求先登录 · The provider needs you to sign in there first',
  interaction_required: '统一身份认证平台需要您确认 · The provider needs you to confirm there first',
  consent_required: '统一身份认证平台需要您同意授权 · The provider needs your consent first',
  temporarily_unavailable: CODE_WORDS.SIGN_IN_UNAVAILABLE,
};

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

/**
 * Signs out at the provider too when the page is signed in with its ID token: the gateway
 * sends the browser to the provider's end-session endpoint, which sends it back to /report.
 * Answers false when there is nothing to end there (a personal token, or no provider).
 */
export function endProviderSession(token: string | null): boolean {
  const settings = oidcSettings();
  if (!settings || !token) return false;
  let issuer: unknown;
  try {
    issuer = (JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { iss?: unknown }).iss;
  } catch {
    return false;
  }
  if (issuer !== settings.issuer) return false;
  location.assign(`/report/oidc/logout?${new URLSearchParams({ id_token_hint: token })}`);
  return true;
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
  if (error) {
    const described = params.get('error_description');
    throw new SignInFailed(
      PROVIDER_ERRORS[error] ??
        `统一身份认证未完成 · Sign-in was not completed at the provider: ${error}${described ? ` (${described})` : ''}`,
    );
  }
  if (!pending || params.get('state') !== pending.state)
    throw new SignInFailed('登录状态不符 · The sign-in state does not match: try again');
  const response = await fetch('/report/oidc/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, code_verifier: pending.verifier }),
    credentials: 'same-origin',
  }).catch(() => {
    throw new SignInFailed('登录失败，无法连接本系统 · Sign-in failed: the hub could not be reached, try again');
  });
  // A proxy in front of the hub may answer in HTML: then its status is all there is to say.
  const body = (await response.json().catch(() => ({}))) as { id_token?: string; errors?: HubError[] };
  if (!response.ok || !body.id_token) {
    const [refusal] = body.errors ?? [];
    // The provider's refusal of the code as it worded it; an unavailable provider in the page's words too.
    const reason = !refusal
      ? `HTTP ${response.status} ${response.statusText}`.trim()
      : refusal.extensions?.code === 'SIGN_IN_UNAVAILABLE'
        ? failureWords([refusal])
        : refusal.message;
    throw new SignInFailed(`登录失败 · Sign-in failed: ${reason}`);
  }
  keepToken(body.id_token);
}
