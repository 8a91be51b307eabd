/** axe-core over every page of the built site, in both themes, with the search dialog open once. */
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../support/axe.ts';
import { hasBrowser, useSite } from '../support/e2e.ts';
import { htmlPages } from '../support/site.ts';

const urlOf = (file: string) => `/${file.replace(/index\.html$/, '')}`;

describe.skipIf(!hasBrowser)('accessibility (axe-core)', () => {
  const site = useSite();

  for (const theme of ['light', 'dark'] as const) {
    describe(`${theme} theme`, () => {
      let session: Awaited<ReturnType<typeof site.page>> | undefined;
      afterAll(() => session?.context.close());
      it.each(htmlPages)('%s has no violations', async (file) => {
        session ??= await site.page({ colorScheme: theme });
        await session.page.goto(`${site.url}${urlOf(file)}`);
        expect(await audit(session.page)).toEqual([]);
      });
    });
  }

  it('has no violations with the search dialog open and showing results', async () => {
    const { page, context } = await site.page();
    await page.goto(`${site.url}/`);
    await page.keyboard.press('/');
    await page.locator('#search-input').fill('sampling');
    await page.locator('#search-results a').first().waitFor();
    expect(await audit(page)).toEqual([]);
    await context.close();
  });

  it('has no violations on a Chinese page in the dark theme with the search dialog showing Chinese results', async () => {
    const { page, context } = await site.page({ colorScheme: 'dark' });
    await page.goto(`${site.url}/zh/recall/two-tower/`);
    await page.keyboard.press('/');
    await page.locator('#search-input').fill('负采样');
    await page.locator('#search-results a').first().waitFor();
    // The results are the Chinese pages', with the matched words highlighted.
    await expect(page.locator('#search-results a').first().getAttribute('href')).resolves.toMatch(/^\/zh\//);
    await expect(page.locator('#search-results mark').first().textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await expect(page.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe('rgb(21, 23, 26)');
    expect(await audit(page)).toEqual([]);
    await context.close();
  });
});
