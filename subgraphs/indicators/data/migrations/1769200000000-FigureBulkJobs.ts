import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files of figures pushed as jobs (POST /figures/bulk above BULK_JOB_BYTES): the job (who
 * sent it, how to push it, how far it has come, its summary or its error) and the file's
 * bytes in parts, kept until the job has run.
 */
export class FigureBulkJobs1769200000000 implements MigrationInterface {
  name = 'FigureBulkJobs1769200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE TABLE figure_bulk_job (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         writer text NOT NULL,
         writer_org text NOT NULL,
         roles text[] NOT NULL,
         request jsonb NOT NULL,
         organizations jsonb NOT NULL DEFAULT '{}',
         state text NOT NULL DEFAULT 'RECEIVING' CHECK (state IN ('RECEIVING', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
         bytes bigint NOT NULL DEFAULT 0,
         rows_read int NOT NULL DEFAULT 0,
         rows_written int NOT NULL DEFAULT 0,
         summary jsonb,
         error jsonb,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now())`,
    );
    await db.query(
      `CREATE TABLE figure_bulk_part (
         job_id uuid NOT NULL REFERENCES figure_bulk_job (id) ON DELETE CASCADE,
         seq int NOT NULL,
         data bytea NOT NULL,
         PRIMARY KEY (job_id, seq))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE figure_bulk_part`);
    await db.query(`DROP TABLE figure_bulk_job`);
  }
}
