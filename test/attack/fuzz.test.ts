/**
 * Property: every generated row is either accepted and read back exactly (text trimmed),
 * or rejected with a code and not stored.
 */
import fc from 'fast-check';
import { Client } from 'pg';
import type { Hub } from '../../hub';
import { bearer, graphql, startTestHub } from '../support/hub';

let hub: Hub;
let url: string;
let db: Client;
let headers: Record<string, string>;

beforeAll(async () => {
  hub = await startTestHub();
  url = hub.gateway.url;
  db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  headers = await bearer('amr', ['coordinator']);
});
afterAll(async () => {
  await db?.end();
  await hub?.stop();
});

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { created updated unchanged rejected skipped rejections { index field code } } }`;
const CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'PERIOD_LOCKED'];

const indicator = fc.constantFrom(
  'ip-protection-workstations',
  'patent-dispute-mediation-coverage',
  'average-trial-closure-days',
  'ip-protection-satisfaction',
  'no-such-indicator',
  '知识产权保护工作站',
);
const period = fc.oneof(
  fc.constantFrom('2024', '2025H1', '2025H2', '2025Q3', '2025-07', '2025Q5', '2025-13', '', '2025-7', '2101'),
  fc
    .tuple(fc.integer({ min: 1990, max: 2110 }), fc.integer({ min: 0, max: 14 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
  fc.string({ maxLength: 12 }),
);
const value = fc.oneof(
  fc.integer({ min: -5, max: 2_000_000 }),
  fc.double({ min: -1e6, max: 1e17, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 100, 100.5, 0.1),
);
const text = fc.oneof(
  fc.fullUnicodeString({ maxLength: 40 }),
  fc.constantFrom("'; DROP TABLE x; --", '<b>粗体</b>', ' 江岸区 ', '\u0000', 'a'.repeat(250)),
);

let run = 0;

it('accepts and reads back exactly, or rejects with a code and stores nothing', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ indicator, period, value, breakdown: text, note: fc.option(text, { nil: undefined }) }), {
        minLength: 1,
        maxLength: 6,
      }),
      async (rows) => {
        run += 1;
        // A fresh breakdown per row and run, so each key is new and "not stored" can be checked.
        const figures = rows.map((r, i) => ({ ...r, breakdown: `fz${run}.${i}:${r.breakdown}` }));
        const res = await graphql(url, PUSH, { input: { figures } }, headers);
        if (figures.some((f) => [f.breakdown, f.note ?? ''].some((t) => t.includes('\u0000')))) {
          // Text PostgreSQL cannot store refuses the whole request, before any row is looked at.
          expect(res.status).toBe(400);
          expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
          const stored = await db.query(`SELECT count(*)::int AS n FROM indicators.figure_series WHERE breakdown LIKE $1`, [
            `fz${run}.%`,
          ]);
          expect(stored.rows[0].n).toBe(0);
          return;
        }
        expect(res.errors).toBeUndefined();
        const summary = res.data!.pushFigures;
        expect(summary.created + summary.updated + summary.unchanged + summary.rejected + summary.skipped).toBe(figures.length);
        const rejected = new Map<number, { field: string; code: string }>(
          summary.rejections.map((r: { index: number; field: string; code: string }) => [r.index, r]),
        );
        for (const [i, figure] of figures.entries()) {
          const stored = await db.query(
            `SELECT value::float8 AS value, note FROM indicators.figure_series WHERE breakdown = $1`,
            [figure.breakdown.trim()],
          );
          const rejection = rejected.get(i);
          if (rejection) {
            expect(CODES).toContain(rejection.code);
            expect(stored.rows).toEqual([]);
          } else {
            expect(stored.rows).toHaveLength(1);
            expect(stored.rows[0].value).toBe(figure.value === 0 ? 0 : figure.value);
            expect(stored.rows[0].note).toBe(figure.note?.trim() || null);
          }
        }
      },
    ),
    { numRuns: 60, seed: 20261125 },
  );
}, 120_000);
