import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Revoked callers' tokens, by their jti: the gateways refuse them within seconds. */
export class CreateTokenRevocations1764100000000 implements MigrationInterface {
  name = 'CreateTokenRevocations1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE token_revocation (
        jti text PRIMARY KEY CHECK (length(jti) BETWEEN 1 AND 200),
        reason text,
        revoked_by text NOT NULL,
        revoked_by_org text NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX token_revocation_revoked_at_idx ON token_revocation (revoked_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE token_revocation`);
  }
}
