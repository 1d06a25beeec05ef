import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How an indicator's figures are aggregated beyond its roll-up rule: whether a relative
 * target's bound is strict (超 80 %: +80 % exactly does not meet it), and for averages
 * the indicator whose figures weight each period (closure days by cases closed); for a
 * rate whose parts are not collected, a declared mean of rates.
 */
export class IndicatorMethod1764000300000 implements MigrationInterface {
  name = 'IndicatorMethod1764000300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE indicator ADD COLUMN strict_bound boolean NOT NULL DEFAULT false`);
    await db.query(`ALTER TABLE indicator ADD COLUMN weight_indicator_id text`);
    await db.query(`ALTER TABLE indicator ADD COLUMN mean_of_rates boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE indicator DROP COLUMN mean_of_rates`);
    await db.query(`ALTER TABLE indicator DROP COLUMN weight_indicator_id`);
    await db.query(`ALTER TABLE indicator DROP COLUMN strict_bound`);
  }
}
