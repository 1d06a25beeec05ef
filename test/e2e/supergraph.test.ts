/** The checked-in supergraph is what the subgraphs compose to today. */
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '../../gateway/supergraph-path';
import { composeSupergraph } from '../../scripts/compose-supergraph';

it('gateway/supergraph.graphql equals a fresh composition (run `npm run compose` when it does not)', async () => {
  const fresh = await composeSupergraph();
  expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(fresh);
});

it('entities cross subgraphs by key, and fields that cross are nullable so one subgraph down costs only its own', async () => {
  const sdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  for (const entity of ['Organization', 'Task', 'Indicator']) {
    expect(sdl).toMatch(new RegExp(`type ${entity}\\n(\\s+@join__type\\(graph: \\w+, key: "id"\\)\\n)+`));
  }
  expect(sdl).toMatch(/\n {2}indicators: \[Indicator!\] @join__field\(graph: INDICATORS\)/);
  expect(sdl).toMatch(/\n {2}leadTasks: \[Task!\] @join__field\(graph: TASKS\)/);
});
