/** The search dialog in the browser tests: type a query, wait for the full-text results, read them. */
import type { Page } from 'playwright-core';

export const LOADING = /Loading the search index|正在加载搜索索引/;
export const FAILED = /Search could not load|搜索加载失败/;

/** Type a query and wait for the full-text results (not the quick ones); the result paths. */
export async function search(page: Page, query: string): Promise<string[]> {
  await page.locator('#search-input').fill(query);
  await page.waitForFunction(
    ([q, loading]) => {
      const status = document.getElementById('search-status')?.textContent ?? '';
      return (
        status.includes(`“${q}”`) &&
        !new RegExp(loading).test(status) &&
        (document.querySelector('#search-results > li.result') !== null || /No results|没有找到/.test(status))
      );
    },
    [query, LOADING.source] as const,
  );
  return paths(page);
}

export const paths = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>('#search-results > li.result > a')].map(
      (a) => new URL(a.href).pathname,
    ),
  );
