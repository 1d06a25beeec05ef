import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlIn, TASK_STATUSES } from '../../../../lib/enums';

/**
 * Progress reports of the annex tasks: each is kept (none is ever updated or deleted),
 * and a task's latest report is its status.
 */
export class CreateTaskReports1764000000010 implements MigrationInterface {
  name = 'CreateTaskReports1764000000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE task_report (
        id bigserial PRIMARY KEY,
        task_id text NOT NULL REFERENCES task(id),
        organization_id text NOT NULL,
        status text NOT NULL CHECK (${sqlIn('status', TASK_STATUSES)}),
        note text CHECK (char_length(note) <= 2000),
        reported_by text NOT NULL,
        reported_by_org text NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX task_report_task_idx ON task_report (task_id, reported_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE task_report`);
  }
}
