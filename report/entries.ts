/**
 * The form's model: one entry per indicator and breakdown, as typed (text), the checks
 * that need no server (a number, whole where counts are, within the indicator's bounds),
 * and the figures an entry becomes in a push.
 */
import { rejectionWords } from './messages';
import type { FigureInput, FigureStatus, RejectionFieldsFragment, ReportObligationsQuery } from './gql/graphql';

/** An indicator the organisation owes figures for, as ReportObligations asks for it. */
export type OwedIndicator = NonNullable<NonNullable<ReportObligationsQuery['obligations']>[number]['indicator']>;

export interface Entry {
  indicator: string;
  breakdown: string;
  value: string;
  numerator: string;
  denominator: string;
  status: string;
  note: string;
  source: string;
  explanation: string;
  /** Why a FINAL figure is corrected. */
  reason: string;
  /** The quality flags of the figure as it stands (kept as they are: the form edits only ESTIMATED, by its status). */
  flags?: string[];
}

export type EntryField = 'breakdown' | 'value' | 'numerator' | 'denominator' | 'explanation' | 'reason';

export const emptyEntry = (indicator: string, breakdown = ''): Entry => ({
  indicator,
  breakdown,
  value: '',
  numerator: '',
  denominator: '',
  status: 'PROVISIONAL',
  note: '',
  source: '',
  explanation: '',
  reason: '',
});

/** An entry as a draft kept it (a draft saved before a field existed lacks it). */
export const savedEntry = (saved: Partial<Entry> & { indicator: string }): Entry => ({
  ...emptyEntry(saved.indicator),
  ...Object.fromEntries(Object.entries(saved).filter(([, v]) => typeof v === 'string')),
  ...(Array.isArray(saved.flags) ? { flags: saved.flags.filter((f) => typeof f === 'string') } : {}),
});

export const isRatio = (indicator: OwedIndicator): boolean => indicator.rollup === 'RATIO';

/** Filled in at all: a value, or a numerator or denominator for rates. */
export const isFilled = (entry: Entry): boolean =>
  entry.value.trim() !== '' || entry.numerator.trim() !== '' || entry.denominator.trim() !== '';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The number typed (zh-CN digits, no separators), or a message saying what is wrong with it. */
function parse(text: string, rules: { min: number | null; max: number | null; whole: boolean }): number | string {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return '请输入数字 Enter a number, e.g. 1234 or 98.5';
  const value = Number(trimmed);
  if (rules.whole && !Number.isInteger(value)) return '须为整数 Must be a whole number';
  if (rules.min !== null && value < rules.min) return `不能小于 ${rules.min} · At least ${rules.min}`;
  if (rules.max !== null && value > rules.max) return `不能大于 ${rules.max} · At most ${rules.max}`;
  return value;
}

/** The problems of an entry found without the server, by field. */
export function checkEntry(entry: Entry, indicator: OwedIndicator): Partial<Record<EntryField, string>> {
  const problems: Partial<Record<EntryField, string>> = {};
  if (!isFilled(entry)) return problems;
  if (isRatio(indicator)) {
    for (const field of ['numerator', 'denominator'] as const) {
      const parsed = parse(entry[field], { min: 0, max: null, whole: false });
      if (typeof parsed === 'string') problems[field] = parsed;
    }
    if (!problems.denominator && Number(entry.denominator) === 0) problems.denominator = '分母须大于 0 · Must be greater than 0';
    if (
      !problems.numerator &&
      !problems.denominator &&
      indicator.maxValue === 100 &&
      Number(entry.numerator) > Number(entry.denominator)
    )
      problems.numerator = '分子不能大于分母 · Must not exceed the denominator';
  } else {
    const parsed = parse(entry.value, { min: indicator.minValue, max: indicator.maxValue, whole: indicator.integerOnly });
    if (typeof parsed === 'string') problems.value = parsed;
  }
  if (entry.breakdown.length > 200) problems.breakdown = '最多 200 字 · At most 200 characters';
  return problems;
}

/** The form's choices of status: the figure statuses, and an estimate (a provisional figure flagged ESTIMATED). */
export const STATUSES: Array<[string, string]> = [
  ['PROVISIONAL', '初步 Provisional'],
  ['FINAL', '最终 Final'],
  ['ESTIMATED', '估计 Estimated'],
];

