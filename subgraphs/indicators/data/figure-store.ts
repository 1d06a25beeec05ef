/**
 * Writes of figures. One push is one transaction: the idempotency record first (a
 * second push with the same key waits for the first, then replays its summary), then
 * the period locks and the current state of the figures it touches (rows locked in a
 * fixed order), then one statement that writes every new revision and moves every
 * current value. Deadlocks and serialisation failures are retried whole.
 */
import { z } from 'zod';
import { column, readRows } from '../../../lib/rows';
import type { EntityManager, DataSource } from 'typeorm';
import type { StoredFigure } from '../model/push-checks';
import type { PreparedRow } from '../model/rows';
import { figureColumns, figureOf } from './figure-columns';
import { writeStaged, type Writer } from './figure-staging';

/** A figure as stored now: what reconciliation reads of it, and the rest a push compares a row with. */
export interface CurrentFigure extends StoredFigure {
  id: string;
  status: string;
  flags: string[];
  reportedOn: string | null;
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

const RETRYABLE = new Set(['40P01', '40001']);

/** True for an error PostgreSQL gives when it aborts a transaction for a deadlock or serialisation failure: run it again. */
export function isRetryable(error: unknown): boolean {
  const code =
    (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
  return !!code && RETRYABLE.has(code);
}

/** Runs `work` in a transaction, again from the start when PostgreSQL aborts it for a deadlock or serialisation failure. */
export async function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (!isRetryable(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}

const CurrentColumns = z
  .object({
    id: column.id,
    ...figureColumns,
    status: column.text,
    flags: column.texts,
    reported_on: column.optionalText,
    withdrawn: column.boolean,
    note: column.optionalText,
    source: column.optionalText,
    organization_id: column.text,
  })
  .transform((row): CurrentFigure => ({
    id: row.id,
    ...figureOf(row),
    status: row.status,
    flags: row.flags,
    reportedOn: row.reported_on,
    withdrawn: row.withdrawn,
    note: row.note,
    source: row.source,
    organizationId: row.organization_id,
  }));

/** Who uses an idempotency key, for which organisations, with which request. */
export interface KeyClaim {
  key: string;
  requestHash: string;
  /** The writer: its subject and organisation. */
  writer: string;
  writerOrg: string;
  /** The organisations the push writes for, sorted. */
  targets: string[];
}

/** An earlier use of the key: by the same writer for the same organisations, or not. */
export interface EarlierClaim {
  sameWriter: boolean;
  requestHash: string;
  summary: unknown;
}

/** The organisations whose keys a claim reserves: the writer's and each target's. */
const claimScopes = (claim: KeyClaim): string[] => [...new Set([claim.writerOrg, ...claim.targets])].sort();

/**
 * Reserves an idempotency key in the keys of every organisation concerned (a push with
 * the same key waits here for the first to end); returns the earlier use when the key
 * was used already in any of them. Records made before writers were recorded name no
 * writer nor targets: their writer's organisation stands for both.
 */
export async function claimKey(manager: EntityManager, claim: KeyClaim): Promise<EarlierClaim | null> {
  const scopes = claimScopes(claim);
  const claimed: unknown[] = await manager.query(
    `INSERT INTO push_record (scope, idempotency_key, request_hash, writer, writer_org, targets)
     SELECT scope, $2, $3, $4, $5, $6 FROM unnest($1::text[]) AS scope ORDER BY scope
     ON CONFLICT DO NOTHING RETURNING 1`,
    [scopes, claim.key, claim.requestHash, claim.writer, claim.writerOrg, claim.targets],
  );
  if (claimed.length === scopes.length) return null;
  const earlier: Array<{
    requestHash: string;
    summary: unknown;
    writer: string | null;
    writerOrg: string;
    targets: string[] | null;
  }> = await manager.query(
    `SELECT request_hash AS "requestHash", summary, writer, writer_org AS "writerOrg", targets
         FROM push_record WHERE scope = ANY($1::text[]) AND idempotency_key = $2 AND summary IS NOT NULL`,
    [scopes, claim.key],
  );
  const sameWriter = (e: (typeof earlier)[number]) =>
    e.writerOrg === claim.writerOrg &&
    (e.writer === null || e.writer === claim.writer) &&
    (e.targets === null || e.targets.join('\n') === claim.targets.join('\n'));
  const other = earlier.find((e) => !sameWriter(e));
  if (other || earlier.length === 0) return { sameWriter: false, requestHash: other?.requestHash ?? '', summary: null };
  const differing = earlier.find((e) => e.requestHash !== claim.requestHash);
  return { sameWriter: true, requestHash: (differing ?? earlier[0]).requestHash, summary: earlier[0].summary };
}

/** Records the summary of the push that claimed the key, in every organisation's keys. */
export async function saveSummary(manager: EntityManager, claim: KeyClaim, summary: unknown): Promise<void> {
  await manager.query(`UPDATE push_record SET summary = $3 WHERE scope = ANY($1::text[]) AND idempotency_key = $2`, [
    claimScopes(claim),
    claim.key,
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

/**
 * The current figures of the keys, each found by its own lookup in the unique index on
 * (indicator_id, period, breakdown): the plan does not change with the table's size.
 */
export const CURRENT_FIGURES = `SELECT s.id, s.indicator_id, s.period, s.breakdown, s.value, s.numerator, s.denominator, s.status,
          s.withdrawn, s.note, s.source, s.organization_id, s.flags, s.reported_on::text
     FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[]) AS k(indicator_id, period, breakdown)) AS k
     CROSS JOIN LATERAL (
       SELECT * FROM figure_series f
        WHERE f.indicator_id = k.indicator_id AND f.period = k.period AND f.breakdown = k.breakdown
        LIMIT 1) AS s
    ORDER BY s.id`;

/** Current figures for the keys. */
export async function currentFigures(manager: EntityManager, keys: Key[]): Promise<CurrentFigure[]> {
  if (keys.length === 0) return [];
  const rows: unknown = await manager.query(CURRENT_FIGURES, [
    keys.map((k) => k.indicatorId),
    keys.map((k) => k.period),
    keys.map((k) => k.breakdown),
  ]);
  return readRows('current figures', CurrentColumns, rows);
}

/**
 * Writes a revision for every row and moves the current values: the rows staged by COPY,
 * then one statement (figure-staging.ts).
 */
export async function writeRevisions(
  manager: EntityManager,
  rows: PreparedRow[],
  writer: Writer,
): Promise<{ created: number; updated: number; unchanged: number }> {
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const counts = await writeStaged(manager, rows, writer);
  // A row another push wrote with the same values meanwhile (a new key both saw absent) is unchanged.
  return { created: counts.created, updated: counts.updated, unchanged: rows.length - counts.created - counts.updated };
}
