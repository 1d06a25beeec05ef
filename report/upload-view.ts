/**
 * A filled file checked before it is submitted: its counts, and each rejection and warning
 * by its sheet cell beside the row it concerns (the indicator, period and breakdown the
 * file gives there), in words; a field to explain each warned figure; then the file
 * submitted as the period's report with those explanations, or what stopped it.
 */
import { h, zh } from '../client/dom';
import { RefusalError, sendReportFile, type UploadAnswer, type UploadProblem } from './excel';
import { formatNumber, formatPeriod } from './format';
import { codeWords, FIELD_WORDS } from './messages';

export interface UploadElements {
  note: HTMLElement;
  counts: HTMLElement;
  errors: HTMLElement;
  problems: HTMLElement;
  submit: HTMLButtonElement;
}

/** A code in words; a missing explanation also names the warning it is for ("IMPLAUSIBLE_JUMP: …"). */
function words(problem: UploadProblem): string {
  const text = codeWords(problem.code);
  const warning = problem.code === 'EXPLANATION_REQUIRED' ? /^([A-Z_]+):/.exec(problem.message)?.[1] : undefined;
  return warning ? `${text} · ${codeWords(warning)}` : text;
}

/** A sheet cell as Excel writes it: '填报 Report'!G7 (a CSV's: G7); a whole row: 第 7 行 row 7. */
function cellName(sheet: string | null, problem: UploadProblem): string {
  if (!problem.cell) return `第 ${problem.row} 行 row ${problem.row}`;
  if (!sheet) return problem.cell;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? `${sheet}!${problem.cell}` : `'${sheet.replace(/'/g, "''")}'!${problem.cell}`;
}

export class UploadView {
  /** What the clerk typed to explain warned figures, by sheet row. */
  private readonly explanations = new Map<number, string>();
  private answer: UploadAnswer | null = null;
  /** Rows whose explanation was left empty when the clerk submitted. */
  private missing = new Set<number>();

  constructor(
    readonly period: string,
    private readonly file: File,
    private readonly names: Map<string, string>,
    private readonly el: UploadElements,
  ) {}

  /** The dry run: what submitting the file would do, drawn. */
  async check(): Promise<void> {
    this.answer = await sendReportFile(this.file, this.period, this.explanations, true);
    this.render();
  }

  /** Rows that take an explanation: a warned figure, or one refused for want of an explanation. */
  private explainable(): Set<number> {
    const answer = this.answer!;
    return new Set([
      ...answer.warnings.map((w) => w.row),
      ...answer.rejections.filter((r) => r.field === 'explanation').map((r) => r.row),
    ]);
  }

  /** Rejections that only the file can mend (all but a missing or too long explanation). */
  private fileProblems(): UploadProblem[] {
    return this.answer!.rejections.filter((r) => r.field !== 'explanation');
  }

  /** Submits the file with the explanations: the receipt's id, or null with what stopped it shown. */
  async submit(): Promise<string | null> {
    this.missing = new Set([...this.explainable()].filter((row) => !this.explanations.get(row)?.trim()));
    if (this.missing.size > 0) {
      this.render();
      this.el.problems.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return null;
    }
    this.el.submit.disabled = true;
    try {
      const answer = await sendReportFile(this.file, this.period, this.explanations, false);
      if (answer.receipt) return answer.receipt.id;
      this.answer = answer;
      this.render();
      (this.el.problems.querySelector<HTMLElement>('textarea, .problem-row') ?? this.el.errors).focus();
    } catch (error) {
      if (!(error instanceof RefusalError)) throw error;
      this.el.errors.hidden = false;
      this.el.errors.textContent = `未提交 Not submitted：${error.message}`;
      this.el.errors.focus();
    } finally {
      this.el.submit.disabled = false;
    }
    return null;
  }

