/**
 * Generates the GraphQL types of every client the hub holds, with the GraphQL Code
 * Generator's client preset, from the checked-in supergraph: each target's `graphql(`…`)`
 * operations, found in its sources, become typed documents in its gql/ folder (checked in).
 * An operation that does not validate against its schema fails the generation, and so
 * `npm run build`.
 *
 * - The browser pages (PAGES), each into its own gql/, against the public API
 *   (gateway/supergraph.graphql without its @inaccessible parts). A page joins by adding
 *   its folder to PAGES.
 * - The hub's own clients of the gateway (the command-line tools; the gateway's exports,
 *   briefing, SDMX and spreadsheet routes), into lib/gql/, against the same public API:
 *   they are callers like any other.
 * - The calls to the organizations subgraph itself (the gateway's identity directory, the
 *   indicators subgraph's organisation directory), into lib/organizations-gql/, against that
 *   subgraph's own schema as the supergraph records it (@inaccessible fields included),
 *   with the tag `organizationsGraphql`.
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
 * What clients receive for the schema's own scalars (all sent as JSON strings). A scalar
 * not listed here is `unknown` to them, so using one unmapped fails their build.
 */
const SCALARS: Record<string, string> = { LocalDate: 'string', DateTime: 'string', Period: 'string' };

/** One set of typed operations: where they are found, what they are checked against, where their types go. */
export interface Target {
  /** Folder (from the project's root) the generated files go to. */
  output: string;
  /** The function the sources call with each operation. */
  tag: string;
  /** The folders (from the project's root) searched for sources. */
  folders: string[];
  /** Only the sources this accepts hold the target's operations (all when absent). */
  accepts?: (text: string) => boolean;
  schema: (supergraphSdl: string) => GraphQLSchema;
}

/** What the hub's own clients call their operations with, by target. */
const imports = (module: string) => (text: string) => new RegExp(`from '(?:\\.\\.?/)+(?:lib/)?${module}'`).test(text);

export const TARGETS: Record<string, Target> = {
  ...Object.fromEntries(
    PAGES.map((page) => [page, { output: `${page}/${OUTPUT}`, tag: 'graphql', folders: [page], schema: apiSchema }]),
  ),
  hub: {
    output: `lib/${OUTPUT}`,
    tag: 'graphql',
    folders: ['gateway', 'scripts', 'lib'],
    accepts: imports(OUTPUT),
    schema: apiSchema,
  },
  organizations: {
    output: 'lib/organizations-gql',
    tag: 'organizationsGraphql',
    folders: ['gateway', 'subgraphs'],
    accepts: imports('organizations-gql'),
    schema: (sdl) => Supergraph.build(sdl).subgraphs().get('organizations')!.schema.toGraphQLJSSchema(),
  },
};

/** The schema clients see: the supergraph's API schema. */
export function apiSchema(supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8')): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

const GENERATED = new Set(Object.values(TARGETS).map((target) => path.basename(target.output)));

function sourceFiles(dir: string): string[] {
  // Sorted: the generated files list the documents in this order, on every file system.
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return GENERATED.has(entry.name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The `graphql(`…`)` documents in a target's sources, as its generated `graphql()` looks them up. */
export function targetDocuments(name: string): Types.DocumentFile[] {
  const target = TARGETS[name];
  const files = target.folders.flatMap((folder) => sourceFiles(path.join(PROJECT_ROOT, folder)));
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    if (target.accepts && !target.accepts(text)) return [];
    return gqlPluckFromCodeStringSync(file, text, { globalGqlIdentifierName: target.tag, skipIndent: true }).map((source) => ({
      location: path.relative(PROJECT_ROOT, file),
      document: parse(source),
      rawSDL: source.body,
    }));
  });
}

/**
 * The named operations of a target, by name: each as a text with the fragments it spreads
 * (what its generated document sends, in graphql-js's print).
 */
export function targetOperations(name: string, documents = targetDocuments(name)): Map<string, string> {
  const operations = separateOperations(concatAST(documents.map((source) => source.document!)));
  return new Map(
    Object.entries(operations)
      .filter(([operation]) => operation !== '')
      .map(([operation, document]) => [operation, print(document)]),
  );
}

/** The generated files of one target, by path from the project's root. */
export async function generateTarget(
  name: string,
  schema = TARGETS[name].schema(readFileSync(SUPERGRAPH_PATH, 'utf8')),
  documents = targetDocuments(name),
): Promise<Map<string, string>> {
  const target = TARGETS[name];
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
    baseOutputDir: `${target.output}/`,
    schema: schemaAst,
    schemaAst: schema,
    documents,
    plugins: [],
    pluginMap: {},
    config,
    presetConfig: { fragmentMasking: false, gqlTagName: target.tag } satisfies ClientPresetConfig,
  });
  const files = new Map<string, string>();
  for (const section of sections) files.set(section.filename, await codegen({ ...section, schemaAst: schema }));
  return files;
}

/** Every target's generated files. */
export async function generateAll(): Promise<Map<string, string>> {
  const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const all = new Map<string, string>();
  for (const [name, target] of Object.entries(TARGETS))
    for (const [file, text] of await generateTarget(name, target.schema(supergraph))) all.set(file, text);
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
