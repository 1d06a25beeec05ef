/**
 * The push's reads and writes of figures on a large table: the current and previous
 * figures, and the figures a submission's CHANGE event lists, are found by index lookups
 * whatever the table's size (no sequential scan of figure_series), and the COPY-staged write keeps every character of the text it carries.
 */
import { settingsWith } from '../../lib/settings';
import { openStore, type Store } from '../../lib/db';
import { parsePeriod } from '../../lib/period';
import { subgraphDefinitions } from '../../subgraphs';
import { CURRENT_FIGURES, currentFigures, writeRevisions } from '../../subgraphs/indicators/data/figure-store';
import type { PreparedRow } from '../../subgraphs/indicators/model/rows';
import { MARK_SUBMITTED } from '../../subgraphs/indicators/data/submission-marks';
import { recreateDatabase, TEST_DATABASE } from '../support/database';

/**
 * Table sizes at which the plan is checked: a join of the keys with the table scans it
 * below about 100,000 figures and looks keys up above; lookups must be the plan at all.
 */
const SIZES = [20_000, 60_000, 300_000];
const KEYS = 2_000;
let stored = 0;

/** Monthly figures of every indicator, one per breakdown (district), over as many years as it takes. */
async function storeUpTo(size: number): Promise<void> {
  await store.dataSource.query(
    `INSERT INTO figure_series (indicator_id, period, period_type, period_start, period_end, breakdown, revision, value,
                                status, organization_id, recorded_by, recorded_at, first_recorded_at)
     SELECT ids[1 + n % cardinality(ids)], to_char(d, 'YYYY-MM'), 'MONTH', d, (d + interval '1 month - 1 day')::date,
            'district-' || (n / cardinality(ids) / 600), 1, n % 1000, 'PROVISIONAL', 'amr', 'seed', now(), now()
       FROM generate_series($2::int, $3::int - 1) AS n,
            LATERAL (SELECT $1::text[] AS ids) AS i,
            LATERAL (SELECT (date '1990-01-01' + ((n / cardinality(ids)) % 600) * interval '1 month')::date AS d) AS m`,
    [indicatorIds, stored, size],
  );
  await store.dataSource.query('ANALYZE figure_series');
  stored = size;
}

let store: Store;
let indicatorIds: string[];
beforeAll(async () => {
  const url = await recreateDatabase(process.env.TEST_DATABASE_SERVER_URL!, `${TEST_DATABASE}_writes`);
  store = await openStore(
    { name: 'indicators', ...subgraphDefinitions.indicators.store },
    settingsWith({ INDICATORS_DATABASE_URL: url }),
  );
  await subgraphDefinitions.indicators.seed(store);
  indicatorIds = (await store.dataSource.query(`SELECT id FROM indicator ORDER BY id`)).map((r: { id: string }) => r.id);
}, 60_000);
afterAll(() => store?.close());

/** Keys of stored figures spread over the table, and as many that are not stored. */
async function someKeys(): Promise<Array<{ indicatorId: string; period: string; breakdown: string }>> {
  const present: Array<{ indicatorId: string; period: string; breakdown: string }> = await store.dataSource.query(
    `SELECT indicator_id AS "indicatorId", period, breakdown FROM figure_series
      WHERE id % $1 = 0 ORDER BY id LIMIT $2`,
    [Math.floor(stored / (KEYS / 2)), KEYS / 2],
  );
  return [...present, ...present.map((k) => ({ ...k, breakdown: `${k.breakdown}-absent` }))];
}

function planNodes(node: Record<string, unknown>): Array<Record<string, unknown>> {
  const children = (node.Plans as Array<Record<string, unknown>> | undefined) ?? [];
  return [node, ...children.flatMap(planNodes)];
}

