/**
 * Reporting calendars: which periods an indicator's principal owner must report, and by
 * when (a number of days after the period ends). Defaults by what is measured: flows and
 * rates quarterly within 15 days, stocks half-yearly within 30, the satisfaction survey
 * and the population yearly. Derived indicators are computed, so nobody owes them.
 */
import { firstPeriodFrom, type Period, type PeriodType, parsePeriod, stepPeriod } from '../../../lib/period';
import type { IndicatorSeed } from '../../../seeds/model';

export interface Calendar {
  periodType: PeriodType;
  dueDays: number;
}

export function defaultCalendar(
  seed: Pick<IndicatorSeed, 'valueKind' | 'periodicity' | 'id'> & { formula?: string | null },
): Calendar | null {
  if (seed.formula) return null;
  if (seed.valueKind === 'SCORE') return { periodType: 'YEAR', dueDays: 60 };
  if (seed.valueKind === 'AMOUNT') return { periodType: 'YEAR', dueDays: 90 };
  if (seed.periodicity === 'BY_DEADLINE') return { periodType: 'HALF', dueDays: 30 };
  return { periodType: 'QUARTER', dueDays: 15 };
}

export const addDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The last day a period's report is on time: `dueDays` after the period ends. */
export const dueDate = (period: Period, dueDays: number): string => addDays(period.end, dueDays);

export interface EntryWindow {
  /** First day figures of the period may be written (UTC). */
  opens: string;
  /** Last day they may be written without an exception (UTC, the whole day). */
  closes: string;
}

/** When an owner may write a period: from its start (shifted by `openOffsetDays`) to `closeDays` after its due date. */
export function entryWindow(period: Period, dueDays: number, openOffsetDays: number, closeDays: number): EntryWindow {
  return { opens: addDays(period.start, openOffsetDays), closes: addDays(dueDate(period, dueDays), closeDays) };
}

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
    const due = dueDate(period, calendar.dueDays);
    if (due > asOf || period.start > last) break;
    if (period.start >= from) result.push({ period, due });
    period = stepPeriod(period, 1);
  }
  return result;
}

export type ReportStatus = 'ON_TIME' | 'LATE' | 'MISSING';

export function reportStatus(due: string, firstRecordedAt: string | null): ReportStatus {
  if (!firstRecordedAt) return 'MISSING';
  return firstRecordedAt.slice(0, 10) <= due ? 'ON_TIME' : 'LATE';
}
