/**
 * The search dialog over the per-language Pagefind bundles: Chinese and English queries from
 * either language's pages, ranking of everyday queries, excerpts, counts, "show more",
 * sub-results, misspellings, highlight on the page opened, and a failed first load.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, useSite } from '../support/e2e.ts';
import { FAILED, paths, search } from '../support/search.ts';

/** Everyday Chinese queries of the field and the page each must find in the top three. */
const CHINESE_QUERIES: [query: string, page: string][] = [
  ['多目标', 'ranking/multi-task'],
  ['过拟合', 'training/regularization'],
  ['样本量', 'evaluation/ab-testing'],
  // DIN's paper is "Deep Interest Network for Click-Through Rate Prediction".
  ['点击率预估', 'ranking/din-dien'],
  ['注意力机制', 'deep-learning/transformer-bert'],
  ['负采样', 'recall/word2vec'],
  ['冷启动', 'bandits/cold-start'],
  ['召回', 'recall/overview'],
  ['精排', 'recall/overview'],
  ['粗排', 'recall/overview'],
  ['重排', 'ranking/reranking'],
  ['校准', 'ranking/calibration'],
  ['双塔', 'recall/two-tower'],
  ['汤普森采样', 'bandits/thompson-sampling'],
  ['知识蒸馏', 'training/knowledge-distillation'],
  ['位置偏差', 'ranking/position-bias'],
  ['特征交叉', 'ranking/feature-crossing'],
  ['矩阵分解', 'recall/matrix-factorization'],
  ['协同过滤', 'recall/collaborative-filtering'],
  ['探索与利用', 'bandits/explore-exploit'],
  ['类别不平衡', 'training/class-imbalance'],
  ['学习率预热', 'training/warm-up'],
  ['优化器', 'deep-learning/optimizers'],
  ['批归一化', 'deep-learning/normalization'],
  ['别名采样', 'recall/alias-sampling'],
  ['离线策略评估', 'evaluation/off-policy-evaluation'],
];