it.each(SIZES)(
  `reads the current figures of ${KEYS} keys by index lookups from %d stored figures, with no scan of the table, and marks their submissions without reading them again`,
  async (size) => {
    await storeUpTo(size);
    const keys = await someKeys();
    const [{ 'QUERY PLAN': plan }] = await store.dataSource.query(`EXPLAIN (FORMAT JSON) ${CURRENT_FIGURES}`, [
      keys.map((k) => k.indicatorId),
      keys.map((k) => k.period),
      keys.map((k) => k.breakdown),
    ]);
    const onSeries = planNodes(plan[0].Plan).filter((n) => n['Relation Name'] === 'figure_series');
    expect(onSeries.map((n) => n['Node Type'])).toEqual(['Index Scan']);
    expect(onSeries.filter((n) => n['Node Type'] === 'Seq Scan')).toHaveLength(0);
    // Marking their submissions reads no figure: its CHANGE events take the values the checks read.
    const [{ 'QUERY PLAN': marking }] = await store.dataSource.query(`EXPLAIN (FORMAT JSON) ${MARK_SUBMITTED}`, [
      ['amr'],
      ['2020-01'],
      'tester',
      'amr',
      keys.map(() => 'amr'),
      keys.map((k) => k.period),
      keys.map((k) => k.indicatorId),
      keys.map((k) => k.breakdown),
      keys.map(() => 1),
      keys.map(() => 2),
    ]);
    const read = planNodes(marking[0].Plan).filter((n) =>
      ['figure_series', 'figure_revision'].includes(n['Relation Name'] as string),
    );
    expect(read).toEqual([]);

    const found = await store.dataSource.transaction((manager) => currentFigures(manager, keys));
    expect(found).toHaveLength(KEYS / 2);
    expect(found.map((f) => `${f.indicatorId}/${f.period}/${f.breakdown}`).sort()).toEqual(
      keys
        .slice(0, KEYS / 2)
        .map((k) => `${k.indicatorId}/${k.period}/${k.breakdown}`)
        .sort(),
    );
  },
);

it('stages text by COPY and keeps every character: backslashes, tabs, line breaks, quotes, \\N', async () => {
  const awkward = ['back\\slash \\N', 'tab\there', 'line\nbreak\r\nand return', `quote ' and " `, '汉字 ✓', '\\.'];
  const rows: PreparedRow[] = awkward.map((note, index) => ({
    index,
    indicatorId: indicatorIds[0],
    period: parsePeriod(`${2001 + index}`)!,
    breakdown: note,
    value: index === 0 ? 0.000001 : 1234567.25,
    numerator: null,
    denominator: null,
    status: 'FINAL',
    statusStated: true,
    explanation: index === 4 ? note : null,
    warningCodes: index === 4 ? ['IMPLAUSIBLE_JUMP'] : [],
    flags: index === 2 ? ['ESTIMATED', 'BREAK_IN_SERIES'] : [],
    reportedOn: index === 3 ? '2020-02-29' : null,
    withdrawn: false,
    note,
    source: index === 1 ? null : note,
    reason: note,
    organizationId: 'amr',
  }));
  const written = await store.dataSource.transaction((manager) =>
    writeRevisions(manager, rows, { subject: 'tester', organizationId: 'amr', importKey: 'k\t1' }),
  );
  expect(written).toEqual({ created: awkward.length, updated: 0, unchanged: 0 });
  const back: Array<Record<string, unknown>> = await store.dataSource.query(
    `SELECT s.breakdown, s.note, s.source, s.value::float8 AS value, r.reason, r.import_key
       FROM figure_series s JOIN figure_revision r ON r.series_id = s.id
      WHERE s.indicator_id = $1 AND s.period_type = 'YEAR' ORDER BY s.period`,
    [indicatorIds[0]],
  );
  expect(back).toEqual(
    rows.map((r) => ({
      breakdown: r.breakdown,
      note: r.note,
      source: r.source,
      value: r.value,
      reason: r.reason,
      import_key: 'k\t1',
    })),
  );
  // The same rows again change nothing; the staging table was emptied by the commit.
  const again = await store.dataSource.transaction((manager) =>
    writeRevisions(manager, rows, { subject: 'tester', organizationId: 'amr', importKey: null }),
  );
  expect(again).toEqual({ created: 0, updated: 0, unchanged: awkward.length });
});
