import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the reporting page keeps: the explanation a reporter gives for a figure that raised
 * warnings (with the codes raised when it was written), drafts of a period's report per
 * organisation, and the receipts of submitted reports.
 */
export class ReportingPage1765000000000 implements MigrationInterface {
  name = 'ReportingPage1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE figure_revision ADD COLUMN explanation text`);
    await db.query(`ALTER TABLE figure_revision ADD COLUMN warning_codes text[] NOT NULL DEFAULT '{}'`);
    await db.query(`
      CREATE TABLE report_draft (
        organization_id text NOT NULL,
        period text NOT NULL,
        content text NOT NULL,
        saved_by text NOT NULL,
        saved_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, period))`);
    await db.query(`
      CREATE TABLE report_receipt (
        id uuid PRIMARY KEY,
        organization_id text NOT NULL,
        period text NOT NULL,
        idempotency_key text,
        submitted_by text NOT NULL,
        submitted_by_org text NOT NULL,
        submitted_at timestamptz NOT NULL,
        created int NOT NULL,
        updated int NOT NULL,
        unchanged int NOT NULL,
        figures jsonb NOT NULL,
        UNIQUE (organization_id, idempotency_key))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE report_receipt`);
    await db.query(`DROP TABLE report_draft`);
    await db.query(`ALTER TABLE figure_revision DROP COLUMN warning_codes`);
    await db.query(`ALTER TABLE figure_revision DROP COLUMN explanation`);
  }
}
