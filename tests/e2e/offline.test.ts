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
    await page.locator('[data-theme-toggle]').click();
    await page.locator('[data-theme-toggle]').click();
    await expect(page.evaluate(() => document.documentElement.dataset['theme'])).resolves.toBe('dark');
    await page.locator('input[name="score-7"]').fill('1');
    await expect(page.locator('[data-auc-summary]').textContent()).resolves.toContain('AUC = 0.567');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('searches without a server, in English and Chinese, and opens a result', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(fileUrl('glossary/index.html'));
    await page.keyboard.press('/');
    await page.locator('#search-input').fill('汤普森采样');
    await page.locator('#search-results a').first().waitFor();
    const hit = page.locator('#search-results a').filter({ hasText: 'Thompson sampling' }).first();
    await expect(hit.locator('mark').first().textContent()).resolves.toBe('汤普森采样');
    await page.locator('#search-input').fill('alias table');
    await expect.poll(() => page.locator('#search-results .result-title').first().textContent()).toBe('Alias sampling');
    await page.locator('#search-results a').first().click();
    await page.waitForURL(/recall\/alias-sampling\/index\.html$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
