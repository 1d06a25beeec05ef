/**
 * Bundles the dashboard (dashboard/) into dist/dashboard/ with esbuild: app.js (the
 * TypeScript and chart.js, minified, with a source map), app.css, and index.html with
 * the assets' content hashes in their URLs. Everything is local: the page needs no CDN.
 * `npm run build` runs it after tsc.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../lib/config';

const SOURCE = path.join(PROJECT_ROOT, 'dashboard');
const OUT = path.join(PROJECT_ROOT, 'dist', 'dashboard');

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
  process.stderr.write(`dashboard built into ${path.relative(PROJECT_ROOT, OUT)}/\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`dashboard build failed: ${(error as Error).message}\n`);
  process.exit(1);
});
