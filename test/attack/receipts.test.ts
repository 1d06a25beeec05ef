/**
 * Idempotency keys belong to one writer and the organisations it writes for together: a
 * key used by a coordinator for an agency, sent again by the agency's own clerk (or by
 * another clerk, or for another agency), is a CONFLICT with nothing written, and a receipt
 * always describes the submission the caller made.
 */
import type { Client } from 'pg';
import { IdempotencyScope1768230000000 } from '../../subgraphs/indicators/data/migrations/1768230000000-IdempotencyScope';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const started = useHubAndDatabase();
let url: string;
let db: Client;
beforeAll(() => {
  [url, db] = [started.url(), started.db()];
});

const SUBMIT = `mutation ($input: SubmitReportInput!) { submitReport(input: $input) {
  summary { created updated unchanged rejected replayed rejections { code message } }
  receipt { id submittedBy submittedByOrganization { id } organization { id } created updated figures { indicator value } } } }`;
const PUSH = `mutation ($input: PushFiguresInput!) { pushFigures(input: $input) { created updated replayed rejected } }`;

const INDICATOR = 'police-ip-criminal-cases';

async function stored(period: string): Promise<{ value: number | null; revisions: number }> {
  const { rows } = await db.query(
    `SELECT s.value::float AS value, (SELECT count(*)::int FROM indicators.figure_revision r WHERE r.series_id = s.id) AS revisions
       FROM indicators.figure_series s WHERE s.indicator_id = $1 AND s.period = $2 AND s.breakdown = ''`,
    [INDICATOR, period],
  );
  return rows[0] ?? { value: null, revisions: 0 };
}

const report = (key: string, value: number, organization?: string, period = '2025') => ({
  input: {
    period,
    idempotencyKey: key,
    ...(organization ? { organization } : {}),
    figures: [{ indicator: INDICATOR, period, value, explanation: 'checked against the case register' }],
  },
});

