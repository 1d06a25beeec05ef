/**
 * The Chromium that prints the briefing: the one shipped inside the npm package
 * `@sparticuz/chromium` (a runtime dependency; Linux x64), driven by playwright-core.
 * Nothing is downloaded: its compressed binary is unpacked once per version, in a child
 * process whose TMPDIR is a private staging folder then renamed into place (so two
 * processes never see a half-written binary), into node_modules/.cache/ipzone-chromium/
 * (the folder the browser tests use too) or, where that cannot be written (a container's
 * read-only install), into a folder of the user's own under the system's temporary one.
 * It sees only the fonts shipped with it (fonts.conf), whatever the machine has: the
 * briefing's Chinese comes from its own web font, the same on every machine.
 *
 * One browser serves every render (a fresh context each); it is closed after a minute
 * without renders and when the gateway stops. playwright-core is loaded on first use only.
 */
import { execFile } from 'node:child_process';
import { constants, existsSync, readFileSync } from 'node:fs';
import { access, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { childEnvironment, PROJECT_ROOT, systemVariable } from '../lib/config';

const PACKAGE = '@sparticuz/chromium';
const IDLE_MS = 60_000;
const ARGS = [
  '--no-sandbox', // the hub may run as root (containers, CI); the page is the hub's own, every other request refused
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--mute-audio',
];

/** The PDF cannot be made on this machine: what is missing, in words for the caller. */
export class RendererUnavailable extends Error {}

const run = promisify(execFile);

/** Candidate folders for the unpacked browser, in order of preference. */
function cacheFolders(): string[] {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return [path.join(PROJECT_ROOT, 'node_modules', '.cache', 'ipzone-chromium'), path.join(os.tmpdir(), `ipzone-chromium-${uid}`)];
}

/** A folder this process may keep an executable in: created if missing; under the temporary folder only if its own and closed to others. */
async function usable(folder: string, temporary: boolean): Promise<boolean> {
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const info = await stat(folder);
    if (temporary && (info.uid !== process.getuid?.() || (info.mode & 0o022) !== 0)) return false;
    await access(folder, constants.W_OK | constants.X_OK);
    return info.isDirectory();
  } catch {
    return false;
  }
}

async function unpack(): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new RendererUnavailable(
      `the PDF is printed by the Chromium of ${PACKAGE}, built for Linux x64 only (this is ${process.platform} ${process.arch}): print /briefing from a browser instead`,
    );
  }
  let entry: string;
  try {
    entry = require.resolve(PACKAGE);
  } catch {
    throw new RendererUnavailable(`${PACKAGE} is not installed (run \`npm ci\`)`);
  }
  const version = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', '..', 'package.json'), 'utf8')).version as string;
  const folders = cacheFolders();
  for (const folder of folders) if (existsSync(path.join(folder, version, 'ready'))) return path.join(folder, version);
  let cache: string | undefined;
  for (const [i, folder] of folders.entries())
    if (await usable(folder, i > 0)) {
      cache = folder;
      break;
    }
  if (!cache) throw new RendererUnavailable(`no folder to unpack Chromium into (tried ${folders.join(', ')})`);
  const dir = path.join(cache, version);
  const staging = await mkdtemp(path.join(cache, `.${version}-`));
  try {
    const script = `require(${JSON.stringify(entry)}).executablePath().then((p) => process.stdout.write(p))`;
    const { stdout } = await run(process.execPath, ['-e', script], {
      env: childEnvironment({ TMPDIR: staging, AWS_EXECUTION_ENV: '', AWS_LAMBDA_JS_RUNTIME: '', VERCEL: '' }),
      encoding: 'utf8',
    });
    if (path.resolve(stdout) !== path.join(staging, 'chromium'))
      throw new Error(`${PACKAGE} unpacked its Chromium to ${stdout}, not into ${staging}`);
    await writeFile(
      path.join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <dir>${path.join(dir, 'fonts', 'fonts')}</dir>\n  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    await writeFile(path.join(staging, 'ready'), `${version}\n`);
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process renamed its copy into place first: use that one.
    if (!existsSync(path.join(dir, 'ready'))) throw error;
  }
  return dir;
}

let unpacked: Promise<string> | null = null;

/** The folder of the unpacked browser (unpacked on first call; a failed attempt is retried on the next). */
function chromiumFolder(): Promise<string> {
  unpacked ??= unpack().catch((error: unknown) => {
    unpacked = null;
    throw error;
  });
  return unpacked;
}

/** The one browser the gateway prints with, started when first needed. */
export class SharedChromium {
  private browser: Promise<Browser> | null = null;
  private idle: NodeJS.Timeout | undefined;
  private users = 0;

  /** Runs `use` with the browser (started within `timeoutMs` if it is not running). */
  async with<T>(timeoutMs: number, use: (browser: Browser) => Promise<T>): Promise<T> {
    this.users += 1;
    clearTimeout(this.idle);
    try {
      return await use(await this.running(timeoutMs));
    } finally {
      this.users -= 1;
      if (this.users === 0) this.idle = setTimeout(() => void this.close(), IDLE_MS).unref();
    }
  }

  private async running(timeoutMs: number): Promise<Browser> {
    const current = this.browser && (await this.browser.catch(() => null));
    if (current?.isConnected()) return current;
    const started = (this.browser = this.launch(timeoutMs));
    started.catch(() => {
      if (this.browser === started) this.browser = null;
    });
    return started;
  }

  private async launch(timeoutMs: number): Promise<Browser> {
    const dir = await chromiumFolder();
    const { chromium } = await import('playwright-core');
    try {
      return await chromium.launch({
        executablePath: path.join(dir, 'chromium'),
        headless: true,
        args: ARGS,
        timeout: timeoutMs,
        // The hub stops on its signals itself, the browser last (onClose): playwright's own
        // handlers would close it under a print in flight, and on SIGINT end the process
        // (exit 130) before the hub has stopped its services and its database.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        env: {
          PATH: systemVariable('PATH') ?? '/usr/bin:/bin',
          HOME: systemVariable('HOME') ?? os.tmpdir(),
          TMPDIR: os.tmpdir(),
          TZ: 'UTC',
          FONTCONFIG_FILE: path.join(dir, 'fonts.conf'),
        },
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw error;
      throw new RendererUnavailable(
        `Chromium (${path.join(dir, 'chromium')}) did not start: ${(error as Error).message.split('\n')[0]}`,
      );
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.idle);
    const browser = this.browser;
    this.browser = null;
    const running = browser && (await browser.catch(() => null));
    await running?.close().catch(() => undefined);
  }
}
