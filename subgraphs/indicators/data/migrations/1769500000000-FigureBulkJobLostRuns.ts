import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many runs of a job of a file of figures were lost with their hub (killed, out of
 * memory, its machine gone): a job that has taken its hub down this many times is not
 * run again (data/bulk-jobs.ts, requeueSilent).
 */
export class FigureBulkJobLostRuns1769500000000 implements MigrationInterface {
  name = 'FigureBulkJobLostRuns1769500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE figure_bulk_job ADD COLUMN lost_runs int NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE figure_bulk_job DROP COLUMN lost_runs`);
  }
}
