/**
 * The batches a file's staged rows are checked and written in, one after another in one
 * transaction. What the push's checks compare is kept together: an indicator's periods go
 * in order of their end (a quarter before the year that holds it, a year's months before
 * the next year), so a row's previous period and the parts of a whole are written before
 * it is checked; a period's rows go in one batch, so its breakdowns are reconciled with
 * its total all at once. Only a period without a total (in the file or stored), which has
 * nothing to reconcile its breakdowns with, is split into batches of its breakdowns.
 */
import { parsePeriod } from '../../../lib/period';

export interface StagedPeriod {
  indicatorId: string;
  period: string;
  rows: number;
  /** Whether the file or the store holds the period's total (breakdown ''). */
  total: boolean;
}

/** A batch: whole periods of indicators, or one period's breakdowns after `after`, at most `limit` of them. */
export type StagedBatch =
  | { periods: Array<{ indicatorId: string; period: string }> }
  | { indicatorId: string; period: string; after: string | null; limit: number };

/** The batches, of about `size` rows each (a period with a total may make one larger). */
export function planBatches(periods: StagedPeriod[], size: number): StagedBatch[] {
  const ordered = periods
    .map((p) => ({ ...p, parsed: parsePeriod(p.period)! }))
    .sort(
      (a, b) =>
        (a.indicatorId < b.indicatorId ? -1 : a.indicatorId > b.indicatorId ? 1 : 0) ||
        (a.parsed.end < b.parsed.end ? -1 : a.parsed.end > b.parsed.end ? 1 : 0) ||
        (a.parsed.start > b.parsed.start ? -1 : a.parsed.start < b.parsed.start ? 1 : 0),
    );
  const batches: StagedBatch[] = [];
  let current: Array<{ indicatorId: string; period: string }> = [];
  let rows = 0;
  const close = () => {
    if (current.length > 0) batches.push({ periods: current });
    [current, rows] = [[], 0];
  };
  for (const p of ordered) {
    if (p.rows > size && !p.total) {
      close();
      for (let done = 0; done < p.rows; done += size)
        batches.push({ indicatorId: p.indicatorId, period: p.period, after: null, limit: size });
      continue;
    }
    if (rows > 0 && rows + p.rows > size) close();
    current.push({ indicatorId: p.indicatorId, period: p.period });
    rows += p.rows;
  }
  close();
  return batches;
}
