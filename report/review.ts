/**
 * Review of submissions in the page. A coordinator (or an organisation's approver) sees
 * the queue oldest first; each submission opens to its figures, the changes from the
 * previous submission (previous → new) and its warnings with the agency's explanation,
 * and is accepted (approved) or returned with a comment in one step. A clerk sees the
 * state of the organisation's own submissions, a returned one with its comment.
 */
import { h, zh } from '../client/dom';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { call, RequestError } from './api';
import { formatNumber, formatPeriod, formatTime } from './format';
import type { ReportReviewQueueQuery, SubmissionFieldsFragment } from './gql/graphql';
import { collapseLongList } from '../client/collapse';
import { prepareFilters, readFilter } from './review-filters';
import { history } from './review-history';
import { ACCEPT_SUBMISSION, APPROVE_SUBMISSION, OWN_SUBMISSIONS, RETURN_SUBMISSION, REVIEW_QUEUE } from './queries';

type SubmissionSummary = SubmissionFieldsFragment;

/** On a phone, the entries the queue shows before its Show all button. */
const PHONE_ROWS = 3;
/** A submission in the queue: its figures, warnings and changes from the previous submission. */
type Queued = NonNullable<ReportReviewQueueQuery['reviewQueue']>[number];
type QueuedFigure = Queued['figures'][number];

/** Who decides: a coordinator accepts, an organisation's approver approves for the coordinator. */
export type Decider = 'coordinator' | 'approver';

const SUBMISSION_STATES: Record<string, { zh: string; en: string; tone: string }> = {
  SUBMITTED: { zh: '待审核', en: 'submitted', tone: 'warn' },
  APPROVED: { zh: '已审批', en: 'approved', tone: 'warn' },
  RETURNED: { zh: '已退回', en: 'returned', tone: 'bad' },
  ACCEPTED: { zh: '已接受', en: 'accepted', tone: 'good' },
};

const keyOf = (f: { indicatorId: string; breakdown: string }) => `${f.indicatorId}|${f.breakdown}`;

/** The organisation's own submissions by period: their state, and the comment of a return. */
export async function ownSubmissions(organizationId: string): Promise<Map<string, SubmissionSummary>> {
  const { submissions } = await call(OWN_SUBMISSIONS, { org: organizationId });
  return new Map((submissions ?? []).map((s) => [s.period, s]));
}

/** A submission's state as the clerk sees it beside what the organisation owes. */
export function submissionState(submission: SubmissionSummary): HTMLElement {
  const state = SUBMISSION_STATES[submission.state] ?? { zh: submission.state, en: submission.state, tone: 'none' };
  return h(
    'p',
    { class: 'small submission-state', 'data-state': submission.state },
    h('span', { class: `badge tone-${state.tone}` }, `审核 Review: ${state.zh} ${state.en}`),
    ` 第 ${submission.round} 轮 round ${submission.round}`,
    submission.state === 'RETURNED' && submission.comment
      ? h('span', { class: 'review-comment' }, ' · 退回意见 Comment: ', zh(submission.comment))
      : '',
  );
}

function value(f: { value: number | null; numerator?: number | null; denominator?: number | null }): string {
  return f.numerator != null ? `${formatNumber(f.numerator)} / ${formatNumber(f.denominator)}` : formatNumber(f.value);
}

function figureRow(s: Queued, f: QueuedFigure): HTMLTableRowElement {
  const change = s.changes.find((c) => keyOf(c) === keyOf(f));
  const warnings = s.warnings.filter((w) => keyOf(w) === keyOf(f));
  return h(
    'tr',
    { class: warnings.length > 0 ? 'warned' : '', 'data-indicator': f.indicatorId, 'data-breakdown': f.breakdown },
    h('td', {}, f.indicator ? zh(f.indicator.name) : f.indicatorId, f.breakdown ? ` · ${f.breakdown}` : ''),
    h(
      'td',
      { class: `number${change ? ' changed' : ''}` },
      change ? `${formatNumber(change.previousValue)} → ${value(f)}` : value(f),
      f.indicator ? ` ${f.indicator.unit}` : '',
    ),
    h(
      'td',
      {},
      warnings.map((w) => h('p', { class: 'warning' }, `⚠ ${w.code}: ${w.message}`)),
      warnings.length > 0
        ? h('p', { class: 'explanation' }, f.explanation ? ['情况说明 Explanation: ', zh(f.explanation)] : '未说明 Not explained')
        : '',
    ),
  );
}

