/**
 * Load without loss: 50 concurrent pushers over loopback (bounded in count and time).
 * Every accepted figure is stored exactly once; every summary adds up to what was sent.
 */
import { Client } from 'pg';
import type { Hub } from '../../hub';
import { bearer, graphql, useHubAndDatabase } from '../support/hub';

const started = useHubAndDatabase();
let hub: Hub;
let db: Client;
beforeAll(() => {
  [hub, db] = [started.hub(), started.db()];
});

const PUSH = `mutation($input: PushFiguresInput!) { pushFigures(input: $input) { received created updated unchanged rejected } }`;
const PUSHERS = 50;
const BATCHES = 4;
const ROWS = 40;

it('50 concurrent pushers: every accepted figure stored exactly once, every summary adding up', async () => {
  const token = await bearer('amr', ['reporter']);
  const deadline = Date.now() + 60_000;
  const summaries = await Promise.all(
    Array.from({ length: PUSHERS }, async (_, p) => {
      const mine = [];
      for (let b = 0; b < BATCHES && Date.now() < deadline; b += 1) {
        const figures = Array.from({ length: ROWS }, (_, r) => {
          // Half the rows are the pusher's own, half shared by all (the same value from everyone: unchanged after the first).
          const shared = r % 2 === 0;
          return {
            indicator: 'ip-training-base-trainees',
            period: `2025-${String((r % 12) + 1).padStart(2, '0')}`,
            breakdown: shared ? `shared-${b}-${r}` : `pusher-${p}-${b}-${r}`,
            value: shared ? 100 + r : 1000 + p,
          };
        });
        const res = await graphql(hub.gateway.url, PUSH, { input: { figures } }, token);
        expect(res.errors).toBeUndefined();
        mine.push(res.data!.pushFigures);
      }
      return mine;
    }),
  );
  const all = summaries.flat();
  expect(all).toHaveLength(PUSHERS * BATCHES);
  for (const s of all) expect(s.created + s.updated + s.unchanged + s.rejected).toBe(s.received);
  const sum = (k: 'created' | 'updated' | 'unchanged' | 'rejected') => all.reduce((n, s) => n + s[k], 0);
  expect(sum('rejected')).toBe(0);
  const { rows } = await db.query(
    `SELECT count(DISTINCT s.id)::int AS series, count(r.*)::int AS revisions, count(*) FILTER (WHERE r.revision > 1)::int AS later
       FROM indicators.figure_series s JOIN indicators.figure_revision r ON r.series_id = s.id
      WHERE s.indicator_id = 'ip-training-base-trainees'`,
  );
  const ownKeys = PUSHERS * BATCHES * (ROWS / 2);
  const sharedKeys = BATCHES * (ROWS / 2);
  expect(rows[0].series).toBe(ownKeys + sharedKeys);
  expect(sum('created')).toBe(ownKeys + sharedKeys);
  // Shared rows carry the same value from everyone: written once, unchanged for the other 49.
  expect(sum('updated')).toBe(0);
  expect(sum('unchanged')).toBe(sharedKeys * (PUSHERS - 1));
  expect(rows[0].revisions).toBe(ownKeys + sharedKeys);
  expect(rows[0].later).toBe(0);
}, 90_000);
