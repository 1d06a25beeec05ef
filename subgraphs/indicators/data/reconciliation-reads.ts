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

/**
 * The current figures a push's rows are reconciled with, one statement: for each row, the
 * figures of its own breakdown in its year (the parts that may tile a period), and every
 * breakdown of its period (a total against its breakdowns). Each is found by index
 * lookups, so the cost follows the rows pushed, not the figures stored.
 */
export async function figuresOfYears(
  manager: EntityManager,
  keys: Array<{ indicatorId: string; breakdown: string; year: number; period: string }>,
): Promise<StoredFigure[]> {
  if (keys.length === 0) return [];
  const columns = 's.id, s.indicator_id, s.period, s.breakdown, s.value, s.numerator, s.denominator, s.withdrawn';
  const rows: Array<Record<string, unknown>> = await manager.query(
    `SELECT ${columns}
       FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::int[]) AS k(indicator_id, breakdown, year)) AS k
       CROSS JOIN LATERAL (
         SELECT * FROM figure_series f
          WHERE f.indicator_id = k.indicator_id AND f.breakdown = k.breakdown
            AND f.period_start >= make_date(k.year, 1, 1) AND f.period_start < make_date(k.year + 1, 1, 1)) AS s
     UNION
     SELECT ${columns}
       FROM (SELECT DISTINCT * FROM unnest($1::text[], $4::text[]) AS k(indicator_id, period)) AS k
       CROSS JOIN LATERAL (SELECT * FROM figure_series f WHERE f.indicator_id = k.indicator_id AND f.period = k.period) AS s`,
    [keys.map((k) => k.indicatorId), keys.map((k) => k.breakdown), keys.map((k) => k.year), keys.map((k) => k.period)],
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
