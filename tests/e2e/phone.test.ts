/**
 * Reading on a 360 px phone: figure and demo-chart text as rendered, the glossary, the sidebar
 * (and its behaviour on a desktop) and the theme button's state.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { hasBrowser, useSite } from '../support/e2e.ts';
import { htmlPages, readDist } from '../support/site.ts';

const PHONE = 360;
/** The smallest text, in CSS pixels as rendered, that a figure or chart may draw. */
const MIN_TEXT_PX = 11;

const urlOf = (file: string) => `/${file.replace(/index\.html$/, '')}`;

/** Pages of the built site (both languages) that draw a figure or a demo chart. */
const chartPages = htmlPages.filter((f) => /class="(figure|demo-chart)"/.test(readDist(f)));

/**
 * The text in the page's figures and demo charts: its smallest rendered size (each <text> or
 * <tspan>'s computed font size times the scale its SVG is drawn at, from getScreenCTM), and the
 * texts that reach more than 1 px outside their SVG, which clips them. A text's box spans its
 * advance widths and its font's ascent and descent, not its ink, so a label flush with the edge
 * may stick out a little without losing any. Each run of text is measured once (a <text> with
 * <tspan>s through its <tspan>s), and text that is not laid out (a hidden panel) is left out.
 */
function textMetrics(page: Page) {
  return page.evaluate(() => {
    let min = { px: Infinity, text: '' };
    let count = 0;
    const clipped: string[] = [];
    const svgs = document.querySelectorAll<SVGSVGElement>('figure.figure svg, .demo-chart svg');
    for (const svg of svgs) {
      const frame = svg.getBoundingClientRect();
      for (const el of svg.querySelectorAll<SVGTextContentElement>('text, tspan')) {
        const box = el.getBoundingClientRect();
        if (el.querySelector('tspan') || !el.textContent?.trim() || box.width === 0) continue;
        const m = el.getScreenCTM();
        if (!m) continue;
        const px = parseFloat(getComputedStyle(el).fontSize) * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
        count++;
        const text = el.textContent.trim().slice(0, 40);
        if (px < min.px) min = { px, text };
        const out = Math.max(
          frame.left - box.left,
          box.right - frame.right,
          frame.top - box.top,
          box.bottom - frame.bottom,
        );
        if (out > 1) clipped.push(`"${text}" by ${out.toFixed(1)} px`);
      }
    }
    return { svgs: svgs.length, count, clipped, ...min };
  });
}

