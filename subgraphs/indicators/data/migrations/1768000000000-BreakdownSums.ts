import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns of figure_series each breakdown adds to its period's sums. */
const tally = (rows: string, sign: string) => `
  SELECT indicator_id, period, organization_id, period_start, period_end, ${sign} AS sign,
         value, numerator, denominator, (source IS NOT DISTINCT FROM 'demo') AS demo
    FROM ${rows} WHERE breakdown <> '' AND NOT withdrawn`;

const SUMS = ['value', 'numerator', 'denominator'];

/**
 * Adds the rows' contributions (sign −1: takes them out) to the sums, in key order (no
 * deadlock between writers), skipping keys whose sums the rows leave as they were (a
 * status or a note changed), then drops the keys left with no breakdown: the table holds
 * what a rebuild from the figures would, sums without trailing zeros included.
 */
const apply = (delta: string) => `
  INSERT INTO figure_breakdown_sum AS t (indicator_id, period, organization_id, period_start, period_end, figures,
         ${SUMS.map((c) => `${c}_sum, ${c}_missing`).join(', ')}, demo)
  SELECT * FROM (
    SELECT indicator_id, period, organization_id, min(period_start), min(period_end), sum(sign) AS figures,
           ${SUMS.map((c) => `trim_scale(COALESCE(sum(sign * ${c}), 0)) AS ${c}_sum, sum(sign * (${c} IS NULL)::int) AS ${c}_missing`).join(', ')},
           sum(sign * demo::int) AS demo
      FROM (${delta}) d
     GROUP BY indicator_id, period, organization_id) AS g
   WHERE (figures, ${SUMS.map((c) => `${c}_sum, ${c}_missing`).join(', ')}, demo) <> (0, 0, 0, 0, 0, 0, 0, 0)
   ORDER BY indicator_id, period, organization_id
  ON CONFLICT (indicator_id, period, organization_id) DO UPDATE SET
    figures = t.figures + excluded.figures,
    ${SUMS.map((c) => `${c}_sum = trim_scale(t.${c}_sum + excluded.${c}_sum), ${c}_missing = t.${c}_missing + excluded.${c}_missing`).join(',\n    ')},
    demo = t.demo + excluded.demo;
  DELETE FROM figure_breakdown_sum WHERE figures = 0`;

/**
 * The sums of the current breakdown figures of each indicator, period and reporting
 * organisation, kept by statement triggers on figure_series in the writing transaction.
 * A total is reconciled with, and stood in for by, the sum of its breakdowns: reading
 * these sums costs the same whether a period has ten breakdowns or a hundred thousand.
 * Derived data: backups leave it out (the table comment says so), restores rebuild it.
 */
export class BreakdownSums1768000000000 implements MigrationInterface {
  name = 'BreakdownSums1768000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE figure_breakdown_sum (
        indicator_id text NOT NULL,
        period text NOT NULL,
        organization_id text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        figures int NOT NULL,
        value_sum numeric NOT NULL,
        value_missing int NOT NULL,
        numerator_sum numeric NOT NULL,
        numerator_missing int NOT NULL,
        denominator_sum numeric NOT NULL,
        denominator_missing int NOT NULL,
        demo int NOT NULL,
        PRIMARY KEY (indicator_id, period, organization_id)
      )`);
    await db.query(
      `COMMENT ON TABLE figure_breakdown_sum IS 'derived: sums of the current breakdown figures, kept by triggers on figure_series'`,
    );
    await db.query(`CREATE INDEX figure_breakdown_sum_end_idx ON figure_breakdown_sum (indicator_id, period_end)`);
    // Keys left with no breakdown, found without reading the others (and dropped at once).
    await db.query(`CREATE INDEX figure_breakdown_sum_empty_idx ON figure_breakdown_sum (indicator_id) WHERE figures = 0`);
    // The function finds its tables in the schema it was created in, whatever the writer's search_path.
    await db.query(`
      CREATE FUNCTION figure_breakdown_sum_apply() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${apply(tally('new_rows', '1'))};
        ELSIF TG_OP = 'UPDATE' THEN ${apply(`${tally('old_rows', '-1')} UNION ALL ${tally('new_rows', '1')}`)};
        ELSE ${apply(tally('old_rows', '-1'))};
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER figure_breakdown_sum_insert AFTER INSERT ON figure_series
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_breakdown_sum_apply()`);
    await db.query(`CREATE TRIGGER figure_breakdown_sum_update AFTER UPDATE ON figure_series
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_breakdown_sum_apply()`);
    await db.query(`CREATE TRIGGER figure_breakdown_sum_delete AFTER DELETE ON figure_series
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_breakdown_sum_apply()`);
    await db.query(`
      CREATE FUNCTION figure_breakdown_sum_clear() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN TRUNCATE figure_breakdown_sum; RETURN NULL; END $$`);
    await db.query(`CREATE TRIGGER figure_breakdown_sum_truncate AFTER TRUNCATE ON figure_series
      FOR EACH STATEMENT EXECUTE FUNCTION figure_breakdown_sum_clear()`);
    for (const statement of apply(tally('figure_series', '1')).split(';')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete', 'truncate'])
      await db.query(`DROP TRIGGER figure_breakdown_sum_${event} ON figure_series`);
    await db.query(`DROP FUNCTION figure_breakdown_sum_apply()`);
    await db.query(`DROP FUNCTION figure_breakdown_sum_clear()`);
    await db.query(`DROP TABLE figure_breakdown_sum`);
  }
}
