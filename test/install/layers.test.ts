/**
 * Imports point down (docs/architecture.md, Layers): dependency-cruiser, with the rules of
 * .dependency-cruiser.cjs, over the project; and the same rules over a small tree that
 * breaks each of them, so that a rule which stopped matching would be noticed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const SOURCES = ['lib', 'gateway', 'subgraphs', 'hub', 'scripts', 'bench', 'seeds', 'dashboard', 'report', 'client'];

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** depcruise over `dirs` of `cwd`; the rules it reports broken. */
function cruise(cwd: string, dirs: string[]): Violation[] {
  const bin = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const run = spawnSync(process.execPath, [bin, '--config', CONFIG, '--output-type', 'json', ...dirs], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`depcruise failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

it('the project keeps every dependency rule', () => {
  const violations = cruise(ROOT, SOURCES).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  expect(violations).toEqual([]);
}, 120_000);

describe('each rule refuses the imports it names', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ipz-layers-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }),
      'lib/up.ts': "import { g } from '../gateway/g';\nexport const up = g;\n",
      'lib/base.ts': 'export const base = 1;\n',
      'gateway/g.ts': "import { base } from '../lib/base';\nimport { s } from '../scripts/s';\nexport const g = base + s;\n",
      'scripts/s.ts': 'export const s = 1;\n',
      'gateway/index.ts': "import { compose } from './compose';\nexport const start = compose;\n",
      'gateway/compose.ts': "import { a } from '../subgraphs/one/a';\nexport const compose = () => a;\n",
      'subgraphs/one/a.ts': "import { b } from '../two/internal/b';\nexport const a = b;\n",
      'subgraphs/two/internal/b.ts': "import { base } from '../../../lib/base';\nexport const b = base;\n",
      'subgraphs/two/c1.ts': "import { c2 } from './c2';\nexport const c1 = () => c2();\n",
      'subgraphs/two/c2.ts': "import { c1 } from './c1';\nexport const c2 = (): number => c1();\n",
      'dashboard/main.ts': "import { base } from '../lib/base';\nexport const main = base;\n",
      'seeds/model.ts': 'export type Seed = { id: string };\n',
      'subgraphs/two/schema/s.ts': 'export class S {}\n',
      'subgraphs/two/services/d.ts':
        "import type { Seed } from '../../../seeds/model';\nimport { S } from '../schema/s';\nexport const d = (seed: Seed) => new S() && seed.id;\n",
      'lib/config.ts': "export type Rule = 'ALL';\nexport const config = { rule: (): Rule => 'ALL' };\n",
      'node_modules/typeorm/package.json': JSON.stringify({ name: 'typeorm', main: 'index.js' }),
      'node_modules/typeorm/index.js': 'exports.Entity = 1;\n',
      'subgraphs/two/model/m.ts':
        "import { d } from '../services/d';\nimport { Entity } from 'typeorm';\nimport { config } from '../../../lib/config';\nexport const m = [d, Entity, config];\n",
      'subgraphs/two/model/typed.ts':
        "import type { Rule } from '../../../lib/config';\nexport const typed = (rule: Rule) => rule;\n",
      'subgraphs/two/data/store.ts':
        "import { d } from '../services/d';\nimport { m } from '../model/m';\nexport const store = [d, m];\n",
      'node_modules/graphql/package.json': JSON.stringify({ name: 'graphql', main: 'index.js' }),
      'node_modules/graphql/index.js': 'exports.GraphQLError = Error;\n',
      'subgraphs/two/services/configured.ts':
        "import { config } from '../../../lib/config';\nexport const rule = () => config.rule();\n",
      'subgraphs/two/data/configured.ts':
        "import { config } from '../../../lib/config';\nexport const rule = () => config.rule();\n",
      'subgraphs/two/services/handed.ts':
        "import type { Rule } from '../../../lib/config';\nexport const handed = (rule: Rule) => rule;\n",
      'subgraphs/two/services/speaks.ts':
        "import { GraphQLError } from 'graphql';\nexport const refuse = () => new GraphQLError('no');\n",
      'subgraphs/two/data/speaks.ts':
        "import { GraphQLError } from 'graphql';\nexport const fail = () => new GraphQLError('no');\n",
      'lib/settings.ts':
        "export type Settings = { rule: 'ALL' };\nexport const readSettings = (): Settings => ({ rule: 'ALL' });\n",
      'subgraphs/two/services/reads-settings.ts':
        "import { readSettings } from '../../../lib/settings';\nexport const rule = () => readSettings().rule;\n",
      'gateway/reads-settings.ts': "import { readSettings } from '../lib/settings';\nexport const read = () => readSettings();\n",
      'gateway/handed-settings.ts':
        "import type { Settings } from '../lib/settings';\nexport const handed = (settings: Settings) => settings.rule;\n",
      'scripts/start.ts': "import { readSettings } from '../lib/settings';\nexport const settings = readSettings();\n",
      'dashboard/util.ts': 'export const util = 1;\n',
      'report/main.ts':
        "import { g } from '../gateway/g';\nimport { util } from '../dashboard/util';\nexport const main = g + util;\n",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lib upward, services upward, a subgraph into another, a cycle, the pages into the server or each other', () => {
    const found = cruise(dir, ['lib', 'gateway', 'scripts', 'subgraphs', 'dashboard', 'report']).map(
      (v) => `${v.rule.name}: ${v.from} → ${v.to}`,
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'lib-imports-upward: lib/up.ts → gateway/g.ts',
        'services-import-upward: gateway/g.ts → scripts/s.ts',
        'subgraph-imports-another-subgraph: subgraphs/one/a.ts → subgraphs/two/internal/b.ts',
        'no-circular: subgraphs/two/c1.ts → subgraphs/two/c2.ts',
        'pages-import-server: dashboard/main.ts → lib/base.ts',
        'pages-import-server: report/main.ts → gateway/g.ts',
        'pages-import-each-other: report/main.ts → dashboard/util.ts',
      ]),
    );
  }, 120_000);

  it('the gateway into subgraph code, directly or through a module of its own', () => {
    const found = cruise(dir, ['gateway', 'subgraphs']).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'gateway-reaches-subgraphs: gateway/compose.ts → subgraphs/one/a.ts',
        'gateway-reaches-subgraphs: gateway/index.ts → subgraphs/one/a.ts',
        'gateway-reaches-subgraphs: gateway/index.ts → subgraphs/two/internal/b.ts',
      ]),
    );
  }, 120_000);

  it("a subgraph's model or services into its schema classes or the seeds", () => {
    const found = cruise(dir, ['subgraphs', 'seeds']).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'rules-import-edges: subgraphs/two/services/d.ts → seeds/model.ts',
        'rules-import-edges: subgraphs/two/services/d.ts → subgraphs/two/schema/s.ts',
      ]),
    );
  }, 120_000);

  it('the model into services, packages of storage or GraphQL, or configuration; data adapters into services; services or data into GraphQL or configuration', () => {
    const found = cruise(dir, ['subgraphs', 'lib']).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'model-is-pure: subgraphs/two/model/m.ts → subgraphs/two/services/d.ts',
        'model-is-pure: subgraphs/two/model/m.ts → node_modules/typeorm/index.js',
        'model-reads-no-config: subgraphs/two/model/m.ts → lib/config.ts',
        'services-read-no-config: subgraphs/two/services/configured.ts → lib/config.ts',
        'services-read-no-config: subgraphs/two/data/configured.ts → lib/config.ts',
        'data-imports-upward: subgraphs/two/data/store.ts → subgraphs/two/services/d.ts',
        'services-speak-no-graphql: subgraphs/two/services/speaks.ts → node_modules/graphql/index.js',
        'services-speak-no-graphql: subgraphs/two/data/speaks.ts → node_modules/graphql/index.js',
        'services-read-no-config: subgraphs/two/services/reads-settings.ts → lib/settings.ts',
      ]),
    );
    // A type from configuration (a figure rule) is a value the model may be handed; a data adapter may use the model.
    expect(found.filter((f) => /model\/typed\.ts|services\/handed\.ts|data\/store\.ts → subgraphs\/two\/model/.test(f))).toEqual(
      [],
    );
  }, 120_000);

  it('settings read anywhere but where a process starts; their types may go anywhere', () => {
    const found = cruise(dir, ['lib', 'gateway', 'scripts', 'subgraphs']).filter((v) => v.rule.name === 'settings-read-at-start');
    expect(found.map((v) => `${v.from} → ${v.to}`).sort()).toEqual([
      'gateway/reads-settings.ts → lib/settings.ts',
      'subgraphs/two/services/reads-settings.ts → lib/settings.ts',
    ]);
  }, 120_000);
});
