/**
 * A target's detail, in a dialog: where it stands, its owners and tasks, its figures over
 * time, and every figure with all its revisions (value, status, who, when, why). For a
 * derived indicator, the figures of the indicators it is computed from.
 */
import { AuthError, describeErrors, type GraphQLErrorLike, request } from '../api';
import { append, h, zh } from '../../client/dom';
import { UNAVAILABLE, dateTime, isDemo, ownerNames, progressText, targetText, withUnit } from '../format';
import { DETAIL, INPUT_FIGURES, type DetailData, type FigureRow, type InputData, type Kpi } from '../queries';
import { destroyCharts, lineChart, targetLine } from './charts';
import { basisLine, demoBadge, statusChip } from './tiles';

function facts(kpi: Kpi | null, unit: string): HTMLElement {
  const item = (label: string, value: Node | string) => h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, value));
  if (!kpi) return h('p', { class: 'muted' }, 'No target.');
  return h(
    'dl',
    { class: 'facts' },
    item('Status', statusChip(kpi.status)),
    item('Actual', withUnit(kpi.actual, unit)),
    item('Target', targetText(kpi.comparator, kpi.targetValue, unit, kpi.effectiveTarget)),
    item('Progress', progressText(kpi.progress)),
    item('Counts', basisLine(kpi)),
    item('Projected', withUnit(kpi.projected, unit)),
  );
}

/** Quality flags (ESTIMATED, BREAK_IN_SERIES, …), apart from the status. */
const flagTags = (flags: string[] | null | undefined) =>
  (flags ?? []).map((flag) => h('span', { class: 'tag flag', 'data-flag': flag }, flag.toLowerCase().replace(/_/g, ' ')));

function history(figures: FigureRow[] | null, unit: string): HTMLElement {
  if (!figures) return h('p', { class: 'empty unavailable' }, 'The figures are unavailable right now.');
  if (figures.length === 0) return h('p', { class: 'muted' }, 'No figures reported.');
  return h(
    'ol',
    { class: 'history' },
    figures.map((f) =>
      h(
        'li',
        { class: 'history-figure', 'data-period': f.period, 'data-breakdown': f.breakdown },
        h(
          'p',
          { class: 'history-head' },
          h('strong', {}, f.period),
          f.breakdown ? h('span', { class: 'muted' }, ` · ${f.breakdown}`) : null,
          h('span', { class: 'figure' }, f.withdrawn ? 'withdrawn' : withUnit(f.value, unit)),
          h('span', { class: 'tag' }, f.status),
          flagTags(f.flags),
          h('span', { class: 'muted' }, `revision ${f.revision}`),
          f.source === 'demo' ? demoBadge() : null,
        ),
        f.note ? h('p', { class: 'muted small', lang: 'zh-CN' }, f.note) : null,
        h(
          'ol',
          { class: 'revisions' },
          [...f.history]
            .reverse()
            .map((r) =>
              h(
                'li',
                { class: 'revision', 'data-revision': r.revision },
                h('span', { class: 'rev' }, `r${r.revision}`),
                h('span', { class: 'figure' }, r.withdrawn ? 'withdrawn' : withUnit(r.value, unit)),
                h('span', { class: 'tag' }, r.status),
                flagTags(r.flags),
                r.reportedOn ? h('span', { class: 'muted' }, `reported ${r.reportedOn}`) : null,
                h(
                  'span',
                  { class: 'who' },
                  r.recordedBy,
                  h(
                    'span',
                    { class: 'muted' },
                    ' · ',
                    r.recordedByOrganization ? zh(r.recordedByOrganization.name) : UNAVAILABLE,
                  ),
                ),
                h('time', { class: 'muted', datetime: r.recordedAt }, dateTime(r.recordedAt)),
                r.reason ? h('span', { class: 'reason' }, '“', r.reason, '”') : null,
                r.warningCodes.length > 0
                  ? h(
                      'span',
                      { class: 'reason explanation' },
                      `${r.warningCodes.join(', ')}: `,
                      r.explanation ? zh(r.explanation) : '—',
                    )
                  : null,
              ),
            ),
        ),
      ),
    ),
  );
}

function header(title: string, titleEn: string, close: () => void): HTMLElement {
  return h(
    'header',
    { class: 'detail-head' },
    h('h2', { id: 'detail-title' }, zh(title, 'zh name-zh'), h('span', { class: 'name-en' }, titleEn)),
    h('button', { type: 'button', class: 'button quiet close', 'aria-label': 'Close', onclick: close }, '✕'),
  );
}

