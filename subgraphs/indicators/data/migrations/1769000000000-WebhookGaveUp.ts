import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A webhook delivery's last attempt, after which no retry follows (its retries spent): the dead letter. */
export class WebhookGaveUp1769000000000 implements MigrationInterface {
  name = 'WebhookGaveUp1769000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_delivery ADD COLUMN gave_up boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_delivery DROP COLUMN gave_up`);
  }
}
