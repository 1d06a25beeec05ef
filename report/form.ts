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
  type EntryField,
  isFilled,
  isRatio,
  type OwedIndicator,
  previousPeriod,
  type Rejection,
  rejectionMessage,
  STATUSES,
  toFigure,
} from './entries';
import { formatNumber, formatPeriod } from './format';
import { CHECK, DRAFT, PREVIOUS, SAVE_DRAFT, SUBMIT } from './queries';
import type { ReceiptData } from './receipt';

export class ReportForm {
  private entries: Entry[] = [];
  /** Problems by entry and field: from the checks here and from the server's. */
  private problems = new Map<string, string>();
  private checkTimer: number | undefined;
  private saveTimer: number | undefined;
  /** Last period's values, by indicator and breakdown. */
  private previous = new Map<string, number>();

  constructor(
    readonly period: string,
    private readonly indicators: OwedIndicator[],
    private readonly container: HTMLElement,
    private readonly note: HTMLElement,
    private readonly errors: HTMLElement,
  ) {}

  /** Loads the draft (or starts empty, with a row for each breakdown reported last period) and draws the form. */
  async open(organizationId: string): Promise<void> {
    const { indicators } = await call(PREVIOUS, { org: organizationId, period: previousPeriod(this.period) });
    for (const indicator of indicators ?? [])
      for (const figure of indicator.figures)
        if (figure.period === previousPeriod(this.period) && figure.value !== null)
          this.previous.set(`${indicator.id}|${figure.breakdown}`, figure.value);
    const { draft } = await call(DRAFT, { period: this.period });
    const saved = draft ? ((JSON.parse(draft.content) as { entries?: Entry[] }).entries ?? []) : [];
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
    this.note.textContent = draft
      ? `已载入 ${draft.savedBy} 保存的草稿 · Draft saved by ${draft.savedBy} loaded`
      : '输入内容会自动保存为草稿 · What you type is kept as a draft';
    this.render();
  }

  private key = (index: number, field: string) => `${index}:${field}`;

  private render(): void {
    this.container.replaceChildren(...this.indicators.map((indicator) => this.fieldset(indicator)));
  }

