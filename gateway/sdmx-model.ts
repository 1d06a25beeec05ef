/**
 * The hub's figures as one SDMX dataflow, IPZONE:FIGURES(1.0): its dimensions, attributes,
 * code mappings and period notation, shared by the structure and data messages.
 *
 * Dimensions: INDICATOR (coded from the indicators), BREAKDOWN (uncoded; `_T` is the total,
 * as SDMX writes totals), FREQ (A, S, Q, M) and TIME_PERIOD (2025, 2025-S1, 2025-Q1, 2025-01).
 * Attributes: UNIT_MEASURE per series; per observation OBS_STATUS from the quality flags,
 * QUALITY_FLAGS (every flag, since OBS_STATUS holds one), FIGURE_STATUS (PROVISIONAL or
 * FINAL), REPORTING_ORG, and NUMERATOR and DENOMINATOR for the parts of rates.
 */
import { parsePeriod, type Period, type PeriodType } from '../lib/period';

export const AGENCY = 'IPZONE';
export const FLOW = 'FIGURES';
export const DSD = 'IPZONE_FIGURES';
export const VERSION = '1.0';
export const FLOW_REF = `${AGENCY}:${FLOW}(${VERSION})`;
export const DSD_URN = `urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=${AGENCY}:${DSD}(${VERSION})`;

export const DIMENSIONS = ['INDICATOR', 'BREAKDOWN', 'FREQ'] as const;
export const TOTAL = '_T';

export const FREQ: Record<PeriodType, { code: string; en: string; zh: string }> = {
  YEAR: { code: 'A', en: 'Annual', zh: '年度' },
  HALF: { code: 'S', en: 'Half-yearly', zh: '半年' },
  QUARTER: { code: 'Q', en: 'Quarterly', zh: '季度' },
  MONTH: { code: 'M', en: 'Monthly', zh: '月度' },
};

/**
 * The quality flags as SDMX OBS_STATUS codes, in the order one is chosen when a figure
 * carries several (all of them stay in QUALITY_FLAGS); a figure without a flag is `A`, normal.
 */
export const OBS_STATUS: ReadonlyArray<{ flag: string | null; code: string; en: string }> = [
  { flag: 'BREAK_IN_SERIES', code: 'B', en: 'Time series break' },
  { flag: 'FORECAST', code: 'F', en: 'Forecast value' },
  { flag: 'ESTIMATED', code: 'E', en: 'Estimated value' },
  { flag: 'IMPUTED', code: 'I', en: 'Value imputed by a receiving agency' },
  { flag: 'LOW_RELIABILITY', code: 'U', en: 'Low reliability' },
  { flag: 'DEFINITION_DIFFERS', code: 'D', en: 'Definition differs' },
  { flag: null, code: 'A', en: 'Normal value' },
];

export const FIGURE_STATUS = [
  { code: 'PROVISIONAL', en: 'Reported, may still change', zh: '初步' },
  { code: 'FINAL', en: 'Confirmed', zh: '最终' },
];

export function obsStatus(flags: readonly string[]): string {
  return OBS_STATUS.find((s) => s.flag === null || flags.includes(s.flag))!.code;
}

/** A unit as an SDMX code (ids allow letters, digits, _ @ $ -): its English name, slugged. */
export const unitCode = (unitEn: string): string =>
  unitEn
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '') || 'NONE';

/** A hub period (2025, 2025H1, 2025Q1, 2025-01) in SDMX's notation (2025, 2025-S1, 2025-Q1, 2025-01). */
export function sdmxPeriod(period: Period): string {
  if (period.type === 'HALF') return `${period.year}-S${period.firstMonth === 1 ? 1 : 2}`;
  if (period.type === 'QUARTER') return `${period.year}-Q${(period.firstMonth + 2) / 3}`;
  return period.text;
}

/**
 * A startPeriod or endPeriod as a hub period: SDMX's reporting periods (2025, 2025-S1,
 * 2025-Q1, 2025-01) or a day (2025-03-15, taken as its month); null when it is neither.
 */
export function hubPeriod(sdmx: string): Period | null {
  const text = sdmx
    .replace(/^(\d{4})-S([12])$/, '$1H$2')
    .replace(/^(\d{4})-Q([1-4])$/, '$1Q$2')
    .replace(/^(\d{4}-\d{2})-\d{2}$/, '$1');
  return /^(\d{4})(H[12]|Q[1-4]|-\d{2})?$/.test(text) ? parsePeriod(text) : null;
}

/** Escapes text for XML content and attribute values. */
export const xml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** An element's attributes, those null or undefined left out. */
export const attributes = (values: Record<string, unknown>): string =>
  Object.entries(values)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${xml(v)}"`)
    .join('');
