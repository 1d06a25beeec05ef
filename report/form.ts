/**
 * The form of one period: every indicator the organisation owes for it, a row per
 * breakdown, checked as it is typed (here, then by a dry-run push on the server), kept as
 * a draft on the server, and submitted as one report whose warnings must be explained.
 */
import { h, zh } from '../client/dom';
import { call, RequestError } from './api';
import {
  checkEntry,
  contentKey,
  emptyEntry,
  type Entry,
  isFilled,
  type OwedIndicator,
  previousPeriod,
  type Rejection,
  rejectionMessage,
  savedEntry,
  type StandingFigure,
  standingEntry,
  toFigure,
} from './entries';
import { fieldset, type FormState } from './form-fields';
import { CHECK, DRAFT, PREVIOUS, SAVE_DRAFT, SUBMIT } from './queries';
import type { ReceiptData } from './receipt';

export class ReportForm implements FormState {
  entries: Entry[] = [];
  /** Problems by entry and field: from the checks here and from the server's. */
  problems = new Map<string, string>();
  private checkTimer: number | undefined;
  private saveTimer: number | undefined;
  /** Last period's values, by indicator and breakdown. */
  previous = new Map<string, number>();
  /** The period's own figures as they stand (a report already sent, or returned), by indicator and breakdown. */
  standing = new Map<string, StandingFigure>();
  /** Counts changes: a server check answered after a later change is stale and not shown. */
  private version = 0;

  constructor(
    readonly period: string,
    private readonly indicators: OwedIndicator[],
    private readonly container: HTMLElement,
    private readonly note: HTMLElement,
    private readonly errors: HTMLElement,
  ) {}

  /**
   * Loads the draft, or else the figures the period already has (a report sent or
   * returned opens with what was submitted), or starts empty with a row for each breakdown
   * reported last period; a return's comment is shown above the form. Then draws it.
   */
  async open(organizationId: string, returnComment: string | null = null): Promise<void> {
    const before = previousPeriod(this.period);
    const { indicators } = await call(PREVIOUS, { org: organizationId, from: before, to: this.period });
    for (const indicator of indicators ?? [])
      for (const figure of indicator.figures) {
        const key = `${indicator.id}|${figure.breakdown}`;
        if (figure.period === before && figure.value !== null) this.previous.set(key, figure.value);
        if (figure.period === this.period) this.standing.set(key, figure);
      }
    const { draft } = await call(DRAFT, { period: this.period });
    const saved = draft
      ? ((JSON.parse(draft.content) as { entries?: Entry[] }).entries ?? []).map(savedEntry)
      : [...this.standing].map(([key, figure]) => standingEntry(key, figure));
    const owned = new Set(this.indicators.map((i) => i.id));
    this.entries = saved.filter((e) => owned.has(e.indicator));
    const rows = [
      ...this.indicators.map((i) => `${i.id}|`),
      ...[...this.previous.keys()].filter((k) => owned.has(k.split('|')[0])),
    ];
    for (const row of rows) {
      const [indicator, breakdown] = [row.slice(0, row.indexOf('|')), row.slice(row.indexOf('|') + 1)];
      if (!this.entries.some((e) => e.indicator === indicator && e.breakdown === breakdown))
        this.entries.push(emptyEntry(indicator, breakdown));
    }
    this.note.replaceChildren(
      returnComment
        ? h('span', { class: 'review-comment' }, '退回意见 Returned with the comment: ', zh(returnComment), h('br'))
        : '',
      draft
        ? `已载入 ${draft.savedBy} 保存的草稿 · Draft saved by ${draft.savedBy} loaded`
        : this.standing.size > 0
          ? '已载入本期已报送的数据，修改后再次提交 · What was submitted for this period is filled in: correct it and submit again'
          : '输入内容会自动保存为草稿 · What you type is kept as a draft',
    );
    this.render();
  }

  key = (index: number, field: string) => `${index}:${field}`;

  /** Draws the form again; the field being typed in keeps its focus and caret. */
  render(): void {
    const active = document.activeElement;
    const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active : null;
    const caret = typing ? { id: typing.id, start: typing.selectionStart, end: typing.selectionEnd } : null;
    const focused = active instanceof HTMLElement && this.container.contains(active) ? active.id : null;
    this.container.replaceChildren(...this.indicators.map((indicator) => fieldset(this, indicator)));
    const again = focused ? document.getElementById(focused) : null;
    again?.focus();
    if (caret && again && (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement) && caret.id === again.id)
      again.setSelectionRange(caret.start, caret.end);
  }

