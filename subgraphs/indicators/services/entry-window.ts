/**
 * Entry windows (when ENTRY_CLOSE_DAYS is set): a reporter writes a period from its start
 * (shifted by ENTRY_OPEN_OFFSET_DAYS) to ENTRY_CLOSE_DAYS after its due date by the
 * indicator's reporting calendar; outside it, only with an exception the coordinator
 * granted for that organisation and period, until its end time. Coordinators and admins
 * are never held to the windows: they load history and correct old periods.
 */
import type { EntityManager } from 'typeorm';
import { compositeKey } from '../../../lib/collections';
import type { IndicatorSettings } from '../../../lib/config';
import { ErrorCode } from '../../../lib/errors';
import { hasRole, type Identity } from '../../../lib/identity';
import { todayUtc } from '../../../lib/period';
import { dueDaysOf, exceptionsInForce } from '../data/entry-exceptions';
import { entryWindow } from '../model/calendar';
import type { PreparedRow, Rejection } from '../model/rows';

/** The rows inside their entry window (or with an exception in force); the others are rejected ENTRY_CLOSED. */
export async function rowsInWindow(
  manager: EntityManager,
  writer: Identity,
  rows: PreparedRow[],
  rejections: Rejection[],
  { now, settings: { entryWindows: settings } }: { now: Date; settings: Pick<IndicatorSettings, 'entryWindows'> },
): Promise<PreparedRow[]> {
  if (!settings || rows.length === 0 || hasRole(writer, 'coordinator', 'admin')) return rows;
  const today = todayUtc(now);
  const dueDays = await dueDaysOf(manager, [...new Set(rows.map((r) => r.indicatorId))]);
  const outside = rows
    .map((row) => ({
      row,
      window: entryWindow(row.period, dueDays.get(row.indicatorId) ?? 0, settings.openOffsetDays, settings.closeDays),
    }))
    .filter(({ window }) => today < window.opens || today > window.closes);
  if (outside.length === 0) return rows;
  const excepted = new Set(
    (
      await exceptionsInForce(
        manager,
        outside.map(({ row }) => ({ organizationId: row.organizationId, period: row.period.text })),
        now,
      )
    ).map((e) => compositeKey(e.organizationId, e.period)),
  );
  const refused = new Set<PreparedRow>();
  for (const { row, window } of outside) {
    if (excepted.has(compositeKey(row.organizationId, row.period.text))) continue;
    refused.add(row);
    rejections.push({
      index: row.index,
      field: 'period',
      code: ErrorCode.ENTRY_CLOSED,
      message:
        today < window.opens
          ? `${row.period.text} opens for reporting on ${window.opens}`
          : `${row.period.text} closed for reporting after ${window.closes}: the coordinator may grant an exception`,
    });
  }
  return rows.filter((row) => !refused.has(row));
}
