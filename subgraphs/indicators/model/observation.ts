/** A figure as the aggregation sees it: one period's value (and a rate's parts). */
import type { Period } from '../../../lib/period';

export interface Observation {
  period: Period;
  value: number;
  numerator: number | null;
  denominator: number | null;
  /** Where the figure comes from; "demo" marks synthetic data. */
  source?: string | null;
}
