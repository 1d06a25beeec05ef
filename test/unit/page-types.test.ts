/**
 * The pages' GraphQL types come from the checked-in supergraph (scripts/build-types.ts):
 * the generated files are what the schema and the pages' operations make today, an
 * operation the schema no longer answers fails the generation, and the dashboard sends
 * exactly the documents its types describe.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { SUPERGRAPH_PATH } from '../../gateway/compose';
import { DASHBOARD, DETAIL, INPUT_FIGURES, META } from '../../dashboard/queries';

const ROOT = path.join(__dirname, '../..');
const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');

/**
 * Runs `body` with the built generator (dist/scripts/build-types.js: the code generator's
 * plugins are ES modules, which Node loads and Jest's module system does not) in scope as
 * `types`, and `input` as `input`; what it returns, or the message it throws.
 */
function withGenerator(body: string, input: unknown = null): { result?: unknown; error?: string } {
  const script = `
    const types = require(${JSON.stringify(path.join(ROOT, 'dist/scripts/build-types.js'))});
    const { parse } = require('graphql');
    const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    (async () => { ${body} })().then(
      (result) => process.stdout.write(JSON.stringify({ result })),
      (error) => process.stdout.write(JSON.stringify({ error: error.message })),
    );`;
  const out = execFileSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out) as { result?: unknown; error?: string };
}

it('the checked-in types of every page are what its operations and the supergraph make (`npm run build` rewrites them)', () => {
  const { result, error } = withGenerator('return [...(await types.generateAll())];');
  expect(error).toBeUndefined();
  const files = result as Array<[string, string]>;
  expect(files.map(([file]) => file)).toEqual(expect.arrayContaining(['dashboard/gql/graphql.ts', 'dashboard/gql/gql.ts']));
  for (const [file, text] of files) expect({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }).toEqual({ file, text });
}, 60_000);

it('a schema change that drops a field a page selects fails its generation', () => {
  // FigureRevision.recordedByOrganization, which the dashboard's figure history shows.
  const dropped = supergraph.replace(/(type FigureRevision\n[^}]*?)\n {2}recordedByOrganization: Organization\n/, '$1\n');
  expect(dropped).not.toBe(supergraph);
  expect(withGenerator("await types.generatePage('dashboard', types.apiSchema(input)); return 'generated';", dropped)).toEqual({
    error: expect.stringMatching(/recordedByOrganization/),
  });
  expect(withGenerator("await types.generatePage('dashboard', types.apiSchema(input)); return 'generated';", supergraph)).toEqual(
    {
      result: 'generated',
    },
  );
}, 60_000);

it('types only the public API: an operation on an @inaccessible field does not validate', () => {
  expect(supergraph).toMatch(/organizationsByReference\(.*@inaccessible/);
  const body = `
    const hidden = { location: 'dashboard/hidden.ts', document: parse(input), rawSDL: input };
    await types.generatePage('dashboard', types.apiSchema(), [...types.pageDocuments('dashboard'), hidden]);
    return 'generated';`;
  expect(withGenerator(body, 'query Hidden { organizationsByReference(references: ["x"]) { id } }')).toEqual({
    error: expect.stringMatching(/organizationsByReference/),
  });
}, 60_000);

it('the dashboard sends the generated documents, named as before', () => {
  const names = [META, DASHBOARD, DETAIL, INPUT_FIGURES].map((text) => {
    const [operation] = parse(text).definitions;
    return operation.kind === 'OperationDefinition' ? operation.name?.value : undefined;
  });
  expect(names).toEqual(['DashboardMeta', 'Dashboard', 'IndicatorDetail', 'InputFigures']);
  // Fragments travel with the operations that spread them.
  expect(DASHBOARD).toContain('fragment KpiFields on Kpi');
});
