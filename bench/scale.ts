/**
 * Scale and SQL per request. The figures grow by breakdowns (e.g. districts) and earlier
 * years, written straight into the tables; the dashboard query and a scorecard must cost
 * the same number of SQL statements at 1×, 10× and 100×, and the scoreboard's p50 with
 * 1 M figures should stay within 1.3 × its p50 with 1 k. Each over rounds (rounds.ts): the
 * statements counted once a round at each size, the scoreboard loaded once a round at
 * each level (round i of a level paired with round i of 1 k).
 */
import { Client } from 'pg';
import { SUBGRAPHS } from '../lib/config';
import type { Hub } from '../hub';
import { firstFailureOf } from './answers';
import type { BenchContext } from './context';
import { DASHBOARD_QUERY } from './fixtures';
import { load, type LoadResult, postJson } from './load';
import type { BenchRow } from './report';
import { atMost, judged, median, overRounds, verdictOf } from './rounds';

const SCORECARD = `query Scorecard($asOf: LocalDate) { organization(id: "amr") {
  taskScorecard(asOf: $asOf) { led { total overdue } ledTasks { id progress(asOf: $asOf) { effectiveStatus } } }
  indicatorScorecard(asOf: $asOf) { counts { total achieved } kpis { indicator { name } status } reporting { expected missing } } } }`;
const SCOREBOARD = `query($asOf: LocalDate) { scoreboard(asOf: $asOf) { headline { total achieved offTrack } targets { total achieved } } }`;
const INDICATORS = [
  'ip-protection-satisfaction',
  'assistance-mediation-cases',
  'copyright-registrations',
  'average-trial-closure-days',
  'court-ip-cases-closed',
];

/** Adds figures until the table holds `total`: breakdowns of the goal indicators, monthly, 2020–2025. */
async function growTo(db: Client, total: number): Promise<void> {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM indicators.figure_series');
  const missing = total - rows[0].n;
  if (missing <= 0) return;
  await db.query(
    `WITH made AS (
       INSERT INTO indicators.figure_series (indicator_id, period, period_type, period_start, period_end, breakdown, revision, value,
                                             status, source, organization_id, recorded_by, recorded_at, first_recorded_at)
       SELECT ($2::text[])[1 + g % cardinality($2::text[])],
              to_char(make_date(2020 + (g / 12 / cardinality($2::text[])) % 6, 1 + (g / cardinality($2::text[])) % 12, 1), 'YYYY-MM'),
              'MONTH',
              make_date(2020 + (g / 12 / cardinality($2::text[])) % 6, 1 + (g / cardinality($2::text[])) % 12, 1),
              (make_date(2020 + (g / 12 / cardinality($2::text[])) % 6, 1 + (g / cardinality($2::text[])) % 12, 1) + interval '1 month - 1 day')::date,
              'scale-' || (g / (72 * cardinality($2::text[]))) || '-' || $3, 1, 1 + g % 90, 'PROVISIONAL', 'bench', 'amr', 'bench', now(), now()
         FROM generate_series(0, $1 - 1) AS g
       ON CONFLICT DO NOTHING RETURNING id, value)
     INSERT INTO indicators.figure_revision (series_id, revision, value, status, withdrawn, source, organization_id, recorded_by, recorded_by_org)
     SELECT id, 1, value, 'PROVISIONAL', false, 'bench', 'amr', 'bench', 'amr' FROM made`,
    [missing, INDICATORS, total],
  );
  await db.query('ANALYZE indicators.figure_series; ANALYZE indicators.figure_revision');
}

/** Removes the synthetic figures again. */
async function shrink(db: Client): Promise<void> {
  await db.query(
    `DELETE FROM indicators.figure_revision r USING indicators.figure_series s WHERE r.series_id = s.id AND s.breakdown LIKE 'scale-%'`,
  );
  await db.query(`DELETE FROM indicators.figure_series WHERE breakdown LIKE 'scale-%'`);
}

async function statementsPerRequest(hub: Hub, url: string, query: string): Promise<Record<string, number>> {
  const before = Object.fromEntries(SUBGRAPHS.map((n) => [n, hub.subgraphs[n].store.statements.count]));
  await postJson(url, { query, variables: { asOf: '2025-12-31' } });
  return Object.fromEntries(SUBGRAPHS.map((n) => [n, hub.subgraphs[n].store.statements.count - before[n]]));
}

