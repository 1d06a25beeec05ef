/**
 * The warnings of a file's push, grouped per code, indicator and period: a file of 20,000
 * breakdown rows that disagree with four period totals gives four lines with their counts
 * and first lines, not 20,000 alike lines. The full list stays available (`ipzone import
 * --warnings-file`).
 */

/** One warning, placed by the file's line and its row's indicator, period and breakdown. */
export interface PlacedWarning {
  line: number;
  indicator: string;
  period: string;
  breakdown: string;
  code: string;
  message: string;
}

export interface WarningGroup {
  code: string;
  indicator: string;
  period: string;
  /** How many warnings the group holds. */
  count: number;
  /** The lines of its first warnings, in file order (at most `examples`). */
  lines: number[];
  /** The first warning's message. */
  message: string;
}

/** The groups in the order of their first line. */
export function groupWarnings(warnings: readonly PlacedWarning[], examples = 3): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  for (const w of [...warnings].sort((a, b) => a.line - b.line)) {
    const key = JSON.stringify([w.code, w.indicator, w.period]);
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { code: w.code, indicator: w.indicator, period: w.period, count: 1, lines: [w.line], message: w.message });
    } else {
      group.count += 1;
      if (group.lines.length < examples) group.lines.push(w.line);
    }
  }
  return [...groups.values()];
}

/** A group as one line: a single warning as it came, several with their count and first lines. */
export function warningGroupText(group: WarningGroup): string {
  if (group.count === 1) return `line ${group.lines[0]}: ${group.code}: ${group.message}`;
  const more = group.count > group.lines.length ? ', …' : '';
  return (
    `${group.code} × ${group.count.toLocaleString('en')}: ${group.indicator} ${group.period} ` +
    `(lines ${group.lines.join(', ')}${more}); the first: ${group.message}`
  );
}
