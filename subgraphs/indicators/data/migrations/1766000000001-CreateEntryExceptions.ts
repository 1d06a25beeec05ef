import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exceptions to the entry windows: a coordinator lets one organisation write one period
 * until a time. Rows are never deleted: the table is the audit of every grant.
 */
export class CreateEntryExceptions1766000000001 implements MigrationInterface {
  name = 'CreateEntryExceptions1766000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE entry_exception (
        id bigserial PRIMARY KEY,
        organization_id text NOT NULL,
        period text NOT NULL,
        until timestamptz NOT NULL,
        reason text,
        granted_by text NOT NULL,
        granted_by_org text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX entry_exception_key_idx ON entry_exception (organization_id, period, until)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE entry_exception`);
  }
}
