/** Numbers and dates as zh-CN writes them (1,234.5; 2026年1月15日), and the words of states. */
const numbers = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 });
const dates = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
const times = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Asia/Shanghai' });

export const formatNumber = (value: number | null | undefined): string => (value == null ? '—' : numbers.format(value));

/** A day written YYYY-MM-DD, as 2026年1月15日. */
export const formatDay = (day: string): string => dates.format(new Date(`${day}T00:00:00Z`));

/** A moment (ISO 8601), in Beijing time. */
export const formatTime = (iso: string | null): string => (iso ? times.format(new Date(iso)) : '—');

/** 2025Q4 → 2025年第四季度 (2025Q4); other periods as written. */
export function formatPeriod(period: string): string {
  const quarter = /^(\d{4})Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}年第${'一二三四'[Number(quarter[2]) - 1]}季度`;
  const half = /^(\d{4})H([12])$/.exec(period);
  if (half) return `${half[1]}年${half[2] === '1' ? '上' : '下'}半年`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return /^\d{4}$/.test(period) ? `${period}年` : period;
}

export const STATES: Record<string, { zh: string; en: string; tone: string }> = {
  OVERDUE: { zh: '逾期', en: 'overdue', tone: 'bad' },
  DUE: { zh: '待报', en: 'due', tone: 'warn' },
  COMING: { zh: '即将', en: 'coming', tone: 'none' },
  REPORTED: { zh: '已报', en: 'reported', tone: 'good' },
};

/** "10 days left" / "82 days overdue", in both languages. */
export function daysText(daysLeft: number): string {
  if (daysLeft > 0) return `剩余 ${daysLeft} 天 · ${daysLeft} days left`;
  if (daysLeft === 0) return '今天截止 · due today';
  return `逾期 ${-daysLeft} 天 · ${-daysLeft} days overdue`;
}
