/**
 * Throttled networks through CDP, with Chrome DevTools' presets (devtools-frontend,
 * front_end/core/sdk/NetworkManager.ts): Fast 3G = 562.5 ms latency, 1.44 Mbit/s down
 * (180,000 B/s), 675 kbit/s up; Slow 3G = 2,000 ms latency, 400 kbit/s (50,000 B/s) both ways.
 */
import type { BrowserContext, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasBrowser, useSite } from '../support/e2e.ts';

const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
const SLOW_3G = { offline: false, latency: 2_000, downloadThroughput: 50_000, uploadThroughput: 50_000 };

async function throttle(context: BrowserContext, page: Page, conditions: typeof FAST_3G) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', conditions);
  return cdp;
}

describe.skipIf(!hasBrowser)('slow networks', () => {
  const site = useSite();

  it('Fast 3G: "/" then "adam" at once keeps every key, shows loading, first results within 2 s', async () => {
    const { page, context } = await site.page();
    await throttle(context, page, FAST_3G);
    await page.goto(`${site.url}/deep-learning/optimizers/`);
    await page.keyboard.press('/');
    const start = Date.now();
    await page.keyboard.type('adam');
    await expect(page.locator('#search-input').inputValue()).resolves.toBe('adam');
    await expect(page.locator('#search-status').textContent()).resolves.toMatch(/Loading/);
    await page.locator('#search-results a').first().waitFor({ timeout: 10_000 });
    const elapsed = Date.now() - start;
    expect(elapsed).toBeLessThan(2_000);
    await context.close();
  });

  it('Slow 3G: formulas are painted while the KaTeX fonts are still loading (font-display: swap)', async () => {
    const { page, context } = await site.page();
    const cdp = await throttle(context, page, SLOW_3G);
    // Hold every KaTeX font request (the preloads and the @font-face loads) until the checks are
    // done, so they run "before the fonts arrive" however fast the machine is.
    const held: Route[] = [];
    let release = false;
    await page.route('**/katex/fonts/**', (route) => (release ? route.continue() : void held.push(route)));
    // 'commit': goto returns once the response starts; waiting for 'load' would wait for the held fonts.
    await page.goto(`${site.url}/evaluation/auc-gauc/`, { waitUntil: 'commit' });
    const math = page.locator('.katex-html').first();
    await math.waitFor({ state: 'visible', timeout: 25_000 });
    // The KaTeX style sheet has arrived (math can be laid out before it does).
    await page.waitForFunction(
      () => [...document.styleSheets].some((s) => s.href?.includes('katex') && s.cssRules.length > 0),
      null,
      { timeout: 25_000 },
    );
    const faces = await page.evaluate(() => {
      const sheet = [...document.styleSheets].find((s) => s.href?.includes('katex'));
      return [...(sheet?.cssRules ?? [])]
        .filter((r): r is CSSFontFaceRule => r instanceof CSSFontFaceRule)
        .map((r) => ({
          family: r.style.getPropertyValue('font-family'),
          display: r.style.getPropertyValue('font-display'),
        }));
    });
    expect(faces.length).toBeGreaterThan(10);
    expect(faces.filter((f) => f.display !== 'swap')).toEqual([]);
    // The fonts really are pending: requests are held and the main KaTeX face is not loaded.
    expect(held.length).toBeGreaterThan(0);
    const state = await math.evaluate((el) => {
      const glyph = el.querySelector<HTMLElement>('.mord') ?? (el as HTMLElement);
      const box = el.getBoundingClientRect();
      return {
        loaded: document.fonts.check('16px KaTeX_Main'),
        text: el.textContent?.trim() ?? '',
        width: box.width,
        height: box.height,
        visibility: getComputedStyle(glyph).visibility,
        color: getComputedStyle(glyph).color,
        family: getComputedStyle(glyph).fontFamily,
      };
    });
    expect(state.loaded).toBe(false);
    expect(state.text).not.toBe('');
    expect(state.width).toBeGreaterThan(0);
    expect(state.height).toBeGreaterThan(0);
    expect(state.visibility).toBe('visible');
    expect(state.color).not.toMatch(/rgba\(.*, 0\)|transparent/);
    // The KaTeX family names a fallback that is drawn meanwhile.
    expect(state.family).toMatch(/KaTeX_\w+.*,\s*("?Times New Roman"?|serif)/);
    // Painted, not just laid out: the pixels of a letter (a glyph only, no rule or border) change
    // when it is made transparent. Playwright's own screenshots wait for web fonts; CDP's capture
    // shows what is painted now.
    const letter = math.locator('.mord.mathnormal').first();
    const shot = async () => {
      const box = (await letter.boundingBox())!;
      const { data } = await cdp.send('Page.captureScreenshot', { clip: { ...box, scale: 1 } });
      return data;
    };
    const painted = await shot();
    await letter.evaluate((e) => ((e as HTMLElement).style.color = 'transparent'));
    expect(await shot()).not.toBe(painted);
    release = true;
    await Promise.all(held.map((r) => r.continue().catch(() => undefined)));
    await context.close();
  }, 30_000);
});
