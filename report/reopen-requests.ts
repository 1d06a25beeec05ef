/**
 * The coordinator's list of organisations asking for a decided report to be reopened:
 * who, which period, why and when; Reopen (an accepted report: its figures take changes
 * again) or Return (an approved one, with the request's reason as the comment).
 */
import { h, zh } from '../client/dom';
import { call } from './api';
import { formatPeriod, formatTime } from './format';
import type { SubmissionFieldsFragment } from './gql/graphql';
import { REOPEN_REQUESTS, REOPEN_SUBMISSION, RETURN_SUBMISSION } from './queries';

/** The longest comment a decision takes (lib/text.ts TEXT_LIMITS.reason). */
const COMMENT_LIMIT = 2000;

/** Draws the requests into `list`; true when there are any. `done` runs after a decision. */
export async function showReopenRequests(list: HTMLElement, done: () => void, fail: (error: unknown) => void): Promise<boolean> {
  const { submissions } = await call(REOPEN_REQUESTS);
  const requests = submissions ?? [];
  list.replaceChildren(...requests.map((s) => requestRow(s, done, fail)));
  return requests.length > 0;
}

function requestRow(s: SubmissionFieldsFragment, done: () => void, fail: (error: unknown) => void): HTMLLIElement {
  const request = s.reopenRequest!;
  const accepted = s.state === 'ACCEPTED';
  // The comment quotes the reason, cut to fit the longest comment (2,000 characters).
  const quoted = (prefix: string) => `${prefix}${[...request.reason].slice(0, COMMENT_LIMIT - [...prefix].length).join('')}`;
  const decide = async () => {
    if (accepted) await call(REOPEN_SUBMISSION, { id: s.id, comment: quoted('应申请重新打开 Reopened as asked: ') });
    else await call(RETURN_SUBMISSION, { id: s.id, comment: quoted('应申请退回 Returned as asked: ') });
    done();
  };
  return h(
    'li',
    { class: 'row', 'data-submission': s.id },
    h(
      'div',
      { class: 'row-main' },
      h('strong', {}, zh(s.organization?.name ?? ''), ` · ${formatPeriod(s.period)} `, h('span', { class: 'en' }, s.period)),
      h('p', { class: 'small' }, `${request.requestedBy} · ${formatTime(request.requestedAt)}`),
      h('p', {}, '原因 Reason: ', zh(request.reason)),
    ),
    h(
      'button',
      { type: 'button', class: 'button primary', onclick: () => void decide().catch(fail) },
      accepted ? `重新打开 Reopen ${s.period}` : `退回 Return ${s.period}`,
    ),
  );
}
