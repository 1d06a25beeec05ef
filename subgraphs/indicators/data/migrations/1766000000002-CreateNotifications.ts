import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: the transactional outbox (events written in the transaction of the
 * change that causes them, each at most once by its key), webhook subscriptions with
 * their delivery log, and e-mail recipients per organisation.
 */
export class CreateNotifications1766000000002 implements MigrationInterface {
  name = 'CreateNotifications1766000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        event text NOT NULL,
        organization_id text,
        event_key text NOT NULL UNIQUE,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        dispatched_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE dispatched_at IS NULL`);
    await db.query(`
      CREATE TABLE webhook_subscription (
        id bigserial PRIMARY KEY,
        organization_id text NOT NULL,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`
      CREATE TABLE webhook_delivery (
        id bigserial PRIMARY KEY,
        subscription_id bigint NOT NULL REFERENCES webhook_subscription(id),
        outbox_id bigint NOT NULL REFERENCES outbox(id),
        attempt int NOT NULL,
        delivered boolean NOT NULL,
        http_status int,
        error text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, id)`);
    await db.query(`
      CREATE TABLE mail_recipient (
        organization_id text NOT NULL,
        email text NOT NULL,
        events text[] NOT NULL,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (organization_id, email)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['mail_recipient', 'webhook_delivery', 'webhook_subscription', 'outbox']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