describe.skipIf(!hasBrowser)('search', () => {
  const site = useSite();
  // One context for the read-only queries (its Pagefind bundles stay loaded between tests).
  let shared: Awaited<ReturnType<typeof site.page>>;
  beforeAll(async () => {
    if (!hasBrowser) return;
    shared = await site.page();
  });
  afterAll(() => shared?.context.close());

  async function openOn(path: string): Promise<Page> {
    const { page } = shared;
    if (new URL(page.url(), 'http://x').pathname !== path) await page.goto(`${site.url}${path}`);
    if (!(await page.locator('#search-dialog[open]').count())) await page.keyboard.press('/');
    return page;
  }

  it('loads nothing for search until the reader shows intent', async () => {
    const { page, context } = await site.page();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${site.url}/zh/evaluation/auc-gauc/`);
    await page.waitForLoadState('networkidle');
    expect(requests.filter((u) => u.includes('pagefind') || u.includes('search.js'))).toEqual([]);
    await page.keyboard.press('/');
    await page.locator('#search-dialog[open]').waitFor();
    await page.waitForLoadState('networkidle');
    expect(requests.some((u) => u.includes('/_client/search.js'))).toBe(true);
    // A Chinese page warms its own language's bundle.
    expect(requests.some((u) => u.includes('/pagefind/zh/pagefind.js'))).toBe(true);
    await context.close();
  });

  it(`finds the right page in the top three for ${CHINESE_QUERIES.length} everyday Chinese queries`, async () => {
    const page = await openOn('/zh/');
    const misses: string[] = [];
    for (const [query, target] of CHINESE_QUERIES) {
      const top = (await search(page, query)).slice(0, 3);
      if (!top.includes(`/zh/${target}/`)) misses.push(`${query} -> ${top.join(', ')} (want /zh/${target}/)`);
    }
    expect(misses).toEqual([]);
  });

  it('searches the Chinese pages for a Chinese query on an English page, and the reverse', async () => {
    let page = await openOn('/recall/two-tower/');
    let top = await search(page, '冷启动');
    expect(top[0]).toBe('/zh/bandits/cold-start/');
    expect(top.every((p) => p.startsWith('/zh/'))).toBe(true);
    await expect(page.locator('#search-results > li.result').first().getAttribute('lang')).resolves.toBe('zh-CN');
    // The mixed query: a Latin word and a Chinese one.
    top = await search(page, 'logQ 纠偏');
    expect(top.slice(0, 3)).toContain('/zh/recall/two-tower/');

    page = await openOn('/zh/recall/two-tower/');
    top = await search(page, 'cold start');
    expect(top.slice(0, 3)).toContain('/bandits/cold-start/');
    // On a Chinese page an English word searches the Chinese pages first, then the English ones.
    expect(top.some((p) => !p.startsWith('/zh/'))).toBe(true);
  });

  it('finds GBDT+LR and the two-tower page for the mixed query', async () => {
    const page = await openOn('/');
    expect((await search(page, 'GBDT+LR'))[0]).toBe('/ranking/gbdt/');
    expect((await search(page, 'logQ 纠偏')).slice(0, 3)).toContain('/zh/recall/two-tower/');
  });

  it('finds the intended page for misspellings', async () => {
    const page = await openOn('/');
    expect((await search(page, 'thompsen')).slice(0, 3)).toContain('/bandits/thompson-sampling/');
    expect((await search(page, 'knowledge distilation')).slice(0, 3)).toContain('/training/knowledge-distillation/');
  });

  it('shows excerpts as sentences: highlighted words, no trailing punctuation in a mark, each formula once', async () => {
    const page = await openOn('/');
    const problems: string[] = [];
    for (const query of ['softmax', 'logQ', '负采样', '交叉熵', 'sigmoid']) {
      await search(page, query);
      const excerpts = await page.evaluate(() =>
        [...document.querySelectorAll('#search-results .result-excerpt')].map((e) => ({
          text: e.textContent ?? '',
          html: e.innerHTML,
          marks: [...e.querySelectorAll('mark')].map((m) => m.textContent ?? ''),
        })),
      );
      expect(excerpts.length, query).toBeGreaterThan(0);
      expect(
        excerpts.some((e) => e.marks.length > 0),
        query,
      ).toBe(true);
      for (const e of excerpts) {
        for (const m of e.marks)
          if (/[\s.,;:!?)\]、，。；：！？）]$/.test(m)) problems.push(`${query}: mark ends in punctuation: "${m}"`);
        // KaTeX draws a formula twice (MathML and HTML); an excerpt that indexed both repeats it.
        if (/class="katex/.test(e.html)) problems.push(`${query}: KaTeX markup in an excerpt`);
        const repeated = /(\S{6,}?)\s*\1\s*\1/u.exec(e.text.replace(/\s+/g, ''));
        if (repeated) problems.push(`${query}: text repeated: "${repeated[1]}" in "${e.text}"`);
        // Adjacent marks ("<mark>样本</mark><mark>量</mark>") are one word highlighted in pieces.
        if (e.html.includes('</mark><mark>')) problems.push(`${query}: a word highlighted in pieces`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('says how many pages matched and shows more than ten on request', async () => {
    const page = await openOn('/');
    await search(page, 'sampling');
    const status = await page.locator('#search-status').textContent();
    const total = Number(/(\d+) pages match/.exec(status ?? '')?.[1]);
    expect(total).toBeGreaterThan(10);
    await expect(page.locator('#search-results > li.result').count()).resolves.toBe(10);
    await page.locator('#search-results .more button').click();
    await expect.poll(() => page.locator('#search-results > li.result').count()).toBeGreaterThan(10);
    const listed = await paths(page);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('finds the glossary, the home page and the section pages', async () => {
    let page = await openOn('/');
    expect((await search(page, 'glossary')).slice(0, 3)).toContain('/glossary/');
    expect((await search(page, 'Recall & Rank')).slice(0, 3)).toContain('/');
    expect((await search(page, 'bandits cold start')).slice(0, 3)).toContain('/bandits/');
    page = await openOn('/zh/');
    expect((await search(page, '术语表')).slice(0, 3)).toContain('/zh/glossary/');
    expect((await search(page, '训练实践')).slice(0, 3)).toContain('/zh/training/');
  });

  it('links sub-results to a heading and highlights the words on the page opened', async () => {
    const { page, context, errors } = await site.page();
    await page.goto(`${site.url}/zh/`);
    await page.keyboard.press('/');
    await search(page, '温度系数');
    const sub = page.locator('#search-results .sub-results a').first();
    const href = (await sub.getAttribute('href'))!;
    expect(href).toMatch(/\?highlight=[^#]+#.+/);
    const id = decodeURIComponent(href.split('#')[1]!);
    await sub.click();
    await page.waitForURL((u) => u.hash.length > 1);
    await expect(page.locator(`[id="${id}"]`).count()).resolves.toBe(1);
    await page.locator('mark.search-hit').first().waitFor();
    await expect(page.locator('mark.search-hit').first().textContent()).resolves.toBe('温度系数');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a plain message when the search files fail to load, and retries on the next key', async () => {
    const { page, context } = await site.page();
    let failed = 0;
    // The first request for the engine fails, after the reader has typed the query.
    await page.route('**/pagefind/en/pagefind.js', async (route) => {
      if (failed++ > 0) return route.continue();
      await new Promise((resolve) => setTimeout(resolve, 800));
      return route.abort('internetdisconnected');
    });
    await page.goto(`${site.url}/deep-learning/optimizers/`);
    await page.keyboard.press('/');
    await page.keyboard.type('adam');
    await expect.poll(() => page.locator('#search-status').textContent(), { timeout: 10_000 }).toMatch(FAILED);
    const message = (await page.locator('#search-status').textContent())!;
    expect(message).not.toMatch(/https?:|\.js|pagefind|import|module/i);
    // The next key tries again.
    await page.keyboard.type(' ');
    await page.keyboard.press('Backspace');
    await expect
      .poll(() => page.locator('#search-status').textContent(), { timeout: 10_000 })
      .toMatch(/pages match “adam”/);
    await expect.poll(() => page.locator('#search-results > li.result').count()).toBeGreaterThan(0);
    expect(failed).toBe(2);
    await context.close();
  });

  it('opens a result with the keyboard', async () => {
    const page = await openOn('/');
    await search(page, 'thompson');
    await page.keyboard.press('ArrowDown');
    await expect(page.evaluate(() => document.activeElement?.closest('#search-results') !== null)).resolves.toBe(true);
    const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href);
    await page.keyboard.press('Enter');
    await page.waitForURL(href);
    expect(shared.errors).toEqual([]);
  });
});
