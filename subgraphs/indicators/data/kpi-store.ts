/** Writes behind KPIs: baselines (kept, the latest counts) and formulas (audited). */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { PERIODICITIES, VALUE_KINDS } from '../../../lib/enums';
import type { Identity } from '../../../lib/identity';
import { column, readFirst, readOne } from '../../../lib/rows';
import { defaultCalendar } from '../model/calendar';
import { BaselineColumns, type BaselineRow } from './kpi-rows';

/** What the default calendar is chosen by, and the calendar an indicator has. */
const CalendarTermsColumns = z.object({
  value_kind: column.oneOf(VALUE_KINDS),
  periodicity: column.oneOf(PERIODICITIES),
  rollup: column.text,
  calendar_period_type: column.optionalText,
});

export async function recordBaseline(
  db: DataSource,
  actor: Identity,
  baseline: { indicatorId: string; breakdown: string; value: number; period: string | null; note: string | null },
): Promise<BaselineRow> {
  const rows: unknown = await db.query(
    `INSERT INTO indicator_baseline (indicator_id, breakdown, value, period, note, recorded_by, recorded_by_org)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [baseline.indicatorId, baseline.breakdown, baseline.value, baseline.period, baseline.note, actor.subject, actor.org],
  );
  return readOne('recorded baseline', BaselineColumns, rows);
}

export async function saveFormula(db: DataSource, actor: Identity, indicatorId: string, formula: string | null): Promise<void> {
  await db.transaction(async (manager) => {
    await manager.query(`UPDATE indicator SET formula = $2 WHERE id = $1`, [indicatorId, formula]);
    if (formula === null) {
      // Reported again: give it the default calendar if it has none (a seeded derived indicator had none).
      const row = readFirst(
        'calendar terms',
        CalendarTermsColumns,
        await manager.query(`SELECT value_kind, periodicity, rollup, calendar_period_type FROM indicator WHERE id = $1`, [
          indicatorId,
        ]),
      );
      const calendar =
        row && !row.calendar_period_type
          ? defaultCalendar({ id: indicatorId, valueKind: row.value_kind, periodicity: row.periodicity, rollup: row.rollup })
          : null;
      if (calendar) {
        await manager.query(`UPDATE indicator SET calendar_period_type = $2, calendar_due_days = $3 WHERE id = $1`, [
          indicatorId,
          calendar.periodType,
          calendar.dueDays,
        ]);
      }
    }
    await manager.query(`INSERT INTO formula_event (indicator_id, formula, actor, actor_org) VALUES ($1, $2, $3, $4)`, [
      indicatorId,
      formula,
      actor.subject,
      actor.org,
    ]);
  });
}
