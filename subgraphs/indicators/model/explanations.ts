/**
 * Warnings that must be explained: a push asking `requireExplanations` (the reporting
 * page's always do) refuses a row that raised a warning without saying why the figure is
 * right. The explanation and the warning codes are stored on the revision (figure-store).
 */
import type { PushSummary } from './figure-types';
import type { PreparedRow, Rejection } from './rows';

/**
 * With requireExplanations: a row that raised a warning and carries no explanation is
 * rejected (EXPLANATION_REQUIRED, field explanation, the warning's message) instead of
 * written; its warning moves into the rejection. Returns the rows still to write.
 */
export function refuseUnexplained(rows: PreparedRow[], summary: PushSummary, rejections: Rejection[]): PreparedRow[] {
  const unexplained = new Set(rows.filter((r) => r.warningCodes.length > 0 && !r.explanation).map((r) => r.index));
  for (const warning of summary.warnings.filter((w) => unexplained.has(w.index))) {
    rejections.push({
      index: warning.index,
      field: 'explanation',
      code: 'EXPLANATION_REQUIRED',
      message: `${warning.code}: ${warning.message}; explain the figure or correct it`,
    });
  }
  summary.warnings = summary.warnings.filter((w) => !unexplained.has(w.index));
  return rows.filter((r) => !unexplained.has(r.index));
}
