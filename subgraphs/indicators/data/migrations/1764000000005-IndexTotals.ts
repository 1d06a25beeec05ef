import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps KPI reads independent of how many breakdown figures are stored: an index that
 * reaches an indicator's totals directly, and the time each figure was first recorded
 * kept on its current row (reporting completeness reads it without the revisions).
 */
export class IndexTotals1764000000005 implements MigrationInterface {
  name = 'IndexTotals1764000000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE figure_series ADD COLUMN first_recorded_at timestamptz`);
    await db.query(`
      UPDATE figure_series s SET first_recorded_at = r.recorded_at
        FROM figure_revision r WHERE r.series_id = s.id AND r.revision = 1`);
    await db.query(`UPDATE figure_series SET first_recorded_at = recorded_at WHERE first_recorded_at IS NULL`);
    await db.query(`ALTER TABLE figure_series ALTER COLUMN first_recorded_at SET NOT NULL`);
    await db.query(
      `CREATE INDEX figure_series_totals_idx ON figure_series (indicator_id, breakdown, period_start) INCLUDE (period, first_recorded_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX figure_series_totals_idx`);
    await db.query(`ALTER TABLE figure_series DROP COLUMN first_recorded_at`);
  }
}
