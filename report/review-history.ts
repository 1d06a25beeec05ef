/**
 * A submission's history in the review queue: every event oldest first — who, when, and
 * for a change within the round each figure previous → new. A long history folds behind
 * its counts ("5 项经过 · 5 events, 3 changes within the round"), so an entry stays short
 * on a phone; a short one shows as it is.
 */
import { h, zh } from '../client/dom';
import { formatNumber, formatTime } from './format';
import type { ReportReviewQueueQuery } from './gql/graphql';

type Queued = NonNullable<ReportReviewQueueQuery['reviewQueue']>[number];

/** Events shown without folding. */
const SHORT = 3;

/** Words for the events of a submission. */
const ACTIONS: Record<string, string> = {
  SUBMIT: '提交 Submitted',
  CHANGE: '本轮修改 Changed within the round',
  APPROVE: '审批 Approved',
  ACCEPT: '接受 Accepted',
  RETURN: '退回 Returned',
  REOPEN: '重新打开 Reopened',
};

function event(e: Queued['events'][number], names: Map<string, string>): HTMLElement {
  return h(
    'p',
    { class: 'history-event', 'data-action': e.action },
    `${ACTIONS[e.action] ?? e.action} · ${e.actor} · ${formatTime(e.at)}`,
    e.comment ? [' · ', zh(e.comment)] : '',
    e.changes.map((c) =>
      h(
        'span',
        { class: 'history-change' },
        names.get(c.indicatorId) ? zh(names.get(c.indicatorId)!) : c.indicatorId,
        c.breakdown ? ` · ${c.breakdown}` : '',
        `: ${formatNumber(c.previousValue)} → ${formatNumber(c.value)}`,
      ),
    ),
  );
}

/** The history of a submission; `names` are its indicators' names by id. */
export function history(s: Queued, names: Map<string, string>): HTMLElement {
  const changes = s.events.filter((e) => e.action === 'CHANGE').length;
  const count =
    `经过 History: ${s.events.length} 项 · ${s.events.length} event(s)` +
    (changes > 0 ? `，本轮修改 ${changes} 次 · ${changes} change(s) within the round` : '');
  const events = s.events.map((e) => event(e, names));
  if (s.events.length <= SHORT)
    return h('div', { class: 'review-history small' }, h('p', { class: 'history-title' }, count), events);
  return h('details', { class: 'review-history small' }, h('summary', { class: 'history-title' }, count), events);
}
