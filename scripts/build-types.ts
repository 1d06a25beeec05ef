/**
 * Generates the browser pages' GraphQL types from the checked-in supergraph's public API
 * (gateway/supergraph.graphql without its @inaccessible parts) with the GraphQL Code
 * Generator's client preset: each page's `graphql(`…`)` operations, found in its sources,
 * become typed documents in its gql/ folder (checked in). An operation that does not
 * validate against the schema fails the generation, and so `npm run build`.
 *
 * A page joins by adding its folder to PAGES.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { codegen } from '@graphql-codegen/core';
import { preset, type ClientPresetConfig } from '@graphql-codegen/client-preset';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { gqlPluckFromCodeStringSync } from '@graphql-tools/graphql-tag-pluck';
import { Supergraph } from '@apollo/federation-internals';
import { concatAST, parse, print, printSchema, separateOperations, type GraphQLSchema } from 'graphql';
import { PROJECT_ROOT } from '../lib/config';
import { SUPERGRAPH_PATH } from '../gateway/supergraph-path';

/** The pages (folders of the project) whose operations are typed, each into its own gql/. */
export const PAGES = ['dashboard', 'report'];

const OUTPUT = 'gql';

/**
 * What the pages receive for the schema's own scalars (all sent as JSON strings). A scalar
 * not listed here is `unknown` to the pages, so using one unmapped fails their build.
 */
const SCALARS: Record<string, string> = { LocalDate: 'string', DateTime: 'string', Period: 'string' };

/** The schema clients see: the supergraph's API schema. */
export function apiSchema(supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8')): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

function sourceFiles(dir: string): string[] {
  // Sorted: the generated files list the documents in this order, on every file system.
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === OUTPUT ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The `graphql(`…`)` documents in a page's sources, as the generated `graphql()` looks them up. */
export function pageDocuments(page: string): Types.DocumentFile[] {
  return sourceFiles(path.join(PROJECT_ROOT, page)).flatMap((file) =>
    gqlPluckFromCodeStringSync(file, readFileSync(file, 'utf8'), {
      globalGqlIdentifierName: 'graphql',
      skipIndent: true,
    }).map((source) => ({ location: path.relative(PROJECT_ROOT, file), document: parse(source), rawSDL: source.body })),
  );
}

/**
 * The named operations of a page, by name: each as a text with the fragments it spreads
 * (what its generated document sends, in graphql-js's print).
 */
export function pageOperations(page: string, documents = pageDocuments(page)): Map<string, string> {
  const operations = separateOperations(concatAST(documents.map((source) => source.document!)));
  return new Map(
    Object.entries(operations)
      .filter(([name]) => name !== '')
      .map(([name, document]) => [name, print(document)]),
  );
}

/** The generated files of one page, by path from the project's root. */
export async function generatePage(
  page: string,
  schema = apiSchema(),
  documents = pageDocuments(page),
): Promise<Map<string, string>> {
  const schemaAst = parse(printSchema(schema));
  const config = {
    documentMode: 'string',
    enumsAsTypes: true,
    onlyOperationTypes: true,
    useTypeImports: true,
    avoidOptionals: false,
    scalars: SCALARS,
    defaultScalarType: 'unknown',
  };
  const sections = await preset.buildGeneratesSection({
    baseOutputDir: `${page}/${OUTPUT}/`,
    schema: schemaAst,
    schemaAst: schema,
    documents,
    plugins: [],
    pluginMap: {},
    config,
    presetConfig: { fragmentMasking: false } satisfies ClientPresetConfig,
  });
  const files = new Map<string, string>();
  for (const section of sections) files.set(section.filename, await codegen({ ...section, schemaAst: schema }));
  return files;
}

/** Every page's generated files. */
export async function generateAll(): Promise<Map<string, string>> {
  const schema = apiSchema();
  const all = new Map<string, string>();
  for (const page of PAGES) for (const [file, text] of await generatePage(page, schema)) all.set(file, text);
  return all;
}

async function main(): Promise<void> {
  for (const [file, text] of await generateAll()) {
    const full = path.join(PROJECT_ROOT, file);
    let current: string | undefined;
    try {
      current = readFileSync(full, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    process.stderr.write(`wrote ${file}\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`type generation failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
