/**
 * The fields of the reporting form (report/form.ts): a fieldset for each indicator owed,
 * a row for each breakdown with its inputs (value, or numerator and denominator; status,
 * note, source), each problem shown under its field; the explanation when one is asked
 * for, and the reason when a FINAL figure of the period changes.
 */
import { h, zh } from '../client/dom';
import {
  emptyEntry,
  type Entry,
  isFilled,
  isRatio,
  type OwedIndicator,
  previousPeriod,
  sameValue,
  type StandingFigure,
  STATUSES,
} from './entries';
import { formatNumber, formatPeriod } from './format';

/** What the fields are drawn from, and what a change in them calls: the form's own state (ReportForm). */
export interface FormState {
  readonly period: string;
  readonly entries: Entry[];
  /** Problems by entry and field (`key`). */
  readonly problems: Map<string, string>;
  /** Last period's values, by indicator and breakdown. */
  readonly previous: Map<string, number>;
  /** The period's own figures as they stand, by indicator and breakdown. */
  readonly standing: Map<string, StandingFigure>;
  key(index: number, field: string): string;
  /** After each change. */
  changed(): void;
  /** Draws the form again. */
  render(): void;
}

export function fieldset(form: FormState, indicator: OwedIndicator): HTMLFieldSetElement {
  const before = previousPeriod(form.period);
  const last = indicator.series.find((p) => p.period === before);
  const rows = form.entries.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.indicator === indicator.id);
  return h(
    'fieldset',
    { class: 'indicator', 'data-indicator': indicator.id },
    h('legend', {}, zh(indicator.name), ' ', h('span', { class: 'en' }, indicator.nameEn), ` · ${indicator.unit}`),
    h(
      'p',
      { class: 'muted small' },
      last
        ? `上期 Previous period (${formatPeriod(before)} ${before}): ${formatNumber(last.value)}`
        : `上期（${formatPeriod(before)}）无数据 · No figure for the previous period, ${before}`,
      indicator.integerOnly ? ' · 整数 whole numbers' : '',
      indicator.maxValue !== null ? ` · ${formatNumber(indicator.minValue ?? 0)}–${formatNumber(indicator.maxValue)}` : '',
    ),
    rows.map(({ entry, index }) => row(form, indicator, entry, index)),
    h(
      'button',
      {
        type: 'button',
        class: 'button quiet',
        onclick: () => {
          const count = form.entries.filter((e) => e.indicator === indicator.id).length;
          form.entries.push(emptyEntry(indicator.id, `分项 ${count}`));
          form.changed();
          form.render();
        },
      },
      '添加分项 Add a breakdown row',
    ),
  );
}

function input(
  form: FormState,
  index: number,
  field: Exclude<keyof Entry, 'flags'>,
  label: string,
  options: { numeric?: boolean; multiline?: boolean } = {},
) {
  const id = `e${index}-${field}`;
  const problem = form.problems.get(form.key(index, field));
  const attrs = {
    id,
    name: id,
    value: form.entries[index][field],
    'aria-invalid': problem ? 'true' : null,
    'aria-describedby': problem ? `${id}-error` : null,
    inputmode: options.numeric ? 'decimal' : null,
    autocomplete: 'off',
    oninput: (event: Event) => {
      form.entries[index][field] = (event.target as HTMLInputElement).value;
      form.changed();
    },
  };
  const control = options.multiline ? h('textarea', { ...attrs, rows: 2 }, form.entries[index][field]) : h('input', attrs);
  return h(
    'div',
    { class: `field field-${field}` },
    h('label', { for: id, class: 'field-label' }, label),
    control,
    problem ? h('p', { class: 'field-error', id: `${id}-error`, role: 'alert' }, problem) : null,
  );
}

function row(form: FormState, indicator: OwedIndicator, entry: Entry, index: number): HTMLDivElement {
  const needsExplanation = form.problems.has(form.key(index, 'explanation')) || entry.explanation !== '';
  const status = h(
    'select',
    {
      id: `e${index}-status`,
      onchange: (event: Event) => {
        form.entries[index].status = (event.target as HTMLSelectElement).value;
        form.changed();
      },
    },
    STATUSES.map(([value, label]) => h('option', { value, selected: entry.status === value }, label)),
  );
  return h(
    'div',
    { class: 'entry', 'data-entry': index },
    entry.breakdown !== '' || form.problems.has(form.key(index, 'breakdown'))
      ? input(form, index, 'breakdown', '分项 Breakdown')
      : h('p', { class: 'entry-title' }, '合计 Total'),
    form.previous.has(`${indicator.id}|${entry.breakdown}`)
      ? h(
          'p',
          { class: 'muted small entry-previous' },
          `上期 ${previousPeriod(form.period)}: ${formatNumber(form.previous.get(`${indicator.id}|${entry.breakdown}`))}`,
        )
      : null,
    isRatio(indicator)
      ? [
          input(form, index, 'numerator', '分子 Numerator', { numeric: true }),
          input(form, index, 'denominator', '分母 Denominator', { numeric: true }),
        ]
      : input(form, index, 'value', `数值 Value (${indicator.unit})`, { numeric: true }),
    h('div', { class: 'field' }, h('label', { for: `e${index}-status`, class: 'field-label' }, '状态 Status'), status),
    input(form, index, 'note', '备注 Note'),
    input(form, index, 'source', '来源 Source'),
    needsExplanation ? input(form, index, 'explanation', '情况说明 Explanation', { multiline: true }) : null,
    needsReason(form, entry, index) ? input(form, index, 'reason', '更正原因 Reason for the correction') : null,
  );
}

/** A FINAL figure of the period changed (or the server asked for a reason): the reason field is shown. */
function needsReason(form: FormState, entry: Entry, index: number): boolean {
  if (form.problems.has(form.key(index, 'reason')) || entry.reason !== '') return true;
  const now = form.standing.get(`${entry.indicator}|${entry.breakdown}`);
  return now?.status === 'FINAL' && isFilled(entry) && !sameValue(entry, now);
}
