/** A real browser for the dashboard tests: Debian's Chromium driven by playwright-core. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../lib/config';
import type { Hub } from '../../lib/hub';
import { startTestHub } from './hub';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile (a new --user-data-dir) for each hub. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the dashboard tests need Chromium at ${CHROMIUM} (Debian/Ubuntu: apt-get install chromium); CI installs it`);
  }
  if (!existsSync(path.join(PROJECT_ROOT, 'dist', 'dashboard', 'index.html'))) {
    throw new Error('the dashboard is not built: run `npm run build` (npm test runs it first)');
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'ipzone-dashboard-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
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
  stop(): Promise<void>;
}

/** A hub (with what `prepare` writes through its gateway) and a browser to open its dashboard in. */
export async function startDashboardHub(prepare?: (url: string) => Promise<void>): Promise<DashboardHub> {
  const hub = await startTestHub();
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
