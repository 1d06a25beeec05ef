/** Words, colours and numbers the views share. */
import type { Comparator, Kpi, KpiStatus, SeriesPoint } from './queries';

export type Tone = 'good' | 'fair' | 'warn' | 'bad' | 'none' | 'info';

export const KPI_STATUS: Record<KpiStatus, { en: string; zh: string; tone: Tone }> = {
  ACHIEVED: { en: 'Achieved', zh: '已达成', tone: 'good' },
  ON_TRACK: { en: 'On track', zh: '进展正常', tone: 'fair' },
  AT_RISK: { en: 'At risk', zh: '存在风险', tone: 'warn' },
  OFF_TRACK: { en: 'Off track', zh: '未达成', tone: 'bad' },
  INCOMPLETE: { en: 'Incomplete', zh: '数据不全', tone: 'warn' },
  NO_DATA: { en: 'No data', zh: '暂无数据', tone: 'none' },
  NO_BASELINE: { en: 'No baseline', zh: '缺少基线', tone: 'none' },
  NO_TARGET: { en: 'Monitoring', zh: '监测指标', tone: 'none' },
};

export const TASK_STATUS: Record<string, { en: string; zh: string; tone: Tone }> = {
  NOT_STARTED: { en: 'Not started', zh: '未启动', tone: 'none' },
  IN_PROGRESS: { en: 'In progress', zh: '推进中', tone: 'info' },
  DONE: { en: 'Done', zh: '已完成', tone: 'good' },
  BLOCKED: { en: 'Blocked', zh: '受阻', tone: 'warn' },
  OVERDUE: { en: 'Overdue', zh: '已逾期', tone: 'bad' },
};

/** Severity order for lists: off track first. */
export const STATUS_ORDER: KpiStatus[] = [
  'OFF_TRACK',
  'AT_RISK',
  'INCOMPLETE',
  'NO_BASELINE',
  'NO_DATA',
  'ON_TRACK',
  'ACHIEVED',
  'NO_TARGET',
];

export function statusInfo(status: string): { en: string; zh: string; tone: Tone } {
  return KPI_STATUS[status as KpiStatus] ?? TASK_STATUS[status] ?? { en: status, zh: '', tone: 'none' };
}

export function number(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : 2;
  return new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(value);
}

export function withUnit(value: number | null | undefined, unit: string): string {
  const text = number(value);
  return text === '—' || !unit ? text : `${text} ${unit}`;
}

const SYMBOL: Record<string, string> = { AT_LEAST: '≥', MORE_THAN: '>', AT_MOST: '≤', EQUAL: '=' };

/** The target as the document states it: "≥ 83.5 分", "压减 10 % (≤ 54 天)". */
export function targetText(comparator: Comparator | null, target: number | null, unit: string, effective: number | null): string {
  if (!comparator || target === null) return 'No target';
  if (comparator === 'REDUCE_BY_PERCENT' || comparator === 'INCREASE_BY_PERCENT') {
    const words = comparator === 'REDUCE_BY_PERCENT' ? '压减' : '提升';
    const bound = comparator === 'REDUCE_BY_PERCENT' ? '≤' : '≥';
    return effective === null
      ? `${words} ${number(target)} % vs baseline`
      : `${words} ${number(target)} % (${bound} ${withUnit(effective, unit)})`;
  }
  return `${SYMBOL[comparator] ?? comparator} ${withUnit(target, unit)}`;
}

export const FIGURE_RULE: Record<string, { en: string; zh: string }> = {
  ALL: { en: 'All reported figures', zh: '全部上报数据' },
  ACCEPTED: { en: 'Accepted figures only', zh: '仅计审核通过的数据' },
};

export const REPORT_STATUS: Record<string, { en: string; zh: string; tone: Tone }> = {
  ON_TIME: { en: 'On time', zh: '按时', tone: 'good' },
  LATE: { en: 'Late', zh: '逾期报送', tone: 'warn' },
  MISSING: { en: 'Missing', zh: '未报送', tone: 'bad' },
};

/** What a value counts beyond its rule: the share of the window's months reported and the reports missing, when partial. */
export function partialText(kpi: { coverage?: number | null; missingPeriods?: string[] | null }): string {
  const parts: string[] = [];
  if (kpi.coverage !== null && kpi.coverage !== undefined && kpi.coverage < 1)
    parts.push(`${Math.round(kpi.coverage * 100)} % of the window's months reported`);
  if (kpi.missingPeriods?.length) parts.push(`missing ${kpi.missingPeriods.join(', ')}`);
  return parts.join(' · ');
}

export function progressText(progress: number | null): string {
  return progress === null ? '—' : `${Math.round(progress)} %`;
}

export function isDemo(kpi: Pick<Kpi, 'demo'> | null | undefined, series: SeriesPoint[] = []): boolean {
  return !!kpi?.demo || series.some((p) => p.source === 'demo');
}

/** Shown for what a part of the hub that is not answering would have named. */
export const UNAVAILABLE = '—';

/** Owners' names; one the hub cannot name right now (its organisations are unavailable) shows as —. */
export function ownerNames(owners: Array<{ name: string } | null> | null | undefined): string {
  return (owners ?? []).map((o) => o?.name ?? UNAVAILABLE).join('、');
}

export function localDate(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${localDate(date)} ${date.toTimeString().slice(0, 5)}`;
}

/** The headline goals in the order the document lists them (unknown ones after, as the API gives them). */
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
export function documentOrder<T extends { indicator: { id: string } | null }>(items: T[]): T[] {
  const rank = (item: T) => {
    const i = DOCUMENT_ORDER.indexOf(item.indicator?.id ?? '');
    return i === -1 ? DOCUMENT_ORDER.length : i;
  };
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
    .map((x) => x.item);
}
