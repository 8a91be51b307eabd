import { describe, expect, it } from 'vitest';
import { hasBrowser, useSite } from '../support/e2e.ts';

describe.skipIf(!hasBrowser)('search', () => {
  const site = useSite();

  it('loads nothing for search until it is first opened', async () => {
    const { page, context } = await site.page();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${site.url}/evaluation/auc-gauc/`);
    await page.waitForLoadState('networkidle');
    expect(requests.filter((u) => u.includes('pagefind') || u.includes('search.js'))).toEqual([]);
    await page.keyboard.press('/');
    await page.locator('#search-dialog[open]').waitFor();
    await page.waitForLoadState('networkidle');
    expect(requests.some((u) => u.includes('/_client/search.js'))).toBe(true);
    expect(requests.some((u) => u.includes('/pagefind/pagefind.js'))).toBe(true);
    await context.close();
  });

  it('finds a note in English, highlights the match and opens it with the keyboard', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/`);
    await page.getByRole('button', { name: /Search/ }).click();
    await page.locator('#search-input').fill('thompson');
    const first = page.locator('#search-results a').first();
    await first.waitFor();
    await expect(first.locator('.result-title').textContent()).resolves.toBe('Thompson sampling');
    await expect(page.locator('#search-results mark').count()).resolves.toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.closest('#search-results') !== null)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/bandits/thompson-sampling/');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds the English note from a Chinese query (汤普森采样) and opens it', async () => {
    const { page, context } = await site.page();
    await page.goto(`${site.url}/glossary/`);
    await page.keyboard.press('Control+k');
    await page.locator('#search-input').fill('汤普森采样');
    const first = page.locator('#search-results a').first();
    await first.waitFor();
    await expect(first.locator('.result-title').textContent()).resolves.toBe('Thompson sampling');
    await first.click();
    await page.waitForURL('**/bandits/thompson-sampling/');
    await context.close();
  });

  it('matches part of a Chinese term too (普森 finds 汤普森采样)', async () => {
    const { page, context } = await site.page();
    await page.goto(`${site.url}/`);
    await page.keyboard.press('/');
    await page.locator('#search-input').fill('普森');
    const first = page.locator('#search-results a').first();
    await first.waitFor();
    await expect(first.locator('.result-title').textContent()).resolves.toBe('Thompson sampling');
    await context.close();
  });

  it('filters results by section', async () => {
    const { page, context } = await site.page();
    await page.goto(`${site.url}/`);
    await page.keyboard.press('/');
    await page.locator('#search-input').fill('sampling');
    await page.locator('#search-results a').first().waitFor();
    const all = await page.locator('#search-results .result-section').allTextContents();
    expect(new Set(all).size).toBeGreaterThan(1);
    await page.locator('#search-section').selectOption('Bandits and cold start');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#search-results .result-section')].every(
        (e) => e.textContent === 'Bandits and cold start',
      ),
    );
    await expect(page.locator('#search-results a').count()).resolves.toBeGreaterThan(0);
    await context.close();
  });
});
