/** Writes behind KPIs: baselines (kept, the latest counts) and formulas (audited). */
import type { DataSource } from 'typeorm';
import type { Identity } from '../../../lib/identity';
import { defaultCalendar } from '../domain/calendar';

export interface BaselineRow {
  indicatorId: string;
  breakdown: string;
  value: number;
  period: string | null;
  note: string | null;
  recordedBy: string;
  recordedByOrg: string;
  recordedAt: string;
}

const toBaseline = (r: Record<string, unknown>): BaselineRow => ({
  indicatorId: r.indicator_id as string,
  breakdown: r.breakdown as string,
  value: Number(r.value),
  period: r.period as string | null,
  note: r.note as string | null,
  recordedBy: r.recorded_by as string,
  recordedByOrg: r.recorded_by_org as string,
  recordedAt: new Date(r.recorded_at as string).toISOString(),
});

export async function recordBaseline(
  db: DataSource,
  actor: Identity,
  baseline: { indicatorId: string; breakdown: string; value: number; period: string | null; note: string | null },
): Promise<BaselineRow> {
  const [row] = await db.query(
    `INSERT INTO indicator_baseline (indicator_id, breakdown, value, period, note, recorded_by, recorded_by_org)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [baseline.indicatorId, baseline.breakdown, baseline.value, baseline.period, baseline.note, actor.subject, actor.org],
  );
  return toBaseline(row);
}

/** The latest baseline of each indicator's total. */
export async function latestBaselines(db: DataSource, indicatorIds: readonly string[]): Promise<BaselineRow[]> {
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT DISTINCT ON (indicator_id) * FROM indicator_baseline
      WHERE indicator_id = ANY($1::text[]) AND breakdown = '' ORDER BY indicator_id, id DESC`,
    [indicatorIds],
  );
  return rows.map(toBaseline);
}

export async function saveFormula(db: DataSource, actor: Identity, indicatorId: string, formula: string | null): Promise<void> {
  await db.transaction(async (manager) => {
    await manager.query(`UPDATE indicator SET formula = $2 WHERE id = $1`, [indicatorId, formula]);
    if (formula === null) {
      // Reported again: give it the default calendar if it has none (a seeded derived indicator had none).
      const [row] = await manager.query(`SELECT value_kind, periodicity, calendar_period_type FROM indicator WHERE id = $1`, [
        indicatorId,
      ]);
      const calendar =
        row && !row.calendar_period_type
          ? defaultCalendar({ id: indicatorId, valueKind: row.value_kind, periodicity: row.periodicity })
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
