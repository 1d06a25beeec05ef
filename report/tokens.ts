/** For coordinators: personal access tokens issued to people of the agencies, shown once, listed with their last use, revoked. */
import { h } from '../client/dom';
import { call } from './api';
import { formatTime } from './format';
import { ISSUE_TOKEN, ORGANIZATIONS, PERSONAL_TOKENS, REVOKE_TOKEN } from './queries';

/** `fail` shows what went wrong when a token is revoked (a click, which no caller awaits). */
export async function showTokens(
  panel: { form: HTMLFormElement; organization: HTMLSelectElement; issued: HTMLElement; list: HTMLElement },
  fail: (error: unknown) => void,
): Promise<void> {
  const { organizations } = await call(ORGANIZATIONS);
  // No organisation is chosen for the coordinator: a token for the wrong agency is worse than a second click.
  panel.organization.replaceChildren(
    h('option', { value: '', selected: true }, '请选择单位 · Choose the organisation'),
    ...(organizations ?? []).map((o) => h('option', { value: o.id }, `${o.name} ${o.nameEn}`)),
  );
  panel.form.onsubmit = async (event) => {
    event.preventDefault();
    const data = new FormData(panel.form);
    const field = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const { issuePersonalToken } = await call(ISSUE_TOKEN, {
      holder: field('holder'),
      organization: field('organization'),
      role: field('role'),
      days: Number(data.get('days')),
    });
    panel.issued.hidden = false;
    panel.issued.replaceChildren(
      '令牌只显示这一次，请交给持有人 · Shown this once: hand it to its holder: ',
      h('code', { id: 'issued-token' }, issuePersonalToken.token),
    );
    panel.form.reset();
    await listTokens(panel.list, fail);
  };
  await listTokens(panel.list, fail);
}

async function listTokens(table: HTMLElement, fail: (error: unknown) => void): Promise<void> {
  const { personalTokens } = await call(PERSONAL_TOKENS);
  table.replaceChildren(
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['持有人 Holder', '单位 Organisation', '角色 Role', '到期 Expires', '最近使用 Last used', ''].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      (personalTokens ?? []).map((t) =>
        h(
          'tr',
          { 'data-token': t.id },
          h('td', {}, t.holder),
          h('td', {}, t.organization?.name ?? '—'),
          h('td', {}, t.role),
          h('td', {}, formatTime(t.expiresAt)),
          h('td', { class: 'last-used' }, formatTime(t.lastUsedAt)),
          h(
            'td',
            {},
            t.revokedAt
              ? `已撤销 Revoked ${formatTime(t.revokedAt)}`
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'button quiet',
                    'aria-label': `撤销 ${t.holder} 的令牌 Revoke ${t.holder}'s token`,
                    onclick: () =>
                      void call(REVOKE_TOKEN, { id: t.id })
                        .then(() => listTokens(table, fail))
                        .catch(fail),
                  },
                  '撤销 Revoke',
                ),
          ),
        ),
      ),
    ),
  );
}
