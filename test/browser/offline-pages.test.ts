/**
 * The hub's pages need nothing but the hub: the dashboard draws its Chinese with the web
 * font it ships (Noto Sans SC from npm) in a browser that has no CJK font, and the
 * explorer on GET /graphql loads and runs a query with every request off this machine
 * refused.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../lib/config';
import type { Hub } from '../../hub';
import { CONTENT_SECURITY_POLICY } from '../../gateway/dashboard';
import { EXPLORER_CONTENT_SECURITY_POLICY } from '../../gateway/explorer';
import { type Browser, bundledChromium, launchBrowser, openPage } from '../support/browser';
import { graphql, startTestHub } from '../support/hub';

jest.setTimeout(180_000);

const WEB_FONT = 'Noto Sans SC';

interface PlatformFont {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/** The fonts Chromium really drew an element's text with (DevTools' "Rendered Fonts"). */
async function renderedFonts(page: Page, selector: string): Promise<PlatformFont[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map(({ familyName, isCustomFont, glyphCount }) => ({ familyName, isCustomFont, glyphCount }));
  } finally {
    await cdp.detach();
  }
}

/**
 * Draws each character on a canvas in the given font and counts the distinct pictures:
 * missing glyphs (tofu) are all the same box, real ones differ from each other.
 */
function distinctGlyphs(page: Page, text: string, family: string): Promise<{ characters: number; distinct: number }> {
  return page.evaluate(
    async ({ text, family }) => {
      const font = `40px ${family}`;
      await document.fonts.load(font, text);
      const canvas = document.createElement('canvas');
      canvas.width = 48;
      canvas.height = 48;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      const characters = [...new Set(text)];
      const pictures = new Set<string>();
      for (const character of characters) {
        ctx.clearRect(0, 0, 48, 48);
        ctx.font = font;
        ctx.textBaseline = 'top';
        ctx.fillText(character, 4, 4);
        pictures.add(Array.from(ctx.getImageData(0, 0, 48, 48).data.filter((_, i) => i % 4 === 3)).join(','));
      }
      return { characters: characters.length, distinct: pictures.size };
    },
    { text, family },
  );
}

describe('the pages offline', () => {
  let hub: Hub;
  let base: string;

  beforeAll(async () => {
    if (!existsSync(path.join(PROJECT_ROOT, 'dist', 'dashboard', 'explorer.html'))) {
      throw new Error('the pages are not built: run `npm run build` (npm test runs it first)');
    }
    hub = await startTestHub();
    base = hub.gateway.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await hub?.stop();
  });

  describe('Chinese on a machine with no CJK font (the npm-shipped Chromium, which sees only its own Open Sans)', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser(bundledChromium());
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('serves the web font from the hub, under the dashboard CSP', async () => {
      const html = await (await fetch(`${base}/dashboard`)).text();
      const css = await (await fetch(`${base}${html.match(/href="(\/dashboard\/app\.css\?v=[0-9a-f]+)"/)![1]}`)).text();
      expect(css).toMatch(new RegExp(`@font-face\\{font-family:"?${WEB_FONT}"?;`));
      const fonts = [...css.matchAll(/url\("?(\/dashboard\/noto-sans-sc-[^")]+\.woff2)"?\)/g)].map((m) => m[1]);
      expect(fonts.length).toBeGreaterThan(100); // unicode-range subsets, two weights
      const font = await fetch(`${base}${fonts[0]}`);
      expect(font.status).toBe(200);
      expect(font.headers.get('content-type')).toBe('font/woff2');
      expect(font.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect((await font.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    });

    it("draws the plan's title, the goals' and the agencies' names in the web font, each glyph real (not tofu)", async () => {
      const { page, problems } = await openPage(browser, `${base}/dashboard?asOf=2025-12-31&refresh=0`);
      await page.waitForSelector('body[data-loading="false"]', { state: 'attached' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const title = (await page.textContent('#plan-title'))!;
      expect(title).toBe('武汉市国家知识产权保护示范区建设方案');
      // Chromium reports every glyph of these elements as drawn by the web font it downloaded.
      for (const selector of ['#plan-title', '#tiles .tile .name-zh', '#completeness .name-zh']) {
        const text = (await page.textContent(selector))!;
        expect(text).toMatch(/\p{Script=Han}/u);
        // The font's own name inside the files is "Noto Sans SC Thin" (a variable font).
        const fonts = (await renderedFonts(page, selector)).map((f) => ({ ...f, familyName: f.familyName.startsWith(WEB_FONT) }));
        expect({ selector, fonts }).toEqual({
          selector,
          fonts: [{ familyName: true, isCustomFont: true, glyphCount: [...text].length }],
        });
      }
      // The glyphs are real: each character looks different in the web font, while the
      // browser's own fonts draw every one as the same box.
      const characters = new Set(title).size;
      expect(await distinctGlyphs(page, title, `"${WEB_FONT}"`)).toEqual({ characters, distinct: characters });
      expect(await distinctGlyphs(page, title, 'sans-serif')).toEqual({ characters, distinct: 1 });
      expect(problems).toEqual([]);
      await page.close();
    });
  });

  describe('the explorer on GET /graphql with the network cut', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('answers a browser with the bundled explorer: no address off this hub, the dashboard CSP', async () => {
      const response = await fetch(hub.gateway.url, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).not.toMatch(/https?:\/\//);
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${EXPLORER_CONTENT_SECURITY_POLICY}" />`);
      expect(EXPLORER_CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
      const script = await fetch(`${base}${html.match(/src="(\/dashboard\/explorer\.js\?v=[0-9a-f]+)"/)![1]}`);
      expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await script.text()).not.toMatch(/https?:\/\/[a-z0-9.-]*(cdn|unpkg|jsdelivr|esm\.sh|apollographql)/i);
    });

    it('loads and runs a query with every request off this machine refused', async () => {
      const offMachine: string[] = [];
      const page = await browser.context.newPage();
      await page.route('**/*', (route) => {
        const { hostname } = new URL(route.request().url());
        if (['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) return route.continue();
        offMachine.push(route.request().url());
        return route.abort('internetdisconnected');
      });
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(hub.gateway.url);
      await page.waitForSelector('.graphiql-query-editor .CodeMirror');
      await page.evaluate(() => {
        const editor = document.querySelector('.graphiql-query-editor .CodeMirror') as HTMLElement & {
          CodeMirror: { setValue(text: string): void };
        };
        editor.CodeMirror.setValue('{ organizationByName(name: "市场监管局") { id name } }');
      });
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(
        () => document.querySelector('.result-window')?.textContent?.includes('市市场监管局'),
        undefined,
        {
          timeout: 20_000,
        },
      );
      const shown = JSON.parse(
        await page.evaluate(() => {
          const result = document.querySelector('.result-window .CodeMirror') as HTMLElement & {
            CodeMirror: { getValue(): string };
          };
          return result.CodeMirror.getValue();
        }),
      );
      const api = await graphql(hub.gateway.url, '{ organizationByName(name: "市场监管局") { id name } }');
      expect(shown).toEqual({ data: api.data });
      // The answer's Chinese is drawn in a real font here too (the web font where the system has no CJK font).
      await page.evaluate(() => {
        const own = (e: Element) =>
          [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes('市市场监管局'));
        [...document.querySelectorAll('.result-window .CodeMirror-code *')].find(own)!.setAttribute('data-chinese', 'true');
      });
      const fonts = await renderedFonts(page, '.result-window [data-chinese]');
      expect(fonts.some((f) => /CJK|SC|Hei|Han/i.test(f.familyName))).toBe(true);
      expect(offMachine).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  });
});
