/**
 * What the organisation owes, a row per period: its state (overdue only while something
 * is unreported), each indicator beside its figure of the previous period (named), the
 * state of the period's submission, and what the person may do: fill in the form (a
 * reporter), correct a returned report, or, once the report is accepted or approved, ask
 * the coordinator to reopen it with a reason. Approvers and analysts see no form.
 */
import { h, zh } from '../client/dom';
import { previousPeriod } from './entries';
import { daysText, formatDay, formatNumber, formatPeriod, formatTime, STATES } from './format';
import type { ReportObligationsQuery, SubmissionFieldsFragment } from './gql/graphql';
import { submissionState } from './review';

type Obligation = NonNullable<ReportObligationsQuery['obligations']>[number];

export interface OwedActions {
  /** The person writes the organisation's figures (a reporter, a coordinator or admin with an organisation). */
  canReport: boolean;
  /** The person may ask for a decided report to be reopened (the organisation's reporter or approver). */
  canAsk: boolean;
  fill: (period: string) => void;
  /** Sends the request; rejects with a message when the hub refuses it. */
  ask: (submission: SubmissionFieldsFragment, reason: string) => Promise<void>;
}

/** Decided: the organisation asks to reopen instead of changing it in place. */
const DECIDED = new Set(['ACCEPTED', 'APPROVED']);

function indicatorLine(obligation: Obligation, period: string): HTMLElement {
  const before = previousPeriod(period);
  const last = obligation.indicator?.series.find((p) => p.period === before);
  const state = STATES[obligation.state];
  return h(
    'li',
    {},
    zh(obligation.indicator?.name ?? '—'),
    ` · ${state.zh} ${state.en}`,
    last ? ` · 上期 ${before}: ${formatNumber(last.value)}` : ` · 上期 ${before} 无数据 none`,
  );
}

/** The request form: a reason, then Send; Cancel puts the button back. */
function askForm(submission: SubmissionFieldsFragment, actions: OwedActions, slot: HTMLElement): HTMLFormElement {
  const id = `reopen-${submission.period}`;
  const reason = h('textarea', { id, name: id, rows: 2, required: true });
  const status = h('p', { class: 'small', role: 'status' });
  const send = h('button', { type: 'submit', class: 'button primary' }, '发送申请 Send the request');
  const form = h(
    'form',
    {
      class: 'reopen-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        // One request per press: the button waits for the hub's answer.
        send.disabled = true;
        status.textContent = '正在发送… Sending…';
        actions.ask(submission, reason.value).catch((error: Error) => {
          send.disabled = false;
          status.setAttribute('role', 'alert');
          status.textContent = error.message;
        });
      },
    },
    h('label', { for: id, class: 'field-label' }, '申请重新打开的原因 Why it should be reopened'),
    reason,
    send,
    h(
      'button',
      { type: 'button', class: 'button quiet', onclick: () => slot.replaceChildren(askButton(submission, actions, slot)) },
      '取消 Cancel',
    ),
    status,
  );
  return form;
}

function askButton(submission: SubmissionFieldsFragment, actions: OwedActions, slot: HTMLElement): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'button',
      onclick: () => {
        const form = askForm(submission, actions, slot);
        slot.replaceChildren(form);
        form.querySelector('textarea')?.focus();
      },
    },
    `申请重新打开 Ask to reopen ${submission.period}`,
  );
}

/** What the person may do for the period. */
function action(period: string, submission: SubmissionFieldsFragment | undefined, actions: OwedActions): HTMLElement | null {
  if (submission && DECIDED.has(submission.state)) {
    if (submission.reopenRequest)
      return h(
        'p',
        { class: 'small reopen-asked', tabindex: -1 },
        `已申请重新打开（${formatTime(submission.reopenRequest.requestedAt)}）· Asked to reopen: `,
        zh(submission.reopenRequest.reason),
      );
    if (!actions.canAsk) return null;
    const slot = h('div', { class: 'reopen' });
    slot.append(askButton(submission, actions, slot));
    return slot;
  }
  if (!actions.canReport) return null;
  const returned = submission?.state === 'RETURNED';
  return h(
    'button',
    { type: 'button', class: 'button primary', onclick: () => actions.fill(period) },
    returned ? `更正 Correct ${period}` : `填报 Fill in ${period}`,
  );
}

/** Days left or overdue, for what is not reported yet (and how many that is, when some are). */
function dueText(rows: Obligation[]): string {
  const open = rows.filter((r) => r.state !== 'REPORTED').length;
  if (open === 0) return '';
  const part = open < rows.length ? ` · ${open}/${rows.length} 项未报 ${open} of ${rows.length} not reported` : '';
  return ` · ${daysText(rows[0].daysLeft)}${part}`;
}

export function renderOwed(
  list: HTMLElement,
  obligations: Obligation[],
  submitted: Map<string, SubmissionFieldsFragment>,
  actions: OwedActions,
): void {
  // What needs doing first (something unreported, or a report returned), newest first; then the rest.
  const waits = (period: string) =>
    obligations.some((o) => o.period === period && o.state !== 'REPORTED') || submitted.get(period)?.state === 'RETURNED';
  const periods = [...new Set(obligations.map((o) => o.period))]
    .sort()
    .reverse()
    .sort((a, b) => Number(waits(b)) - Number(waits(a)));
  list.replaceChildren(
    ...periods.map((period) => {
      const rows = obligations.filter((o) => o.period === period);
      const worst = ['OVERDUE', 'DUE', 'COMING', 'REPORTED'].find((s) => rows.some((r) => r.state === s))!;
      const state = STATES[worst];
      const submission = submitted.get(period);
      return h(
        'li',
        { class: 'row owed', 'data-period': period },
        h(
          'div',
          { class: 'row-main' },
          h('strong', {}, `${formatPeriod(period)} `, h('span', { class: 'en' }, period)),
          h('span', { class: `badge tone-${state.tone}` }, `${state.zh} ${state.en}`),
          h('p', { class: 'small' }, `截止 Due ${formatDay(rows[0].due)}`, dueText(rows)),
          submission ? submissionState(submission) : null,
          h(
            'ul',
            { class: 'small plain' },
            rows.map((r) => indicatorLine(r, period)),
          ),
        ),
        action(period, submission, actions),
      );
    }),
  );
}
