/** The two languages: the switch lands on the twin page and heading, the choice is remembered, lang and hreflang. */
import { describe, expect, it } from 'vitest';
import { hasBrowser, useSite } from '../support/e2e.ts';
import { SITE } from '../support/site.ts';

describe.skipIf(!hasBrowser)('Chinese edition', () => {
  const site = useSite();

  it('switches a note to its Chinese twin, on the same heading, and the home page remembers', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/recall/two-tower/`);
    await page.locator('a[data-lang-switch="zh"]').first().click();
    await page.waitForURL('**/zh/recall/two-tower/');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');

    // Opened at a heading (#fragment): the twin opens at the heading in the same position.
    const enIds = await (async () => {
      await page.goto(`${site.url}/recall/two-tower/`);
      return page.evaluate(() => [...document.querySelectorAll('.prose .heading-wrapper > [id]')].map((h) => h.id));
    })();
    const zhIds = await (async () => {
      await page.goto(`${site.url}/zh/recall/two-tower/`);
      return page.evaluate(() => [...document.querySelectorAll('.prose .heading-wrapper > [id]')].map((h) => h.id));
    })();
    expect(enIds.length).toBeGreaterThan(2);
    expect(zhIds.length).toBe(enIds.length);
    await page.goto(`${site.url}/recall/two-tower/#${enIds[2]}`);
    await page.locator('a[data-lang-switch="zh"]').first().click();
    await page.waitForURL((u) => u.pathname === '/zh/recall/two-tower/');
    expect(decodeURIComponent(new URL(page.url()).hash.slice(1))).toBe(zhIds[2]);
    // ... and back.
    await page.locator('a[data-lang-switch="en"]').first().click();
    await page.waitForURL((u) => u.pathname === '/recall/two-tower/');
    expect(new URL(page.url()).hash.slice(1)).toBe(enIds[2]);

    // The last choice was English: the home page stays English.
    await page.goto(`${site.url}/`);
    expect(new URL(page.url()).pathname).toBe('/');
    // Choosing Chinese sends the reader who opens / to the Chinese home page.
    await page.goto(`${site.url}/glossary/`);
    await page.locator('a[data-lang-switch="zh"]').first().click();
    await page.waitForURL('**/zh/glossary/');
    await page.goto(`${site.url}/`);
    await page.waitForURL((u) => u.pathname === '/zh/');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('scrolled to a heading (no fragment), the reader lands on the same heading of the twin', async () => {
    const { page, context } = await site.page();
    const ids = async (path: string) => {
      await page.goto(`${site.url}${path}`);
      return page.evaluate(() => [...document.querySelectorAll('.prose .heading-wrapper > [id]')].map((h) => h.id));
    };
    const en = await ids('/ranking/calibration/');
    const zh = await ids('/zh/ranking/calibration/');
    expect(zh.length).toBe(en.length);
    const k = Math.floor(zh.length / 2);
    // Instantly, not smoothly: the click must come when the heading is where the reader stopped.
    await page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ behavior: 'instant' }), zh[k]!);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    // A reader's click, where the link is: Playwright's own click first scrolls a sticky element
    // "into view", which moves the page.
    const box = (await page.locator('a[data-lang-switch="en"]').first().boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL((u) => u.pathname === '/ranking/calibration/');
    expect(decodeURIComponent(new URL(page.url()).hash.slice(1))).toBe(en[k]);
    await context.close();
  });

  it('declares the language and links the twins both ways (note, home, glossary)', async () => {
    const { page, context } = await site.page();
    for (const path of ['recall/two-tower/', '', 'glossary/']) {
      for (const [lang, prefix, htmlLang] of [
        ['en', '', 'en'],
        ['zh', 'zh/', 'zh-CN'],
      ] as const) {
        await page.goto(`${site.url}/${prefix}${path}`);
        await expect(page.locator('html').getAttribute('lang'), `${lang} ${path}`).resolves.toBe(htmlLang);
        const alternates = await page.evaluate(() =>
          Object.fromEntries(
            [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [
              l.getAttribute('hreflang'),
              l.getAttribute('href'),
            ]),
          ),
        );
        expect(alternates, `${lang} ${path}`).toMatchObject({
          en: `${SITE}/${path}`,
          'zh-CN': `${SITE}/zh/${path}`,
        });
      }
    }
    await context.close();
  });
});
