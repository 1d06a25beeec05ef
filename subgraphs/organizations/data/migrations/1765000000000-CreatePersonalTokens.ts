import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal access tokens a coordinator issues to a named person of an agency: only the
 * SHA-256 of each token is kept (the token itself is shown once), with its holder,
 * organisation, role, expiry and last use. Revoking one is a token_revocation of its id.
 */
export class CreatePersonalTokens1765000000000 implements MigrationInterface {
  name = 'CreatePersonalTokens1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE personal_token (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        holder text NOT NULL,
        organization_id text NOT NULL REFERENCES organization (id),
        role text NOT NULL,
        issued_by text NOT NULL,
        issued_by_org text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz
      )`);
    await db.query(`CREATE INDEX personal_token_expires_at_idx ON personal_token (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE personal_token`);
  }
}
