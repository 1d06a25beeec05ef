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

/** The kept sums against the sums computed afresh from the current figures. */
async function keptAndComputed(): Promise<[unknown[], unknown[]]> {
  const kept = await db().dataSource.query(
    `SELECT indicator_id, period, organization_id, figures, value_sum::float8 AS value, value_missing, numerator_missing, demo
       FROM figure_breakdown_sum WHERE figures <> 0 ORDER BY 1, 2, 3`,
  );
  const computed = await db().dataSource.query(
    `SELECT indicator_id, period, organization_id, count(*)::int AS figures, COALESCE(sum(value), 0)::float8 AS value,
            count(*) FILTER (WHERE value IS NULL)::int AS value_missing, count(*) FILTER (WHERE numerator IS NULL)::int AS numerator_missing,
            count(*) FILTER (WHERE source = 'demo')::int AS demo
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

  it('follows withdrawals, corrections, other organisations, vintages and accepted figures', async () => {
    const before = new Date().toISOString();
    await push([{ indicator: INDICATOR, period: '2025', breakdown: 'district-0', value: 101 }]);
    await push([{ indicator: INDICATOR, period: '2025', breakdown: 'district-1', withdraw: true, reason: 'counted twice' }]);
    await push([{ indicator: INDICATOR, period: '2025', breakdown: 'justice-office', value: 50, source: 'demo' }], 'justice', [
      'reporter',
    ]);
    expect((await kpi()).actual).toBe(2000 + 100 - 1 + 50);
    const [kept, computed] = await keptAndComputed();
    expect(kept).toEqual(computed);
    // As recorded before these three pushes: 2,000.
    expect((await kpi({ at: before })).actual).toBe(2000);
    // Only accepted figures: none is accepted yet.
    expect((await kpi({ figures: 'ACCEPTED' })).actual).toBeNull();
  });
});
