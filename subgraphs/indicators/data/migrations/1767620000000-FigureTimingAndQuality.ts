import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FIGURE_STATUSES, QUALITY_FLAGS, sqlIn } from '../../../../lib/enums';

const FLAGS = QUALITY_FLAGS.map((f) => `'${f}'`).join(',');

/**
 * When a figure was reported, and its quality apart from its status: each revision may
 * carry the day it was originally reported (`reported_on`, loaded with history) and
 * quality flags (ESTIMATED, BREAK_IN_SERIES, …); the current row keeps them and the day its
 * period was first reported. The lifecycle status is PROVISIONAL or FINAL: an ESTIMATED
 * status becomes a PROVISIONAL figure flagged ESTIMATED.
 */
export class FigureTimingAndQuality1767620000000 implements MigrationInterface {
  name = 'FigureTimingAndQuality1767620000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['figure_series', 'figure_revision']) {
      await db.query(
        `ALTER TABLE ${table} ADD COLUMN reported_on date,
           ADD COLUMN flags text[] NOT NULL DEFAULT '{}' CHECK (flags <@ ARRAY[${FLAGS}]::text[])`,
      );
      await db.query(`UPDATE ${table} SET status = 'PROVISIONAL', flags = '{ESTIMATED}' WHERE status = 'ESTIMATED'`);
    }
    await db.query(`ALTER TABLE figure_series DROP CONSTRAINT IF EXISTS figure_series_status_check`);
    await db.query(
      `ALTER TABLE figure_series ADD CONSTRAINT figure_series_status_check CHECK (${sqlIn('status', FIGURE_STATUSES)})`,
    );
    await db.query(`ALTER TABLE figure_series ADD COLUMN first_reported_on date`);
    await db.query(`UPDATE figure_series SET first_reported_on = (first_recorded_at AT TIME ZONE 'UTC')::date`);
    // A figure written without a reporting day (bulk loads, restores) was reported the day it was recorded.
    await db.query(
      `ALTER TABLE figure_series ALTER COLUMN first_reported_on SET NOT NULL,
         ALTER COLUMN first_reported_on SET DEFAULT ((now() AT TIME ZONE 'UTC')::date)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE figure_series DROP COLUMN first_reported_on`);
    await db.query(`ALTER TABLE figure_series DROP CONSTRAINT figure_series_status_check`);
    for (const table of ['figure_series', 'figure_revision']) {
      await db.query(`UPDATE ${table} SET status = 'ESTIMATED' WHERE 'ESTIMATED' = ANY(flags) AND status = 'PROVISIONAL'`);
      await db.query(`ALTER TABLE ${table} DROP COLUMN reported_on, DROP COLUMN flags`);
    }
    await db.query(
      `ALTER TABLE figure_series ADD CONSTRAINT figure_series_status_check CHECK (status IN ('PROVISIONAL','FINAL','ESTIMATED'))`,
    );
  }
}