  private render(): void {
    const answer = this.answer!;
    this.el.note.textContent =
      `${this.file.name} · ${formatPeriod(this.period)} (${this.period}) · ` +
      (answer.dryRun
        ? '已核对，尚未写入任何数据 Checked: nothing is written yet'
        : '未提交，没有写入任何数据 Not submitted: nothing was written');
    const fact = (term: string, value: number) => [
      h('div', { class: 'count' }, h('dt', {}, term), h('dd', {}, formatNumber(value))),
    ];
    const unexplained = answer.rejections.filter((r) => r.code === 'EXPLANATION_REQUIRED').length;
    const warnings = answer.warnings.length + answer.warningsOmitted + unexplained;
    this.el.counts.replaceChildren(
      ...fact('有数据的行 Rows with figures', answer.rows),
      ...fact('留空的行 Rows left empty', answer.unfilled),
      ...fact('新增 To create', answer.created),
      ...fact('更新 To update', answer.updated),
      ...fact('未变 Unchanged', answer.unchanged),
      ...(answer.skipped > 0 ? fact('暂不写入 Held back (all or nothing)', answer.skipped) : []),
      ...fact('拒收 Rejected', answer.rejected - unexplained),
      ...fact('警告 Warnings', warnings),
    );
    const mend = this.fileProblems().length > 0 || answer.rejectionsOmitted > 0;
    const empty = answer.rows === 0;
    const stops = [
      mend ? '请在 Excel 中更正下列单元格，然后重新选择文件 Correct the cells below in Excel, then choose the file again' : '',
      empty ? '文件中没有填写任何数据 The file holds no figures: fill in the value cells' : '',
      this.missing.size > 0 ? `有 ${this.missing.size} 处需要说明 ${this.missing.size} figure(s) need an explanation` : '',
    ].filter(Boolean);
    this.el.errors.hidden = stops.length === 0;
    this.el.errors.textContent = stops.join('；');
    this.el.submit.hidden = mend || empty;
    this.drawProblems(answer);
  }

  private drawProblems(answer: UploadAnswer): void {
    // A figure refused only for want of an explanation is, to the clerk, a warning to explain.
    const all = [
      ...answer.rejections.map((p) => ({ ...p, kind: p.code === 'EXPLANATION_REQUIRED' ? 'warning' : 'rejection' })),
      ...answer.warnings.map((p) => ({ ...p, kind: 'warning' })),
    ];
    const rows = [...new Set(all.map((p) => p.row))].sort((a, b) => a - b);
    const explainable = this.explainable();
    const omitted = answer.rejectionsOmitted + answer.warningsOmitted;
    const notes = [
      omitted > 0 ? h('li', { class: 'muted small' }, `另有 ${omitted} 处未列出 ${omitted} more not listed`) : null,
      rows.length === 0 && answer.rows > 0 ? h('li', { class: 'problem-none' }, '未发现问题 No problems found') : null,
    ].filter((note) => note !== null);
    this.el.problems.replaceChildren(
      ...rows.map((row) =>
        h(
          'li',
          { class: 'problem-row', 'data-row': row, tabindex: -1 },
          this.where(answer, row),
          h(
            'ul',
            { class: 'problem-list' },
            all
              .filter((p) => p.row === row)
              .map((p) =>
                h(
                  'li',
                  { class: `problem ${p.kind}`, 'data-code': p.code, 'data-cell': p.cell },
                  h('span', { class: 'problem-kind' }, p.kind === 'rejection' ? '拒收 Rejected' : '警告 Warning'),
                  ' ',
                  h('strong', { class: 'problem-cell' }, cellName(answer.sheet, p)),
                  p.field && FIELD_WORDS[p.field] && p.code !== 'EXPLANATION_REQUIRED' ? ` ${FIELD_WORDS[p.field]}` : '',
                  h('span', { class: 'problem-words' }, words(p)),
                  h('span', { class: 'problem-message small' }, p.message),
                ),
              ),
          ),
          explainable.has(row) ? this.explanationField(row) : null,
        ),
      ),
      ...notes,
    );
  }

  /** The row a problem concerns: its number, and the indicator, period and breakdown the file gives there. */
  private where(answer: UploadAnswer, row: number): HTMLElement {
    const figure = answer.problemRows.find((r) => r.row === row);
    const name = figure ? this.names.get(figure.indicator) : undefined;
    return h(
      'p',
      { class: 'problem-where' },
      h('strong', {}, `第 ${row} 行 Row ${row}`),
      figure
        ? [
            ' · ',
            name ? zh(name) : '',
            name ? ' ' : '',
            h('code', {}, figure.indicator),
            ` · ${figure.period}`,
            ...(figure.breakdown ? [' · 分项 ', zh(figure.breakdown)] : [' · 合计 Total']),
          ]
        : '',
    );
  }

  private explanationField(row: number): HTMLElement {
    const id = `explain-${row}`;
    const missing = this.missing.has(row);
    return h(
      'div',
      { class: 'field explain-field' },
      h('label', { class: 'field-label', for: id }, `情况说明 Explanation (第 ${row} 行 row ${row})`),
      h(
        'textarea',
        {
          id,
          name: id,
          rows: 2,
          maxlength: 2000,
          'aria-invalid': missing ? 'true' : null,
          'aria-describedby': missing ? `${id}-error` : null,
          oninput: (event: Event) => this.explanations.set(row, (event.target as HTMLTextAreaElement).value),
        },
        this.explanations.get(row) ?? '',
      ),
      missing
        ? h(
            'p',
            { class: 'field-error', id: `${id}-error` },
            '请说明此数据为何正确，或在 Excel 中更正 · Say why this figure is right, or correct it in Excel',
          )
        : null,
    );
  }
}