describe.skipIf(!hasBrowser)('on a phone (360 px)', () => {
  const site = useSite();
  let phone: Awaited<ReturnType<typeof site.page>> | undefined;
  const phonePage = async () => (phone ??= await site.page({ width: PHONE })).page;
  afterAll(() => phone?.context.close());

  it('finds figures and demo charts in both languages', () => {
    expect(chartPages.filter((f) => !f.startsWith('zh/')).length).toBeGreaterThan(30);
    expect(chartPages.filter((f) => f.startsWith('zh/')).length).toBeGreaterThan(30);
  });

  it(`draws every figure's and demo chart's text at ${MIN_TEXT_PX} px or more, none of it cut off`, async () => {
    const page = await phonePage();
    const small: string[] = [];
    const clipped: string[] = [];
    let smallest = { px: Infinity, where: '' };
    let texts = 0;
    for (const file of chartPages) {
      await page.goto(`${site.url}${urlOf(file)}`);
      const r = await textMetrics(page);
      expect(r.svgs, file).toBeGreaterThan(0);
      clipped.push(...r.clipped.map((c) => `${file}: ${c}`));
      texts += r.count;
      if (r.px < smallest.px) smallest = { px: r.px, where: `${file} "${r.text}"` };
      if (r.px < MIN_TEXT_PX) small.push(`${file}: ${r.px.toFixed(1)} px ("${r.text}")`);
    }
    console.info(
      `Smallest figure/chart text at ${PHONE} px: ${smallest.px.toFixed(2)} px (${smallest.where}); ${texts} texts on ${chartPages.length} pages.`,
    );
    expect(texts).toBeGreaterThan(1000);
    expect(small).toEqual([]);
    expect(clipped).toEqual([]);
  }, 150_000);

  for (const lang of ['en', 'zh'] as const) {
    const prefix = lang === 'zh' ? '/zh' : '';

    it(`${lang}: the glossary fits, its terms are the term chips' targets, the filter and letters work`, async () => {
      const page = await phonePage();
      // A term chip on a note links to the term, which is shown on arrival.
      await page.goto(`${site.url}${prefix}/recall/two-tower/`);
      const chip = page.locator('ul.terms a').nth(2);
      const href = (await chip.getAttribute('href'))!;
      expect(href).toMatch(new RegExp(`^${prefix}/glossary/#[a-z0-9-]+$`));
      await chip.click();
      await page.waitForURL(`**${href}`);
      const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
      const landed = await page.evaluate((id) => {
        const term = document.getElementById(id);
        if (!term) return null;
        const dt = term.querySelector('dt')!.getBoundingClientRect();
        const hit = document.elementFromPoint(dt.left + 5, dt.top + dt.height / 2);
        return {
          isTerm: term.classList.contains('term'),
          inView: dt.top >= 0 && dt.bottom <= innerHeight,
          uncovered: hit?.closest('.term') === term,
        };
      }, id);
      expect(landed).toEqual({ isTerm: true, inView: true, uncovered: true });

      // Every chip on every note (of this language) points at a term that exists.
      const ids = new Set(await page.$$eval('.glossary .term[id]', (els) => els.map((e) => e.id)));
      expect(ids.size).toBeGreaterThan(100);
      const chipTargets = new Set(
        htmlPages
          .filter((f) => (lang === 'zh') === f.startsWith('zh/'))
          .flatMap((f) => [...readDist(f).matchAll(/href="[^"]*\/glossary\/#([^"]+)"/g)].map((m) => m[1]!)),
      );
      expect(chipTargets.size).toBeGreaterThan(50);
      expect([...chipTargets].filter((t) => !ids.has(decodeURIComponent(t)))).toEqual([]);

      // No sideways scroll.
      const widths = await page.evaluate(() => ({
        doc: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
      }));
      expect(widths.doc).toBeLessThanOrEqual(widths.view);

      // The filter: typing a term leaves only the terms that match it.
      const query = lang === 'zh' ? '负采样' : 'negative';
      await page.locator('#glossary-filter').fill(query);
      const filtered = await page.$$eval('.glossary .term', (els) =>
        els.map((e) => ({ shown: (e as HTMLElement).offsetParent !== null, text: e.textContent!.toLowerCase() })),
      );
      const shown = filtered.filter((t) => t.shown);
      expect(shown.length).toBeGreaterThan(1);
      expect(shown.length).toBeLessThan(filtered.length / 4);
      expect(shown.filter((t) => !t.text.includes(query))).toEqual([]);
      expect(filtered.filter((t) => !t.shown && t.text.includes(query))).toEqual([]);
      await expect(page.locator('#glossary-count').textContent()).resolves.toContain(String(shown.length));
      await page.locator('#glossary-filter').fill('');
      await expect(page.locator('.glossary .term:visible').count()).resolves.toBe(filtered.length);

      // The letter index: tapping a letter brings its group into view.
      const letters = page.locator('.letter-index a');
      expect(await letters.count()).toBeGreaterThan(10);
      const letter = letters.nth(5);
      const target = (await letter.getAttribute('href'))!.slice(1);
      await letter.click();
      await page.waitForFunction((t) => location.hash === `#${t}`, target);
      const heading = await page.evaluate((t) => {
        const h = document.getElementById(t)!;
        const box = h.getBoundingClientRect();
        return { tag: h.tagName, top: box.top, bottom: box.bottom, height: innerHeight };
      }, target);
      expect(heading.tag).toBe('H2');
      expect(heading.top).toBeGreaterThanOrEqual(0);
      expect(heading.bottom).toBeLessThanOrEqual(heading.height);
    });
  }

  it('sidebar: reachable on the phone; on a desktop the current note is scrolled into view and sections fold', async () => {
    // Phone: the notes list sits behind one tap, and its links are then on screen.
    const page = await phonePage();
    await page.goto(`${site.url}/recall/two-tower/`);
    const all = page.locator('.sidebar > details > summary');
    await expect(all.isVisible()).resolves.toBe(true);
    const current = page.locator('.sidebar [aria-current="page"]');
    await expect(current.isVisible()).resolves.toBe(false);
    await all.click();
    await expect(current.isVisible()).resolves.toBe(true);

    // Desktop: open the last note of the last section.
    const { page: desk, context } = await site.page({ width: 1280 });
    await desk.goto(`${site.url}/`);
    const last = (await desk.locator('.sidebar .nav-section').last().locator('li a').last().getAttribute('href'))!;
    await desk.goto(`${site.url}${last}`);
    const seen = await desk.evaluate(() => {
      const bar = document.querySelector<HTMLElement>('.sidebar')!;
      const cur = bar.querySelector<HTMLElement>('[aria-current="page"]')!;
      const b = bar.getBoundingClientRect();
      const c = cur.getBoundingClientRect();
      return {
        scrolls: bar.scrollHeight > bar.clientHeight,
        scrollTop: bar.scrollTop,
        inside: c.top >= b.top && c.bottom <= b.bottom && c.bottom <= innerHeight,
        pageScroll: scrollY,
      };
    });
    expect(seen).toMatchObject({ scrolls: true, inside: true, pageScroll: 0 });
    expect(seen.scrollTop).toBeGreaterThan(0);

    // A section folds away (its notes hidden) and opens again.
    const section = desk.locator('.sidebar .nav-section').first();
    const firstNote = section.locator('li a').first();
    await expect(firstNote.isVisible()).resolves.toBe(true);
    await section.locator('> summary').click();
    await expect(section.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    await expect(firstNote.isVisible()).resolves.toBe(false);
    await section.locator('> summary').click();
    await expect(firstNote.isVisible()).resolves.toBe(true);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const)
    it(`theme button on a ${colorScheme} phone: shows its state, and the first tap changes the colours`, async () => {
      const { page, context, errors } = await site.page({ width: PHONE, colorScheme });
      await page.goto(`${site.url}/recall/two-tower/`);
      const toggle = page.locator('[data-theme-toggle]');
      const state = () =>
        toggle.evaluate((b) => ({
          label: b.getAttribute('aria-label'),
          icon: getComputedStyle(b.querySelector('.theme-icon')!, '::before').content,
          theme: document.documentElement.getAttribute('data-theme'),
          background: getComputedStyle(document.body).backgroundColor,
        }));
      await expect(toggle.isVisible()).resolves.toBe(true);
      const seen = [await state()];
      const pixels = [await toggle.screenshot()];
      for (let i = 0; i < 3; i++) {
        await toggle.click();
        // Off the button, so the screenshot shows the state, not the hover.
        await page.mouse.move(0, 0);
        seen.push(await state());
        pixels.push(await toggle.screenshot());
      }
      // Three states (system, then the theme the system is not showing, then the other), each with
      // its own name and icon, and back to the first.
      const other = colorScheme === 'light' ? 'dark' : 'light';
      expect(seen.map((s) => s.theme)).toEqual([null, other, colorScheme, null]);
      expect(new Set(seen.slice(0, 3).map((s) => s.label)).size).toBe(3);
      expect(new Set(seen.slice(0, 3).map((s) => s.icon)).size).toBe(3);
      expect(seen[3]).toEqual(seen[0]);
      expect(pixels[1]!.equals(pixels[0]!)).toBe(false);
      // The first tap changes the page's colours, and the second changes them back.
      expect(seen[1]!.background).not.toBe(seen[0]!.background);
      expect(seen[2]!.background).toBe(seen[0]!.background);
      expect(errors).toEqual([]);
      await context.close();
    });
});
