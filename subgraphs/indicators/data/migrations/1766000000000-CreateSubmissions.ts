import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Submissions: what an organisation has reported for one period, reviewed as a whole
 * (SUBMITTED → APPROVED → ACCEPTED, or RETURNED with a comment). Every transition is an
 * event; the figures as they stood at a return or an acceptance are kept on the event,
 * so the next submission can be compared with them. The warnings a push raised are kept
 * per submission, and each organisation's approval levels (0: the coordinator accepts
 * directly; 1: the organisation's approver approves first).
 */
export class CreateSubmissions1766000000000 implements MigrationInterface {
  name = 'CreateSubmissions1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE submission (
        id bigserial PRIMARY KEY,
        organization_id text NOT NULL,
        period text NOT NULL,
        state text NOT NULL CHECK (state IN ('SUBMITTED','APPROVED','ACCEPTED','RETURNED')),
        round int NOT NULL DEFAULT 1,
        comment text,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (organization_id, period)
      )`);
    await db.query(`CREATE INDEX submission_state_idx ON submission (state, submitted_at)`);
    await db.query(`
      CREATE TABLE submission_event (
        id bigserial PRIMARY KEY,
        submission_id bigint NOT NULL REFERENCES submission(id),
        action text NOT NULL CHECK (action IN ('SUBMIT','APPROVE','ACCEPT','RETURN','REOPEN')),
        state text NOT NULL,
        comment text,
        figures jsonb,
        actor text NOT NULL,
        actor_org text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX submission_event_submission_idx ON submission_event (submission_id, id)`);
    await db.query(`
      CREATE TABLE submission_warning (
        submission_id bigint NOT NULL REFERENCES submission(id),
        round int NOT NULL,
        indicator_id text NOT NULL,
        breakdown text NOT NULL,
        code text NOT NULL,
        message text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX submission_warning_idx ON submission_warning (submission_id, round)`);
    await db.query(`
      CREATE TABLE approval_setting (
        organization_id text PRIMARY KEY,
        approval_levels int NOT NULL CHECK (approval_levels IN (0, 1)),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // Figures recorded before review existed are submitted, waiting for review.
    await db.query(`
      INSERT INTO submission (organization_id, period, state, submitted_by, submitted_at, updated_at)
      SELECT organization_id, period, 'SUBMITTED', min(recorded_by), min(first_recorded_at), max(recorded_at)
        FROM figure_series GROUP BY organization_id, period`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['approval_setting', 'submission_warning', 'submission_event', 'submission']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
