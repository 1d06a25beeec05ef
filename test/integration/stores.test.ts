/**
 * Each subgraph on its own, against the real PostgreSQL: its schema migrated, its part of
 * the seeds written through its own store, and the seed loader idempotent.
 */
import { readSettings } from '../../lib/settings';
import { Client } from 'pg';
import { DB_SCHEMAS, SUBGRAPHS } from '../../lib/config';
import { openStore, type Store } from '../../lib/db';
import { signGatewayToken } from '../../lib/identity';
import { startSubgraph } from '../../lib/subgraph';
import { subgraphDefinitions } from '../../subgraphs';

const stores: Store[] = [];
afterAll(() => Promise.all(stores.map((s) => s.close())));

describe.each(SUBGRAPHS)('the %s subgraph', (name) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ name, ...subgraphDefinitions[name].store }, readSettings());
    stores.push(store);
  });

  it('owns its own PostgreSQL schema, migrated', async () => {
    const tables: Array<{ table_schema: string }> = await store.dataSource.query(
      `SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_catalog = current_database()
          AND table_schema NOT IN ('pg_catalog', 'information_schema')
          AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = $1)`,
      [DB_SCHEMAS[name]],
    );
    expect(tables.map((t) => t.table_schema)).toContain(DB_SCHEMAS[name]);
    expect(await store.dataSource.showMigrations()).toBe(false);
  });

  it('seeds its part idempotently: a second run changes nothing', async () => {
    await subgraphDefinitions[name].seed(store);
    const again = await subgraphDefinitions[name].seed(store);
    expect(again.inserted).toBe(0);
    expect(again.updated).toBe(0);
    expect(again.unchanged).toBeGreaterThan(0);
  });
});

it('a seed run writes nothing when the data are unchanged (no new row versions)', async () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const xmin = async () =>
    (await client.query(`SELECT string_agg(xmin::text, ',' ORDER BY id) AS x FROM tasks.task`)).rows[0].x as string;
  const before = await xmin();
  const store = stores.find((s) => s.name === 'tasks')!;
  await subgraphDefinitions.tasks.seed(store);
  expect(await xmin()).toBe(before);
  await client.end();
});

it('a subgraph answers on its own, to a gateway-signed request, with its own SQL', async () => {
  const service = await startSubgraph(subgraphDefinitions.organizations, readSettings(), { port: 0, seedIfEmpty: true });
  try {
    const res = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-gateway-token': await signGatewayToken(readSettings().keys, null) },
      body: JSON.stringify({
        query:
          '{ organizations(filter: { kind: COURT }) { id name } organizationsByReference(references: ["检察院", "nobody"]) { reference id } }',
      }),
    });
    const body = await res.json();
    expect(body.data.organizations).toEqual([{ id: 'court', name: '市法院' }]);
    expect(body.data.organizationsByReference).toEqual([
      { reference: '检察院', id: 'procuratorate' },
      { reference: 'nobody', id: null },
    ]);
  } finally {
    await service.stop();
  }
});
