/** The downloaded zip, unpacked and opened from disk: pages, links, math, theme, demos and search. */
import { unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OFFLINE_ROOT } from '../../src/integrations/offline.ts';
import { OFFLINE_ZIP } from '../../src/lib/site-assets.ts';
import { hasBrowser, useSite } from '../support/e2e.ts';
import { search } from '../support/search.ts';
import { DIST } from '../support/site.ts';

function unpack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rr-offline-'));
  for (const [name, data] of Object.entries(unzipSync(readFileSync(join(DIST, OFFLINE_ZIP))))) {
    if (name.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return join(dir, OFFLINE_ROOT);
}

describe.skipIf(!hasBrowser)('the offline copy, opened from file://', () => {
  const site = useSite();
  const root = hasBrowser ? unpack() : '';
  const fileUrl = (path: string) => pathToFileURL(join(root, path)).href;

  it('navigates by relative links and renders math, code and figures with local files only', async () => {
    const { page, context, errors } = await site.page();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(fileUrl('index.html'));
    await page.getByRole('navigation', { name: 'All notes' }).getByRole('link', { name: 'AUC and GAUC' }).click();
    await page.waitForURL(/evaluation\/auc-gauc\/index\.html$/);
    // KaTeX's stylesheet applies (its fonts are local files): the math is typeset, not raw TeX.
    await expect(
      page
        .locator('.katex')
        .first()
        .evaluate((e) => getComputedStyle(e).fontFamily),
    ).resolves.toContain('KaTeX');
    await expect(page.locator('pre.astro-code').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('figure.figure svg').count()).resolves.toBeGreaterThan(0);
    await page.locator('.pager a[rel="next"]').click();
    await page.waitForURL(/index\.html$/);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches the theme and runs the demos', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(fileUrl('evaluation/auc-gauc/index.html'));
    await page.locator('[data-theme-toggle]').click(); // system (light) -> dark
    await expect(page.evaluate(() => document.documentElement.dataset['theme'])).resolves.toBe('dark');
    await page.locator('input[name="score-7"]').fill('1');
    await expect(page.locator('[data-auc-summary]').textContent()).resolves.toContain('AUC = 0.567');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('searches without a server as the site does: same results for the same queries, either language', async () => {
    const { page, context, errors } = await site.page();
    /** The first three results' pages (language and note path), offline or online alike. */
    const top3 = async (query: string) =>
      (await search(page, query))
        .slice(0, 3)
        .map((p) => p.replace(/^.*?recall-and-rank\//, '/').replace(/index\.html$/, ''));
    const queries = ['汤普森采样', 'logQ 纠偏', 'GBDT+LR', 'thompsen', 'alias table'];
    const online: string[][] = [];
    await page.goto(`${site.url}/glossary/`);
    await page.keyboard.press('/');
    for (const q of queries) online.push(await top3(q));
    await page.goto(fileUrl('glossary/index.html'));
    await page.keyboard.press('/');
    for (const [i, q] of queries.entries()) expect(await top3(q), q).toEqual(online[i]);
    // A Chinese query finds the Chinese page; the mixed one the two-tower page.
    expect(online[0]![0]).toBe('/zh/bandits/thompson-sampling/');
    expect(online[1]).toContain('/zh/recall/two-tower/');

    await page.locator('#search-results a').first().click();
    await page.waitForURL(/recall\/alias-sampling\/index\.html\?highlight=/);
    await expect(page.locator('mark.search-hit').count()).resolves.toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
