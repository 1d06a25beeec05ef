/**
 * What an organisation owes by the reporting calendar as of a day: every period of the
 * indicators it reports (as principal owner) that has begun, with its due day, the days
 * left (negative when overdue) and where it stands.
 */
import type { KpiReads } from '../data/kpi-reads';
import { expectedReports, type ExpectedReport } from './kpi-service';

export type ObligationState = 'REPORTED' | 'OVERDUE' | 'DUE' | 'COMING';

export interface ObligationRow extends ExpectedReport {
  state: ObligationState;
  daysLeft: number;
}

const DAY = 86_400_000;
const days = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** The state of a period as of a day: reported by then, else overdue, due (ended) or coming (still running). */
export function obligationState(
  report: Pick<ExpectedReport, 'period' | 'due' | 'firstReportedAt'>,
  asOf: string,
): ObligationState {
  if (report.firstReportedAt && report.firstReportedAt.slice(0, 10) <= asOf) return 'REPORTED';
  if (report.due < asOf) return 'OVERDUE';
  return report.period.end < asOf ? 'DUE' : 'COMING';
}

export async function obligations(reads: KpiReads, organizationId: string, asOf: string): Promise<ObligationRow[]> {
  // Every period begun by asOf: its due day may lie up to a year after it.
  const horizon = new Date(Date.parse(asOf) + 400 * DAY).toISOString().slice(0, 10);
  const reports = await expectedReports(
    reads,
    { asOf: horizon, recordedAsOf: null, figures: 'ALL' },
    { organizationIds: [organizationId] },
  );
  return reports
    .filter((r) => r.period.start <= asOf)
    .map((r) => ({ ...r, state: obligationState(r, asOf), daysLeft: days(asOf, r.due) }))
    .sort((a, b) => a.due.localeCompare(b.due) || a.indicatorId.localeCompare(b.indicatorId));
}
