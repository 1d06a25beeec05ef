/** The eight city goals as tiles: name, value, target, progress, status and a small chart. */
import { bar, h, zh } from '../../client/dom';
import {
  documentOrder,
  FIGURE_RULE,
  isDemo,
  ownerNames,
  partialText,
  progressText,
  statusInfo,
  targetText,
  withUnit,
} from '../format';
import type { GoalKpi as Kpi } from '../queries';
import { destroyCharts, lineChart, targetLine } from './charts';

export function demoBadge(): HTMLSpanElement {
  return h('span', { class: 'badge demo', title: 'Synthetic demo figures (source "demo")' }, 'Demo ', zh('演示'));
}

export function statusChip(status: string): HTMLSpanElement {
  const info = statusInfo(status);
  return h(
    'span',
    { class: `chip tone-${info.tone}`, 'data-status': status },
    info.en,
    info.zh ? ' ' : '',
    info.zh ? zh(info.zh) : null,
  );
}

/**
 * What a value counts, said beside it: the window, the figure rule (all reported or accepted
 * only) and, when partial, the share of the window's months reported and the reports missing.
 */
export function basisLine(kpi: {
  window: string;
  windowComplete: boolean;
  figureRule: string;
  coverage?: number | null;
  missingPeriods?: string[] | null;
}): HTMLElement {
  const rule = FIGURE_RULE[kpi.figureRule] ?? { en: kpi.figureRule, zh: '' };
  const partial = partialText(kpi);
  return h(
    'p',
    { class: 'basis', 'data-figure-rule': kpi.figureRule, 'data-partial': String(!!partial) },
    h('span', { class: 'basis-window' }, `${kpi.window} ${kpi.windowComplete ? '(closed)' : '(open)'}`),
    ' · ',
    h('span', { class: 'basis-rule' }, rule.en, rule.zh ? ' ' : '', rule.zh ? zh(rule.zh) : null),
    partial ? ' · ' : '',
    partial ? h('span', { class: 'basis-partial' }, partial) : null,
  );
}

function tile(kpi: Kpi, open: (id: string) => void): HTMLElement {
  const indicator = kpi.indicator!;
  const series = indicator.series ?? [];
  const demo = isDemo(kpi, series);
  const info = statusInfo(kpi.status);
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': series.length
      ? `Figures over time: ${series.map((p) => `${p.period} ${p.value}`).join(', ')}`
      : 'No figures reported yet',
  });
  const element = h(
    'article',
    {
      class: `tile tone-${info.tone}`,
      'data-indicator': indicator.id,
      'data-status': kpi.status,
      'data-demo': String(demo),
    },
    h(
      'header',
      { class: 'tile-head' },
      h(
        'h3',
        { class: 'tile-title' },
        h(
          'button',
          { type: 'button', class: 'link', 'data-open': indicator.id, onclick: () => open(indicator.id) },
          zh(indicator.name, 'zh name-zh'),
          h('span', { class: 'name-en' }, indicator.nameEn),
        ),
      ),
      demo ? demoBadge() : null,
    ),
    h(
      'p',
      { class: 'tile-value' },
      h('span', { class: 'value', 'data-value': kpi.actual ?? '' }, withUnit(kpi.actual, indicator.unit)),
    ),
    basisLine(kpi),
    h(
      'p',
      { class: 'tile-target' },
      'Target ',
      h('strong', {}, targetText(kpi.comparator, kpi.targetValue, indicator.unit, kpi.effectiveTarget)),
    ),
    h(
      'div',
      { class: 'tile-progress' },
      bar(kpi.progress, info.tone, `Progress toward the target: ${progressText(kpi.progress)}`),
      h('span', { class: 'pct' }, progressText(kpi.progress)),
    ),
    h('p', { class: 'tile-status' }, statusChip(kpi.status), h('span', { class: 'owner' }, ownerNames(indicator.owners))),
    h('div', { class: 'spark' }, series.length ? canvas : h('p', { class: 'empty' }, 'No figures yet')),
  );
  element.title = kpi.reason;
  return element;
}

/** Replaces the tiles; returns whether any tile shows demo figures. */
export function renderTiles(container: HTMLElement, goals: Kpi[], open: (id: string) => void): boolean {
  destroyCharts('tiles');
  const kpis = documentOrder(goals.filter((k) => k.indicator));
  const tiles = kpis.map((k) => tile(k, open));
  container.replaceChildren(...tiles);
  kpis.forEach((kpi, i) => {
    const canvas = tiles[i].querySelector('canvas');
    const series = kpi.indicator!.series ?? [];
    if (canvas && series.length) {
      lineChart(canvas, series, {
        group: 'tiles',
        unit: kpi.indicator!.unit,
        target: targetLine(kpi.indicator!.rollup, kpi.effectiveTarget),
        compact: true,
      });
    }
  });
  return kpis.some((k) => isDemo(k, k.indicator!.series));
}
