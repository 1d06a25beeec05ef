/**
 * Bundles the hub's browser pages (dashboard/) into dist/dashboard/ with esbuild:
 *
 * - the dashboard: app.js (the TypeScript and chart.js, minified, with a source map),
 *   app.css, and index.html with the assets' content hashes in their URLs;
 * - the GraphQL explorer (dashboard/explorer/: GraphiQL with React): explorer.js,
 *   explorer.css and explorer.html, which the gateway serves on GET /graphql;
 * - the Noto Sans SC web font (@fontsource/noto-sans-sc) both pages use for Chinese: its
 *   unicode-range subsets as woff2 files (browsers load only the subsets a page shows).
 *
 * - the reporting page (report/): app.js and app.css into dist/report/, served at /report.
 * - the briefing's stylesheet (gateway/briefing.css) as briefing.css, beside the dashboard's.
 *
 * Everything is local: the pages need no CDN. Fonts that packages inline as data: URLs are
 * written out as files, so the pages' CSP keeps font-src 'self'. `npm run build` runs it
 * after tsc. It also writes operations.json, the pages' GraphQL operations by name (the only
 * names besides the hub's own that the services' metrics label, and the texts the bench
 * sends: lib/operations.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { PROJECT_ROOT } from '../lib/config';
import { PAGE_OPERATIONS_FILE } from '../lib/operations';
import { EXPLORER_CONTENT_SECURITY_POLICY } from '../gateway/explorer';
import { PAGES, targetOperations } from './build-types';

const SOURCE = path.join(PROJECT_ROOT, 'dashboard');
const OUT = path.join(PROJECT_ROOT, 'dist', 'dashboard');
/** Where the gateway serves OUT (gateway/dashboard.ts). */
const URL_PREFIX = '/dashboard/';
/** The reporting page: its sources, its bundle and where the gateway serves it (gateway/report.ts). */
const REPORT = { source: path.join(PROJECT_ROOT, 'report'), out: path.join(PROJECT_ROOT, 'dist', 'report'), prefix: '/report/' };

const digest = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex').slice(0, 12);
const hash = (file: string): string => digest(readFileSync(file));

/**
 * @fontsource stylesheets list a woff fallback after each woff2: every browser the pages
 * support reads woff2. And they swap fonts (font-display: swap): on a machine without a CJK
 * font the first text would be drawn as empty boxes until the web font arrives, so the
 * pages wait for it instead (block: the text stays invisible for a moment, then is drawn
 * in the font).
 */
const woff2Only: Plugin = {
  name: 'woff2-only',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]@fontsource[\\/].*\.css$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8')
        .replace(/,\s*url\([^)]*\.woff\)\s*format\(['"]woff['"]\)/g, '')
        .replace(/font-display:\s*swap/g, 'font-display: block'),
      loader: 'css',
    }));
  },
};

/** Writes each font inlined as a data: URL in a built stylesheet to a file of its own, and points the stylesheet at it. */
function extractInlinedFonts(cssFile: string): number {
  let count = 0;
  const css = readFileSync(cssFile, 'utf8').replace(
    /url\(\s*(["']?)data:font\/(woff2|woff|ttf|otf);base64,([A-Za-z0-9+/=]+)\1\s*\)/g,
    (_match, _quote, type: string, base64: string) => {
      const data = Buffer.from(base64, 'base64');
      const name = `font-${digest(data)}.${type}`;
      writeFileSync(path.join(OUT, name), data);
      count += 1;
      return `url(${URL_PREFIX}${name})`;
    },
  );
  writeFileSync(cssFile, css);
  return count;
}

/** The page's template with its script and stylesheet URLs carrying their content hashes. */
function writePage(template: string, name: string, assets: string[], out = OUT, prefix = URL_PREFIX): void {
  let html = readFileSync(template, 'utf8').replace('__CONTENT_SECURITY_POLICY__', EXPLORER_CONTENT_SECURITY_POLICY);
  for (const asset of assets) html = html.replace(`${prefix}${asset}`, `${prefix}${asset}?v=${hash(path.join(out, asset))}`);
  writeFileSync(path.join(out, name), html);
}

/** Every page's operations by name, as the type generation finds them (scripts/build-types.ts); a name is one page's. */
function operationTexts(): Record<string, string> {
  const texts = new Map<string, string>();
  for (const page of PAGES)
    for (const [name, text] of targetOperations(page)) {
      if (texts.has(name)) throw new Error(`the operation name ${name} is used by two pages`);
      texts.set(name, text);
    }
  return Object.fromEntries([...texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const common: BuildOptions = {
    bundle: true,
    minify: true,
    logLevel: 'warning',
    absWorkingDir: PROJECT_ROOT,
    outdir: OUT,
    plugins: [woff2Only],
    loader: { '.woff2': 'file' },
    assetNames: '[name]-[hash]',
    publicPath: URL_PREFIX,
  };
  const script: BuildOptions = {
    ...common,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    sourcemap: 'linked',
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  await build({
    ...script,
    entryPoints: { app: path.join(SOURCE, 'main.ts'), explorer: path.join(SOURCE, 'explorer', 'main.ts') },
  });
  await build({
    ...common,
    entryPoints: {
      app: path.join(SOURCE, 'styles.css'),
      explorer: path.join(SOURCE, 'explorer', 'explorer.css'),
      // The briefing's A4 layout (gateway/briefing.ts serves the page and prints its PDF).
      briefing: path.join(PROJECT_ROOT, 'gateway', 'briefing.css'),
    },
  });
  extractInlinedFonts(path.join(OUT, 'explorer.css'));
  writePage(path.join(SOURCE, 'index.html'), 'index.html', ['app.js', 'app.css']);
  writePage(path.join(SOURCE, 'explorer', 'index.html'), 'explorer.html', ['explorer.js', 'explorer.css']);
  await buildReport(common, script);
  writeFileSync(PAGE_OPERATIONS_FILE, `${JSON.stringify(operationTexts(), null, 2)}\n`);
  process.stderr.write(
    `dashboard and explorer built into ${path.relative(PROJECT_ROOT, OUT)}/, the reporting page into dist/report/\n`,
  );
}

/** The reporting page (report/): app.js, app.css, its fonts and index.html, into dist/report/. */
async function buildReport(common: BuildOptions, script: BuildOptions): Promise<void> {
  rmSync(REPORT.out, { recursive: true, force: true });
  mkdirSync(REPORT.out, { recursive: true });
  const own = { outdir: REPORT.out, publicPath: REPORT.prefix };
  await build({ ...script, ...own, entryPoints: { app: path.join(REPORT.source, 'main.ts') } });
  await build({ ...common, ...own, entryPoints: { app: path.join(REPORT.source, 'styles.css') } });
  writePage(path.join(REPORT.source, 'index.html'), 'index.html', ['app.js', 'app.css'], REPORT.out, REPORT.prefix);
}

main().catch((error: unknown) => {
  process.stderr.write(`dashboard build failed: ${(error as Error).message}\n`);
  process.exit(1);
});
