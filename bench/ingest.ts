/**
 * Ingest: figures per second through the gateway's pushFigures (batches of 1, 100 and
 * 1,000) beside a raw multi-row INSERT and COPY of the same rows into the same tables on
 * the same database; batch 1,000 against COPY with 10 k, 100 k (and, in full, 1 M) figures
 * stored (aim: ≥ 40 % of COPY's rate at every size, in every round: rounds.ts); then files of
 * 100 k and 1 M figures through POST /figures/bulk into 10 k and 1 M stored against COPY (ingest-bulk.ts).
 */
import { Client } from 'pg';
import { issueToken } from '../lib/tokens';
import { answerFailure } from './answers';
import type { BenchContext } from './context';
import type { BenchRow } from './report';
import { copyRows, figures, stagedWrite, stagedWriteRow } from './copy-rows';
import { benchBulk } from './ingest-bulk';
import { atLeast, inTurn, judged, median, overRounds } from './rounds';

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created rejected } }`;

async function pushAll(url: string, token: string, run: string, total: number, batch: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let from = 0; from < total; from += batch) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: PUSH, variables: { input: { figures: figures(run, from, Math.min(batch, total - from)) } } }),
    });
    const text = await response.text();
    const failure = answerFailure(response.status, text);
    if (failure) throw new Error(`push failed: ${failure}`);
    const body = JSON.parse(text) as { data: { pushFigures: { created: number; rejected: number } } };
    if (body.data.pushFigures.rejected > 0) throw new Error(`push rejected figures: ${text.slice(0, 300)}`);
  }
  return total / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The same rows written straight into figure_series and figure_revision, 1,000 per statement pair. */
async function rawInsert(databaseUrl: string, run: string, total: number): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = process.hrtime.bigint();
  for (let from = 0; from < total; from += 1000) {
    const rows = figures(run, from, Math.min(1000, total - from));
    const params: unknown[] = [];
    const values = rows.map((r) => {
      params.push(r.indicator, r.period, `${r.period}-01`, r.breakdown, r.value, r.source);
      const n = params.length;
      return `($${n - 5}, $${n - 4}, 'MONTH', $${n - 3}::date, ($${n - 3}::date + interval '1 month - 1 day')::date, $${n - 2}, 1, $${n - 1}, 'PROVISIONAL', $${n}, 'amr', 'bench', now(), now())`;
    });
    await client.query('BEGIN');
    const inserted = await client.query(
      `INSERT INTO indicators.figure_series (indicator_id, period, period_type, period_start, period_end, breakdown, revision, value,
         status, source, organization_id, recorded_by, recorded_at, first_recorded_at) VALUES ${values.join(', ')} RETURNING id, value, source`,
      params,
    );
    const revParams: unknown[] = [];
    const revValues = inserted.rows.map((r: { id: string; value: string; source: string }) => {
      revParams.push(r.id, r.value, r.source);
      const n = revParams.length;
      return `($${n - 2}, 1, $${n - 1}, 'PROVISIONAL', false, $${n}, 'amr', 'bench', 'amr')`;
    });
    await client.query(
      `INSERT INTO indicators.figure_revision (series_id, revision, value, status, withdrawn, source, organization_id, recorded_by, recorded_by_org)
       VALUES ${revValues.join(', ')}`,
      revParams,
    );
    await client.query('COMMIT');
  }
  const rate = total / (Number(process.hrtime.bigint() - started) / 1e9);
  await client.end();
  return rate;
}

/**
 * Holds the figures table at `level` figures: the newest dropped (their revisions first), or
 * rows copied in; then compacted and analysed (VACUUM FULL), so that a table cut back to
 * its size is as one that grew to it, not one with the dropped rows' space in its indexes.
 */
async function holdAt(databaseUrl: string, level: number, run: string): Promise<void> {
  const missing = level - (await stored(databaseUrl));
  if (missing > 0) await copyRows(databaseUrl, run, missing);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    if (missing < 0) {
      await client.query('BEGIN');
      const { rows } = await client.query('SELECT id FROM indicators.figure_series ORDER BY id OFFSET $1 LIMIT 1', [level - 1]);
      await client.query('DELETE FROM indicators.figure_revision WHERE series_id > $1', [rows[0].id]);
      await client.query('DELETE FROM indicators.figure_series WHERE id > $1', [rows[0].id]);
      await client.query('COMMIT');
    }
    await client.query('VACUUM (FULL, ANALYZE) indicators.figure_series, indicators.figure_revision');
  } finally {
    await client.end();
  }
}

/** How many figures the table holds now. */
async function stored(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query('SELECT count(*)::int AS n FROM indicators.figure_series');
  await client.end();
  return rows[0].n;
}

const INGEST_AIM = atLeast(0.4, '0.40');

export async function benchIngest(context: BenchContext): Promise<BenchRow[]> {
  const { hub, databaseUrl, full, rounds } = context;
  const token = await issueToken(hub.settings.tokens, { org: 'amr', roles: ['coordinator'], subject: 'bench' }, 3600);
  const url = hub.gateway.url;
  const sizes = full ? { 1: 2_000, 100: 50_000, 1000: 100_000 } : { 1: 300, 100: 10_000, 1000: 20_000 };
  const rows: BenchRow[] = [];
  await pushAll(url, token, 'warmup', 2000, 1000);
  await rawInsert(databaseUrl, 'warmup-raw', 2000);
  const raw = await rawInsert(databaseUrl, 'raw', sizes[1000]);
  for (const batch of [1, 100] as const) {
    const rate = await pushAll(url, token, `push${batch}`, sizes[batch], batch);
    rows.push({
      section: 'ingest',
      name: `pushFigures through the gateway, batch ${batch}`,
      value: rate,
      unit: 'figures/s',
      ratio: rate / raw,
      ratioOf: 'raw INSERT',
      note: `${sizes[batch].toLocaleString('en')} figures`,
    });
  }
  rows.push({
    section: 'ingest',
    name: 'raw multi-row INSERT (1,000 rows a statement)',
    value: raw,
    unit: 'figures/s',
    note: `${sizes[1000].toLocaleString('en')} figures`,
  });
  // Batch 1,000 against COPY of as many rows into the same tables, with the table filled
  // (by COPY) to each level first: the push's cost must not step with the table's size.
  // Each round copies and pushes its share of the rows, the two taking turns.
  const perRound = Math.ceil(sizes[1000] / rounds / 1000) * 1000;
  const statements = hub.subgraphs.indicators.store.statements;
  for (const level of full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]) {
    const missing = level - (await stored(databaseUrl));
    if (missing > 0) await copyRows(databaseUrl, `fill${level}`, missing);
    const copies: number[] = [];
    const pushes: number[] = [];
    const floors: number[] = [];
    let sqlMs = 0;
    for (let round = 0; round < rounds; round += 1) {
      const [copy, push] = await inTurn(
        round,
        () => copyRows(databaseUrl, `copy${level}-${round}`, perRound),
        async () => {
          const sqlBefore = statements.ms;
          const rate = await pushAll(url, token, `push1000-${level}-${round}`, perRound, 1000);
          sqlMs += statements.ms - sqlBefore;
          return rate;
        },
      );
      copies.push(copy);
      pushes.push(push);
      floors.push(await stagedWrite(databaseUrl, `floor${level}-${round}`, perRound, 1000));
    }
    // Where a push's time goes: its statements, timed by the subgraph's driver, against COPY of as many rows.
    const perPush = { total: 1e6 / median(pushes), sql: sqlMs / ((rounds * perRound) / 1000), copy: 1e6 / median(copies) };
    const at = `${level.toLocaleString('en')} stored figures`;
    const ratios = pushes.map((rate, i) => rate / copies[i]);
    const figures = `${rounds} round${rounds === 1 ? '' : 's'} of ${perRound.toLocaleString('en')} figures`;
    rows.push(
      {
        section: 'ingest',
        name: `COPY into the same tables (then the revisions by INSERT … SELECT), ${at}`,
        value: median(copies),
        unit: 'figures/s',
        ratio: median(copies) / raw,
        ratioOf: 'raw INSERT',
        roundsOf: 'value',
        ...overRounds(copies),
        note: figures,
      },
      {
        section: 'ingest',
        name: `pushFigures through the gateway, batch 1000, ${at}`,
        value: median(pushes),
        unit: 'figures/s',
        ratio: median(ratios),
        ratioOf: 'COPY',
        roundsOf: 'ratio',
        ...judged(ratios, INGEST_AIM),
        note:
          `${figures}; a push of 1,000 takes ${perPush.total.toFixed(0)} ms, ` +
          `${perPush.sql.toFixed(0)} ms of it in its SQL statements besides the COPY that stages its rows (COPY of 1,000 into the tables: ${perPush.copy.toFixed(0)} ms)`,
      },
      stagedWriteRow(
        `, 1,000 figures a transaction, ${at}`,
        floors,
        copies,
        `after each round's COPY and push: the most a push that stages its rows and writes them set-wise can reach against the aim of 0.40`,
      ),
    );
  }
  rows.push(
    ...(await benchBulk(context, {
      copy: (run, total) => copyRows(databaseUrl, run, total),
      stagedWrite: (run, total, lookups) => stagedWrite(databaseUrl, run, total, total, lookups),
      stored: () => stored(databaseUrl),
      holdAt: (level) => holdAt(databaseUrl, level, `bulk-fill-${level}`),
    })),
  );
  return rows;
}
