/**
 * Files of figures in bulk (POST /figures/bulk on the gateway): the same rows pushed
 * through GraphQL `pushFigures` into one fresh database and through the bulk path into
 * another leave the same figures, revisions, breakdown sums, submissions, their events and
 * warnings, and idempotency records, row for row, and the same summary; the same file
 * again writes nothing; a file that cannot be read, or a caller who may not write it,
 * writes nothing and is answered with a stable code.
 */
import iconv from 'iconv-lite';
import { Client } from 'pg';
import { type Hub, startHub } from '../../hub';
import { toCsv } from '../../lib/csv';
import { bearer, graphql, indicatorSettingsOf, testSettings, withSubgraphDown } from '../support/hub';
import { recreateDatabase } from '../support/database';
import { TEST_DB_PREFIX } from '../support/isolation';
import { figureTables } from '../support/figure-tables';

jest.setTimeout(240_000);

const COLUMNS = [
  'indicator',
  'period',
  'value',
  'numerator',
  'denominator',
  'breakdown',
  'status',
  'flags',
  'note',
  'source',
  'reason',
  'withdraw',
  'organization',
];
type Figure = Partial<Record<(typeof COLUMNS)[number], string | number | boolean | string[]>>;

const months = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
const quarters = ['2024Q1', '2024Q2', '2024Q3', '2024Q4'];

/** A file's worth of figures of every kind: breakdowns and totals that agree and that do not, rates, jumps and bad rows. */
function firstRound(): Figure[] {
  const rows: Figure[] = [];
  for (let b = 0; b < 850; b += 1)
    for (const [m, period] of months.entries())
      rows.push({
        indicator: 'ip-training-base-trainees',
        period,
        breakdown: `base-${b}`,
        value: b === 7 && m === 5 ? 900 : 10 + (b % 5),
      });
  for (const [m, period] of months.entries()) {
    for (let d = 0; d < 20; d += 1)
      rows.push({ indicator: 'copyright-registrations', period, breakdown: `district-${d}`, value: d + m });
    // The total of the first months agrees with its districts, the later ones do not.
    rows.push({
      indicator: 'copyright-registrations',
      period,
      value: m < 6 ? 190 + 20 * m : 5,
      note: `总计 ${period}`,
      source: 'bulk test',
    });
  }
  for (const [q, period] of quarters.entries()) {
    rows.push({ indicator: 'copyright-registrations', period, value: 3 * (190 + 20 * 3 * q) + 60, status: 'FINAL' });
    rows.push({ indicator: 'procuratorial-intervention-rate', period, numerator: 40 + q, denominator: 50, flags: ['ESTIMATED'] });
    rows.push({ indicator: 'average-trial-closure-days', period, value: q === 2 ? 700 : 120 + q });
    rows.push({ indicator: 'court-ip-cases-closed', period, value: 900 + q, organization: 'court', status: 'FINAL' });
  }
  rows.push(
    { indicator: 'copyright-registrations', period: '2024', value: 12345, status: 'FINAL' },
    { indicator: 'procuratorial-intervention-rate', period: '2024', value: 80 },
    { indicator: 'copyright-registrations', period: '2024-01', breakdown: 'district-0', value: -5 },
    { indicator: 'no-such-indicator', period: '2024', value: 1 },
    { indicator: 'copyright-registrations', period: '2024Q5', value: 1 },
    { indicator: 'copyright-registrations', period: '2099', value: 1 },
    { indicator: 'ip-training-base-trainees', period: '2024-03', breakdown: 'base-3', value: 99 },
    { indicator: 'copyright-registrations', period: '2023', withdraw: true, reason: '重复上报' },
    { indicator: 'copyright-registrations', period: '2024-02', breakdown: 'district-3', withdraw: true },
    { indicator: 'court-ip-cases-closed', period: '2024', value: 1, organization: 'no-such-organisation' },
  );
  return rows;
}

/** Corrections: new values, FINAL figures corrected with and without a reason, withdrawals, and rows unchanged. */
function secondRound(first: Figure[]): Figure[] {
  return first
    .slice(0, 3000)
    .map((row, i): Figure => {
      if (i % 10 === 1) return { ...row, value: Number(row.value) + 1 };
      if (i % 50 === 2)
        return { indicator: row.indicator, period: row.period, breakdown: row.breakdown, withdraw: true, reason: '撤回' };
      return row;
    })
    .concat([
      { indicator: 'copyright-registrations', period: '2024Q1', value: 700, reason: '更正' },
      { indicator: 'copyright-registrations', period: '2024Q2', value: 701 },
      { indicator: 'court-ip-cases-closed', period: '2024Q1', value: 950, organization: 'court', reason: '更正' },
    ]);
}

