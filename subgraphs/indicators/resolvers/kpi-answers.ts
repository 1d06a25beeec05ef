/**
 * The KPI resolvers' answers as the schema shapes them (kpi.resolver.ts): a KPI, the
 * counts of targets per status, an expected report, and an organisation's reporting
 * completeness (on time, late, missing).
 */
import type { BreakdownKpi, ExpectedReport as Expected } from '../services/kpi-service';
import {
  type ExpectedReport,
  type Kpi,
  KpiStatus,
  type ReportingCompleteness,
  ReportStatus,
  type StatusCounts,
} from '../schema/kpi';

export const toKpi = (k: BreakdownKpi): Kpi => ({ ...k, status: k.status, figureRule: k.figureRule });

export function countStatuses(kpis: Kpi[]): StatusCounts {
  const targets = kpis.filter((k) => k.status !== KpiStatus.NO_TARGET);
  const n = (status: KpiStatus) => targets.filter((k) => k.status === status).length;
  return {
    total: targets.length,
    achieved: n(KpiStatus.ACHIEVED),
    onTrack: n(KpiStatus.ON_TRACK),
    atRisk: n(KpiStatus.AT_RISK),
    offTrack: n(KpiStatus.OFF_TRACK),
    incomplete: n(KpiStatus.INCOMPLETE),
    noData: n(KpiStatus.NO_DATA),
    noBaseline: n(KpiStatus.NO_BASELINE),
  };
}

export const toReport = (r: Expected): ExpectedReport => ({
  indicatorId: r.indicatorId,
  organization: { id: r.organizationId },
  period: r.period.text,
  due: r.due,
  status: r.status as ExpectedReport['status'],
  firstReportedAt: r.firstReportedAt,
});

export function completeness(organizationId: string, reports: Expected[]): ReportingCompleteness {
  const all = reports.map(toReport);
  const count = (status: ReportStatus) => all.filter((r) => r.status === status).length;
  return {
    organization: { id: organizationId },
    expected: all.length,
    onTime: count(ReportStatus.ON_TIME),
    late: count(ReportStatus.LATE),
    missing: count(ReportStatus.MISSING),
    completeness: all.length === 0 ? null : ((all.length - count(ReportStatus.MISSING)) / all.length) * 100,
    owed: all.filter((r) => r.status === ReportStatus.MISSING),
    reports: all,
  };
}
