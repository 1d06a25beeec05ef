/**
 * Writes of figures. One push is one transaction: the idempotency record first (a
 * second push with the same key waits for the first, then replays its summary), then
 * the period locks and the current state of the figures it touches (rows locked in a
 * fixed order), then one statement that writes every new revision and moves every
 * current value. Deadlocks and serialisation failures are retried whole.
 */
import { numberOrNull } from '../../../lib/sql';
import type { EntityManager, DataSource } from 'typeorm';
import type { PreparedRow } from '../domain/rows';

export interface CurrentFigure {
  id: string;
  indicatorId: string;
  period: string;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
  withdrawn: boolean;
  note: string | null;
  source: string | null;
  organizationId: string;
}

export interface LockRow {
  indicatorId: string | null;
  period: string;
  periodStart: string;
  periodEnd: string;
}

export interface Writer {
  subject: string;
  organizationId: string;
  importKey: string | null;
}

const RETRYABLE = new Set(['40P01', '40001']);

/** Runs `work` in a transaction, again from the start when PostgreSQL aborts it for a deadlock or serialisation failure. */
export async function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const code =
        (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}

function figureFromRow(row: Record<string, unknown>): CurrentFigure {
  return {
    id: String(row.id),
    indicatorId: row.indicator_id as string,
    period: row.period as string,
    breakdown: row.breakdown as string,
    value: numberOrNull(row.value),
    numerator: numberOrNull(row.numerator),
    denominator: numberOrNull(row.denominator),
    status: row.status as string,
    withdrawn: row.withdrawn as boolean,
    note: row.note as string | null,
    source: row.source as string | null,
    organizationId: row.organization_id as string,
  };
}

/** Reserves an idempotency key; returns the earlier push's record when the key was used already. */
export async function claimKey(
  manager: EntityManager,
  scope: string,
  key: string,
  requestHash: string,
): Promise<{ requestHash: string; summary: unknown } | null> {
  const claimed = await manager.query(
    `INSERT INTO push_record (scope, idempotency_key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [scope, key, requestHash],
  );
  if (claimed.length > 0) return null;
  const [earlier] = await manager.query(
    `SELECT request_hash AS "requestHash", summary FROM push_record WHERE scope = $1 AND idempotency_key = $2`,
    [scope, key],
  );
  return earlier;
}

export async function saveSummary(manager: EntityManager, scope: string, key: string, summary: unknown): Promise<void> {
  await manager.query(`UPDATE push_record SET summary = $3 WHERE scope = $1 AND idempotency_key = $2`, [
    scope,
    key,
    JSON.stringify(summary),
  ]);
}

/** Advisory lock keys (first half): pushes against period locks, and pushes of one indicator against each other. */
const PERIOD_LOCKS = 0x1a7e;
const INDICATOR_WRITES = 0x1a7f;

/**
 * Serialises a push against the locking of periods (shared: pushes run side by side) and
 * against other pushes of the same indicators (exclusive, taken in id order), so a period
 * locked is locked for every push that commits after it, and two pushes of one new figure
 * see each other's row (a FINAL figure is never corrected without a reason).
 */
export async function serialise(manager: EntityManager, indicatorIds: string[]): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock_shared($1, 0)', [PERIOD_LOCKS]);
  await manager.query(
    'SELECT count(pg_advisory_xact_lock($1, hashtext(id))) FROM (SELECT id FROM unnest($2::text[]) AS id ORDER BY id) AS ids',
    [INDICATOR_WRITES, indicatorIds],
  );
}

/** Taken by whoever locks or unlocks a period, until its transaction ends. */
export async function excludePushes(manager: EntityManager): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, 0)', [PERIOD_LOCKS]);
}

export function locksFor(manager: EntityManager, indicatorIds: string[]): Promise<LockRow[]> {
  return manager.query(
    `SELECT indicator_id AS "indicatorId", period, period_start::text AS "periodStart", period_end::text AS "periodEnd"
       FROM period_lock WHERE indicator_id IS NULL OR indicator_id = ANY($1::text[])`,
    [indicatorIds],
  );
}

type Key = { indicatorId: string; period: string; breakdown: string };

/** Current figures for the keys. */
export async function currentFigures(manager: EntityManager, keys: Key[]): Promise<CurrentFigure[]> {
  if (keys.length === 0) return [];
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT s.id, s.indicator_id, s.period, s.breakdown, s.value, s.numerator, s.denominator, s.status, s.withdrawn,
            s.note, s.source, s.organization_id
       FROM figure_series s
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(indicator_id, period, breakdown)
         ON s.indicator_id = k.indicator_id AND s.period = k.period AND s.breakdown = k.breakdown
      ORDER BY s.id`,
    [keys.map((k) => k.indicatorId), keys.map((k) => k.period), keys.map((k) => k.breakdown)],
  );
  return rows.map(figureFromRow);
}

