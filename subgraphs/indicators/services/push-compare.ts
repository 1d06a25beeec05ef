/**
 * What a push changes: its rows compared with the figures stored. A row equal to its
 * stored figure is unchanged; a withdrawal of nothing and an unexplained correction of a
 * FINAL figure are refused; a jump from the previous period is a warning.
 */
import type { EntityManager } from 'typeorm';
import { ErrorCode } from '../../../lib/errors';
import { previousPeriod } from '../../../lib/period';
import { currentFigures, type CurrentFigure } from '../data/figure-store';
import type { PushSummary } from '../model/figure-types';
import { settledStatus } from '../model/figure-timing';
import { seriesKey } from '../model/keys';
import type { PreparedRow, Rejection } from '../model/rows';
import { isImplausibleJump } from '../model/rules';

const sameFigure = (row: PreparedRow, current: CurrentFigure): boolean =>
  row.value === current.value &&
  row.numerator === current.numerator &&
  row.denominator === current.denominator &&
  row.status === current.status &&
  row.flags.join() === current.flags.join() &&
  (row.reportedOn === null || row.reportedOn === current.reportedOn) &&
  row.withdrawn === current.withdrawn &&
  row.note === current.note &&
  row.source === current.source &&
  row.organizationId === current.organizationId;

/**
 * The figures the rows replace and those of the periods before (for plausibility), in one
 * read: pushes of these indicators are serialised, so what is read stays true until commit.
 */
export async function storedFigures(manager: EntityManager, rows: PreparedRow[]): Promise<Map<string, CurrentFigure>> {
  const stored = await currentFigures(
    manager,
    rows.flatMap((r) => [
      { indicatorId: r.indicatorId, period: r.period.text, breakdown: r.breakdown },
      { indicatorId: r.indicatorId, period: previousPeriod(r.period).text, breakdown: r.breakdown },
    ]),
  );
  return new Map(stored.map((f) => [seriesKey(f.indicatorId, f.period, f.breakdown), f]));
}

/**
 * The rows to write: not those equal to the stored figure (counted unchanged), nor a
 * withdrawal of nothing, nor a correction of a FINAL figure without a reason (rejected).
 * A jump from the previous period by more than `plausibility` times is a warning.
 */
export function compareWithStored(
  rows: PreparedRow[],
  stored: Map<string, CurrentFigure>,
  summary: PushSummary,
  rejections: Rejection[],
  plausibility: number,
): PreparedRow[] {
  const toWrite: PreparedRow[] = [];
  // The previous period's value: from this batch when it carries it (a spreadsheet of several quarters), else as stored.
  const inBatch = new Map(rows.map((r) => [seriesKey(r.indicatorId, r.period.text, r.breakdown), r]));
  for (const pushed of rows) {
    const now = stored.get(seriesKey(pushed.indicatorId, pushed.period.text, pushed.breakdown));
    // A copy, then its status (Node 20 makes `{ ...pushed, status }` of a row this wide slowly).
    const row = { ...pushed };
    row.status = settledStatus(pushed, now);
    if (now && sameFigure(row, now)) {
      summary.unchanged += 1;
      continue;
    }
    if (!now && row.withdrawn) {
      rejections.push({
        index: row.index,
        field: 'period',
        code: ErrorCode.NOT_FOUND,
        message: 'there is no figure to withdraw',
      });
      continue;
    }
    if (now?.status === 'FINAL' && !row.reason) {
      rejections.push({
        index: row.index,
        field: 'reason',
        code: ErrorCode.BAD_USER_INPUT,
        message: 'correcting a FINAL figure needs a reason',
      });
      continue;
    }
    const previousKey = seriesKey(row.indicatorId, previousPeriod(row.period).text, row.breakdown);
    const before = inBatch.get(previousKey) ?? stored.get(previousKey);
    if (row.value !== null && before?.value != null && isImplausibleJump(before.value, row.value, plausibility)) {
      summary.warnings.push({
        index: row.index,
        code: 'IMPLAUSIBLE_JUMP',
        message: `${row.value} against ${before.value} in ${previousPeriod(row.period).text}`,
      });
      row.warningCodes.push('IMPLAUSIBLE_JUMP');
    }
    toWrite.push(row);
  }
  return toWrite;
}
