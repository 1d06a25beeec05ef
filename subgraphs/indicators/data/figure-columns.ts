/** The columns that name a figure and hold its value, as the reads of stored and staged figures select them. */
import { column } from '../../../lib/rows';

/** indicator_id, period (as text), breakdown, value, numerator, denominator. */
export const figureColumns = {
  indicator_id: column.text,
  period: column.text,
  breakdown: column.text,
  value: column.optionalNumber,
  numerator: column.optionalNumber,
  denominator: column.optionalNumber,
};

/** Those columns as the model names them (the period as the read gives it: text, or parsed). */
export function figureOf<P>(row: {
  indicator_id: string;
  period: P;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}) {
  return {
    indicatorId: row.indicator_id,
    period: row.period,
    breakdown: row.breakdown,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
  };
}
