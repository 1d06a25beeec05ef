/**
 * Totals and their breakdowns at scale: the database keeps the sum of each period's
 * breakdowns (figure_breakdown_sum, by triggers), so a KPI of a total and a push's
 * reconciliation read as many rows with two thousand breakdowns as with two, and the sums
 * stay equal to the figures they add up through every kind of write.
 */
import type { Hub } from '../../hub';
import { bearer, graphql, startTestHub } from '../support/hub';

let hub: Hub;
let url: string;
beforeAll(async () => {
  hub = await startTestHub();
  url = hub.gateway.url;
});
afterAll(() => hub?.stop());

const INDICATOR = 'ip-notarisation-services';
const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) {
  created updated rejected rejections { index message } warnings { index code message } } }`;
const KPI = `query($asOf: LocalDate, $figures: FigureRule, $at: DateTime, $names: Boolean!) { indicator(id: "${INDICATOR}") {
  kpi(asOf: $asOf, figures: $figures, recordedAsOf: $at) { actual warnings { code message } fromBreakdowns @include(if: $names) } } }`;

const db = () => hub.subgraphs.indicators.store;
const rowsRead = async (action: () => Promise<unknown>): Promise<number> => {
  const before = db().statements.rows;
  await action();
  return db().statements.rows - before;
};

async function push(figures: object[], org = 'amr', roles: Array<'coordinator' | 'reporter'> = ['coordinator']) {
  const res = await graphql(url, PUSH, { input: { figures } }, await bearer(org, roles));
  expect(res.errors).toBeUndefined();
  expect(res.data!.pushFigures.rejections).toEqual([]);
  return res.data!.pushFigures;
}

const districts = (from: number, count: number, period = '2025', value = 1) =>
  Array.from({ length: count }, (_, i) => ({ indicator: INDICATOR, period, breakdown: `district-${from + i}`, value }));

async function kpi(variables: Record<string, unknown> = {}) {
  const res = await graphql(url, KPI, { asOf: '2025-12-31', names: false, ...variables });
  expect(res.errors).toBeUndefined();
  return res.data!.indicator.kpi;
}

/** The kept sums against the sums computed afresh from the current figures, every column as text. */
async function keptAndComputed(): Promise<[unknown[], unknown[]]> {
  const sums = ['value', 'numerator', 'denominator'];
  const kept = await db().dataSource.query(
    `SELECT indicator_id, period, organization_id, period_start::text, period_end::text, figures::text,
            ${sums.map((c) => `${c}_sum::text, ${c}_missing::text`).join(', ')}, demo::text
       FROM figure_breakdown_sum ORDER BY 1, 2, 3`,
  );
  const computed = await db().dataSource.query(
    `SELECT indicator_id, period, organization_id, min(period_start)::text AS period_start, min(period_end)::text AS period_end,
            count(*)::text AS figures,
            ${sums.map((c) => `trim_scale(COALESCE(sum(${c}), 0))::text AS ${c}_sum, count(*) FILTER (WHERE ${c} IS NULL)::text AS ${c}_missing`).join(', ')},
            count(*) FILTER (WHERE source = 'demo')::text AS demo
       FROM figure_series WHERE breakdown <> '' AND NOT withdrawn GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
  return [kept, computed];
}