/**
 * The figure an entry is in a push. The form's choices are the statuses, and "estimated",
 * which is a provisional figure flagged ESTIMATED (quality is a flag, not a status).
 */
export function toFigure(entry: Entry, indicator: OwedIndicator, period: string): FigureInput {
  const text = (value: string) => value.trim() || null;
  const estimated = entry.status === 'ESTIMATED';
  // The flags the figure has keep; ESTIMATED follows the status chosen (kept with FINAL, a final estimate).
  const kept = (entry.flags ?? []).filter((f) => f !== 'ESTIMATED' || entry.status === 'FINAL');
  const flags = [...kept, ...(estimated ? ['ESTIMATED'] : [])] as NonNullable<FigureInput['flags']>;
  return {
    indicator: indicator.id,
    period,
    breakdown: text(entry.breakdown),
    ...(isRatio(indicator)
      ? { numerator: Number(entry.numerator), denominator: Number(entry.denominator) }
      : { value: Number(entry.value) }),
    status: estimated ? 'PROVISIONAL' : (entry.status as FigureStatus),
    ...(flags.length > 0 ? { flags } : {}),
    note: text(entry.note),
    source: text(entry.source),
    explanation: text(entry.explanation),
    reason: text(entry.reason),
  };
}

/** A key made from the figures submitted: the same report sent twice is one submission. */
export function contentKey(period: string, figures: unknown[]): string {
  const text = JSON.stringify([period, figures]);
  const fnv = (seed: number) => {
    let hash = seed >>> 0;
    for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
    return hash.toString(16).padStart(8, '0');
  };
  return `report-${period}-${fnv(2166136261)}${fnv(0x9747b28c)}-${text.length}`;
}

/** The period before: 2025Q4 → 2025Q3, 2025H1 → 2024H2, 2025-01 → 2024-12, 2025 → 2024. */
export function previousPeriod(period: string): string {
  const [, year, kind, part] = /^(\d{4})(?:(Q|H|-)(\d{1,2}))?$/.exec(period) ?? [];
  if (!year) return period;
  if (!kind) return String(Number(year) - 1);
  const size = kind === 'Q' ? 4 : kind === 'H' ? 2 : 12;
  const n = Number(part) - 1 || size;
  const y = Number(part) === 1 ? Number(year) - 1 : Number(year);
  return kind === '-' ? `${y}-${String(n).padStart(2, '0')}` : `${y}${kind}${n}`;
}

/** A row the hub rejected, as a push summary names it. */
export type Rejection = RejectionFieldsFragment;

const FIELDS: EntryField[] = ['value', 'numerator', 'denominator', 'breakdown', 'explanation', 'reason'];

/** The field of the form a rejection belongs to, and what to tell the clerk (both languages). */
export function rejectionMessage(rejection: Rejection): { field: EntryField; message: string } {
  if (rejection.code === 'EXPLANATION_REQUIRED') return { field: 'explanation', message: rejectionWords(rejection) };
  const field = FIELDS.includes(rejection.field as EntryField) ? (rejection.field as EntryField) : 'value';
  return { field, message: rejectionWords(rejection) };
}

/** A figure of the period as it stands, as ReportPrevious asks for it. */
export type StandingFigure = {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  status: string;
  flags: string[];
  note?: string | null;
  source?: string | null;
  explanation?: string | null;
};

const text = (value: number | string | null | undefined) => (value === null || value === undefined ? '' : String(value));

/** The entry a standing figure fills in (key: indicator|breakdown). */
export function standingEntry(key: string, figure: StandingFigure): Entry {
  const cut = key.indexOf('|');
  return {
    ...emptyEntry(key.slice(0, cut), key.slice(cut + 1)),
    value: text(figure.value),
    numerator: text(figure.numerator),
    denominator: text(figure.denominator),
    status: figure.status === 'PROVISIONAL' && figure.flags.includes('ESTIMATED') ? 'ESTIMATED' : figure.status,
    note: text(figure.note),
    source: text(figure.source),
    explanation: text(figure.explanation),
    flags: figure.flags,
  };
}

/** The entry holds the standing figure's number(s). */
export const sameValue = (entry: Entry, figure: StandingFigure): boolean =>
  figure.numerator != null
    ? Number(entry.numerator) === figure.numerator && Number(entry.denominator) === figure.denominator
    : Number(entry.value) === figure.value;