  private fieldset(indicator: OwedIndicator): HTMLFieldSetElement {
    const previous = indicator.series.filter((p) => p.period < this.period && p.period.length === this.period.length).slice(-2);
    const rows = this.entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.indicator === indicator.id);
    return h(
      'fieldset',
      { class: 'indicator', 'data-indicator': indicator.id },
      h('legend', {}, zh(indicator.name), ' ', h('span', { class: 'en' }, indicator.nameEn), ` · ${indicator.unit}`),
      h(
        'p',
        { class: 'muted small' },
        previous.length > 0
          ? `往期 Previous: ${previous.map((p) => `${formatPeriod(p.period)} ${formatNumber(p.value)}`).join('；')}`
          : '往期无数据 No previous figures',
        indicator.integerOnly ? ' · 整数 whole numbers' : '',
        indicator.maxValue !== null ? ` · ${formatNumber(indicator.minValue ?? 0)}–${formatNumber(indicator.maxValue)}` : '',
      ),
      rows.map(({ entry, index }) => this.row(indicator, entry, index)),
      h(
        'button',
        {
          type: 'button',
          class: 'button quiet',
          onclick: () => {
            const count = this.entries.filter((e) => e.indicator === indicator.id).length;
            this.entries.push(emptyEntry(indicator.id, `分项 ${count}`));
            this.changed();
            this.render();
          },
        },
        '添加分项 Add a breakdown row',
      ),
    );
  }

  private input(index: number, field: keyof Entry, label: string, options: { numeric?: boolean; multiline?: boolean } = {}) {
    const id = `e${index}-${field}`;
    const problem = this.problems.get(this.key(index, field));
    const attrs = {
      id,
      name: id,
      value: this.entries[index][field],
      'aria-invalid': problem ? 'true' : null,
      'aria-describedby': problem ? `${id}-error` : null,
      inputmode: options.numeric ? 'decimal' : null,
      autocomplete: 'off',
      oninput: (event: Event) => {
        this.entries[index][field] = (event.target as HTMLInputElement).value;
        this.changed();
      },
    };
    const control = options.multiline ? h('textarea', { ...attrs, rows: 2 }, this.entries[index][field]) : h('input', attrs);
    return h(
      'div',
      { class: `field field-${field}` },
      h('label', { for: id, class: 'field-label' }, label),
      control,
      problem ? h('p', { class: 'field-error', id: `${id}-error`, role: 'alert' }, problem) : null,
    );
  }

  private row(indicator: OwedIndicator, entry: Entry, index: number): HTMLDivElement {
    const needsExplanation = this.problems.has(this.key(index, 'explanation')) || entry.explanation !== '';
    const status = h(
      'select',
      {
        id: `e${index}-status`,
        onchange: (event: Event) => {
          this.entries[index].status = (event.target as HTMLSelectElement).value;
          this.changed();
        },
      },
      STATUSES.map(([value, label]) => h('option', { value, selected: entry.status === value }, label)),
    );
    return h(
      'div',
      { class: 'entry', 'data-entry': index },
      entry.breakdown !== '' || this.problems.has(this.key(index, 'breakdown'))
        ? this.input(index, 'breakdown', '分项 Breakdown')
        : h('p', { class: 'entry-title' }, '合计 Total'),
      this.previous.has(`${indicator.id}|${entry.breakdown}`)
        ? h(
            'p',
            { class: 'muted small entry-previous' },
            `上期 Previous: ${formatNumber(this.previous.get(`${indicator.id}|${entry.breakdown}`))}`,
          )
        : null,
      isRatio(indicator)
        ? [
            this.input(index, 'numerator', '分子 Numerator', { numeric: true }),
            this.input(index, 'denominator', '分母 Denominator', { numeric: true }),
          ]
        : this.input(index, 'value', `数值 Value (${indicator.unit})`, { numeric: true }),
      h('div', { class: 'field' }, h('label', { for: `e${index}-status`, class: 'field-label' }, '状态 Status'), status),
      this.input(index, 'note', '备注 Note'),
      this.input(index, 'source', '来源 Source'),
      needsExplanation ? this.input(index, 'explanation', '情况说明 Explanation', { multiline: true }) : null,
    );
  }

  /** After each change: the checks here at once, the server's and the draft a moment later. */
  private changed(): void {
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

  /** Checks everything filled in: here first; when that passes, a dry-run push. True when nothing is wrong. */
  async check(): Promise<boolean> {
    const focused = document.activeElement?.id;
    const before = JSON.stringify([...this.problems]);
    this.problems.clear();
    this.entries.forEach((entry, index) => {
      const indicator = this.indicators.find((i) => i.id === entry.indicator)!;
      for (const [field, message] of Object.entries(checkEntry(entry, indicator)))
        this.problems.set(this.key(index, field as EntryField), message);
    });
    const filled = this.filled();
    if (this.problems.size === 0 && filled.length > 0) {
      const figures = filled.map(({ entry, indicator }) => toFigure(entry, indicator, this.period));
      const { pushFigures } = await call(CHECK, {
        input: { figures, dryRun: true, atomic: true, requireExplanations: true },
      });
      this.applyRejections(
        pushFigures.rejections,
        filled.map(({ entry }) => this.entries.indexOf(entry)),
      );
    }
    // Drawn again only when the problems changed, so typing is never interrupted.
    if (JSON.stringify([...this.problems]) !== before) {
      this.render();
      if (focused) document.getElementById(focused)?.focus();
    }
    this.showErrors();
    return this.problems.size === 0;
  }

  private applyRejections(rejections: Rejection[], entryIndexes: number[]): void {
    for (const rejection of rejections) {
      const { field, message } = rejectionMessage(rejection);
      this.problems.set(this.key(entryIndexes[rejection.index], field), message);
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
    window.clearTimeout(this.checkTimer);
    if (!(await this.check())) {
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
      if (submitReport.receipt) {
        window.clearTimeout(this.saveTimer);
        return submitReport.receipt;
      }
      this.applyRejections(
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
