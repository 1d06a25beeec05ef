import type { FigureRule } from '../../../lib/config';

/**
 * The two time axes of every KPI answer. `asOf` is the reference date: a period counts
 * once it has ended by then, and a window is complete once its last figure is due.
 * `recordedAsOf` is the vintage (SDMX's asOf): the figures and baselines as recorded at
 * that instant, later revisions ignored; null for the current ones.
 */
export interface TimeAxes {
  asOf: string;
  recordedAsOf: string | null;
  /** Which figures count: all recorded, or only those of accepted submissions. */
  figures: FigureRule;
}

/** One key per combination, for per-request loaders. */
export const axesKey = (axes: TimeAxes): string => `${axes.asOf}|${axes.recordedAsOf ?? ''}|${axes.figures}`;
