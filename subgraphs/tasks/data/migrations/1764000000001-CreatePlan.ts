import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePlan1764000000001 implements MigrationInterface {
  name = 'CreatePlan1764000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE plan (
        id text PRIMARY KEY,
        title text NOT NULL,
        title_en text NOT NULL,
        document_number text NOT NULL,
        issuer text NOT NULL,
        signed_on date NOT NULL,
        printed_on date NOT NULL
      )`);
    await db.query(`
      CREATE TABLE phase (
        plan_id text NOT NULL REFERENCES plan(id),
        seq int NOT NULL,
        name text NOT NULL,
        name_en text NOT NULL,
        start_month text NOT NULL CHECK (start_month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        end_month text NOT NULL CHECK (end_month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        description text NOT NULL,
        PRIMARY KEY (plan_id, seq)
      )`);
    await db.query(`
      CREATE TABLE section (
        seq int PRIMARY KEY,
        numeral text NOT NULL,
        title text NOT NULL,
        title_en text NOT NULL,
        annex_category text NOT NULL
      )`);
    await db.query(`
      CREATE TABLE measure (
        seq int PRIMARY KEY,
        section_seq int NOT NULL REFERENCES section(seq),
        title text NOT NULL,
        title_en text NOT NULL,
        text text NOT NULL
      )`);
    await db.query(`
      CREATE TABLE task (
        id text PRIMARY KEY,
        seq int NOT NULL UNIQUE,
        section_seq int NOT NULL REFERENCES section(seq),
        measure_seq int NOT NULL REFERENCES measure(seq),
        category text NOT NULL,
        category_as_printed text,
        content text NOT NULL,
        featured boolean NOT NULL,
        responsible_as_written text NOT NULL,
        deadline_as_written text NOT NULL,
        deadline text CHECK (deadline ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        ongoing boolean NOT NULL,
        lead_organization_id text NOT NULL,
        CHECK ((deadline IS NULL) = ongoing)
      )`);
    await db.query(`CREATE INDEX task_section_idx ON task (section_seq)`);
    await db.query(`CREATE INDEX task_deadline_idx ON task (deadline)`);
    await db.query(`CREATE INDEX task_lead_idx ON task (lead_organization_id)`);
    await db.query(`
      CREATE TABLE task_responsible (
        task_id text NOT NULL REFERENCES task(id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 1),
        organization_id text NOT NULL,
        as_written text NOT NULL,
        qualifier text,
        PRIMARY KEY (task_id, position)
      )`);
    await db.query(`CREATE INDEX task_responsible_organization_idx ON task_responsible (organization_id, task_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['task_responsible', 'task', 'measure', 'section', 'phase', 'plan']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
