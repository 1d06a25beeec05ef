import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An organisation's request that its accepted (or approved) submission be reopened: why, who, when; cleared once decided. */
export class ReopenRequest1769100000000 implements MigrationInterface {
  name = 'ReopenRequest1769100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE submission ADD COLUMN reopen_reason text, ADD COLUMN reopen_requested_by text,
                              ADD COLUMN reopen_requested_at timestamptz`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE submission DROP COLUMN reopen_reason, DROP COLUMN reopen_requested_by, DROP COLUMN reopen_requested_at`,
    );
  }
}
