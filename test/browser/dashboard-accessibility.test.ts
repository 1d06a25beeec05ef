/**
 * The dashboard as people who use a keyboard, a screen reader or poor eyesight meet it:
 * axe-core (WCAG 2.1 A and AA, best practice) finds no serious or critical violation in any
 * view — the plan as of 2026-03-31 with the demo figures, the accepted figures, a target's
 * detail, a section's tasks — on a laptop (1280 px) and a phone (390 px); and the scrollable
 * lists can be reached from the keyboard.
 */
import type { Page } from 'playwright-core';
import { loaded, useDashboardHub } from '../support/browser';
import { pushDemoFigures } from '../support/demo';
import { axeSource, seriousViolations } from '../support/report-page';

jest.setTimeout(180_000);

const AS_OF = '2026-03-31';
const AXE = axeSource();
const state = useDashboardHub(pushDemoFigures);

async function view(width: number, query: string): Promise<Page> {
  const page = await state.browser.context.newPage();
  await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
  await page.goto(`${state.base}/dashboard?asOf=${AS_OF}&refresh=0${query}`);
  await loaded(page);
  return page;
}

for (const width of [1280, 390]) {
  describe(`at ${width} px`, () => {
    it('the plan, and the accepted figures: no serious violation', async () => {
      for (const query of ['', '&figures=ACCEPTED']) {
        const page = await view(width, query);
        expect({ query, violations: await seriousViolations(page, AXE, 'body') }).toEqual({ query, violations: [] });
        await page.close();
      }
    });

    it("a target's detail, opened from its tile: no serious violation", async () => {
      const page = await view(width, '');
      await page.click('#tiles [data-open="trial-closure-within-limit-rate"]');
      await page.waitForSelector('#detail[open] .history');
      expect(await seriousViolations(page, AXE, '#detail')).toEqual([]);
      await page.close();
    });

    it('every scrollable list can be reached with the Tab key', async () => {
      const page = await view(width, '');
      const unreachable = await page.$$eval('body *', (elements) =>
        elements
          .filter((e) => {
            const style = getComputedStyle(e);
            const scrolls = /(auto|scroll)/.test(style.overflowY) && e.scrollHeight > e.clientHeight + 1;
            const focusable =
              (e as HTMLElement).tabIndex >= 0 || e.querySelector('a[href], button, input, select, summary, [tabindex]');
            return scrolls && !focusable;
          })
          .map((e) => e.id || e.className),
      );
      expect(unreachable).toEqual([]);
      await page.close();
    });
  });
}
