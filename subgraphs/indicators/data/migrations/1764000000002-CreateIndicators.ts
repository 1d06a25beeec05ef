import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COMPARATORS, PERIODICITIES, ROLLUPS, sqlIn, VALUE_KINDS } from '../../../../lib/enums';

export class CreateIndicators1764000000002 implements MigrationInterface {
  name = 'CreateIndicators1764000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE indicator (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        name_en text NOT NULL,
        unit text NOT NULL,
        unit_en text NOT NULL,
        value_kind text NOT NULL CHECK (${sqlIn('value_kind', VALUE_KINDS)}),
        comparator text CHECK (${sqlIn('comparator', COMPARATORS)}),
        target_value numeric,
        deadline text CHECK (deadline ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        periodicity text NOT NULL CHECK (${sqlIn('periodicity', PERIODICITIES)}),
        rollup text NOT NULL CHECK (${sqlIn('rollup', ROLLUPS)}),
        headline boolean NOT NULL DEFAULT false,
        quote text NOT NULL,
        source text NOT NULL,
        CHECK ((comparator IS NULL) = (target_value IS NULL))
      )`);
    await db.query(`
      CREATE TABLE indicator_owner (
        indicator_id text NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
        organization_id text NOT NULL,
        position int NOT NULL,
        PRIMARY KEY (indicator_id, organization_id)
      )`);
    await db.query(`CREATE INDEX indicator_owner_organization_idx ON indicator_owner (organization_id, indicator_id)`);
    await db.query(`
      CREATE TABLE indicator_task (
        indicator_id text NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
        task_id text NOT NULL,
        PRIMARY KEY (indicator_id, task_id)
      )`);
    await db.query(`CREATE INDEX indicator_task_task_idx ON indicator_task (task_id, indicator_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE indicator_task`);
    await db.query(`DROP TABLE indicator_owner`);
    await db.query(`DROP TABLE indicator`);
  }
}
