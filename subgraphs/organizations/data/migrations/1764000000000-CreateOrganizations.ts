import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrganizations1764000000000 implements MigrationInterface {
  name = 'CreateOrganizations1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organization (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL UNIQUE,
        name_en text NOT NULL,
        kind text NOT NULL,
        parent_id text REFERENCES organization(id),
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX organization_kind_idx ON organization (kind)`);
    await db.query(`
      CREATE TABLE organization_alias (
        key text PRIMARY KEY,
        alias text NOT NULL,
        canonical boolean NOT NULL DEFAULT false,
        organization_id text NOT NULL REFERENCES organization(id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX organization_alias_organization_id_idx ON organization_alias (organization_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE organization_alias`);
    await db.query(`DROP TABLE organization`);
  }
}
