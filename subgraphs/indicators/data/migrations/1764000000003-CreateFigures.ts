import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FIGURE_STATUSES, LOCK_ACTIONS, sqlIn } from '../../../../lib/enums';
import { PERIOD_TYPES } from '../../../../lib/period';

/**
 * Figures: `figure_series` holds the current state of each (indicator, period,
 * breakdown), `figure_revision` every revision ever recorded (nothing is deleted).
 * Period locks, their audit trail, and the idempotency record of each push.
 */
export class CreateFigures1764000000003 implements MigrationInterface {
  name = 'CreateFigures1764000000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE indicator
        ADD COLUMN period_types text[] NOT NULL DEFAULT ARRAY['YEAR','HALF','QUARTER','MONTH'],
        ADD COLUMN min_value numeric,
        ADD COLUMN max_value numeric,
        ADD COLUMN integer_only boolean NOT NULL DEFAULT false`);
    await db.query(`UPDATE indicator SET min_value = 0`);
    await db.query(`UPDATE indicator SET max_value = 100 WHERE value_kind IN ('PERCENT', 'SCORE')`);
    await db.query(`UPDATE indicator SET integer_only = true WHERE value_kind = 'COUNT'`);
    await db.query(`
      CREATE TABLE figure_series (
        id bigserial PRIMARY KEY,
        indicator_id text NOT NULL REFERENCES indicator(id),
        period text NOT NULL,
        period_type text NOT NULL CHECK (${sqlIn('period_type', PERIOD_TYPES)}),
        period_start date NOT NULL,
        period_end date NOT NULL,
        breakdown text NOT NULL DEFAULT '',
        revision int NOT NULL,
        value numeric,
        numerator numeric,
        denominator numeric,
        status text NOT NULL CHECK (${sqlIn('status', FIGURE_STATUSES)}),
        withdrawn boolean NOT NULL DEFAULT false,
        note text,
        source text,
        organization_id text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (indicator_id, period, breakdown),
        CHECK (withdrawn OR value IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX figure_series_indicator_period_idx ON figure_series (indicator_id, period_start, period_end)`);
    await db.query(`
      CREATE TABLE figure_revision (
        series_id bigint NOT NULL REFERENCES figure_series(id),
        revision int NOT NULL CHECK (revision >= 1),
        value numeric,
        numerator numeric,
        denominator numeric,
        status text NOT NULL,
        withdrawn boolean NOT NULL,
        note text,
        source text,
        reason text,
        organization_id text NOT NULL,
        recorded_by text NOT NULL,
        recorded_by_org text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        import_key text,
        PRIMARY KEY (series_id, revision)
      )`);
    await db.query(`CREATE INDEX figure_revision_recorded_at_idx ON figure_revision (series_id, recorded_at)`);
    await db.query(`
      CREATE TABLE period_lock (
        id bigserial PRIMARY KEY,
        indicator_id text REFERENCES indicator(id),
        period text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        reason text,
        locked_by text NOT NULL,
        locked_by_org text NOT NULL,
        locked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX period_lock_unique_idx ON period_lock (COALESCE(indicator_id, ''), period)`);
    await db.query(`
      CREATE TABLE period_lock_event (
        id bigserial PRIMARY KEY,
        action text NOT NULL CHECK (${sqlIn('action', LOCK_ACTIONS)}),
        indicator_id text,
        period text NOT NULL,
        reason text,
        actor text NOT NULL,
        actor_org text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`
      CREATE TABLE push_record (
        scope text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        summary jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, idempotency_key)
      )`);
    await db.query(`
      CREATE TABLE owner_event (
        id bigserial PRIMARY KEY,
        indicator_id text NOT NULL REFERENCES indicator(id),
        owners text[] NOT NULL,
        actor text NOT NULL,
        actor_org text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['owner_event', 'push_record', 'period_lock_event', 'period_lock', 'figure_revision', 'figure_series']) {
      await db.query(`DROP TABLE ${table}`);
    }
    await db.query(
      `ALTER TABLE indicator DROP COLUMN period_types, DROP COLUMN min_value, DROP COLUMN max_value, DROP COLUMN integer_only`,
    );
  }
}