function figuresTable(s: Queued): HTMLTableElement {
  return h(
    'table',
    { class: 'figures review-figures' },
    h(
      'caption',
      {},
      s.changes.length > 0
        ? `与上次提交相比 ${s.changes.length} 项变化 · ${s.changes.length} change(s) from the previous submission`
        : '首次提交 First submission',
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['指标 Indicator', '数值 Value (上次 → 本次 previous → new)', '预警 Warnings'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      {},
      s.figures.map((f) => figureRow(s, f)),
    ),
  );
}

export class ReviewQueue {
  constructor(
    private readonly list: HTMLElement,
    private readonly note: HTMLElement,
    private readonly decider: Decider,
    /** What the page does with an error that is not the comment's (a refused token, a conflict …). */
    private readonly report: (error: unknown) => void,
    private readonly filters: HTMLFormElement,
  ) {
    filters.onsubmit = (event) => {
      event.preventDefault();
      this.load().catch(this.report);
    };
    filters.onreset = () => window.setTimeout(() => void this.load().catch(this.report), 0);
  }

  /** The queue as the filters narrow it; `open` opens the entry at that place (the next one after a decision). */
  async load(announce = '', open?: number): Promise<void> {
    // Busy until the list is drawn: a screen reader (and a test) waits for the whole queue.
    this.list.setAttribute('aria-busy', 'true');
    try {
      await this.draw(announce, open);
    } finally {
      this.list.setAttribute('aria-busy', 'false');
    }
  }

  private async draw(announce: string, open?: number): Promise<void> {
    await prepareFilters(this.filters, this.decider === 'coordinator');
    const filter = readFilter(this.filters);
    const { reviewQueue } = await call(REVIEW_QUEUE, { filter });
    const queue = reviewQueue ?? [];
    const narrowed = Object.keys(filter).length > 0 ? '（已筛选 filtered）' : '';
    this.note.textContent = `${announce}${queue.length} 份待审核${narrowed} · ${queue.length} waiting, oldest first`;
    this.list.replaceChildren(...queue.map((s) => this.item(s)));
    collapseLongList(this.list, PHONE_ROWS, { en: 'submissions', zh: (n) => `${n} 份提交` });
    if (open === undefined) return;
    const next = this.list.querySelectorAll<HTMLDetailsElement>(':scope > li > details')[Math.min(open, queue.length - 1)];
    if (!next) {
      this.note.focus();
      return;
    }
    next.open = true;
    next.closest('li')?.classList.remove('beyond');
    next.querySelector('summary')?.focus();
  }

  private item(s: Queued): HTMLLIElement {
    const comment = h('textarea', { id: `return-${s.id}`, name: 'comment', rows: 2, required: true, maxlength: 2000 });
    const error = h('p', { class: 'field-error', id: `return-${s.id}-error`, role: 'alert', hidden: true });
    const fail = (message: string) => {
      error.hidden = false;
      error.textContent = message;
      comment.setAttribute('aria-invalid', 'true');
      comment.setAttribute('aria-describedby', error.id);
      comment.focus();
    };
    const accept = this.decider === 'coordinator';
    return h(
      'li',
      { class: 'row review', 'data-submission': s.id, 'data-organization': s.organization?.id ?? '', 'data-period': s.period },
      h(
        'details',
        {},
        h(
          'summary',
          {},
          h(
            'strong',
            {},
            s.organization ? zh(s.organization.name) : '—',
            ' ',
            h('span', { class: 'en' }, s.organization?.nameEn ?? ''),
          ),
          ` · ${formatPeriod(s.period)} (${s.period}) · 第 ${s.round} 轮 round ${s.round}`,
          s.state === 'APPROVED' ? h('span', { class: 'badge tone-warn' }, '单位已审批 Approved by the organisation') : '',
          s.warnings.length > 0 ? h('span', { class: 'badge tone-bad' }, `${s.warnings.length} 项预警 warning(s)`) : '',
          h('span', { class: 'small muted review-when' }, `提交 Submitted ${formatTime(s.submittedAt)} · ${s.submittedBy}`),
        ),
        figuresTable(s),
        history(s, new Map(s.figures.map((f) => [f.indicatorId, f.indicator?.name ?? f.indicatorId]))),
        h(
          'form',
          {
            class: 'review-actions',
            novalidate: true,
            onsubmit: (event: Event) => {
              event.preventDefault();
              const text = comment.value.trim();
              if (!text) return fail('退回须填写意见 · Say what to correct: a comment is required to return');
              void this.decide(RETURN_SUBMISSION, { id: s.id, comment: text }, `已退回 Returned ${s.period}`).catch(
                (e: unknown) => {
                  if (e instanceof RequestError && e.errors.some((x) => x.extensions?.field === 'comment')) fail(e.message);
                  else this.report(e);
                },
              );
            },
          },
          h(
            'button',
            {
              type: 'button',
              class: 'button primary review-accept',
              onclick: () =>
                void this.decide(
                  accept ? ACCEPT_SUBMISSION : APPROVE_SUBMISSION,
                  { id: s.id },
                  accept ? `已接受 Accepted ${s.period}` : `已审批 Approved ${s.period}`,
                ).catch(this.report),
            },
            accept ? '接受 Accept' : '审批 Approve',
          ),
          h(
            'div',
            { class: 'field review-comment-field' },
            h('label', { for: comment.id, class: 'field-label' }, '退回意见（必填） Comment to return (required)'),
            comment,
            error,
          ),
          h('button', { type: 'submit', class: 'button quiet review-return' }, '退回 Return'),
        ),
      ),
    );
  }

  /** One decision, then the queue as it now stands with the next entry open; the outcome is announced. */
  private async decide<V>(
    mutation: string & DocumentTypeDecoration<unknown, V>,
    variables: V & { id: string },
    done: string,
  ): Promise<void> {
    const place = [...this.list.children].findIndex((li) => (li as HTMLElement).dataset.submission === variables.id);
    await call(mutation, variables);
    await this.load(`${done}。`, Math.max(0, place));
  }
}