const csvOf = (rows: Figure[]): string =>
  toCsv(
    COLUMNS,
    rows.map((row) => COLUMNS.map((c) => (Array.isArray(row[c]) ? row[c].join(';') : (row[c] ?? '')))),
  );

/** A file of about 4 MB whose header names a column no file has: refused at its first line, with most of it still to come. */
const unreadableLargeFile = (): string => 'indicator,period,valeur\n' + 'ip-training-base-trainees,2024-01,1\n'.repeat(120_000);

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) {
  idempotencyKey replayed dryRun atomic received created updated unchanged rejected skipped
  rejections { index field code message } warnings { index code message } } }`;

async function hubOn(database: string): Promise<Hub> {
  process.env.DATABASE_URL = await recreateDatabase(process.env.TEST_DATABASE_SERVER_URL!, `${TEST_DB_PREFIX}_${database}`);
  // Pushes of a whole round at once through GraphQL: 20,000 rows a push.
  return startHub({
    settings: testSettings({ DATABASE_URL: process.env.DATABASE_URL, MAX_PUSH_ROWS: '20000' }),
    ports: { gateway: 0, organizations: 0, tasks: 0, indicators: 0 },
    seedIfEmpty: true,
  });
}

const bulkUrl = (hub: Hub, query = '') => `${hub.gateway.url.replace(/\/graphql$/, '')}/figures/bulk${query}`;

async function bulk(hub: Hub, body: string | Buffer, query = '', headers: Record<string, string> = {}) {
  const response = await fetch(bulkUrl(hub, query), {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(await bearer('amr', ['coordinator'])), ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** A bulk summary as pushFigures answers it: without the lines, the file's hash and its encoding. */
const asPushSummary = ({ sha256: _sha, encoding: _encoding, ...summary }: Record<string, any>) => ({
  ...summary,
  rejections: summary.rejections.map(({ line: _line, ...r }: { line: number }) => r),
  warnings: summary.warnings.map(
    ({ line: _line, indicator: _indicator, period: _period, breakdown: _breakdown, ...w }: Record<string, unknown>) => w,
  ),
});

let graphqlHub: Hub | undefined;
let bulkHub: Hub;

afterAll(async () => {
  await graphqlHub?.stop();
  await bulkHub?.stop();
});

/**
 * More breakdowns of a period already submitted than one batch holds, and no total: written
 * in slices, one CHANGE event listing every figure (each batch adds to the same event).
 */
const thirdRound = (): Figure[] =>
  Array.from({ length: 6000 }, (_, b) => ({
    indicator: 'ip-training-base-trainees',
    period: '2024-05',
    breakdown: `late-${String(b).padStart(4, '0')}`,
    value: 10 + (b % 7),
  }));

describe('the same rows through pushFigures and through the bulk path', () => {
  const rounds = [firstRound()];
  rounds.push(secondRound(rounds[0]), thirdRound());
  const summaries: Array<Record<string, unknown>> = [];

  it('land through pushFigures, one push a round', async () => {
    graphqlHub = await hubOn('figures_bulk_graphql');
    for (const [round, figures] of rounds.entries()) {
      const input = { figures, idempotencyKey: `round-${round}` };
      const res = await graphql(graphqlHub.gateway.url, PUSH, { input }, await bearer('amr', ['coordinator']));
      expect(res.errors).toBeUndefined();
      summaries.push(res.data!.pushFigures);
    }
    expect(summaries[0]).toMatchObject({ rejected: 9 });
    expect((summaries[0].warnings as Array<{ code: string }>).map((w) => w.code)).toEqual(
      expect.arrayContaining(['IMPLAUSIBLE_JUMP', 'RECONCILIATION']),
    );
    expect(summaries[1]).toMatchObject({ updated: expect.any(Number), unchanged: expect.any(Number) });
    expect(summaries[2]).toMatchObject({ created: 6000, rejected: 0 });
  });

  it('land the same through the bulk path, into the same tables, row for row', async () => {
    const expected = await figureTables(process.env.DATABASE_URL!);
    await graphqlHub!.stop();
    graphqlHub = undefined;
    bulkHub = await hubOn('figures_bulk');
    for (const [round, figures] of rounds.entries()) {
      const res = await bulk(bulkHub, csvOf(figures), `?idempotencyKey=round-${round}`);
      expect(res.status).toBe(200);
      expect(asPushSummary(res.body)).toEqual(summaries[round]);
    }
    const tables = await figureTables(process.env.DATABASE_URL!);
    // The third file, written in slices of its period, made one CHANGE event with all of its figures.
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows: events } = await client.query(
      `SELECT jsonb_array_length(e.changes) AS n FROM indicators.submission_event e JOIN indicators.submission s
          ON s.id = e.submission_id WHERE s.period = '2024-05' AND e.action = 'CHANGE' ORDER BY e.id DESC LIMIT 1`,
    );
    await client.end();
    expect(events).toEqual([{ n: 6000 }]);
    for (const table of Object.keys(expected)) {
      expect([table, tables[table].length]).toEqual([table, expected[table].length]);
      expect(tables[table]).toEqual(expected[table]);
    }
  });

  it('names each problem by its line of the file', async () => {
    const res = await bulk(bulkHub, csvOf(rounds[0]), '?dryRun=true');
    const negative = res.body.rejections.find((r: { message: string }) => r.message.includes('at least'));
    expect(negative).toMatchObject({ field: 'value', code: 'BAD_USER_INPUT', line: rounds[0].length - 6 });
  });
});

describe('the same file again', () => {
  it('writes nothing: its rows are unchanged, and with its key the first summary comes back', async () => {
    const before = await figureTables(process.env.DATABASE_URL!);
    const again = await bulk(bulkHub, csvOf(firstRound().slice(0, 200)));
    expect(again.status).toBe(200);
    // On a connection that has staged nothing yet (the subgraph started again): nothing to write is no error.
    await withSubgraphDown(bulkHub, 'indicators', async () => undefined);
    const twice = await bulk(bulkHub, csvOf(firstRound().slice(0, 200)));
    expect(twice.status).toBe(200);
    expect(twice.body).toMatchObject({ created: 0, updated: 0, rejected: 0, unchanged: 200 });
    const replay = await bulk(bulkHub, csvOf(allRounds()[1]), '?idempotencyKey=round-1');
    expect(replay.body).toMatchObject({ replayed: true });
    const after = await figureTables(process.env.DATABASE_URL!);
    expect(after.figure_revision.length).toBe(before.figure_revision.length + again.body.created + again.body.updated);
  });
});

const allRounds = () => {
  const first = firstRound();
  return [first, secondRound(first)];
};

describe('files of other forms', () => {
  it('reads GB18030 CSV and NDJSON', async () => {
    const rows: Figure[] = [
      { indicator: 'copyright-registrations', period: '2023', value: 5, breakdown: '武昌区', note: '知识产权' },
    ];
    // The summary says which encoding the file was read in: a file recognised wrongly would land garbled names.
    const gb = await bulk(bulkHub, iconv.encode(csvOf(rows), 'gb18030'));
    expect(gb.body).toMatchObject({ created: 1, rejected: 0, encoding: 'gb18030' });
    const ndjson = await bulk(
      bulkHub,
      rows.map((r) => JSON.stringify({ ...r, value: 6 })).join('\n') + '\n{"indicator": "copyright-registrations"}\n',
      '',
      { 'content-type': 'application/x-ndjson' },
    );
    expect(ndjson.body).toMatchObject({ received: 2, updated: 1, rejected: 1, encoding: 'utf-8' });
    expect(ndjson.body.rejections[0]).toMatchObject({ index: 1, line: 2, field: 'period', code: 'BAD_USER_INPUT' });
  });
});

describe('refusals', () => {
  const revisions = async () => (await figureTables(process.env.DATABASE_URL!)).figure_revision.length;

  it('a file that cannot be read writes nothing and answers UNREADABLE_FILE', async () => {
    const before = await revisions();
    const broken = csvOf(firstRound().slice(0, 50)) + 'copyright-registrations,"2024\n';
    const res = await bulk(bulkHub, broken);
    expect([res.status, res.body.errors[0].extensions.code]).toEqual([400, 'UNREADABLE_FILE']);
    const columns = await bulk(bulkHub, 'indicator,periode\nx,2024\n');
    expect([columns.status, columns.body.errors[0].message]).toEqual([400, expect.stringContaining('unknown column')]);
    expect(await revisions()).toBe(before);
  });

  it('a large file refused at its first line answers UNREADABLE_FILE, though the rest of it is still arriving', async () => {
    const before = await revisions();
    const res = await bulk(bulkHub, unreadableLargeFile());
    expect([res.status, res.body.errors?.[0].extensions.code]).toEqual([400, 'UNREADABLE_FILE']);
    expect(await revisions()).toBe(before);
    // Nothing of it is left on the connections it came by: the next file is answered as usual.
    const next = await bulk(bulkHub, unreadableLargeFile().slice(0, 100));
    expect([next.status, next.body.errors?.[0].extensions.code]).toEqual([400, 'UNREADABLE_FILE']);
  });

  it('a reporter writing what it does not own writes nothing and answers FORBIDDEN; no token is 401', async () => {
    const before = await revisions();
    const rows: Figure[] = [
      { indicator: 'court-ip-cases-closed', period: '2022', value: 1 },
      { indicator: 'copyright-registrations', period: '2022', value: 1 },
    ];
    const res = await bulk(bulkHub, csvOf(rows), '', await bearer('court', ['reporter']));
    expect([res.status, res.body.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await fetch(bulkUrl(bulkHub), { method: 'POST', body: csvOf(rows) });
    expect(anonymous.status).toBe(401);
    const analyst = await bulk(bulkHub, csvOf(rows), '', await bearer('amr', ['analyst']));
    expect(analyst.status).toBe(403);
    expect(await revisions()).toBe(before);
  });
});

describe('a file larger than BULK_JOB_BYTES', () => {
  const jobUrl = (id: string) => `${bulkUrl(bulkHub)}/${id}`;
  const job = async (id: string, headers?: Record<string, string>) => {
    const response = await fetch(jobUrl(id), { headers: headers ?? (await bearer('amr', ['coordinator'])) });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const finished = async (id: string) => {
    for (let waited = 0; waited < 60_000; waited += 250) {
      const { body } = await job(id);
      if (body.state === 'COMPLETED' || body.state === 'FAILED') return body;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`job ${id} did not finish`);
  };
  const rows: Figure[] = Array.from({ length: 3000 }, (_, i) => ({
    indicator: 'ip-training-base-trainees',
    period: months[i % 12].replace('2024', '2023'),
    breakdown: `job-${Math.floor(i / 12)}`,
    value: 20 + (i % 3),
  }));

  // As BULK_JOB_BYTES=1000 sets it; and an hour between the queue's polls (JOB_POLL_SECONDS):
  // a job is taken when it is queued, so none of these waits for the next poll.
  beforeAll(() => {
    indicatorSettingsOf(bulkHub).bulkJobBytes = 1000;
    indicatorSettingsOf(bulkHub).notifications.pollSeconds = 3600;
  });

  it('runs as a job: the answer names it, GET /figures/bulk/:id gives its progress and its summary', async () => {
    const res = await bulk(bulkHub, csvOf(rows));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: expect.any(String), state: 'QUEUED', rowsRead: 0, rowsWritten: 0 });
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ state: 'COMPLETED', rowsRead: 3000, rowsWritten: 3000, error: null });
    expect(done.summary).toMatchObject({ received: 3000, created: 3000, rejected: 0, warnings: [] });
    // Its steps' times, in order: received, started, its file staged, finished.
    const times = ['createdAt', 'startedAt', 'stagedAt', 'finishedAt'].map((t) => Date.parse(done[t]));
    expect(times.every(Number.isFinite)).toBe(true);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // Another organisation's reporter does not see it.
    expect((await job(res.body.id, await bearer('court', ['reporter']))).status).toBe(404);
    expect((await job('no-such-job')).status).toBe(404);
    // The same file again, as a job too, writes nothing.
    const again = await finished((await bulk(bulkHub, csvOf(rows))).body.id);
    expect(again).toMatchObject({ state: 'COMPLETED', error: null, rowsWritten: 0, summary: { unchanged: 3000, created: 0 } });
  });

  it('takes each job as soon as the one before it is done, not at the next poll', async () => {
    // Three files at once: the second and third are queued while the first runs.
    const files = [0, 1, 2].map((n) => csvOf(rows.map((r, i) => ({ ...r, breakdown: `queue${n}-${Math.floor(i / 12)}` }))));
    const sent = await Promise.all(files.map((file) => bulk(bulkHub, file)));
    expect(sent.map((res) => res.status)).toEqual([202, 202, 202]);
    // With an hour between polls, a job left for the next poll would not finish within the minute `finished` waits.
    const done = await Promise.all(sent.map((res) => finished(res.body.id)));
    expect(done.map((d) => [d.state, d.rowsWritten])).toEqual([
      ['COMPLETED', 3000],
      ['COMPLETED', 3000],
      ['COMPLETED', 3000],
    ]);
  });

  it('is read once: for its organisations while it arrives, then by its run', async () => {
    const db = bulkHub.subgraphs.indicators.store.dataSource;
    const query = jest.spyOn(db, 'query');
    try {
      const res = await bulk(
        bulkHub,
        csvOf(rows.map((r, i) => ({ ...r, breakdown: `once-${Math.floor(i / 12)}`, organization: 'amr' }))),
      );
      expect(res.status).toBe(202);
      expect(await finished(res.body.id)).toMatchObject({ state: 'COMPLETED', summary: { created: 3000 } });
      // Its one part, then the read that finds no more: one pass over the file.
      const reads = query.mock.calls.filter(([sql]) => /SELECT data FROM figure_bulk_part/.test(String(sql)));
      expect(reads).toHaveLength(2);
    } finally {
      query.mockRestore();
    }
  });

  it("ends in its landing's transaction: none of its figures is seen while it still runs", async () => {
    // Were its end kept after its rows committed, a hub dying in between would leave it RUNNING
    // and run it again, setting back what had changed since. Its file's parts are held (FOR
    // UPDATE), so the end's drop of them waits; meanwhile, its rows must not be seen.
    const file = rows.map((r, i) => ({ ...r, breakdown: `end-${Math.floor(i / 12)}` }));
    const [writes, parts, reader] = [0, 1, 2].map(() => new Client({ connectionString: process.env.DATABASE_URL }));
    await Promise.all([writes.connect(), parts.connect(), reader.connect()]);
    const seen = async () =>
      (await reader.query(`SELECT count(*)::int AS n FROM indicators.figure_series WHERE breakdown LIKE 'end-%'`)).rows[0].n;
    try {
      await writes.query('BEGIN');
      await writes.query('LOCK TABLE indicators.figure_series IN EXCLUSIVE MODE');
      const sent = await bulk(bulkHub, csvOf(file));
      expect(sent.status).toBe(202);
      await parts.query('BEGIN');
      await parts.query('SELECT 1 FROM indicators.figure_bulk_part WHERE job_id = $1 FOR UPDATE', [sent.body.id]);
      await writes.query('ROLLBACK');
      for (let waited = 0; ; waited += 100) {
        const { rowCount } = await reader.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE 'DELETE FROM figure_bulk_part%'`,
        );
        if (rowCount === 1) break;
        if (waited > 60_000) throw new Error("the job's end never reached its file's parts");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect([(await job(sent.body.id)).body.state, await seen()]).toEqual(['RUNNING', 0]);
      await parts.query('ROLLBACK');
      expect(await finished(sent.body.id)).toMatchObject({ state: 'COMPLETED', rowsWritten: 3000 });
      expect(await seen()).toBe(3000);
    } finally {
      await Promise.all([writes.end(), parts.end(), reader.end()]);
    }
  });

  it('a job the queue could not take is not kept: its sender gets an error, and no later start runs it', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const file = rows.map((r, i) => ({ ...r, breakdown: `unqueued-${Math.floor(i / 12)}` }));
    try {
      // The queue's table gone for a moment: the job's message cannot be written.
      await client.query('ALTER TABLE ipzone_jobs.job RENAME TO job_away');
      let res: Awaited<ReturnType<typeof bulk>>;
      try {
        res = await bulk(bulkHub, csvOf(file));
      } finally {
        await client.query('ALTER TABLE ipzone_jobs.job_away RENAME TO job');
      }
      expect([res.status, res.body.errors?.[0].extensions.code]).toEqual([500, 'INTERNAL_SERVER_ERROR']);
      const { rows: kept } = await client.query(
        `SELECT state FROM indicators.figure_bulk_job WHERE state NOT IN ('COMPLETED', 'FAILED')`,
      );
      const { rows: parts } = await client.query(
        `SELECT count(*)::int AS n FROM indicators.figure_bulk_part p
           JOIN indicators.figure_bulk_job j ON j.id = p.job_id WHERE j.state <> 'RUNNING'`,
      );
      expect([kept, parts[0].n]).toEqual([[], 0]);
      // The queue back, the next file runs.
      const next = await bulk(bulkHub, csvOf(file));
      expect(await finished(next.body.id)).toMatchObject({ state: 'COMPLETED', rowsWritten: 3000 });
    } finally {
      await client.end();
    }
  });

  it('a job of rows the caller may not write fails FORBIDDEN and writes nothing', async () => {
    const before = (await figureTables(process.env.DATABASE_URL!)).figure_revision.length;
    const foreign = rows.map((r, i) =>
      i === 2500 ? { ...r, indicator: 'court-ip-cases-closed', breakdown: '' } : { ...r, value: 99 },
    );
    const res = await bulk(bulkHub, csvOf(foreign), '', await bearer('amr', ['reporter']));
    expect(res.status).toBe(202);
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ state: 'FAILED', rowsWritten: 0, error: { code: 'FORBIDDEN' }, stagedAt: null });
    expect(Date.parse(done.finishedAt)).toBeGreaterThanOrEqual(Date.parse(done.startedAt));
    expect((await figureTables(process.env.DATABASE_URL!)).figure_revision.length).toBe(before);
  });

  it('a file that stopped arriving 15 minutes ago (its hub died meanwhile) is dropped with its parts by the next start', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const receiving = async (minutesAgo: number) => {
      const { rows: made } = await client.query(
        `INSERT INTO indicators.figure_bulk_job (writer, writer_org, roles, request, updated_at)
         VALUES ('gone', 'amr', '{coordinator}', '{}', clock_timestamp() - make_interval(mins => $1)) RETURNING id`,
        [minutesAgo],
      );
      await client.query(`INSERT INTO indicators.figure_bulk_part (job_id, seq, data) VALUES ($1, 0, 'indicator,')`, [
        made[0].id,
      ]);
      return made[0].id as string;
    };
    const left = async (id: string) =>
      (await client.query('SELECT count(*)::int AS n FROM indicators.figure_bulk_part WHERE job_id = $1', [id])).rows[0].n +
      (await client.query('SELECT count(*)::int AS n FROM indicators.figure_bulk_job WHERE id = $1', [id])).rows[0].n;
    const [stalled, arriving] = [await receiving(16), await receiving(1)];
    const next = await startHub({
      settings: testSettings({ DATABASE_URL: process.env.DATABASE_URL }),
      ports: { gateway: 0, organizations: 0, tasks: 0, indicators: 0 },
    });
    try {
      expect([await left(stalled), await left(arriving)]).toEqual([0, 2]);
    } finally {
      await next.stop();
      await client.query('DELETE FROM indicators.figure_bulk_job WHERE id = $1', [arriving]);
      await client.end();
    }
  });

  it('a file refused at its first line while it arrives is answered UNREADABLE_FILE, and no job is kept', async () => {
    const res = await bulk(bulkHub, unreadableLargeFile());
    expect([res.status, res.body.errors?.[0].extensions.code]).toEqual([400, 'UNREADABLE_FILE']);
    const next = await bulk(bulkHub, unreadableLargeFile().slice(0, 100));
    expect([next.status, next.body.errors?.[0].extensions.code]).toEqual([400, 'UNREADABLE_FILE']);
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows: kept } = await client.query(
      `SELECT count(*)::int AS n FROM indicators.figure_bulk_job WHERE state = 'RECEIVING'`,
    );
    const { rows: parts } = await client.query(`SELECT count(*)::int AS n FROM indicators.figure_bulk_part`);
    await client.end();
    expect([kept[0].n, parts[0].n]).toEqual([0, 0]);
  });

  it('a large file that cannot be read is refused at once, and no job is kept', async () => {
    const res = await bulk(bulkHub, csvOf(rows) + 'x,"2024\n');
    expect([res.status, res.body.errors?.[0].extensions.code]).toEqual([400, 'UNREADABLE_FILE']);
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows: kept } = await client.query(`SELECT state FROM indicators.figure_bulk_job WHERE state <> 'COMPLETED'`);
    const { rows: parts } = await client.query(`SELECT count(*)::int AS n FROM indicators.figure_bulk_part`);
    await client.end();
    expect([kept.map((j) => j.state), parts[0].n]).toEqual([['FAILED'], 0]);
  });
});
