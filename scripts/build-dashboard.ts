/**
 * Bundles the dashboard (dashboard/) into dist/dashboard/ with esbuild: app.js (the
 * TypeScript and chart.js, minified, with a source map), app.css, and index.html with
 * the assets' content hashes in their URLs. Everything is local: the page needs no CDN.
 * It also writes operations.json, the names of the page's GraphQL operations (the only
 * names besides the hub's own that the services' metrics label: lib/operations.ts).
 * `npm run build` runs it after tsc.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { Kind, parse } from 'graphql';
import { PROJECT_ROOT } from '../lib/config';
import { DASHBOARD_OPERATIONS_FILE } from '../lib/operations';

const SOURCE = path.join(PROJECT_ROOT, 'dashboard');
const OUT = path.join(PROJECT_ROOT, 'dist', 'dashboard');

/** The operation names in dashboard/queries.ts: its exported query texts, bundled, evaluated and parsed. */
async function operationNames(common: { bundle: boolean; logLevel: 'warning'; absWorkingDir: string }): Promise<string[]> {
  const bundled = await build({ ...common, entryPoints: [path.join(SOURCE, 'queries.ts')], write: false, format: 'cjs' });
  const module = { exports: {} as Record<string, unknown> };
  vm.runInNewContext(bundled.outputFiles[0].text, { module, exports: module.exports });
  const names = Object.values(module.exports)
    .filter((text): text is string => typeof text === 'string')
    .flatMap((text) => parse(text).definitions)
    .flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []));
  return [...new Set(names)].sort();
}

const hash = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const common = { bundle: true, minify: true, logLevel: 'warning' as const, absWorkingDir: PROJECT_ROOT };
  await build({
    ...common,
    entryPoints: { app: path.join(SOURCE, 'main.ts') },
    outdir: OUT,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    sourcemap: 'linked',
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await build({ ...common, entryPoints: { app: path.join(SOURCE, 'styles.css') }, outdir: OUT });
  const html = readFileSync(path.join(SOURCE, 'index.html'), 'utf8')
    .replace('/dashboard/app.js', `/dashboard/app.js?v=${hash(path.join(OUT, 'app.js'))}`)
    .replace('/dashboard/app.css', `/dashboard/app.css?v=${hash(path.join(OUT, 'app.css'))}`);
  writeFileSync(path.join(OUT, 'index.html'), html);
  writeFileSync(DASHBOARD_OPERATIONS_FILE, `${JSON.stringify(await operationNames(common))}\n`);
  process.stderr.write(`dashboard built into ${path.relative(PROJECT_ROOT, OUT)}/\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`dashboard build failed: ${(error as Error).message}\n`);
  process.exit(1);
});
