/**
 * The scheduled scans that turn the calendar and the KPIs into events: reports due within
 * REMINDER_DUE_DAYS and not yet reported, reports that became overdue within
 * REMINDER_OVERDUE_DAYS, targets AT_RISK or OFF_TRACK (once per window and status), and
 * the coordinator's weekly digest. Every event has its key, so a scan run twice (two
 * replicas, a retried job) writes each once.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { FigureRule, IndicatorSettings } from '../../../lib/config';
import { column, readRows } from '../../../lib/rows';
import { KpiReads } from '../data/kpi-reads';
import type { TimeAxes } from '../model/axes';
import { addDays } from '../model/calendar';
import { evaluateKpis, expectedReports } from '../services/kpi-service';
import { type HubEvent, recordEvents } from './outbox';

/** The current figures as of a day, counted by the default rule (KPI_FIGURES). */
const axesOn = (asOf: string, figures: FigureRule): TimeAxes => ({ asOf, recordedAsOf: null, figures });

/** What configuration sets of the scans: the default figure rule, and the reminders' reach in days. */
type ScanSettings = Pick<IndicatorSettings, 'kpiFigures' | 'reminders'>;

export async function scanReminders(db: DataSource, today: string, settings: ScanSettings): Promise<number> {
  const { kpiFigures, reminders } = settings;
  const reads = new KpiReads(db);
  const events: HubEvent[] = [];
  const report = (type: 'REPORT_DUE_SOON' | 'REPORT_OVERDUE', r: Awaited<ReturnType<typeof expectedReports>>[number]) =>
    events.push({
      type,
      organizationId: r.organizationId,
      key: `${type} ${r.indicatorId} ${r.period.text}`,
      payload: { indicatorId: r.indicatorId, period: r.period.text, due: r.due },
    });
  for (const r of await expectedReports(reads, axesOn(addDays(today, reminders.dueDays), kpiFigures)))
    if (r.due >= today && r.firstReportedAt === null) report('REPORT_DUE_SOON', r);
  const overdueSince = addDays(today, -reminders.overdueDays);
  for (const r of await expectedReports(reads, axesOn(today, kpiFigures)))
    if (r.due < today && r.due >= overdueSince && r.status === 'MISSING') report('REPORT_OVERDUE', r);

  const targets = (await reads.indicators()).filter((r) => r.comparator !== null);
  const kpis = await evaluateKpis(
    reads,
    targets.map((r) => r.id),
    axesOn(today, kpiFigures),
  );
  for (const row of targets) {
    const kpi = kpis.get(row.id)?.[0];
    if (!kpi || (kpi.status !== 'AT_RISK' && kpi.status !== 'OFF_TRACK')) continue;
    const type = kpi.status === 'AT_RISK' ? 'KPI_AT_RISK' : 'KPI_OFF_TRACK';
    events.push({
      type,
      organizationId: row.owners[0] ?? null,
      key: `${type} ${row.id} ${kpi.window}`,
      payload: { indicatorId: row.id, window: kpi.window, actual: kpi.actual, projected: kpi.projected, asOf: today },
    });
  }
  return db.transaction((manager) => recordEvents(manager, events));
}

/** A submission waiting for review, as the digest lists it (submittedAt: ISO 8601, as the payload's JSON writes it). */
const WaitingColumns = z.object({
  submissionId: column.id,
  organizationId: column.text,
  period: column.text,
  state: column.text,
  submittedAt: column.instant,
});

/** The coordinator's digest: who is late, and what waits for review. */
export async function writeDigest(db: DataSource, today: string, settings: ScanSettings): Promise<number> {
  const late = (await expectedReports(new KpiReads(db), axesOn(today, settings.kpiFigures)))
    .filter((r) => r.status === 'MISSING')
    .map((r) => ({ organizationId: r.organizationId, indicatorId: r.indicatorId, period: r.period.text, due: r.due }));
  const rows: unknown = await db.query(
    `SELECT id::text AS "submissionId", organization_id AS "organizationId", period, state, submitted_at AS "submittedAt"
       FROM submission WHERE state IN ('SUBMITTED', 'APPROVED') ORDER BY submitted_at`,
  );
  const waiting = readRows('submissions waiting for review', WaitingColumns, rows);
  return db.transaction((manager) =>
    recordEvents(manager, [
      { type: 'WEEKLY_DIGEST', organizationId: null, key: `WEEKLY_DIGEST ${today}`, payload: { asOf: today, late, waiting } },
    ]),
  );
}
