/**
 * The GraphQL types of the pages and of the hub's own clients come from the checked-in
 * supergraph (scripts/build-types.ts): the generated files (dashboard/gql/, report/gql/,
 * lib/gql/, lib/organizations-gql/) are what the schema and the operations make today, an
 * operation the schema no longer answers fails the generation, each page sends exactly the
 * documents its types describe, every one valid against the public API, and the hub's own
 * operations are the ones its metrics know by name.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, validate } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { SUPERGRAPH_PATH } from '../../gateway/supergraph-path';
import * as dashboard from '../../dashboard/queries';
import * as report from '../../report/queries';
import { HUB_OPERATIONS } from '../../lib/operations';

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
  expect(files.map(([file]) => file)).toEqual(
    expect.arrayContaining([
      'dashboard/gql/graphql.ts',
      'dashboard/gql/gql.ts',
      'report/gql/graphql.ts',
      'report/gql/gql.ts',
      'lib/gql/graphql.ts',
      'lib/gql/gql.ts',
      'lib/organizations-gql/graphql.ts',
      'lib/organizations-gql/gql.ts',
    ]),
  );
  for (const [file, text] of files) expect({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }).toEqual({ file, text });
}, 60_000);

it.each([
  // FigureRevision.recordedByOrganization, which the dashboard's figure history shows.
  ['dashboard', /(type FigureRevision\n[^}]*?)\n {2}recordedByOrganization: Organization\n/, /recordedByOrganization/],
  // Obligation.daysLeft, which the reporting page shows beside each period it owes.
  ['report', /(type Obligation\n[^}]*?)\n {2}daysLeft: Int!\n/, /daysLeft/],
  // Kpi.willMeetTarget, a column of the KPI export (gateway/export-specs.ts).
  ['hub', /(type Kpi\n[^}]*?)\n {2}willMeetTarget: Boolean\n/, /willMeetTarget/],
])(
  'a schema change that drops a field the %s selects fails its generation',
  (page, field, message) => {
    const dropped = supergraph.replace(field, '$1\n');
    expect(dropped).not.toBe(supergraph);
    const generate = `await types.generateTarget(${JSON.stringify(page)}, types.apiSchema(input)); return 'generated';`;
    expect(withGenerator(generate, dropped)).toEqual({ error: expect.stringMatching(message) });
    expect(withGenerator(generate, supergraph)).toEqual({ result: 'generated' });
  },
  60_000,
);

it('types only the public API: an operation on an @inaccessible field does not validate', () => {
  expect(supergraph).toMatch(/organizationsByReference\(.*@inaccessible/);
  const body = `
    const hidden = { location: 'dashboard/hidden.ts', document: parse(input), rawSDL: input };
    await types.generateTarget('dashboard', types.apiSchema(), [...types.targetDocuments('dashboard'), hidden]);
    return 'generated';`;
  expect(withGenerator(body, 'query Hidden { organizationsByReference(references: ["x"]) { id } }')).toEqual({
    error: expect.stringMatching(/organizationsByReference/),
  });
}, 60_000);

it("types the hub's own clients of the gateway against the public API, and its calls to the organizations subgraph against that subgraph's schema", () => {
  const body = `
    const hidden = { location: 'gateway/hidden.ts', document: parse(input), rawSDL: input };
    const tried = async (name) => {
      const target = types.TARGETS[name];
      const schema = target.schema(require('node:fs').readFileSync(${JSON.stringify(SUPERGRAPH_PATH)}, 'utf8'));
      try {
        await types.generateTarget(name, schema, [...types.targetDocuments(name), hidden]);
        return 'generated';
      } catch (error) {
        return error.message;
      }
    };
    return { hub: await tried('hub'), organizations: await tried('organizations') };`;
  const { result, error } = withGenerator(body, 'query Hidden { organizationsByReference(references: ["x"]) { id } }');
  expect(error).toBeUndefined();
  expect(result).toEqual({ hub: expect.stringMatching(/organizationsByReference/), organizations: 'generated' });
}, 60_000);

it('the operations the hub sends itself are the ones its metrics know by name (lib/operations.ts)', () => {
  const { result, error } = withGenerator(
    'return ["hub", "organizations"].flatMap((name) => [...types.targetOperations(name).keys()]).sort();',
  );
  expect(error).toBeUndefined();
  // The benchmark's own query (bench/scale.ts) is named too; the bench is not part of the hub.
  expect(result).toEqual(HUB_OPERATIONS.filter((name) => name !== 'Scorecard').sort());
});

/** The operation texts a page's queries.ts exports, by export name. */
const sent = (queries: object) =>
  Object.entries(queries as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
const nameOf = (text: string) => {
  const operation = parse(text).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? operation.name?.value : undefined;
};

it('the dashboard sends the generated documents, named as before', () => {
  const { META, DASHBOARD, DETAIL, INPUT_FIGURES } = dashboard;
  expect([META, DASHBOARD, DETAIL, INPUT_FIGURES].map(nameOf)).toEqual([
    'DashboardMeta',
    'Dashboard',
    'IndicatorDetail',
    'InputFigures',
  ]);
  // Fragments travel with the operations that spread them.
  expect(DASHBOARD).toContain('fragment KpiFields on Kpi');
});

it('the reporting page sends the generated documents, named as before', () => {
  expect(Object.fromEntries(sent(report).map(([name, text]) => [name, nameOf(text)]))).toEqual({
    VIEWER: 'ReportViewer',
    OBLIGATIONS: 'ReportObligations',
    PREVIOUS: 'ReportPrevious',
    DRAFT: 'ReportDraft',
    SAVE_DRAFT: 'ReportSaveDraft',
    CHECK: 'ReportCheck',
    SUBMIT: 'ReportSubmit',
    RECEIPT: 'ReportReceipt',
    ORGANIZATIONS: 'ReportOrganizations',
    PERSONAL_TOKENS: 'ReportPersonalTokens',
    ISSUE_TOKEN: 'ReportIssueToken',
    REVOKE_TOKEN: 'ReportRevokeToken',
    REVIEW_QUEUE: 'ReportReviewQueue',
    OWN_SUBMISSIONS: 'ReportOwnSubmissions',
    ACCEPT_SUBMISSION: 'ReportAcceptSubmission',
    APPROVE_SUBMISSION: 'ReportApproveSubmission',
    RETURN_SUBMISSION: 'ReportReturnSubmission',
    ASK_TO_REOPEN: 'ReportAskToReopen',
    REOPEN_REQUESTS: 'ReportReopenRequests',
    REOPEN_SUBMISSION: 'ReportReopenSubmission',
  });
  expect(report.SUBMIT).toContain('fragment ReceiptFields on Receipt');
  expect(report.OWN_SUBMISSIONS).toContain('fragment SubmissionFields on Submission');
});

describe('every text a page sends validates against the public API', () => {
  const schema = Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema();
  it.each([
    ...sent(dashboard).map(([name, text]) => [`dashboard ${name}`, text]),
    ...sent(report).map(([name, text]) => [`report ${name}`, text]),
  ])('%s', (_name, text) => {
    expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
  });
});