describe('a submitted report', () => {
  it("answers CONFLICT to the agency's clerk reusing the coordinator's key for it, and writes nothing", async () => {
    const coordinator = await bearer('amr', ['coordinator']);
    const clerk = await bearer('police', ['reporter']);
    const first = await graphql(url, SUBMIT, report('K', 10, 'police'), coordinator);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitReport.receipt).toMatchObject({
      submittedBy: 'amr-coordinator@test',
      organization: { id: 'police' },
      figures: [{ indicator: INDICATOR, value: 10 }],
    });
    expect(await stored('2025')).toEqual({ value: 10, revisions: 1 });

    const reused = await graphql(url, SUBMIT, report('K', 20), clerk);
    expect(reused.data?.submitReport ?? null).toBeNull();
    expect(reused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(JSON.stringify(reused)).not.toContain('amr-coordinator@test');
    expect(await stored('2025')).toEqual({ value: 10, revisions: 1 });

    // The same figures under the same key are not the clerk's either.
    const same = await graphql(url, SUBMIT, report('K', 10, 'police'), clerk);
    expect(same.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });

    const own = await graphql(url, SUBMIT, report('K-police', 20), clerk);
    expect(own.errors).toBeUndefined();
    expect(own.data!.submitReport.receipt).toMatchObject({
      submittedBy: 'police-reporter@test',
      submittedByOrganization: { id: 'police' },
      updated: 1,
      figures: [{ value: 20 }],
    });
    expect(await stored('2025')).toEqual({ value: 20, revisions: 2 });
  });

  it('replays the same receipt to its own writer only', async () => {
    const clerk = await bearer('police', ['reporter']);
    const first = await graphql(url, SUBMIT, report('R', 30, undefined, '2024'), clerk);
    expect(first.data!.submitReport.summary).toMatchObject({ created: 1, replayed: false });
    const again = await graphql(url, SUBMIT, report('R', 30, undefined, '2024'), clerk);
    expect(again.data!.submitReport.summary.replayed).toBe(true);
    expect(again.data!.submitReport.receipt.id).toBe(first.data!.submitReport.receipt.id);

    const colleague = await graphql(
      url,
      SUBMIT,
      report('R', 30, undefined, '2024'),
      await bearer('police', ['reporter', 'analyst']),
    );
    expect(colleague.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    const coordinator = await graphql(url, SUBMIT, report('R', 30, 'police', '2024'), await bearer('amr', ['coordinator']));
    expect(coordinator.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await stored('2024')).toEqual({ value: 30, revisions: 1 });
  });

  it("refuses a coordinator's key used again for another organisation", async () => {
    const coordinator = await bearer('amr', ['coordinator']);
    const court = {
      input: {
        period: '2023',
        idempotencyKey: 'C',
        organization: 'court',
        figures: [{ indicator: INDICATOR, period: '2023', value: 5 }],
      },
    };
    const first = await graphql(url, SUBMIT, report('C', 5, 'police', '2023'), coordinator);
    expect(first.errors).toBeUndefined();
    const other = await graphql(url, SUBMIT, court, coordinator);
    expect(other.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
  });
});

describe('a push', () => {
  it('answers CONFLICT to an agency reusing the key a coordinator pushed for it with, and writes nothing', async () => {
    const figures = (value: number) => [{ indicator: INDICATOR, period: '2022', value, organization: 'police' }];
    const first = await graphql(
      url,
      PUSH,
      { input: { idempotencyKey: 'P', figures: figures(7) } },
      await bearer('amr', ['coordinator']),
    );
    expect(first.data!.pushFigures).toMatchObject({ created: 1, replayed: false });
    const clerk = await bearer('police', ['reporter']);
    const reused = await graphql(url, PUSH, { input: { idempotencyKey: 'P', figures: figures(8) } }, clerk);
    expect(reused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await stored('2022')).toEqual({ value: 7, revisions: 1 });
    // Another organisation's keys are its own: the same key elsewhere is free.
    const court = await graphql(
      url,
      PUSH,
      { input: { idempotencyKey: 'P', figures: [{ indicator: 'court-ip-cases-closed', period: '2025Q1', value: 3 }] } },
      await bearer('court', ['reporter']),
    );
    expect(court.data!.pushFigures).toMatchObject({ created: 1, replayed: false });
  });
});

describe('the migration', () => {
  it("records the writer and target of earlier reports, reserving a coordinator's key for the agency too", async () => {
    await db.query(`DROP SCHEMA IF EXISTS legacy_keys CASCADE; CREATE SCHEMA legacy_keys; SET search_path TO legacy_keys`);
    try {
      await db.query(`
        CREATE TABLE push_record (scope text NOT NULL, idempotency_key text NOT NULL, request_hash text NOT NULL, summary jsonb,
          created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (scope, idempotency_key));
        CREATE TABLE report_receipt (id uuid PRIMARY KEY, organization_id text NOT NULL, period text NOT NULL, idempotency_key text,
          submitted_by text NOT NULL, submitted_by_org text NOT NULL, submitted_at timestamptz NOT NULL, created int NOT NULL,
          updated int NOT NULL, unchanged int NOT NULL, figures jsonb NOT NULL, UNIQUE (organization_id, idempotency_key));
        INSERT INTO push_record (scope, idempotency_key, request_hash, summary)
             VALUES ('amr', 'report:K', 'h1', '{}'), ('police', 'report:R', 'h2', '{}'), ('amr', 'plain', 'h3', '{}');
        INSERT INTO report_receipt VALUES
          (gen_random_uuid(), 'police', '2025', 'K', 'amr-coordinator@test', 'amr', now(), 1, 0, 0, '[]'),
          (gen_random_uuid(), 'police', '2025', 'R', 'police-reporter@test', 'police', now(), 1, 0, 0, '[]')`);
      const migration = new IdempotencyScope1768230000000();
      const runner = { query: (sql: string) => db.query(sql) } as never;
      await migration.up(runner);
      const records = async () =>
        (
          await db.query(
            `SELECT scope, idempotency_key AS key, writer, writer_org AS "writerOrg", targets FROM push_record ORDER BY 1, 2`,
          )
        ).rows;
      expect(await records()).toEqual([
        { scope: 'amr', key: 'plain', writer: null, writerOrg: 'amr', targets: null },
        { scope: 'amr', key: 'report:K', writer: 'amr-coordinator@test', writerOrg: 'amr', targets: ['police'] },
        { scope: 'police', key: 'report:K', writer: 'amr-coordinator@test', writerOrg: 'amr', targets: ['police'] },
        { scope: 'police', key: 'report:R', writer: 'police-reporter@test', writerOrg: 'police', targets: ['police'] },
      ]);
      await migration.down(runner);
      expect((await db.query(`SELECT scope, idempotency_key AS key FROM push_record ORDER BY 1, 2`)).rows).toEqual([
        { scope: 'amr', key: 'plain' },
        { scope: 'amr', key: 'report:K' },
        { scope: 'police', key: 'report:R' },
      ]);
    } finally {
      await db.query(`RESET search_path; DROP SCHEMA legacy_keys CASCADE`);
    }
  });
});
