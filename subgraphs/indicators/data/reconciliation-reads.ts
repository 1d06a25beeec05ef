/** The stored figures and breakdown sums a push's reconciliation compares its rows with. */
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { column, readRows } from '../../../lib/rows';
import type { ReconciliationKeys, StoredFigure, StoredTally } from '../model/push-checks';
import { readTallies, tallyColumns } from './breakdown-sums';
import { figureColumns, figureOf } from './figure-columns';

const COLUMNS = 's.indicator_id, s.period, s.breakdown, s.value, s.numerator, s.denominator, s.withdrawn';

const StoredColumns = z
  .object({ ...figureColumns, withdrawn: column.boolean })
  .transform((r): StoredFigure => Object.assign(figureOf(r), { withdrawn: r.withdrawn }));

/**
 * What a push's rows are reconciled with, in two statements of index lookups, so the cost
 * follows the rows pushed, not the figures stored: the figures of a row's own breakdown in
 * its year (the parts that may tile a period) when one of them is of a type other than
 * the rows' (`type`: none of the same type can be a whole or a part of them), and the
 * total of its period; and the sum the database keeps of each period's breakdowns. A
 * row's own stored figure may be missing here: the caller has it (storedFigures). The year
 * is a filter, not a bound of the index scan, so that the lookup is by indicator and
 * breakdown whatever the planner's statistics say (a range on the day a period starts
 * led it to scan every figure of the indicator).
 */
export async function reconciliationBasis(
  manager: EntityManager,
  { years, periods }: ReconciliationKeys,
): Promise<{ figures: StoredFigure[]; tallies: StoredTally[] }> {
  if (years.length === 0) return { figures: [], tallies: [] };
  const periodIds = periods.map((k) => k.indicatorId);
  const periodTexts = periods.map((k) => k.period);
  const figures: unknown = await manager.query(
    `WITH k AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $6::text[]) AS k(indicator_id, breakdown, year, type)
        WHERE k.type IS NULL OR EXISTS (
          SELECT 1 FROM figure_series o
           WHERE o.indicator_id = k.indicator_id AND o.breakdown = k.breakdown
             AND extract(year FROM o.period_start) = k.year AND o.period_type <> k.type))
     SELECT ${COLUMNS}
       FROM k CROSS JOIN LATERAL (
         SELECT * FROM figure_series f
          WHERE f.indicator_id = k.indicator_id AND f.breakdown = k.breakdown
            AND extract(year FROM f.period_start) = k.year) AS s
     UNION
     SELECT ${COLUMNS}
       FROM unnest($4::text[], $5::text[]) AS k(indicator_id, period)
       CROSS JOIN LATERAL (
         SELECT * FROM figure_series f WHERE f.indicator_id = k.indicator_id AND f.period = k.period AND f.breakdown = '') AS s`,
    [
      years.map((k) => k.indicatorId),
      years.map((k) => k.breakdown),
      years.map((k) => k.year),
      periodIds,
      periodTexts,
      years.map((k) => k.type),
    ],
  );
  const tallies: unknown = await manager.query(
    `SELECT ${tallyColumns('b')}
       FROM figure_breakdown_sum b
       JOIN unnest($1::text[], $2::text[]) AS k(indicator_id, period) ON b.indicator_id = k.indicator_id AND b.period = k.period
      GROUP BY b.indicator_id, b.period`,
    [periodIds, periodTexts],
  );
  return {
    figures: readRows('figures to reconcile with', StoredColumns, figures),
    tallies: readTallies('breakdown tallies of periods', tallies),
  };
}
