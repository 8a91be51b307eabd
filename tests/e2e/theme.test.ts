import { describe, expect, it } from 'vitest';
import { hasBrowser, useSite } from '../support/e2e.ts';

describe.skipIf(!hasBrowser)('theme', () => {
  const site = useSite();
  const background = (page: import('playwright-core').Page) =>
    page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  it('follows the system preference until the reader chooses', async () => {
    const { page, context } = await site.page({ colorScheme: 'dark' });
    await page.goto(`${site.url}/`);
    await expect(background(page)).resolves.toBe('rgb(21, 23, 26)');
    await context.close();
  });

  it('remembers the choice across pages, applied before the first paint', async () => {
    const { page, context, errors } = await site.page({ colorScheme: 'light' });
    await page.goto(`${site.url}/`);
    const toggle = page.locator('[data-theme-toggle]');
    await toggle.click(); // system (light here) -> dark
    await expect(page.evaluate(() => document.documentElement.dataset['theme'])).resolves.toBe('dark');
    await expect(toggle.getAttribute('aria-label')).resolves.toMatch(/Dark/);

    // On the next page the attribute must already be set when the document is parsed, before
    // any deferred script runs: that is what prevents a flash of the light theme.
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive')
          (window as unknown as { themeAtParse: string | null }).themeAtParse =
            document.documentElement.getAttribute('data-theme');
      });
    });
    await page.goto(`${site.url}/recall/alias-sampling/`);
    await expect(
      page.evaluate(() => (window as unknown as { themeAtParse: string | null }).themeAtParse),
    ).resolves.toBe('dark');
    await expect(background(page)).resolves.toBe('rgb(21, 23, 26)');
    // The button on the new page shows the remembered state, in words and icon.
    await expect(toggle.getAttribute('aria-label')).resolves.toMatch(/Dark/);
    await expect(toggle.getAttribute('data-state')).resolves.toBe('dark');
    await toggle.click(); // dark -> light
    await expect(toggle.getAttribute('data-state')).resolves.toBe('light');
    await toggle.click(); // light -> system
    await page.reload();
    await expect(page.evaluate(() => document.documentElement.dataset['theme'] ?? null)).resolves.toBeNull();
    await expect(background(page)).resolves.toBe('rgb(253, 253, 252)');
    expect(errors).toEqual([]);
    await context.close();
  });
});
