/**
 * Each closed vocabulary is one list (lib/enums.ts, lib/period.ts): the CHECK constraints
 * the migrations leave in PostgreSQL and the enums of the supergraph are those lists.
 */
import { readSettings } from '../../lib/settings';
import { readFileSync } from 'node:fs';
import { buildASTSchema, GraphQLEnumType, parse } from 'graphql';
import * as enums from '../../lib/enums';
import { DB_SCHEMAS } from '../../lib/config';
import { openStore, type Store } from '../../lib/db';
import { PERIOD_TYPES } from '../../lib/period';
import { SUPERGRAPH_PATH } from '../../gateway/supergraph-path';
import { subgraphDefinitions } from '../../subgraphs';
import type * as page from '../../dashboard/gql/graphql';

/** [subgraph, table, column, the list its CHECK must allow]. */
const CHECKS: Array<[keyof typeof subgraphDefinitions, string, string, readonly string[]]> = [
  ['indicators', 'indicator', 'comparator', enums.COMPARATORS],
  ['indicators', 'indicator', 'value_kind', enums.VALUE_KINDS],
  ['indicators', 'indicator', 'periodicity', enums.PERIODICITIES],
  ['indicators', 'indicator', 'rollup', enums.ROLLUPS],
  ['indicators', 'figure_series', 'status', enums.FIGURE_STATUSES],
  ['indicators', 'figure_series', 'flags', enums.QUALITY_FLAGS],
  ['indicators', 'figure_revision', 'flags', enums.QUALITY_FLAGS],
  ['indicators', 'figure_series', 'period_type', PERIOD_TYPES],
  ['indicators', 'indicator', 'calendar_period_type', PERIOD_TYPES],
  ['indicators', 'period_lock_event', 'action', enums.LOCK_ACTIONS],
  ['tasks', 'task_report', 'status', enums.TASK_STATUSES],
];

const stores = new Map<string, Store>();
afterAll(() => Promise.all([...stores.values()].map((s) => s.close())));

async function store(name: keyof typeof subgraphDefinitions): Promise<Store> {
  if (!stores.has(name)) stores.set(name, await openStore({ name, ...subgraphDefinitions[name].store }, readSettings()));
  return stores.get(name)!;
}

it.each(CHECKS)('the %s subgraph: %s.%s allows exactly its list', async (name, table, column, list) => {
  const rows: Array<{ definition: string }> = await (
    await store(name)
  ).dataSource.query(
    `SELECT pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE c.contype = 'c' AND n.nspname = $1 AND t.relname = $2 AND pg_get_constraintdef(c.oid) ~ ('\\m' || $3 || '\\M')`,
    [DB_SCHEMAS[name], table, column],
  );
  const allowed = rows.map((r) => [...r.definition.matchAll(/'([A-Z_]+)'::text/g)].map((m) => m[1])).filter((l) => l.length > 0);
  expect(allowed).toEqual([[...list]]);
});

it("the supergraph's enums are the same lists", () => {
  const schema = buildASTSchema(parse(readFileSync(SUPERGRAPH_PATH, 'utf8')), { assumeValid: true });
  const values = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.value as string);
  expect(values('Comparator')).toEqual([...enums.COMPARATORS]);
  expect(values('FigureStatus')).toEqual([...enums.FIGURE_STATUSES]);
  expect(values('KpiStatus')).toEqual([...enums.KPI_STATUSES]);
  expect(values('Periodicity')).toEqual([...enums.PERIODICITIES]);
  expect(values('ValueKind')).toEqual([...enums.VALUE_KINDS]);
  expect(values('Rollup')).toEqual([...enums.ROLLUPS]);
  expect(values('TaskStatus')).toEqual([...enums.TASK_STATUSES]);
  expect(values('EffectiveTaskStatus')).toEqual([...enums.EFFECTIVE_TASK_STATUSES]);
  expect(values('OrganizationKind')).toEqual([...enums.ORGANIZATION_KINDS]);
});

/** true when A and B are the same union; the compiler checks the uses below. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

it("the dashboard's generated enum types are the same lists", () => {
  const same: [
    Same<page.Comparator, enums.Comparator>,
    Same<page.FigureStatus, enums.FigureStatus>,
    Same<page.KpiStatus, enums.KpiStatus>,
    Same<page.Rollup, enums.Rollup>,
    Same<page.TaskStatus, enums.TaskStatus>,
    Same<page.EffectiveTaskStatus, enums.EffectiveTaskStatus>,
  ] = [true, true, true, true, true, true];
  expect(same.every(Boolean)).toBe(true);
});

it('builds a CHECK only from enum names', () => {
  expect(enums.sqlIn('status', ['A', 'B_2'])).toBe("status IN ('A','B_2')");
  expect(() => enums.sqlIn('status', ["A'); DROP TABLE x; --"])).toThrow('not an enum name');
});