describe('a total summed from its breakdowns', () => {
  it('costs the same rows to read with 2,000 breakdowns as with 2, and counts every one', async () => {
    await push(districts(0, 2));
    const few = await rowsRead(async () => expect((await kpi()).actual).toBe(2));
    await push(districts(2, 1000));
    await push(districts(1002, 998));
    let answer: { actual: number; fromBreakdowns: string[] } | undefined;
    const many = await rowsRead(async () => {
      answer = await kpi();
    });
    expect(answer!.actual).toBe(2000);
    expect(many).toBe(few);
    // The names of what was summed are read when asked for.
    expect((await kpi({ names: true })).fromBreakdowns).toHaveLength(2000);
  });

  it('is reconciled at push by reading the same rows whatever the number of breakdowns', async () => {
    const row = (breakdown: string, value: number) => ({ indicator: INDICATOR, period: '2024', breakdown, value });
    await push([{ indicator: INDICATOR, period: '2024', value: 10 }, row('a', 4), row('b', 6)]);
    const few = await rowsRead(async () => {
      const summary = await push([row('a', 5)]);
      expect(summary.warnings).toEqual([
        expect.objectContaining({ code: 'RECONCILIATION', message: expect.stringContaining('10 against 11') }),
      ]);
    });
    await push(districts(0, 1000, '2024', 0));
    const many = await rowsRead(async () => {
      // a back to 4: the sum of 1,002 breakdowns is the total again.
      expect((await push([row('a', 4)])).warnings).toEqual([]);
    });
    expect(many).toBe(few);
  });

  it('follows withdrawals, other organisations, vintages and accepted figures', async () => {
    const before = new Date().toISOString();
    await push([{ indicator: INDICATOR, period: '2025', breakdown: 'district-0', value: 101 }]);
    await push([{ indicator: INDICATOR, period: '2025', breakdown: 'district-1', withdraw: true, reason: 'counted twice' }]);
    const justice = await bearer('justice', ['reporter']);
    // The justice bureau reports an office of its own, and takes over district-2 from the coordinator's entry.
    for (const figures of [
      [{ indicator: INDICATOR, period: '2025', breakdown: 'justice-office', value: 50, source: 'demo' }],
      [{ indicator: INDICATOR, period: '2025', breakdown: 'district-2', value: 3 }],
    ]) {
      const res = await graphql(url, PUSH, { input: { figures } }, justice);
      expect(res.data!.pushFigures.rejections).toEqual([]);
    }
    expect((await kpi()).actual).toBe(2000 + 100 - 1 + 50 + 2);
    const [kept, computed] = await keptAndComputed();
    expect(kept).toEqual(computed);
    // As recorded before these pushes: 2,000.
    expect((await kpi({ at: before })).actual).toBe(2000);
    // Only accepted figures: none, then the justice bureau's once its submission is accepted.
    expect((await kpi({ figures: 'ACCEPTED' })).actual).toBeNull();
    const mine = await graphql(
      url,
      `
        {
          submissions(organization: "justice", period: "2025") {
            id
          }
        }
      `,
      {},
      justice,
    );
    const accepted = await graphql(
      url,
      `
        mutation ($id: ID!) {
          acceptSubmission(id: $id) {
            state
          }
        }
      `,
      { id: mine.data!.submissions[0].id },
      await bearer('amr', ['coordinator']),
    );
    expect(accepted.data!.acceptSubmission.state).toBe('ACCEPTED');
    expect(await kpi({ figures: 'ACCEPTED', names: true })).toMatchObject({
      actual: 53,
      fromBreakdowns: ['district-2', 'justice-office'],
    });
    expect(await kpi({ names: true, at: before })).toMatchObject({ actual: 2000 });
    expect((await kpi({ names: true, at: before })).fromBreakdowns).toHaveLength(2000);
  });
});

describe('the kept sums, whoever writes figure_series', () => {
  const figure = (breakdown: string, value: number | null, extra = '') =>
    `('${INDICATOR}', '2030', 'YEAR', '2030-01-01', '2030-12-31', '${breakdown}', 1, ${value ?? 'NULL'}, 'PROVISIONAL',
      'amr', 'sql', now(), now() ${extra})`;
  const columns = `indicator_id, period, period_type, period_start, period_end, breakdown, revision, value, status,
      organization_id, recorded_by, recorded_at, first_recorded_at`;

  it('equal a rebuild from the figures after inserts, corrections, moves, withdrawals and deletes, and are left alone by the rest', async () => {
    const run = (sql: string) => db().dataSource.query(sql);
    const sumRow = async () =>
      (
        await run(
          `SELECT xmin::text, value_sum::text FROM figure_breakdown_sum WHERE indicator_id = '${INDICATOR}' AND period = '2030'`,
        )
      )[0];
    await run(`INSERT INTO figure_series (${columns}) VALUES ${figure('a', 1.25)}, ${figure('b', 0.75)}, ${figure('c', 4)}`);
    const [first, rebuilt] = await keptAndComputed();
    expect(first).toEqual(rebuilt);
    // A correction to a whole number leaves no trailing zeros: 2 + 0.75 + 4.
    await run(`UPDATE figure_series SET value = 2 WHERE period = '2030' AND breakdown = 'a'`);
    expect((await sumRow()).value_sum).toBe('6.75');
    // A change that moves no sum (status, note) rewrites nothing.
    const untouched = await sumRow();
    await run(`UPDATE figure_series SET status = 'FINAL', note = 'checked' WHERE period = '2030'`);
    expect(await sumRow()).toEqual(untouched);
    // Another organisation, another period, withdrawn, deleted, the only breakdown of a period withdrawn.
    await run(`UPDATE figure_series SET organization_id = 'justice' WHERE period = '2030' AND breakdown = 'b'`);
    await run(
      `UPDATE figure_series SET period = '2031', period_start = '2031-01-01', period_end = '2031-12-31' WHERE period = '2030' AND breakdown = 'c'`,
    );
    await run(`UPDATE figure_series SET withdrawn = true, value = NULL WHERE period = '2031' AND breakdown = 'c'`);
    await run(`DELETE FROM figure_series WHERE period = '2030' AND breakdown = 'a'`);
    const [kept, computed] = await keptAndComputed();
    expect(kept).toEqual(computed);
    expect(await run(`SELECT count(*)::int AS n FROM figure_breakdown_sum WHERE figures = 0 OR period = '2031'`)).toEqual([
      { n: 0 },
    ]);
  });
});
