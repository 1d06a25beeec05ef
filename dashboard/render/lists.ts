/** The scoreboard counts, the targets needing attention, all targets, and reporting completeness. */
import { h, stackedBar, zh } from '../../client/dom';
import {
  KPI_STATUS,
  STATUS_ORDER,
  UNAVAILABLE,
  isDemo,
  number,
  ownerNames,
  progressText,
  REPORT_STATUS,
  statusInfo,
  targetText,
  withUnit,
} from '../format';
import type { Completeness, Counts, KpiStatus, ListedKpi as Kpi } from '../queries';
import { basisLine, demoBadge, statusChip } from './tiles';

const COUNT_KEYS: Array<[keyof Counts, KpiStatus]> = [
  ['achieved', 'ACHIEVED'],
  ['onTrack', 'ON_TRACK'],
  ['atRisk', 'AT_RISK'],
  ['offTrack', 'OFF_TRACK'],
  ['incomplete', 'INCOMPLETE'],
  ['noData', 'NO_DATA'],
  ['noBaseline', 'NO_BASELINE'],
];

function countsRow(scope: string, title: string, titleZh: string, counts: Counts): HTMLElement {
  const segments = COUNT_KEYS.map(([key, status]) => ({
    count: counts[key],
    tone: KPI_STATUS[status].tone,
    label: KPI_STATUS[status].en,
  }));
  return h(
    'div',
    { class: 'counts', 'data-scope': scope },
    h(
      'p',
      { class: 'counts-title' },
      h('strong', {}, title),
      ' ',
      zh(titleZh),
      h('span', { class: 'counts-total', 'data-count': 'total' }, String(counts.total)),
    ),
    stackedBar(
      segments,
      `${title}: ${COUNT_KEYS.map(([key, s]) => `${counts[key]} ${KPI_STATUS[s].en.toLowerCase()}`).join(', ')}`,
    ),
    h(
      'ul',
      { class: 'legend' },
      COUNT_KEYS.map(([key, status]) =>
        h(
          'li',
          { class: `legend-item${counts[key] === 0 ? ' zero' : ''}`, 'data-count': key },
          h('span', { class: `dot tone-${KPI_STATUS[status].tone}` }),
          h('strong', {}, String(counts[key])),
          ` ${KPI_STATUS[status].en}`,
        ),
      ),
    ),
  );
}

export function renderScoreboard(container: HTMLElement, board: { asOf: string; headline: Counts; targets: Counts }): void {
  container.replaceChildren(
    countsRow('headline', 'Eight city goals', '八项工作目标', board.headline),
    countsRow('targets', 'All targets of the plan', '全部量化指标', board.targets),
  );
}

/**
 * Keeps the targets of the chosen section's tasks (headline goals belong to no task); a
 * target whose tasks are unavailable (null) stays, since it may belong to the section.
 */
function inSection(kpi: Kpi, section: number | null): boolean {
  if (section === null) return true;
  return (kpi.indicator?.tasks ?? []).some((t) => t === null || t.sectionSeq === section);
}

function targetRow(kpi: Kpi, open: (id: string) => void): HTMLLIElement {
  const indicator = kpi.indicator!;
  const tasks = (indicator.tasks ?? []).filter((t): t is { id: string; sectionSeq: number } => !!t);
  const demo = isDemo(kpi);
  return h(
    'li',
    {
      class: `row target tone-${statusInfo(kpi.status).tone}`,
      'data-indicator': indicator.id,
      'data-status': kpi.status,
      'data-sections': tasks.map((t) => t.sectionSeq).join(' ') || 'goals',
      'data-demo': String(demo),
    },
    h(
      'button',
      { type: 'button', class: 'row-main link', 'data-open': indicator.id, onclick: () => open(indicator.id) },
      zh(indicator.name, 'zh name-zh'),
      h('span', { class: 'name-en' }, indicator.nameEn),
      h(
        'span',
        { class: 'row-meta' },
        indicator.headline ? 'City goal' : tasks.length ? `Task ${tasks.map((t) => t.id).join(', ')}` : '',
        ' · ',
        ownerNames(indicator.owners) || 'no owner',
      ),
    ),
    h(
      'div',
      { class: 'row-side' },
      h('span', { class: 'figure' }, withUnit(kpi.actual, indicator.unit)),
      h(
        'span',
        { class: 'target-text' },
        'target ',
        targetText(kpi.comparator, kpi.targetValue, indicator.unit, kpi.effectiveTarget),
      ),
      h('span', { class: 'chips' }, statusChip(kpi.status), demo ? demoBadge() : null),
      basisLine(kpi),
    ),
  );
}

