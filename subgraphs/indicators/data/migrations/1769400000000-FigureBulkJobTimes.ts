import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a job of a file of figures started running, when its file was read, checked and
 * staged, and when it finished: a job's time told by its steps (GET /figures/bulk/:id).
 */
export class FigureBulkJobTimes1769400000000 implements MigrationInterface {
  name = 'FigureBulkJobTimes1769400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE figure_bulk_job ADD COLUMN started_at timestamptz, ADD COLUMN staged_at timestamptz,
         ADD COLUMN finished_at timestamptz`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE figure_bulk_job DROP COLUMN started_at, DROP COLUMN staged_at, DROP COLUMN finished_at`);
  }
}
