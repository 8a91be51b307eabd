import { describe, expect, it } from 'vitest';
import { excerpt, offlineSearch, queryTerms, type OfflineDoc } from '../../src/lib/offline-search.ts';

const docs: OfflineDoc[] = [
  {
    url: 'bandits/thompson-sampling/index.html',
    title: 'Thompson sampling',
    section: 'Bandits',
    text: 'Thompson sampling 汤普森采样 draws from Beta posteriors. Beta Beta.',
  },
  {
    url: 'recall/alias-sampling/index.html',
    title: 'Alias sampling',
    section: 'Recall',
    text: 'The alias method 别名采样 samples a <discrete> distribution & more.',
  },
  {
    url: 'evaluation/auc/index.html',
    title: 'AUC',
    section: 'Evaluation',
    text: 'AUC counts pairs; beta is not mentioned here.',
  },
];

describe('offlineSearch', () => {
  it('finds Chinese terms and their parts by substring', () => {
    expect(offlineSearch(docs, '汤普森采样').map((h) => h.title)).toEqual(['Thompson sampling']);
    expect(
      offlineSearch(docs, '采样')
        .map((h) => h.title)
        .sort(),
    ).toEqual(['Alias sampling', 'Thompson sampling']);
  });
  it('requires every term, ranks title matches first, and filters by section', () => {
    expect(offlineSearch(docs, 'sampling beta').map((h) => h.title)).toEqual(['Thompson sampling']);
    expect(offlineSearch(docs, 'beta').map((h) => h.title)).toEqual(['Thompson sampling', 'AUC']);
    expect(offlineSearch(docs, 'sampling', 'Recall').map((h) => h.title)).toEqual(['Alias sampling']);
    expect(offlineSearch(docs, '   ')).toEqual([]);
  });
  it('escapes page text and marks every match in the excerpt', () => {
    const [hit] = offlineSearch(docs, 'alias');
    expect(hit!.excerpt).toContain('&lt;discrete&gt;');
    expect(hit!.excerpt).toContain('&amp;');
    expect(hit!.excerpt.match(/<mark>/g)).toHaveLength(1);
    expect(excerpt('a Beta b beta', ['beta'])).toBe('a <mark>Beta</mark> b <mark>beta</mark>');
  });
  it('splits queries on white space, lower-cased', () => {
    expect(queryTerms('  Alias  TABLE ')).toEqual(['alias', 'table']);
  });
});