function empty(text: string): HTMLLIElement {
  return h('li', { class: 'row empty' }, text);
}

const bySeverity = (a: Kpi, b: Kpi) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);

/** Returns whether any listed target counts demo figures. */
export function renderTargets(
  container: HTMLElement,
  note: HTMLElement,
  kpis: Kpi[],
  section: number | null,
  open: (id: string) => void,
): boolean {
  const shown = kpis.filter((k) => k.indicator && inSection(k, section)).sort(bySeverity);
  container.replaceChildren(...(shown.length ? shown.map((k) => targetRow(k, open)) : [empty('No targets for these filters.')]));
  note.textContent = `${shown.length} target${shown.length === 1 ? '' : 's'}${section !== null ? ` of section ${section}'s tasks` : ''}, most urgent first.`;
  return shown.some((k) => isDemo(k));
}

export function renderAttention(
  container: HTMLElement,
  note: HTMLElement,
  kpis: Kpi[],
  section: number | null,
  open: (id: string) => void,
): boolean {
  const shown = kpis.filter((k) => k.indicator && inSection(k, section)).sort(bySeverity);
  container.replaceChildren(
    ...(shown.length ? shown.map((k) => targetRow(k, open)) : [empty('Nothing off track or at risk for these filters.')]),
  );
  const off = shown.filter((k) => k.status === 'OFF_TRACK').length;
  note.textContent = `${off} off track, ${shown.length - off} at risk.`;
  return shown.some((k) => isDemo(k));
}

/** The reports an organisation owes, missing and late first, each with its due date and state: opened from its row. */
function reportList(c: Completeness): HTMLElement | null {
  const reports = [...(c.reports ?? [])].sort(
    (a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.due.localeCompare(b.due) || a.period.localeCompare(b.period),
  );
  if (!reports.length) return null;
  return h(
    'details',
    { class: 'reports' },
    h('summary', {}, `The ${reports.length} report${reports.length === 1 ? '' : 's'} due, `, zh('应报明细')),
    h(
      'ul',
      {},
      ...reports.map((r) => {
        const state = REPORT_STATUS[r.status] ?? { en: r.status, zh: '', tone: 'none' as const };
        return h(
          'li',
          { class: 'report', 'data-status': r.status, 'data-period': r.period },
          h('span', { class: `chip tone-${state.tone}` }, state.en, state.zh ? ' ' : '', state.zh ? zh(state.zh) : null),
          ' ',
          h('span', { class: 'report-name' }, r.indicator?.name ?? UNAVAILABLE),
          ` ${r.period}, due ${r.due}`,
          r.firstReportedAt ? `, reported ${r.firstReportedAt.slice(0, 10)}` : '',
        );
      }),
    ),
  );
}
const ORDER = ['MISSING', 'LATE', 'ON_TIME'];

export function renderCompleteness(container: HTMLElement, rows: Completeness[]): void {
  const sorted = [...rows].sort((a, b) => (a.completeness ?? 100) - (b.completeness ?? 100) || b.missing - a.missing);
  container.replaceChildren(
    ...(sorted.length
      ? sorted.map((c) =>
          h(
            'li',
            { class: 'row completeness', 'data-organization': c.organization?.id ?? null },
            h(
              'div',
              { class: 'row-main' },
              c.organization
                ? zh(c.organization.name, 'zh name-zh')
                : h('span', { class: 'name-zh unavailable', title: 'The organisation cannot be named right now' }, UNAVAILABLE),
              h('span', { class: 'name-en' }, c.organization?.nameEn ?? ''),
              stackedBar(
                [
                  { count: c.onTime, tone: 'good', label: 'On time' },
                  { count: c.late, tone: 'warn', label: 'Late' },
                  { count: c.missing, tone: 'bad', label: 'Missing' },
                ],
                `${c.onTime} on time, ${c.late} late, ${c.missing} missing of ${c.expected}`,
              ),
            ),
            h(
              'div',
              { class: 'row-side' },
              h('span', { class: 'figure' }, c.completeness === null ? '—' : progressText(c.completeness)),
              h('span', { class: 'target-text' }, `${number(c.onTime + c.late)} of ${number(c.expected)} reported`),
              h('span', { class: 'target-text' }, `${number(c.late)} late · ${number(c.missing)} missing`),
            ),
            reportList(c),
          ),
        )
      : [empty('No reports are due for these filters.')]),
  );
}
