import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlIn } from '../../../../lib/enums';
import { PERIOD_TYPES } from '../../../../lib/period';

/**
 * What KPIs need besides figures: baselines of relative targets (every one kept, the
 * latest counts), formulas of derived indicators, and reporting calendars.
 */
export class CreateKpiSupport1764000000004 implements MigrationInterface {
  name = 'CreateKpiSupport1764000000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE indicator
        ADD COLUMN formula text,
        ADD COLUMN calendar_period_type text CHECK (${sqlIn('calendar_period_type', PERIOD_TYPES)}),
        ADD COLUMN calendar_due_days int CHECK (calendar_due_days BETWEEN 0 AND 366),
        ADD COLUMN reporting_from date NOT NULL DEFAULT '2024-09-01'`);
    await db.query(`
      CREATE TABLE indicator_baseline (
        id bigserial PRIMARY KEY,
        indicator_id text NOT NULL REFERENCES indicator(id),
        breakdown text NOT NULL DEFAULT '',
        value numeric NOT NULL,
        period text,
        note text,
        recorded_by text NOT NULL,
        recorded_by_org text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX indicator_baseline_idx ON indicator_baseline (indicator_id, breakdown, id DESC)`);
    await db.query(`
      CREATE TABLE formula_event (
        id bigserial PRIMARY KEY,
        indicator_id text NOT NULL REFERENCES indicator(id),
        formula text,
        actor text NOT NULL,
        actor_org text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE formula_event`);
    await db.query(`DROP TABLE indicator_baseline`);
    await db.query(
      `ALTER TABLE indicator DROP COLUMN formula, DROP COLUMN calendar_period_type, DROP COLUMN calendar_due_days, DROP COLUMN reporting_from`,
    );
  }
}
