/** The stored figures and breakdown sums a push's reconciliation compares its rows with. */
import type { EntityManager } from 'typeorm';
import { numberOrNull } from '../../../lib/sql';
import type { ReconciliationKeys, StoredFigure, StoredTally } from '../model/push-checks';
import { tallyColumns, toTally } from './breakdown-sums';

const COLUMNS = 's.indicator_id, s.period, s.breakdown, s.value, s.numerator, s.denominator, s.withdrawn';

/**
 * What a push's rows are reconciled with, in two statements of index lookups, so the cost
 * follows the rows pushed, not the figures stored: for each row, the figures of its own
 * breakdown in its year (the parts that may tile a period) and the total of its period;
 * and the sum the database keeps of each period's breakdowns.
 */
export async function reconciliationBasis(
  manager: EntityManager,
  { years, periods }: ReconciliationKeys,
): Promise<{ figures: StoredFigure[]; tallies: StoredTally[] }> {
  if (years.length === 0) return { figures: [], tallies: [] };
  const periodIds = periods.map((k) => k.indicatorId);
  const periodTexts = periods.map((k) => k.period);
  const figures: Array<Record<string, unknown>> = await manager.query(
    `SELECT ${COLUMNS}
       FROM unnest($1::text[], $2::text[], $3::int[]) AS k(indicator_id, breakdown, year)
       CROSS JOIN LATERAL (
         SELECT * FROM figure_series f
          WHERE f.indicator_id = k.indicator_id AND f.breakdown = k.breakdown
            AND f.period_start >= make_date(k.year, 1, 1) AND f.period_start < make_date(k.year + 1, 1, 1)) AS s
     UNION
     SELECT ${COLUMNS}
       FROM unnest($4::text[], $5::text[]) AS k(indicator_id, period)
       CROSS JOIN LATERAL (
         SELECT * FROM figure_series f WHERE f.indicator_id = k.indicator_id AND f.period = k.period AND f.breakdown = '') AS s`,
    [years.map((k) => k.indicatorId), years.map((k) => k.breakdown), years.map((k) => k.year), periodIds, periodTexts],
  );
  const tallies: Array<Record<string, unknown>> = await manager.query(
    `SELECT ${tallyColumns('b')}
       FROM figure_breakdown_sum b
       JOIN unnest($1::text[], $2::text[]) AS k(indicator_id, period) ON b.indicator_id = k.indicator_id AND b.period = k.period
      GROUP BY b.indicator_id, b.period`,
    [periodIds, periodTexts],
  );
  return {
    figures: figures.map((r) => ({
      indicatorId: r.indicator_id as string,
      period: r.period as string,
      breakdown: r.breakdown as string,
      value: numberOrNull(r.value),
      numerator: numberOrNull(r.numerator),
      denominator: numberOrNull(r.denominator),
      withdrawn: r.withdrawn as boolean,
    })),
    tallies: tallies.map((r) => ({ indicatorId: r.indicator_id as string, tally: toTally(r) })),
  };
}
