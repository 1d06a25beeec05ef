/**
 * When a figure may be pushed, and what it keeps of the figure it corrects:
 * - a period that has not begun takes no figure; one still in progress takes only
 *   PROVISIONAL figures;
 * - `reportedOn`, the day a figure was originally reported, is given only by coordinators
 *   and admins loading history, and is neither in the future nor before its period began;
 * - a correction that states no status keeps the corrected figure's (a FINAL figure stays
 *   FINAL, so each later correction needs a reason too).
 */
import { ErrorCode } from '../../../lib/errors';
import { parseLocalDate } from '../../../lib/scalars';
import type { FigureStatusValue } from './figure-types';
import type { PreparedRow, Rejection } from './rows';

const reject = (row: Pick<PreparedRow, 'index'>, field: string, code: string, message: string): Rejection => ({
  index: row.index,
  field,
  code,
  message,
});

/** The day `reportedOn` names, or the rejection of the row. */
function reportedOnOf(row: PreparedRow, reportedOn: string, today: string, privileged: boolean): string | Rejection {
  if (!privileged) return reject(row, 'reportedOn', ErrorCode.FORBIDDEN, 'only coordinators and admins give reportedOn');
  let day: string;
  try {
    day = parseLocalDate(reportedOn);
  } catch {
    return reject(row, 'reportedOn', ErrorCode.BAD_USER_INPUT, 'reportedOn must be a date written YYYY-MM-DD');
  }
  if (day > today) return reject(row, 'reportedOn', ErrorCode.BAD_USER_INPUT, `reportedOn ${day} is in the future`);
  if (day < row.period.start)
    return reject(row, 'reportedOn', ErrorCode.BAD_USER_INPUT, `reportedOn ${day} is before ${row.period.text} began`);
  return day;
}

/** Checks a prepared row against the day it is pushed; the row with its reporting day, or its rejection. */
export function checkTiming(
  row: PreparedRow,
  reportedOn: string | null | undefined,
  today: string,
  privileged: boolean,
): PreparedRow | Rejection {
  if (row.period.start > today)
    return reject(row, 'period', ErrorCode.BAD_USER_INPUT, `${row.period.text} has not begun: no figure yet`);
  if (row.period.end >= today && row.status === 'FINAL' && !row.withdrawn) {
    return reject(row, 'status', ErrorCode.BAD_USER_INPUT, `${row.period.text} is still in progress: only PROVISIONAL figures`);
  }
  if (reportedOn === null || reportedOn === undefined || reportedOn === '') return row;
  const day = reportedOnOf(row, reportedOn, today, privileged);
  return typeof day === 'string' ? { ...row, reportedOn: day } : day;
}

/** The status a row lands with: the one it states, else the corrected figure's, else PROVISIONAL. */
export function settledStatus(row: Pick<PreparedRow, 'status' | 'statusStated'>, stored?: { status: string }): FigureStatusValue {
  if (row.statusStated || !stored) return row.status;
  return stored.status as FigureStatusValue;
}