  /** After each change: the checks here at once, the server's and the draft a moment later. */
  changed(): void {
    this.version += 1;
    window.clearTimeout(this.checkTimer);
    window.clearTimeout(this.saveTimer);
    this.checkTimer = window.setTimeout(() => void this.check(), 500);
    this.saveTimer = window.setTimeout(() => void this.saveDraft(), 800);
  }

  private filled(): Array<{ entry: Entry; indicator: OwedIndicator }> {
    return this.entries
      .filter(isFilled)
      .map((entry) => ({ entry, indicator: this.indicators.find((i) => i.id === entry.indicator)! }));
  }

  /**
   * Checks everything filled in: here first; when that passes, a dry-run push. True when
   * nothing is wrong; 'stale' when the entries changed while the hub was asked.
   */
  async check(): Promise<boolean | 'stale'> {
    const version = this.version;
    const before = JSON.stringify([...this.problems]);
    const problems = new Map<string, string>();
    this.entries.forEach((entry, index) => {
      const indicator = this.indicators.find((i) => i.id === entry.indicator)!;
      for (const [field, message] of Object.entries(checkEntry(entry, indicator))) problems.set(this.key(index, field), message);
    });
    const filled = this.filled();
    if (problems.size === 0 && filled.length > 0) {
      const figures = filled.map(({ entry, indicator }) => toFigure(entry, indicator, this.period));
      const { pushFigures } = await call(CHECK, {
        input: { figures, dryRun: true, atomic: true, requireExplanations: true },
      });
      // Typed on meanwhile: this answer is about figures no longer on screen; the next check tells.
      if (version !== this.version) return 'stale';
      this.applyRejections(
        problems,
        pushFigures.rejections,
        filled.map(({ entry }) => this.entries.indexOf(entry)),
      );
    }
    this.problems = problems;
    // Drawn again only when the problems changed; the field typed in keeps its focus and caret.
    if (JSON.stringify([...this.problems]) !== before) this.render();
    this.showErrors();
    return this.problems.size === 0;
  }

  private applyRejections(problems: Map<string, string>, rejections: Rejection[], entryIndexes: number[]): void {
    for (const rejection of rejections) {
      const { field, message } = rejectionMessage(rejection);
      problems.set(this.key(entryIndexes[rejection.index], field), message);
    }
  }

  private showErrors(): void {
    this.errors.hidden = this.problems.size === 0;
    this.errors.textContent = `有 ${this.problems.size} 处需要处理 · ${this.problems.size} field(s) need attention`;
  }

  private async saveDraft(): Promise<void> {
    const { saveDraft } = await call(SAVE_DRAFT, {
      period: this.period,
      content: JSON.stringify({ entries: this.entries }),
    });
    this.note.textContent = `草稿已保存（${saveDraft.savedBy}）· Draft saved by ${saveDraft.savedBy}`;
  }

  /** Submits the report when every check passes; the receipt, or null (the problems shown). */
  async submit(): Promise<ReceiptData | null> {
    const receipt = await this.send();
    // Not submitted: what is on screen is kept as the draft again.
    if (!receipt) this.saveTimer = window.setTimeout(() => void this.saveDraft(), 0);
    return receipt;
  }

  private async send(): Promise<ReceiptData | null> {
    window.clearTimeout(this.checkTimer);
    // A draft saved after this submission would stand in for what was submitted, were it returned.
    window.clearTimeout(this.saveTimer);
    let checked = await this.check();
    // Typed on while the hub checked: checked again, never taken for a problem.
    while (checked === 'stale') checked = await this.check();
    if (!checked) {
      this.focusFirstProblem();
      return null;
    }
    const filled = this.filled();
    if (filled.length === 0) {
      this.errors.hidden = false;
      this.errors.textContent = '尚未填写任何数据 · Nothing is filled in';
      return null;
    }
    const figures = filled.map(({ entry, indicator }) => toFigure(entry, indicator, this.period));
    try {
      const { submitReport } = await call(SUBMIT, {
        input: { period: this.period, figures, idempotencyKey: contentKey(this.period, figures) },
      });
      if (submitReport.receipt) return submitReport.receipt;
      this.applyRejections(
        this.problems,
        submitReport.summary.rejections,
        filled.map(({ entry }) => this.entries.indexOf(entry)),
      );
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      this.errors.hidden = false;
      this.errors.textContent = error.message;
      return null;
    }
    this.render();
    this.showErrors();
    this.focusFirstProblem();
    return null;
  }

  private focusFirstProblem(): void {
    const first = this.container.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }
}
