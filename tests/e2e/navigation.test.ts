import { describe, expect, it } from 'vitest';
import { hasBrowser, useSite } from '../support/e2e.ts';
import { htmlPages } from '../support/site.ts';

describe.skipIf(!hasBrowser)('navigation', () => {
  const site = useSite();

  it('goes from the home page to a note by the sidebar, then on by prev/next', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/`);
    await page.getByRole('navigation', { name: 'All notes' }).getByRole('link', { name: 'Alias sampling' }).click();
    await page.waitForURL('**/recall/alias-sampling/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Alias sampling');
    const current = page.locator('.sidebar a[aria-current="page"]');
    await expect(current.textContent()).resolves.toContain('Alias sampling');

    const nextTitle = (await page.locator('.pager a[rel="next"]').textContent())!.replace('Next', '').trim();
    await page.locator('.pager a[rel="next"]').click();
    await page.waitForLoadState();
    await expect(page.locator('h1').textContent()).resolves.toBe(nextTitle);
    await page.locator('.pager a[rel="prev"]').click();
    await page.waitForURL('**/recall/alias-sampling/');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers a skip link and heading permalinks from the keyboard', async () => {
    const { page, context } = await site.page();
    await page.goto(`${site.url}/evaluation/auc-gauc/`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    const anchor = page.locator('.heading-wrapper:has(h2#what-auc-measures) > a.heading-anchor');
    await expect(anchor.getAttribute('href')).resolves.toBe('#what-auc-measures');
    await context.close();
  });

  it('prints just the note: no header, sidebar or pager, and every self-check answer open', async () => {
    const { page, context } = await site.page();
    await page.goto(`${site.url}/recall/alias-sampling/`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-header', '.sidebar', '.pager', '.toc'])
      await expect(page.locator(selector).first().isVisible(), selector).resolves.toBe(false);
    // Printing from the browser fires beforeprint, which opens the answers.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const closed = await page.locator('.checks details:not([open])').count();
    expect(closed).toBe(0);
    await expect(page.locator('.checks details').first().locator('p').first().isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('fits every page on a 360 px wide phone without sideways scrolling, sidebar still reachable', async () => {
    const { page, context } = await site.page({ width: 360 });
    const tooWide: string[] = [];
    for (const file of htmlPages) {
      await page.goto(`${site.url}/${file.replace(/index\.html$/, '')}`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) tooWide.push(`${file}: ${overflow}px`);
    }
    expect(tooWide).toEqual([]);
    await expect(page.locator('.sidebar > details > summary').isVisible()).resolves.toBe(true);
    await context.close();
  });
});
