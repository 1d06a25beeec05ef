/**
 * The transaction that lands a staged file (bulk-push.ts): the idempotency key claimed
 * first, as a push claims it; the pushes of the file's indicators serialised; then each
 * batch of staged rows (bulk-plan.ts) checked and written as one push's rows are. A dry
 * run rolls everything back; an atomic push with a row rejected rolls back its writes and
 * keeps only its key's summary, as `pushFigures` does.
 */
import type { EntityManager, QueryRunner } from 'typeorm';
import { mixedYears, stagedRows } from '../data/bulk-staging';
import { clearStaged } from '../data/figure-staging';
import { type KeyClaim, saveSummary, serialise } from '../data/figure-store';
import { addPendingChanges, type MarkedSubmissions } from '../data/submission-marks';
import { planBatches, type StagedPeriod } from '../model/bulk-plan';
import type { PushSummary } from '../model/figure-types';
import { yearKey } from '../model/push-checks';
import { earlierUse } from './push';
import { type CheckOptions, checkRows, writeChecked } from './push-land';

/** Rows checked and written together, about. */
const BATCH_ROWS = 2_500;

/** Told how far a file has come: rows read, the whole file read, checked and staged, rows written. */
export interface BulkProgress<Summary = PushSummary> {
  /** Asked inside the landing's transaction just before it commits, with its summary; throws to roll it back. */
  committing?(manager: EntityManager, summary: Summary): Promise<void>;
  read(rows: number): void;
  staged(): void;
  written(rows: number): void;
}

export interface Landing {
  claim: KeyClaim | null;
  periods: StagedPeriod[];
  /** The summary so far (the rows' own rejections), completed here. */
  summary: PushSummary;
  check: CheckOptions;
  progress?: BulkProgress;
}

async function landRows(runner: QueryRunner, landing: Landing): Promise<void> {
  const { summary } = landing;
  const manager = runner.manager;
  await serialise(manager, [...new Set(landing.periods.map((p) => p.indicatorId))].sort());
  const mixed = new Set((await mixedYears(manager)).map((k) => yearKey(k.indicatorId, k.breakdown, k.year)));
  const check = { ...landing.check, mixedYears: mixed };
  const after = new Map<string, string | null>();
  const marked: MarkedSubmissions = new Map();
  for (const batch of planBatches(landing.periods, BATCH_ROWS)) {
    const sliceKey = 'periods' in batch ? '' : `${batch.indicatorId}\u0000${batch.period}`;
    const { rows, last } = await stagedRows(
      manager,
      'periods' in batch ? batch : { ...batch, after: after.get(sliceKey) ?? null },
    );
    if (!('periods' in batch)) after.set(sliceKey, last);
    const checked = await checkRows(manager, check, rows);
    summary.rejections.push(...checked.rejections);
    // Each warning with the figure it is about: a file's warnings are grouped by indicator and period.
    const rowOf = new Map(rows.map((r) => [r.index, r]));
    for (const w of checked.warnings) {
      const row = rowOf.get(w.index)!;
      const placed = {
        index: w.index,
        code: w.code,
        message: w.message,
        indicator: row.indicatorId,
        period: row.period.text,
        breakdown: row.breakdown,
      };
      summary.warnings.push(placed);
    }
    summary.unchanged += checked.unchanged;
    const written = await writeChecked(manager, check.identity, landing.claim?.key ?? null, checked, marked);
    summary.created += written.created;
    summary.updated += written.updated;
    summary.unchanged += written.unchanged;
    // A batch with nothing to write staged nothing (on a connection that has never staged, there is no table yet).
    if (checked.rows.length > 0) await clearStaged(manager);
    landing.progress?.written(summary.created + summary.updated);
  }
  await addPendingChanges(manager, marked);
  summary.rejections.sort((a, b) => a.index - b.index);
  summary.warnings.sort((a, b) => a.index - b.index);
  summary.rejected = summary.rejections.length;
}

/** Lands the staged rows in one transaction on the runner's connection; the push's summary. */
export async function landBatches(runner: QueryRunner, landing: Landing): Promise<PushSummary> {
  const { summary, claim } = landing;
  await runner.startTransaction();
  try {
    const replayed = claim && (await earlierUse(runner.manager, claim));
    if (replayed) {
      await runner.commitTransaction();
      return replayed;
    }
    await runner.query('SAVEPOINT bulk_rows');
    await landRows(runner, landing);
    if (summary.atomic && summary.rejected > 0) {
      // Nothing lands: the valid rows are skipped, not rejected.
      await runner.query('ROLLBACK TO SAVEPOINT bulk_rows');
      Object.assign(summary, { created: 0, updated: 0, unchanged: 0, warnings: [] });
      summary.skipped = summary.received - summary.rejected;
    }
    if (summary.dryRun) {
      await runner.rollbackTransaction();
      return summary;
    }
    if (claim) await saveSummary(runner.manager, claim, summary);
    await landing.progress?.committing?.(runner.manager, summary);
    await runner.commitTransaction();
    return summary;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  }
}
