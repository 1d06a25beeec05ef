/** Who is signed in: the token (a personal access token, or an ID token from the OIDC provider), kept in this browser. */
const TOKEN_KEY = 'ipzone-hub.report.token';

let memory: string | null = null;

export function currentToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? memory;
  } catch {
    return memory;
  }
}

export function keepToken(token: string | null): void {
  memory = token;
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage disabled: the token lasts as long as the page.
  }
}
