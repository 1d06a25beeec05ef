/**
 * The ingest section's rows (one indicator's monthly figures of 2024, a breakdown for every
 * twelve), and the two ways of writing them that the hub's paths are compared with:
 * - COPY straight into figure_series, then their revisions by INSERT … SELECT: the
 *   baseline of every ingest aim;
 * - a staged write: the same rows COPY'd into a temporary table, then written into both
 *   tables from it by INSERT … SELECT, with nothing read, checked or compared. No path
 *   that stages a file and writes it set-wise in SQL can do less; its rate against COPY's
 *   is the most such a path can reach, whatever its checks cost;
 * - the same staged write after the two reads of stored figures every checked write needs
 *   (LOOKUPS): the most a path that checks what it writes against the store can reach.
 * Each is one committed transaction, timed whole; the rate in figures per second.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { BenchRow } from './report';
import { median, overRounds } from './rounds';

export const INDICATOR = 'ip-training-base-trainees';

/** The rows from `from` on, as pushFigures takes them. */
export function figures(run: string, from: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    indicator: INDICATOR,
    period: `2024-${String(((from + i) % 12) + 1).padStart(2, '0')}`,
    value: ((from + i) % 500) + 1,
    breakdown: `${run}-${Math.floor((from + i) / 12)}`,
    source: 'bench',
  }));
}

/** The columns of figure_series the lines fill (those a new figure needs, besides its defaults). */
const SERIES = `indicator_id, period, period_type, period_start, period_end, breakdown, revision, value, status, source,
  organization_id, recorded_by, recorded_at, first_recorded_at`;

/** The rows as lines of COPY's text format for the columns of SERIES, a thousand at a time. */
function* seriesLines(run: string, total: number): Generator<string> {
  for (let from = 0; from < total; from += 1000) {
    let text = '';
    for (const r of figures(run, from, Math.min(1000, total - from))) {
      const start = `${r.period}-01`;
      const row = [r.indicator, r.period, 'MONTH', start, start, r.breakdown, 1, r.value, 'PROVISIONAL', r.source];
      text += `${[...row, 'amr', 'bench', 'now', 'now'].join('\t')}\n`;
    }
    yield text;
  }
}

/** Runs `write` in one transaction on a connection of its own; the rows' rate. */
async function timed(databaseUrl: string, total: number, write: (client: Client) => Promise<void>): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = process.hrtime.bigint();
    await client.query('BEGIN');
    await write(client);
    await client.query('COMMIT');
    return total / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await client.end();
  }
}

const REVISION = `series_id, revision, value, status, withdrawn, source, organization_id, recorded_by, recorded_by_org`;

/** The rows by COPY into figure_series (current values), then the revisions by INSERT … SELECT. */
export function copyRows(databaseUrl: string, run: string, total: number): Promise<number> {
  return timed(databaseUrl, total, async (client) => {
    const [{ last }] = (await client.query('SELECT coalesce(max(id), 0) AS last FROM indicators.figure_series')).rows;
    await pipeline(
      Readable.from(seriesLines(run, total)),
      client.query(copyFrom(`COPY indicators.figure_series (${SERIES}) FROM STDIN`)),
    );
    await client.query(
      `INSERT INTO indicators.figure_revision (${REVISION})
       SELECT id, 1, value, status, false, source, 'amr', 'bench', 'amr' FROM indicators.figure_series WHERE id > $1`,
      [last],
    );
  });
}

/**
 * The two reads of stored figures no checked write can do without, for every staged row:
 * the figure it would replace (unchanged, a correction of a FINAL figure, a withdrawal of
 * nothing) and its previous period's value (a jump), from the staged rows when they carry
 * it, else as stored. The staged rows are indexed and analysed first, as the bulk path's are,
 * so the planner may join or look up as it finds cheaper.
 */
const LOOKUPS = `SELECT count(f.id) AS stored, count(coalesce(sp.value, p.value)) AS previous
   FROM staged s
   LEFT JOIN indicators.figure_series f
     ON f.indicator_id = s.indicator_id AND f.period = s.period AND f.breakdown = s.breakdown
   LEFT JOIN staged sp
     ON sp.indicator_id = s.indicator_id AND sp.period = to_char(s.period_start - interval '1 month', 'YYYY-MM')
    AND sp.breakdown = s.breakdown
   LEFT JOIN indicators.figure_series p
     ON p.indicator_id = s.indicator_id AND p.period = to_char(s.period_start - interval '1 month', 'YYYY-MM')
    AND p.breakdown = s.breakdown`;

/**
 * The rows by COPY into a temporary table, then into figure_series and figure_revision from
 * it by INSERT … SELECT: `perTransaction` rows a transaction (as a push of that many
 * would), each committed; the rate over them all. With `lookups`, the staged rows are
 * first read against the stored figures (LOOKUPS): the least a checked write reads.
 */
export async function stagedWrite(
  databaseUrl: string,
  run: string,
  total: number,
  perTransaction = total,
  lookups = false,
): Promise<number> {
  let seconds = 0;
  for (let from = 0; from < total; from += perTransaction) {
    const count = Math.min(perTransaction, total - from);
    const rate = await timed(databaseUrl, count, async (client) => {
      await client.query(
        `CREATE TEMPORARY TABLE staged ON COMMIT DROP AS SELECT ${SERIES} FROM indicators.figure_series WITH NO DATA`,
      );
      await pipeline(
        Readable.from(seriesLines(`${run}-${from}`, count)),
        client.query(copyFrom(`COPY staged (${SERIES}) FROM STDIN`)),
      );
      if (lookups) {
        await client.query('CREATE INDEX ON staged (indicator_id, period, breakdown)');
        await client.query('ANALYZE staged');
        await client.query(LOOKUPS);
      }
      await client.query(
        `WITH written AS (
           INSERT INTO indicators.figure_series (${SERIES}) SELECT ${SERIES} FROM staged RETURNING id, value, status, source)
         INSERT INTO indicators.figure_revision (${REVISION})
         SELECT id, 1, value, status, false, source, 'amr', 'bench', 'amr' FROM written`,
      );
    });
    seconds += count / rate;
  }
  return total / seconds;
}

/** The row of staged writes (`rates`, one a round) against the same rounds' COPY (`copies`), rows of `what`. */
export function stagedWriteRow(what: string, rates: number[], copies: number[], note: string, lookups = false): BenchRow {
  const ratios = rates.map((rate, i) => rate / copies[i]);
  return {
    section: 'ingest',
    name: lookups
      ? `the write with the reads its checks need${what}: staged by COPY, each row's stored figure and previous period read, then INSERT … SELECT`
      : `the write alone${what}: staged by COPY, then INSERT … SELECT`,
    value: median(rates),
    unit: 'figures/s',
    ratio: median(ratios),
    ratioOf: 'COPY',
    roundsOf: 'ratio',
    ...overRounds(ratios),
    note: lookups
      ? `the same rows, read against the stored figures by one statement, nothing compared nor written besides (copy-rows.ts), ${note}`
      : `the same rows, nothing read nor checked (copy-rows.ts), ${note}`,
  };
}
