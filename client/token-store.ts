/**
 * A page's sign-in token, kept in this browser under `key` (localStorage), or for as long
 * as the page is open where storage is disabled.
 */
export interface TokenStore {
  /** The token kept in the browser's storage, if any. */
  stored(): string | null;
  /** The token to send: the stored one, else the one kept in memory. */
  current(): string | null;
  /** Keeps a token (null: forgets it). */
  keep(token: string | null): void;
}

export function tokenStore(key: string): TokenStore {
  let memory: string | null = null;
  const stored = (): string | null => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  };
  return {
    stored,
    current: () => stored() ?? memory,
    keep(token) {
      memory = token;
      try {
        if (token) localStorage.setItem(key, token);
        else localStorage.removeItem(key);
      } catch {
        // Storage disabled: the token lasts as long as the page.
      }
    },
  };
}
