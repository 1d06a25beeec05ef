/** The token form, shown when the hub's reads need a token (READS_REQUIRE_TOKEN=true). */
import { storedToken, storeToken } from '../api';
import { byId, show } from '../../client/dom';

/** Shows the form (with why, when a token was refused); `entered` runs once a token is stored. */
export function askForToken(message: string | null, entered: () => void): void {
  const section = byId('auth');
  const form = byId<HTMLFormElement>('auth-form');
  const input = byId<HTMLInputElement>('auth-token');
  const note = byId('auth-message');
  show(byId('main'), false);
  show(section, true);
  note.textContent = message ?? '';
  show(note, !!message);
  input.value = '';
  input.focus();
  form.onsubmit = (event) => {
    event.preventDefault();
    const token = input.value.trim().replace(/^Bearer\s+/i, '');
    if (!token) return;
    storeToken(token);
    show(section, false);
    show(byId('main'), true);
    updateForgetButton();
    entered();
  };
}

/** "Forget token" appears while a token is kept in this browser. */
export function updateForgetButton(): void {
  show(byId('forget-token'), !!storedToken());
}