async function inputs(formula: string, errors: GraphQLErrorLike[]): Promise<InputData[]> {
  const ids = [...new Set([...formula.matchAll(/\[([A-Za-z0-9_-]+)\]/g)].map((m) => m[1]))];
  return Promise.all(
    ids.map(async (id) => {
      const answer = await request(INPUT_FIGURES, { id, ref: id });
      errors.push(...answer.errors);
      return answer.data;
    }),
  );
}

/** Opens the dialog on one indicator; `needToken` is called when the hub asks for a token. */
export async function openDetail(
  dialog: HTMLDialogElement,
  id: string,
  asOf: string,
  figures: 'ALL' | 'ACCEPTED' | null,
  needToken: (message: string) => void,
): Promise<void> {
  const close = () => dialog.close();
  destroyCharts('detail');
  dialog.replaceChildren(header('…', 'Loading', close), h('p', { class: 'muted' }, 'Loading the figures…'));
  dialog.dataset.indicator = id;
  if (!dialog.open) dialog.showModal();
  let data: DetailData;
  let derived: InputData[] = [];
  const errors: GraphQLErrorLike[] = [];
  try {
    const answer = await request(DETAIL, { id, ref: id, asOf, figures });
    data = answer.data;
    errors.push(...answer.errors);
    if (data.indicator?.formula) derived = await inputs(data.indicator.formula, errors);
  } catch (error) {
    if (error instanceof AuthError) {
      dialog.close();
      return needToken(error.message);
    }
    dialog.replaceChildren(header('—', 'Could not load', close), h('p', { class: 'banner error' }, (error as Error).message));
    return;
  }
  if (dialog.dataset.indicator !== id) return;
  const indicator = data.indicator;
  const partial = describeErrors(errors);
  const notice = partial ? h('p', { class: 'banner partial', role: 'status' }, partial) : null;
  if (!indicator) {
    dialog.replaceChildren(header('—', partial ? 'Unavailable' : `No indicator "${id}"`, close));
    append(dialog, [notice]);
    return;
  }
  const demo =
    isDemo(indicator.kpi, indicator.series) ||
    [data.figures, ...derived.map((d) => d.figures)].flat().some((f) => f?.source === 'demo');
  const canvas = h('canvas', { role: 'img', 'aria-label': `Figures of ${indicator.nameEn} over time` });
  const tasks = (indicator.tasks ?? []).filter((t): t is { id: string; content: string } => !!t);
  dialog.replaceChildren();
  append(dialog, [
    header(indicator.name, indicator.nameEn, close),
    notice,
    demo
      ? h(
          'p',
          { class: 'banner demo', role: 'note' },
          h('strong', {}, 'Demo data. '),
          'Figures marked Demo are synthetic (source “demo”). ',
          zh('演示数据，非统计数据。'),
        )
      : null,
    h('blockquote', { class: 'quote', lang: 'zh-CN' }, indicator.quote),
    h(
      'p',
      { class: 'owners' },
      h('strong', {}, 'Owners '),
      zh(ownerNames(indicator.owners) || '—'),
      h('span', { class: 'muted' }, ' · the first reports'),
    ),
    tasks.length
      ? h('p', { class: 'muted small' }, `Task${tasks.length > 1 ? 's' : ''} `, tasks.map((t) => t.id).join(', '))
      : null,
    facts(indicator.kpi, indicator.unit),
    indicator.kpi ? h('p', { class: 'muted small' }, indicator.kpi.reason) : null,
    h(
      'div',
      { class: 'detail-chart' },
      indicator.series.length ? canvas : h('p', { class: 'empty' }, 'No figures over time yet'),
    ),
    indicator.formula
      ? h(
          'section',
          { class: 'detail-section' },
          h('h3', {}, 'Derived ', h('span', { class: 'muted' }, `= ${indicator.formula}`)),
          ...derived.map((d) =>
            h(
              'div',
              { class: 'derived-input', 'data-input': d.indicator?.id ?? '' },
              h(
                'h4',
                {},
                zh(d.indicator?.name ?? '—'),
                ' ',
                h('span', { class: 'muted' }, `${d.indicator?.nameEn ?? ''} · ${ownerNames(d.indicator?.owners)}`),
              ),
              history(d.figures, d.indicator?.unit ?? ''),
            ),
          ),
        )
      : h(
          'section',
          { class: 'detail-section' },
          h('h3', {}, 'Figures and revisions ', zh('数据及修订记录')),
          history(data.figures, indicator.unit),
        ),
  ]);
  if (indicator.series.length) {
    lineChart(canvas, indicator.series, {
      group: 'detail',
      unit: indicator.unit,
      target: targetLine(indicator.rollup, indicator.kpi?.effectiveTarget ?? null),
      compact: false,
    });
  }
  dialog.querySelector<HTMLButtonElement>('.close')?.focus();
}
