/**
 * The two time axes of every KPI answer. `asOf` is the reference date: a period counts
 * once it has ended by then, and a window is complete once its last figure is due.
 * `recordedAsOf` is the vintage (SDMX's asOf): the figures and baselines as recorded at
 * that instant, later revisions ignored; null for the current ones.
 */
export interface TimeAxes {
  asOf: string;
  recordedAsOf: string | null;
}

/** One key per pair, for per-request loaders. */
export const axesKey = (axes: TimeAxes): string => `${axes.asOf}|${axes.recordedAsOf ?? ''}`;
