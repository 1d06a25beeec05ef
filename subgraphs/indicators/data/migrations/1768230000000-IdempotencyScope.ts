import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An idempotency key belongs to one writer and the organisations it wrote for together.
 * push_record says who wrote (`writer`, `writer_org`) and for whom (`targets`), and a push
 * reserves its key in the `scope` of every organisation concerned (the writer's and each
 * target's), so a key used by a coordinator for an agency is taken in that agency's keys
 * too. Records made before keep their writer's organisation; the writer and the target of
 * a submitted report are read back from its receipt and its key reserved for the target too.
 */
export class IdempotencyScope1768230000000 implements MigrationInterface {
  name = 'IdempotencyScope1768230000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE push_record ADD COLUMN writer text, ADD COLUMN writer_org text, ADD COLUMN targets text[]`);
    await db.query(`UPDATE push_record SET writer_org = scope`);
    await db.query(`ALTER TABLE push_record ALTER COLUMN writer_org SET NOT NULL`);
    await db.query(`
      UPDATE push_record p SET writer = r.submitted_by, targets = ARRAY[r.organization_id]
        FROM report_receipt r
       WHERE p.scope = r.submitted_by_org AND p.idempotency_key = 'report:' || r.idempotency_key`);
    await db.query(`
      INSERT INTO push_record (scope, idempotency_key, request_hash, summary, created_at, writer, writer_org, targets)
      SELECT r.organization_id, p.idempotency_key, p.request_hash, p.summary, p.created_at, p.writer, p.writer_org, p.targets
        FROM push_record p
        JOIN report_receipt r ON p.scope = r.submitted_by_org AND p.idempotency_key = 'report:' || r.idempotency_key
       WHERE r.organization_id <> r.submitted_by_org
      ON CONFLICT DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM push_record WHERE scope <> writer_org`);
    await db.query(`ALTER TABLE push_record DROP COLUMN targets, DROP COLUMN writer_org, DROP COLUMN writer`);
  }
}
