/** axe-core over every page of the built site, in both themes, with the search dialog open once. */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { hasBrowser, useSite } from '../support/e2e.ts';
import { htmlPages } from '../support/site.ts';

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

async function audit(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = (await page.evaluate(() =>
    (window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }).axe
      .run({ resultTypes: ['violations'] })
      .then((r) => r.violations),
  )) as Violation[];
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

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
});
