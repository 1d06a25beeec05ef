/** The stored figures a push's reconciliation compares its rows with. */
import type { EntityManager } from 'typeorm';
import { numberOrNull } from '../../../lib/sql';

export interface StoredFigure {
  indicatorId: string;
  period: string;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  withdrawn: boolean;
}

/** Every current figure (totals and breakdowns) of each indicator in each year named, one statement. */
export async function figuresOfYears(
  manager: EntityManager,
  pairs: Array<{ indicatorId: string; year: number }>,
): Promise<StoredFigure[]> {
  if (pairs.length === 0) return [];
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT s.indicator_id, s.period, s.breakdown, s.value, s.numerator, s.denominator, s.withdrawn
       FROM figure_series s
       JOIN unnest($1::text[], $2::int[]) AS k(indicator_id, year)
         ON s.indicator_id = k.indicator_id
        AND s.period_start >= make_date(k.year, 1, 1) AND s.period_start < make_date(k.year + 1, 1, 1)`,
    [pairs.map((p) => p.indicatorId), pairs.map((p) => p.year)],
  );
  return rows.map((r) => ({
    indicatorId: r.indicator_id as string,
    period: r.period as string,
    breakdown: r.breakdown as string,
    value: numberOrNull(r.value),
    numerator: numberOrNull(r.numerator),
    denominator: numberOrNull(r.denominator),
    withdrawn: r.withdrawn as boolean,
  }));
}
