/**
 * The standard library the code type-checks against (tsconfig.json `lib`) is one the
 * Node.js running it has: every member TypeScript declares on the built-in objects
 * exists at run time, so an API that is undefined on the oldest Node.js line the hub
 * supports (Map.groupBy on Node 20) fails type-checking instead of failing in production.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '../..');

/** The compiler options of the project's tsconfig.json. */
function projectOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  return ts.parseJsonConfigFileContent(config, ts.sys, ROOT).options;
}

/** A checker over one source text, compiled with the project's options. */
function checkerFor(source: string): { checker: ts.TypeChecker; file: ts.SourceFile; diagnostics: readonly ts.Diagnostic[] } {
  const name = path.join(ROOT, '__runtime_probe__.ts');
  const options = { ...projectOptions(), noEmit: true, noUnusedLocals: false };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (file === name ? source : readFile(file));
  host.getSourceFile = (file, language) =>
    file === name ? ts.createSourceFile(file, source, language) : getSourceFile(file, language);
  host.fileExists = (
    (fileExists) => (file: string) =>
      file === name || fileExists(file)
  )(host.fileExists.bind(host));
  const program = ts.createProgram([name], options, host);
  const file = program.getSourceFile(name)!;
  return { checker: program.getTypeChecker(), file, diagnostics: ts.getPreEmitDiagnostics(program, file) };
}

/** Built-in objects, each with an expression for one of its instances. */
const BUILT_INS: Record<string, string | null> = {
  Object: null,
  Array: '[1]',
  String: "'s'",
  Number: '1',
  Map: 'new Map()',
  Set: 'new Set()',
  WeakMap: 'new WeakMap()',
  Promise: 'Promise.resolve(1)',
  RegExp: '/x/g',
  ArrayBuffer: 'new ArrayBuffer(1)',
  Uint8Array: 'new Uint8Array(1)',
  Date: 'new Date()',
  Symbol: null,
  Math: null,
  JSON: null,
  Reflect: null,
  Atomics: null,
  Intl: null,
};

/** The names TypeScript declares on the type of a node (symbol-keyed members left out). */
function declaredMembers(checker: ts.TypeChecker, node: ts.Node): string[] {
  return checker
    .getTypeAtLocation(node)
    .getProperties()
    .map((symbol) => symbol.getName())
    .filter((name) => !name.startsWith('__@'));
}

/**
 * Which of the given members the Node.js running the tests lacks. Asked of a plain node
 * process: jest runs tests in a separate realm, without what Node adds to the built-ins.
 */
function missingAtRunTime(expected: { expression: string; members: string[] }[]): string[] {
  const script = `
    const missing = [];
    for (const { expression, members } of JSON.parse(process.argv[1])) {
      const value = Object(eval(expression));
      for (const member of members) if (!(member in value)) missing.push(expression + '.' + member);
    }
    process.stdout.write(JSON.stringify(missing));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(expected)], { encoding: 'utf8' }));
}

/** Newer built-ins that Node.js 20 has: the configured library must keep them. */
const NEWER_BUILT_INS = "export const newer = [[3, 1].toSorted(), [1].findLast(Boolean), 'x'.isWellFormed()];\n";

/** One program for both tests: a variable for each built-in object and instance, and the newer built-ins. */
const probe = (() => {
  let compiled: ReturnType<typeof checkerFor> | undefined;
  return () => {
    const source = Object.entries(BUILT_INS)
      .map(([name, instance], i) => `const s${i} = ${name};\n${instance ? `const i${i} = ${instance};\n` : ''}`)
      .join('');
    return (compiled ??= checkerFor(source + NEWER_BUILT_INS));
  };
})();

it('declares on the built-in objects only what this Node.js has', () => {
  const { checker, file } = probe();
  const declared = file.statements
    .filter((statement) => !statement.getText(file).startsWith('export'))
    .flatMap((statement) =>
      (statement as ts.VariableStatement).declarationList.declarations.map((declaration) => ({
        expression: (declaration.initializer as ts.Expression).getText(file),
        members: declaredMembers(checker, declaration.name),
      })),
    );
  expect(declared.find(({ expression }) => expression === 'Map')?.members).toContain('prototype');
  expect({ node: process.version, missing: missingAtRunTime(declared) }).toEqual({ node: process.version, missing: [] });
});

it('type-checks the built-ins, newer ones Node.js 20 has included', () => {
  const { diagnostics } = probe();
  expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
});
