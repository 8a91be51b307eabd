import { describe, expect, it } from 'vitest';
import {
  isChineseQuery,
  queryWords,
  quickSearch,
  suggestQuery,
  trimMarks,
  vocabulary,
  type QuickDoc,
} from '../../src/lib/search-quick.ts';

const docs: QuickDoc[] = [
  {
    url: '/bandits/thompson-sampling/',
    title: 'Thompson sampling',
    section: 'bandits',
    keys: ['Beta distribution Beta 分布', 'regret 遗憾'],
  },
  {
    url: '/training/knowledge-distillation/',
    title: 'Knowledge distillation',
    section: 'training',
    keys: ['temperature 温度系数', 'soft target 软标签'],
  },
  { url: '/recall/alias-sampling/', title: 'Alias sampling', section: 'recall', keys: ['alias method 别名采样'] },
  {
    url: '/zh/bandits/thompson-sampling/',
    title: '汤普森采样',
    section: 'bandits',
    keys: ['汤普森采样 Thompson sampling'],
  },
];

describe('queryWords', () => {
  it('splits Latin words and keeps a Chinese run whole', () => {
    expect(queryWords('logQ 纠偏, GBDT+LR')).toEqual(['logq', '纠偏', 'gbdt+lr']);
  });
});

describe('quickSearch', () => {
  it('needs every word, in the title or a key term, and ranks title matches first', () => {
    expect(quickSearch(docs, 'sampling').map((d) => d.title)).toEqual([
      'Alias sampling',
      'Thompson sampling',
      '汤普森采样',
    ]);
    expect(quickSearch(docs, 'thompson beta').map((d) => d.title)).toEqual(['Thompson sampling']);
    expect(quickSearch(docs, 'thom').map((d) => d.title)).toEqual(['Thompson sampling', '汤普森采样']); // a prefix
    expect(quickSearch(docs, 'nothing here')).toEqual([]);
  });
  it('finds Chinese by substring, and filters by section', () => {
    expect(quickSearch(docs, '采样').map((d) => d.url)).toEqual([
      '/zh/bandits/thompson-sampling/',
      '/recall/alias-sampling/',
    ]);
    expect(quickSearch(docs, 'sampling', 'recall').map((d) => d.title)).toEqual(['Alias sampling']);
  });
});

describe('suggestQuery', () => {
  const words = vocabulary(docs);
  it('corrects misspelt words to the closest word of titles and terms', () => {
    expect(suggestQuery('thompsen', words)).toBe('thompson');
    expect(suggestQuery('knowledge distilation', words)).toBe('knowledge distillation');
    expect(suggestQuery('Thompsn sampling', words)).toBe('thompson sampling');
  });
  it('keeps words it knows, prefixes of them, short words and far-off words', () => {
    expect(suggestQuery('thompson', words)).toBeUndefined();
    expect(suggestQuery('distil', words)).toBeUndefined(); // a prefix of "distillation"
    expect(suggestQuery('abc', words)).toBeUndefined();
    expect(suggestQuery('zebra', words)).toBeUndefined();
    expect(suggestQuery('汤普森', words)).toBeUndefined();
  });
});

describe('trimMarks', () => {
  it('moves punctuation out of the highlight', () => {
    expect(trimMarks('a <mark>loss,</mark> b <mark>采样。</mark> c <mark>x</mark>')).toBe(
      'a <mark>loss</mark>, b <mark>采样</mark>。 c <mark>x</mark>',
    );
  });

  it('joins marks that touch into one highlight, and leaves separated ones apart', () => {
    expect(trimMarks('<mark>样本</mark><mark>量</mark>的估计')).toBe('<mark>样本量</mark>的估计');
    expect(trimMarks('<mark>two</mark> <mark>tower</mark>')).toBe('<mark>two</mark> <mark>tower</mark>');
  });
});

describe('isChineseQuery', () => {
  it('is true when any Chinese character is typed', () => {
    expect(isChineseQuery('logQ 纠偏')).toBe(true);
    expect(isChineseQuery('logQ correction')).toBe(false);
  });
});
