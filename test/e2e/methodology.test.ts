/**
 * The method of record, run: every worked example of docs/methodology.md (kept in
 * docs/methodology-examples.json, which the document cites) is pushed through the
 * gateway and each KPI it states is asked of the gateway and compared. Each example starts
 * from the seeded hub alone: the figures and baselines an example before it wrote are taken
 * away first, so an example states all it needs, and any one of them runs by itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Hub } from '../../hub';
import { Client } from 'pg';
import { bearer, graphql, startTestHub } from '../support/hub';

interface Check {
  asOf: string;
  expect: Record<string, unknown>;
  byBreakdown?: Array<Record<string, unknown>>;
}
interface Case {
  id: string;
  rule: string;
  push: Array<Record<string, unknown>>;
  baselines?: Array<{ indicator: string; value: number; period: string }>;
  /** The indicator whose KPI is checked, when not the first pushed (a derived one). */
  kpiOf?: string;
  rejected?: Array<{ index: number; field: string; code: string }>;
  warnings?: Array<{ index: number; code: string }>;
  checks: Check[];
}

const DOCS = path.join(__dirname, '../../docs');
const examples: { cases: Case[] } = JSON.parse(readFileSync(path.join(DOCS, 'methodology-examples.json'), 'utf8'));

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) {
  rejections { index field code message } warnings { index code message } } }`;
const BASELINE = `mutation($indicator: String!, $value: Float!, $period: Period) {
  setBaseline(indicator: $indicator, value: $value, period: $period) { value } }`;
const KPI_FIELDS = `breakdown window windowComplete actual numerator denominator coverage periods effectiveTarget gap progress
  projected status reason fromBreakdowns warnings { code message } years { window actual coverage status reason }`;
const KPI = `query($id: ID!, $asOf: LocalDate) { indicator(id: $id) {
  kpi(asOf: $asOf) { ${KPI_FIELDS} } kpisByBreakdown(asOf: $asOf) { ${KPI_FIELDS} } } }`;

/** `actual` matches `expected` on the keys `expected` names; numbers to 6 decimals. */
function expectMatch(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number') {
    expect({ where, value: actual }).toEqual({ where, value: expect.any(Number) });
    expect({ where, off: Math.abs((actual as number) - expected) < 1e-6 ? 0 : actual }).toEqual({ where, off: 0 });
  } else if (Array.isArray(expected)) {
    expect({ where, length: (actual as unknown[])?.length }).toEqual({ where, length: expected.length });
    expected.forEach((e, i) => expectMatch((actual as unknown[])[i], e, `${where}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    for (const [key, value] of Object.entries(expected))
      expectMatch((actual as Record<string, unknown>)?.[key], value, `${where}.${key}`);
  } else {
    expect({ where, value: actual }).toEqual({ where, value: expected });
  }
}

let hub: Hub;
let url: string;
let db: Client;
beforeAll(async () => {
  hub = await startTestHub();
  url = hub.gateway.url;
  db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  // The seeded baselines, put back before every example.
  await db.query('CREATE TABLE public.seeded_baseline AS SELECT * FROM indicators.indicator_baseline');
});
afterAll(async () => {
  await db?.end();
  await hub?.stop();
});

/** The hub as seeded: no figure (their revisions and breakdown sums with them), the seeded baselines only. */
async function asSeeded(): Promise<void> {
  await db.query('TRUNCATE indicators.figure_series CASCADE');
  await db.query('DELETE FROM indicators.indicator_baseline');
  await db.query('INSERT INTO indicators.indicator_baseline SELECT * FROM public.seeded_baseline');
}

describe('the worked examples of docs/methodology.md, through the gateway', () => {
  it('the document cites every example by its id, and every example names a rule the document states', () => {
    const doc = readFileSync(path.join(DOCS, 'methodology.md'), 'utf8');
    for (const c of examples.cases) {
      expect({ id: c.id, cited: doc.includes(`\`${c.id}\``) }).toEqual({ id: c.id, cited: true });
      expect({ id: c.id, rule: doc.includes(`## ${c.rule}`) }).toEqual({ id: c.id, rule: true });
    }
  });

  it.each(examples.cases.map((c) => [c.id, c] as const))('%s', async (_id, example) => {
    await asSeeded();
    const coordinator = await bearer('amr', ['coordinator']);
    for (const b of example.baselines ?? []) {
      const res = await graphql(url, BASELINE, b, coordinator);
      expect(res.errors).toBeUndefined();
    }
    const pushed = await graphql(url, PUSH, { input: { figures: example.push } }, coordinator);
    expect(pushed.errors).toBeUndefined();
    const summary = pushed.data!.pushFigures;
    expectMatch(summary.rejections, example.rejected ?? [], 'rejections');
    for (const w of example.warnings ?? []) expect(summary.warnings).toContainEqual(expect.objectContaining(w));
    if (!example.warnings) expect(summary.warnings.filter((w: { code: string }) => w.code === 'RECONCILIATION')).toEqual([]);
    const indicator = example.kpiOf ?? String(example.push[0].indicator);
    for (const check of example.checks) {
      const res = await graphql(url, KPI, { id: indicator, asOf: check.asOf });
      expect(res.errors).toBeUndefined();
      expectMatch(res.data!.indicator.kpi, check.expect, `${example.id} as of ${check.asOf}`);
      for (const expected of check.byBreakdown ?? []) {
        const found = res.data!.indicator.kpisByBreakdown.find((k: { breakdown: string }) => k.breakdown === expected.breakdown);
        expectMatch(found, expected, `${example.id} ${String(expected.breakdown)} as of ${check.asOf}`);
      }
    }
  });
});
