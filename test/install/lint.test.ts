/**
 * The linter (eslint.config.mjs, `npm run lint`): eslint with typescript-eslint's type-checked
 * rules finds nothing in any source folder, every comment that silences it says why, and the
 * rules it is kept for still refuse a small file that breaks each of them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const CONFIG = path.join(ROOT, 'eslint.config.mjs');
const FOLDERS = [
  'bench',
  'bin',
  'client',
  'dashboard',
  'gateway',
  'hub',
  'lib',
  'report',
  'scripts',
  'seeds',
  'subgraphs',
  'test',
];

interface LintResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; message: string }>;
}

/** eslint with the project's configuration over `targets`, run in `cwd`; each file's result. */
function lint(cwd: string, targets: string[]): LintResult[] {
  const bin = path.join(ROOT, 'node_modules/eslint/bin/eslint.js');
  const run = spawnSync(process.execPath, [bin, '--config', CONFIG, '--format', 'json', ...targets], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as LintResult[];
}

describe('the project', () => {
  let results: LintResult[];
  beforeAll(() => {
    results = lint(ROOT, ['.']);
  }, 180_000);

  it('has no finding in any file', () => {
    const findings = results.flatMap((r) =>
      r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.ruleId ?? 'error'}: ${m.message}`),
    );
    expect(findings).toEqual([]);
  });

  it('is linted in every source folder', () => {
    const linted = new Set(results.map((r) => path.relative(ROOT, r.filePath).split(path.sep)[0]));
    expect(FOLDERS.filter((folder) => !linted.has(folder))).toEqual([]);
  });

  it('says why wherever a rule is silenced', () => {
    const silent = results.flatMap((r) =>
      readFileSync(r.filePath, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(ROOT, r.filePath)}:${i + 1}` }))
        .filter(({ line }) => /eslint-disable/.test(line) && !/eslint-disable[^\n]* -- \S/.test(line))
        .map(({ at }) => at),
    );
    expect(silent).toEqual([]);
  });
});

describe('the rules it is kept for', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ipzone-lint-'));
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', lib: ['ES2022'], types: [] }, include: ['.'] }),
    );
    writeFileSync(
      path.join(dir, 'defects.ts'),
      [
        '/** One defect of each kind the linter is kept for. */',
        'export async function save(): Promise<void> {}',
        'export function floating(): void {',
        '  save();',
        '}',
        'export function misused(list: number[]): void {',
        '  list.forEach(async () => {',
        '    await save();',
        '  });',
        '}',
        'export async function notThenable(): Promise<number> {',
        '  return await 1;',
        '}',
        'export const shown = (value: object): string => `${String(value)}`;',
        'export const detached = (set: Set<number>) => [1].filter(set.has);',
        'export const needless = (n: number): number => n as number;',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses SQL in a subgraph's resolver, and only there", () => {
    const sql = [
      '/** A resolver that runs SQL itself. */',
      'export async function figures(db: { query(sql: string): Promise<unknown> }): Promise<unknown> {',
      "  return db.query('SELECT 1');",
      '}',
      '',
    ].join('\n');
    for (const folder of ['subgraphs/any/resolvers', 'subgraphs/any/data']) {
      mkdirSync(path.join(dir, folder), { recursive: true });
      writeFileSync(path.join(dir, folder, 'figures.ts'), sql);
    }
    const results = lint(dir, ['subgraphs']);
    const found = results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line} ${m.ruleId}`));
    expect(found).toEqual([`${path.join('subgraphs/any/resolvers', 'figures.ts')}:3 no-restricted-syntax`]);
  }, 60_000);

  it('each refuse the file that breaks it', () => {
    const [result] = lint(dir, ['defects.ts']);
    expect(result.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual([
      '4 @typescript-eslint/no-floating-promises',
      '7 @typescript-eslint/no-misused-promises',
      '12 @typescript-eslint/await-thenable',
      '14 @typescript-eslint/no-base-to-string',
      '15 @typescript-eslint/unbound-method',
      '16 @typescript-eslint/no-unnecessary-type-assertion',
    ]);
  }, 60_000);
});
