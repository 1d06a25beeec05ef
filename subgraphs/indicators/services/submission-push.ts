/**
 * What a push does to submissions: rows of a submission the coordinator has accepted are
 * refused (SUBMISSION_ACCEPTED) until it is reopened; the submissions the written rows
 * belong to become SUBMITTED, and the push's warnings are kept with them for review.
 */
import type { EntityManager } from 'typeorm';
import { ErrorCode } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import { compositeKey } from '../../../lib/collections';
import { type MarkedSubmissions, markSubmitted, saveWarnings } from '../data/submission-marks';
import { lockSubmissions, type SubmissionKey } from '../data/submission-store';
import type { PushSummary } from '../model/figure-types';
import type { PreparedRow, Rejection } from '../model/rows';

/** Rows written, the value each replaced (by index; null: none or withdrawn), and the warnings they raised. */
export interface WrittenRows {
  rows: PreparedRow[];
  before: ReadonlyMap<number, number | null>;
  warnings: PushSummary['warnings'];
}

const keyOf = (row: PreparedRow): SubmissionKey => ({ organizationId: row.organizationId, period: row.period.text });

function distinctKeys(rows: PreparedRow[]): SubmissionKey[] {
  const keys = new Map(rows.map((r) => [compositeKey(r.organizationId, r.period.text), keyOf(r)]));
  return [...keys.values()];
}

/** The rows whose submission is not accepted; the others are rejected. Locks the submissions until commit. */
export async function openRows(manager: EntityManager, rows: PreparedRow[], rejections: Rejection[]): Promise<PreparedRow[]> {
  const locked = await lockSubmissions(manager, distinctKeys(rows));
  const accepted = new Set(locked.filter((s) => s.state === 'ACCEPTED').map((s) => compositeKey(s.organizationId, s.period)));
  if (accepted.size === 0) return rows;
  return rows.filter((row) => {
    if (!accepted.has(compositeKey(row.organizationId, row.period.text))) return true;
    rejections.push({
      index: row.index,
      field: 'period',
      code: ErrorCode.SUBMISSION_ACCEPTED,
      message: `the submission of ${row.organizationId} for ${row.period.text} is accepted: the coordinator reopens it for changes`,
    });
    return false;
  });
}

/**
 * Marks the written rows' submissions SUBMITTED (a change within a round is an event too,
 * with each figure's value before, as the checks read it, and after) and keeps the push's
 * warnings with them; `marked` carries the events of earlier batches of the same
 * transaction, so that a file written in batches records one event per submission.
 */
export async function recordSubmissions(
  manager: EntityManager,
  writer: Identity,
  { rows: written, before, warnings }: WrittenRows,
  marked?: MarkedSubmissions,
): Promise<void> {
  await markSubmitted(
    manager,
    writer,
    distinctKeys(written),
    written.map((r) => ({
      organizationId: r.organizationId,
      period: r.period.text,
      indicatorId: r.indicatorId,
      breakdown: r.breakdown,
      previousValue: before.get(r.index) ?? null,
      value: r.withdrawn ? null : r.value,
    })),
    marked,
  );
  const byIndex = new Map(written.map((r) => [r.index, r]));
  await saveWarnings(
    manager,
    warnings.flatMap((w) => {
      const row = byIndex.get(w.index);
      return row
        ? [{ ...keyOf(row), indicatorId: row.indicatorId, breakdown: row.breakdown, code: w.code, message: w.message }]
        : [];
    }),
  );
}
