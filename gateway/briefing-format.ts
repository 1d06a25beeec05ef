/**
 * The briefing's words and numbers: bilingual labels of statuses (the dashboard's wording),
 * numbers and targets written as the document writes them, HTML escaping, and the small
 * SVG line chart of a goal. Everything here is a pure function of its arguments: the same
 * figures always make the same text.
 */
export const KPI_STATUS: Record<string, { en: string; zh: string; tone: string }> = {
  ACHIEVED: { en: 'Achieved', zh: '已达成', tone: 'good' },
  ON_TRACK: { en: 'On track', zh: '进展正常', tone: 'fair' },
  AT_RISK: { en: 'At risk', zh: '存在风险', tone: 'warn' },
  OFF_TRACK: { en: 'Off track', zh: '未达成', tone: 'bad' },
  INCOMPLETE: { en: 'Incomplete', zh: '数据不全', tone: 'warn' },
  NO_DATA: { en: 'No data', zh: '暂无数据', tone: 'none' },
  NO_BASELINE: { en: 'No baseline', zh: '缺少基线', tone: 'none' },
  NO_TARGET: { en: 'Monitoring', zh: '监测指标', tone: 'none' },
};

export const TASK_STATUS: Record<string, { en: string; zh: string }> = {
  NOT_STARTED: { en: 'Not started', zh: '未启动' },
  IN_PROGRESS: { en: 'In progress', zh: '推进中' },
  DONE: { en: 'Done', zh: '已完成' },
  BLOCKED: { en: 'Blocked', zh: '受阻' },
  OVERDUE: { en: 'Overdue', zh: '已逾期' },
};

export const FIGURE_RULE: Record<string, { en: string; zh: string }> = {
  ALL: { en: 'All reported figures, reviewed or not', zh: '全部上报数据（含未审核）' },
  ACCEPTED: { en: 'Only figures of submissions the coordinator accepted', zh: '仅计审核通过的数据' },
};

/** The eight city goals in the order the document lists them (unknown ones after, by id). */
const DOCUMENT_ORDER = [
  'ip-protection-satisfaction',
  'high-value-patents-per-10k',
  'copyright-registrations',
  'patent-intensive-industry-share',
  'admin-case-cycle-reduction',
  'assistance-mediation-cases',
  'trial-closure-within-limit-rate',
  'average-trial-closure-days',
];

export function documentOrder<T extends { indicator: { id: string } }>(goals: T[]): T[] {
  const rank = (goal: T) => {
    const i = DOCUMENT_ORDER.indexOf(goal.indicator.id);
    return i === -1 ? DOCUMENT_ORDER.length : i;
  };
  return [...goals].sort((a, b) => rank(a) - rank(b) || compare(a.indicator.id, b.indicator.id));
}

/** Code-point order: the same whatever the machine's locale. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string | number | null | undefined): string =>
  String(text ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

const NUMBER = {
  large: new Intl.NumberFormat('en', { maximumFractionDigits: 0 }),
  medium: new Intl.NumberFormat('en', { maximumFractionDigits: 1 }),
  small: new Intl.NumberFormat('en', { maximumFractionDigits: 2 }),
};

/** A value as the briefing prints it: 83,950 · 101.5 · 0.42; — when there is none. */
export function number(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  return (abs >= 1000 ? NUMBER.large : abs >= 100 ? NUMBER.medium : NUMBER.small).format(value);
}

export function withUnit(value: number | null | undefined, unit: string): string {
  const text = number(value);
  return text === '—' || !unit ? text : `${text} ${unit}`;
}

/** A signed difference: +1,200 or −3.5 (— when there is none). */
export function signed(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${withUnit(Math.abs(value), unit)}`;
}

const SYMBOL: Record<string, string> = { AT_LEAST: '≥', MORE_THAN: '>', AT_MOST: '≤', EQUAL: '=' };

/** The target as the document states it: "≥ 83.5 分", "压减 10 % (≤ 54 天)". */
export function targetText(comparator: string | null, target: number | null, unit: string, effective: number | null): string {
  if (!comparator || target === null) return '无目标 No target';
  if (comparator === 'REDUCE_BY_PERCENT' || comparator === 'INCREASE_BY_PERCENT') {
    const words = comparator === 'REDUCE_BY_PERCENT' ? '压减' : '提升';
    const bound = comparator === 'REDUCE_BY_PERCENT' ? '≤' : '≥';
    return effective === null
      ? `${words} ${number(target)} %（基线待定 baseline pending）`
      : `${words} ${number(target)} % (${bound} ${withUnit(effective, unit)})`;
  }
  return `${SYMBOL[comparator] ?? comparator} ${withUnit(target, unit)}`;
}

export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? '—' : `${Math.round(share * 100)} %`;

/** An instant as the briefing states it: 2026-04-01 08:00:00 UTC+8 (Beijing time), from its UTC value. */
export function beijingTime(iso: string): string {
  const at = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${at.slice(0, 10)} ${at.slice(11, 19)} UTC+8`;
}

/** The day of an instant in UTC, as the hub's API writes days. */
export const utcDay = (iso: string | null | undefined): string => (iso ? new Date(iso).toISOString().slice(0, 10) : '—');

/**
 * A goal's values over time as a small line chart (inline SVG, no script, no style
 * attribute): the periods' values joined, the last one marked, the effective target as a
 * dashed line. Scaled to the values and the target; empty when there is nothing to draw.
 */
export function sparkline(values: number[], target: number | null, label: string): string {
  const width = 120;
  const height = 34;
  const pad = 3;
  if (values.length === 0)
    return `<svg class="spark empty" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}"></svg>`;
  const all = target === null ? values : [...values, target];
  let low = Math.min(...all);
  let high = Math.max(...all);
  if (high === low) [low, high] = [low - 1, high + 1];
  const x = (i: number) => (values.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => height - pad - ((v - low) * (height - 2 * pad)) / (high - low);
  const fixed = (n: number) => n.toFixed(1);
  const points = values.map((v, i) => `${fixed(x(i))},${fixed(y(v))}`).join(' ');
  const last = values.length - 1;
  const goal =
    target === null
      ? ''
      : `<line class="target" x1="${pad}" x2="${width - pad}" y1="${fixed(y(target))}" y2="${fixed(y(target))}" stroke-dasharray="3 2"/>`;
  return (
    `<svg class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">` +
    `${goal}<polyline class="line" fill="none" points="${points}"/>` +
    `<circle class="last" cx="${fixed(x(last))}" cy="${fixed(y(values[last]))}" r="2.2"/></svg>`
  );
}
