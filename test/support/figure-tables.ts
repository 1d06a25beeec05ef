/**
 * What a database holds of figures and submissions, row for row, without what differs
 * between two databases that received the same figures (ids, instants, the hash a push's
 * key records its request by): two paths that write the same figures compare equal.
 */
import { Client } from 'pg';

/** Each table as its rows, series and submissions named by their keys instead of their ids, sorted. */
const TABLES: Record<string, string> = {
  figure_series: `SELECT * FROM indicators.figure_series`,
  figure_revision: `SELECT s.indicator_id AS s_indicator, s.period AS s_period, s.breakdown AS s_breakdown, r.*
                      FROM indicators.figure_revision r JOIN indicators.figure_series s ON s.id = r.series_id`,
  figure_breakdown_sum: `SELECT * FROM indicators.figure_breakdown_sum`,
  submission: `SELECT * FROM indicators.submission`,
  submission_event: `SELECT s.organization_id AS s_org, s.period AS s_period, e.*
                       FROM indicators.submission_event e JOIN indicators.submission s ON s.id = e.submission_id`,
  submission_warning: `SELECT s.organization_id AS s_org, s.period AS s_period, w.*
                         FROM indicators.submission_warning w JOIN indicators.submission s ON s.id = w.submission_id`,
  push_record: `SELECT * FROM indicators.push_record`,
};

/** Columns that name a row by its id, or the instant it was written, or how a push's request was hashed. */
const VOLATILE = /^(id|series_id|submission_id|request_hash|summary|at)$|_at$/;

export async function figureTables(url: string): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables: Record<string, string[]> = {};
    for (const [name, query] of Object.entries(TABLES)) {
      const { rows } = await client.query(query);
      tables[name] = rows
        .map((row: Record<string, unknown>) => JSON.stringify(Object.entries(row).filter(([column]) => !VOLATILE.test(column))))
        .sort();
    }
    return tables;
  } finally {
    await client.end();
  }
}