/** Writes a revision for every row and moves the current values: one statement. */
export async function writeRevisions(
  manager: EntityManager,
  rows: PreparedRow[],
  writer: Writer,
): Promise<{ created: number; updated: number; unchanged: number }> {
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const input = rows.map((r) => ({
    indicator_id: r.indicatorId,
    period: r.period.text,
    period_type: r.period.type,
    period_start: r.period.start,
    period_end: r.period.end,
    breakdown: r.breakdown,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    status: r.status,
    withdrawn: r.withdrawn,
    note: r.note,
    source: r.source,
    reason: r.reason,
    explanation: r.explanation,
    warning_codes: r.warningCodes,
    organization_id: r.organizationId,
  }));
  const [counts] = await manager.query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
         indicator_id text, period text, period_type text, period_start date, period_end date, breakdown text,
         value numeric, numerator numeric, denominator numeric, status text, withdrawn boolean,
         note text, source text, reason text, explanation text, warning_codes text[], organization_id text)
     ),
     upserted AS (
       INSERT INTO figure_series AS s (indicator_id, period, period_type, period_start, period_end, breakdown, revision,
                                       value, numerator, denominator, status, withdrawn, note, source, organization_id,
                                       recorded_by, recorded_at, first_recorded_at)
       SELECT indicator_id, period, period_type, period_start, period_end, breakdown, 1,
              value, numerator, denominator, status, withdrawn, note, source, organization_id, $2, clock_timestamp(), clock_timestamp()
         FROM input ORDER BY indicator_id, period, breakdown
       ON CONFLICT (indicator_id, period, breakdown) DO UPDATE SET
         revision = s.revision + 1, value = EXCLUDED.value, numerator = EXCLUDED.numerator,
         denominator = EXCLUDED.denominator, status = EXCLUDED.status, withdrawn = EXCLUDED.withdrawn,
         note = EXCLUDED.note, source = EXCLUDED.source, organization_id = EXCLUDED.organization_id,
         recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
       WHERE (s.value, s.numerator, s.denominator, s.status, s.withdrawn, s.note, s.source, s.organization_id)
             IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.numerator, EXCLUDED.denominator, EXCLUDED.status,
                               EXCLUDED.withdrawn, EXCLUDED.note, EXCLUDED.source, EXCLUDED.organization_id)
       RETURNING s.id, s.indicator_id, s.period, s.breakdown, s.revision, s.recorded_at, (xmax = 0) AS inserted
     ),
     revisions AS (
       INSERT INTO figure_revision (series_id, revision, value, numerator, denominator, status, withdrawn, note, source,
                                    reason, explanation, warning_codes, organization_id, recorded_by, recorded_by_org,
                                    recorded_at, import_key)
       SELECT u.id, u.revision, i.value, i.numerator, i.denominator, i.status, i.withdrawn, i.note, i.source,
              i.reason, i.explanation, coalesce(i.warning_codes, '{}'), i.organization_id, $2, $3, u.recorded_at, $4
         FROM upserted u JOIN input i USING (indicator_id, period, breakdown)
       RETURNING 1
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated,
            (SELECT count(*) FROM revisions)::int AS revisions
       FROM upserted`,
    [JSON.stringify(input), writer.subject, writer.organizationId, writer.importKey],
  );
  // A row another push wrote with the same values meanwhile (a new key both saw absent) is unchanged.
  return { created: counts.created, updated: counts.updated, unchanged: rows.length - counts.created - counts.updated };
}
