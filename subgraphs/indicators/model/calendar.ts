/**
 * Reporting calendars: which periods an indicator's principal owner must report, and by
 * when (a number of days after the period ends). Defaults by what is measured: flows and
 * rates quarterly within 15 days, stocks half-yearly within 30, the satisfaction survey
 * and the population yearly. Derived indicators are computed, so nobody owes them.
 */
import { firstPeriodFrom, type Period, type PeriodType, parsePeriod, stepPeriod } from '../../../lib/period';
import type { Periodicity, ValueKind } from '../../../lib/enums';

export interface Calendar {
  periodType: PeriodType;
  dueDays: number;
}

/** What an indicator's default calendar follows from. */
export interface CalendarTerms {
  id: string;
  valueKind: ValueKind;
  periodicity: Periodicity;
  /** Derived indicators are computed, not reported: they have no calendar. */
  formula?: string | null;
  rollup?: string;
}

export function defaultCalendar(terms: CalendarTerms): Calendar | null {
  if (terms.formula) return null;
  if (terms.valueKind === 'SCORE') return { periodType: 'YEAR', dueDays: 60 };
  if (terms.valueKind === 'AMOUNT') return { periodType: 'YEAR', dueDays: 90 };
  // Rates are quarterly whatever their deadline: a rate's parts are counted as they occur.
  if (terms.periodicity === 'BY_DEADLINE' && terms.rollup !== 'RATIO') return { periodType: 'HALF', dueDays: 30 };
  return { periodType: 'QUARTER', dueDays: 15 };
}

export const addDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The day a figure is due: `dueDays` after the period's last day. */
export const dueDate = (periodEnd: string, dueDays: number): string => addDays(periodEnd, dueDays);

export interface EntryWindow {
  /** First day figures of the period may be written (UTC). */
  opens: string;
  /** Last day they may be written without an exception (UTC, the whole day). */
  closes: string;
}

/** When an owner may write a period: from its start (shifted by `openOffsetDays`) to `closeDays` after its due date. */
export function entryWindow(period: Period, dueDays: number, openOffsetDays: number, closeDays: number): EntryWindow {
  return { opens: addDays(period.start, openOffsetDays), closes: addDays(dueDate(period.end, dueDays), closeDays) };
}

/**
 * The deadline after whose period nothing more is owed: a target's own, or none for a
 * continuing target (judged every year from its deadline on, so owed in every period it is judged).
 */
export const owedUntil = (deadline: string | null, periodicity: string): string | null =>
  periodicity === 'CONTINUOUS' ? null : deadline;

export interface ExpectedPeriod {
  period: Period;
  /** Last day a report is on time. */
  due: string;
}

/** The periods due by `asOf`: from the first one starting on or after `from`, to the deadline's period. */
export function expectedPeriods(calendar: Calendar, from: string, asOf: string, deadline: string | null): ExpectedPeriod[] {
  const last = deadline ? parsePeriod(deadline)!.end : '9999-12-31';
  const result: ExpectedPeriod[] = [];
  let period = firstPeriodFrom(calendar.periodType, from);
  for (let guard = 0; guard < 1200; guard += 1) {
    const due = dueDate(period.end, calendar.dueDays);
    if (due > asOf || period.start > last) break;
    if (period.start >= from) result.push({ period, due });
    period = stepPeriod(period, 1);
  }
  return result;
}

/** Whether `period` is one the calendar makes due: its type, from `from` on, and not after the deadline's period. */
export function periodOwed(calendar: Calendar, from: string, deadline: string | null, period: Period): boolean {
  const last = deadline ? parsePeriod(deadline)!.end : '9999-12-31';
  return period.type === calendar.periodType && period.start >= from && period.start <= last;
}

export type ReportStatus = 'ON_TIME' | 'LATE' | 'MISSING';

export function reportStatus(due: string, firstRecordedAt: string | null): ReportStatus {
  if (!firstRecordedAt) return 'MISSING';
  return firstRecordedAt.slice(0, 10) <= due ? 'ON_TIME' : 'LATE';
}
