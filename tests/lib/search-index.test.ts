import { describe, expect, it } from 'vitest';
import { languageGlob, quickDoc } from '../../src/integrations/search-index.ts';

describe('quickDoc', () => {
  it('reads the title, section, term chips and tags of a searchable page', () => {
    const html =
      '<html lang="en"><body><nav><h1>Not this</h1></nav><article data-pagefind-body data-tags="bandits|exploration">' +
      '<h1 data-pagefind-meta="title">Thompson sampling</h1><span hidden data-pagefind-filter="section">bandits</span>' +
      '<ul class="terms"><li><a href="#">Thompson sampling <span lang="zh">汤普森采样</span></a></li><li><a>regret <span>遗憾</span></a></li></ul>' +
      '<h1>Later heading</h1></article></body></html>';
    expect(quickDoc('bandits/thompson-sampling/index.html', html)).toEqual({
      url: '/bandits/thompson-sampling/',
      title: 'Thompson sampling',
      section: 'bandits',
      keys: ['Thompson sampling 汤普森采样', 'regret 遗憾', 'bandits', 'exploration'],
    });
  });
  it('stops reading where a note body begins', () => {
    const html =
      '<html lang="en"><body><article data-pagefind-body><h1>Word2vec</h1><ul class="terms"><li>skip-gram</li></ul>' +
      '<div class="prose"><ul class="terms"><li>not a key term</li></ul></div></article></body></html>';
    expect(quickDoc('recall/word2vec/index.html', html)?.keys).toEqual(['skip-gram']);
  });
  it('skips pages that are not searchable', () => {
    expect(quickDoc('self-check/index.html', '<html><body><h1>Self-check</h1></body></html>')).toBeUndefined();
  });
});

describe('languageGlob', () => {
  const top = ['404.html', 'index.html', '_astro', 'favicon.svg', 'recall', 'glossary', 'zh', 'pagefind'];
  it("gives a translation its folder's pages", () => {
    expect(languageGlob('zh', top)).toBe('zh/**/*.html');
  });
  it('gives the default language every page outside the translations and the search bundles', () => {
    expect(languageGlob('en', top)).toBe('{*.html,_astro/**/*.html,recall/**/*.html,glossary/**/*.html}');
  });
});
