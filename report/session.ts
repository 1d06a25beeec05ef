/** Who is signed in: the token (a personal access token, or an ID token from the OIDC provider), kept in this browser. */
import { tokenStore } from '../client/token-store';

const session = tokenStore('ipzone-hub.report.token');

export const currentToken = (): string | null => session.current();
export const keepToken = (token: string | null): void => session.keep(token);
