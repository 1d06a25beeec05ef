/**
 * How the browser tests find Chromium (test/support/browser.ts): CHROMIUM_PATH first, then
 * a system Chromium/Chrome, else the one shipped in the npm package @sparticuz/chromium;
 * BROWSER=bundled forces the npm-shipped one. The npm-shipped one really starts here (as
 * root too) and renders a page, with no download.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledChromium, findChromium, launchBrowser } from '../support/browser';

jest.setTimeout(120_000);

describe('finding Chromium for the browser tests', () => {
  const saved = { CHROMIUM_PATH: process.env.CHROMIUM_PATH, PATH: process.env.PATH };
  let dir: string;
  let fake: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ipzone-finder-'));
    fake = path.join(dir, 'chromium');
    writeFileSync(fake, '#!/bin/sh\nexit 0\n');
    chmodSync(fake, 0o755);
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes CHROMIUM_PATH first, and refuses one that is not executable', () => {
    process.env.CHROMIUM_PATH = fake;
    expect(findChromium('')).toMatchObject({ executablePath: fake, source: 'CHROMIUM_PATH' });
    process.env.CHROMIUM_PATH = path.join(dir, 'missing');
    expect(() => findChromium('')).toThrow(/CHROMIUM_PATH=.*missing is not an executable file/);
  });

  it('takes a Chromium on the PATH next, and the npm-shipped one when there is none', () => {
    delete process.env.CHROMIUM_PATH;
    process.env.PATH = dir;
    expect(findChromium('')).toMatchObject({ executablePath: fake, source: 'system' });
    process.env.PATH = path.join(dir, 'empty');
    expect(findChromium('')).toMatchObject({ source: 'bundled' });
    expect(() => findChromium('system')).toThrow(/BROWSER=system: no Chromium or Chrome on the PATH/);
  });

  it('BROWSER=bundled takes the npm-shipped Chromium over CHROMIUM_PATH and the system one', () => {
    process.env.CHROMIUM_PATH = fake;
    process.env.PATH = dir;
    const found = findChromium('bundled');
    expect(found.source).toBe('bundled');
    expect(found.executablePath).toContain(path.join('node_modules', '.cache', 'ipzone-chromium'));
    expect(found.env.FONTCONFIG_FILE).toBeDefined();
    expect(() => findChromium('firefox')).toThrow(/BROWSER=firefox: use BROWSER=bundled/);
  });

  it('starts the npm-shipped Chromium (no sandbox, so as root too) and renders a page', async () => {
    const browser = await launchBrowser(bundledChromium());
    try {
      const page = await browser.context.newPage();
      await page.setContent('<p id="p" style="font: 20px sans-serif">ipzone-hub</p>');
      const box = await page.locator('#p').boundingBox();
      expect(box!.width).toBeGreaterThan(50);
      expect(await page.evaluate(() => navigator.userAgent)).toMatch(/Chrome\/\d+/);
    } finally {
      await browser.close();
    }
  });
});