const fmt = (counts: Record<string, number>) => SUBGRAPHS.map((n) => `${n} ${counts[n]}`).join(', ');

const SCALE_AIM = atMost(1.3);
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export async function benchScale({ hub, databaseUrl, full, rounds }: BenchContext): Promise<BenchRow[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const rows: BenchRow[] = [];
  try {
    const base = Number((await db.query('SELECT count(*)::int AS n FROM indicators.figure_series')).rows[0].n);
    // SQL statements per request, at 1×, 10× and 100× the figures: counted once a round.
    const queries = { dashboard: DASHBOARD_QUERY, scorecard: SCORECARD };
    const sql: Array<{ factor: number; dashboard: Array<Record<string, number>>; scorecard: Array<Record<string, number>> }> = [];
    for (const factor of [1, 10, 100]) {
      await growTo(db, base * factor);
      const counted = { factor, dashboard: [] as Array<Record<string, number>>, scorecard: [] as Array<Record<string, number>> };
      for (const query of ['dashboard', 'scorecard'] as const) {
        await postJson(hub.gateway.url, { query: queries[query], variables: { asOf: '2025-12-31' } }); // warm: prepared metadata
        for (let round = 0; round < rounds; round += 1)
          counted[query].push(await statementsPerRequest(hub, hub.gateway.url, queries[query]));
      }
      sql.push(counted);
    }
    for (const query of ['dashboard', 'scorecard'] as const) {
      // Round i is constant when every size counted, in round i, what 1× counted.
      const constant = Array.from({ length: rounds }, (_, i) =>
        sql.every((s) => JSON.stringify(s[query][i]) === JSON.stringify(sql[0][query][i])),
      );
      for (const s of sql) {
        const totals = s[query].map(total);
        const last = s.factor === 100;
        rows.push({
          section: 'sql',
          name: `${query === 'dashboard' ? 'dashboard query' : 'scorecard of 市市场监管局'}, ${s.factor}× figures`,
          value: median(totals),
          unit: 'statements',
          roundsOf: 'value',
          ...overRounds(totals),
          ...(last ? { aim: 'constant', verdict: verdictOf(constant) } : {}),
          note: fmt(s[query][0]),
        });
      }
    }
    await shrink(db);
    // Scoreboard latency with 1 k, 100 k (and 1 M) figures, a load a round at each level.
    const levels = full ? [1_000, 100_000, 1_000_000] : [1_000, 100_000];
    const scoreboard = async () =>
      void (await postJson(hub.gateway.url, { query: SCOREBOARD, variables: { asOf: '2025-12-31' } }));
    let first: LoadResult[] = [];
    for (const level of levels) {
      await growTo(db, level);
      await load(scoreboard, 1, 1, 50); // warm up: plans after the growth
      const results: LoadResult[] = [];
      for (let round = 0; round < rounds; round += 1) results.push(await load(scoreboard, 1, full ? 4 : 1.5, full ? 400 : 150));
      const p50s = results.map((r) => r.p50);
      const name = `scoreboard with ${level.toLocaleString('en')} figures`;
      const failed = results.reduce((n, r) => n + r.failed, 0);
      const note = `p99 ${median(results.map((r) => r.p99)).toFixed(1)} ms`;
      if (first.length === 0) {
        first = results;
        rows.push({
          section: 'scale',
          name,
          value: median(p50s),
          unit: 'ms p50',
          roundsOf: 'value',
          ...overRounds(p50s),
          failed,
          firstFailure: firstFailureOf(results),
          note,
        });
        continue;
      }
      const ratios = p50s.map((p, i) => p / first[i].p50);
      const valid = results.map((r, i) => r.failed === 0 && first[i].failed === 0);
      const last = level === levels[levels.length - 1];
      rows.push({
        section: 'scale',
        name,
        value: median(p50s),
        unit: 'ms p50',
        ratio: median(ratios),
        ratioOf: '1 k',
        roundsOf: 'ratio',
        ...(last ? judged(ratios, SCALE_AIM, valid) : overRounds(ratios)),
        failed,
        firstFailure: firstFailureOf(results),
        note,
      });
    }
  } finally {
    await db.end();
  }
  return rows;
}
