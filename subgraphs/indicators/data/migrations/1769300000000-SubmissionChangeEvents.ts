import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A push into a submission already waiting for review is an event of its own (CHANGE),
 * with the figures it changed, each previous value → new value: the review sees every
 * change within a round, not only the state moves.
 */
export class SubmissionChangeEvents1769300000000 implements MigrationInterface {
  name = 'SubmissionChangeEvents1769300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE submission_event DROP CONSTRAINT submission_event_action_check`);
    await db.query(
      `ALTER TABLE submission_event ADD CONSTRAINT submission_event_action_check
         CHECK (action IN ('SUBMIT','APPROVE','ACCEPT','RETURN','REOPEN','CHANGE')),
       ADD COLUMN changes jsonb`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM submission_event WHERE action = 'CHANGE'`);
    await db.query(`ALTER TABLE submission_event DROP CONSTRAINT submission_event_action_check, DROP COLUMN changes`);
    await db.query(
      `ALTER TABLE submission_event ADD CONSTRAINT submission_event_action_check
         CHECK (action IN ('SUBMIT','APPROVE','ACCEPT','RETURN','REOPEN'))`,
    );
  }
}
