import { describe, expect, it } from 'vitest';
import { areaUnder, auc, rocPoints } from '../../../content/snippets/evaluation/auc.ts';
import { AUC_DEMO_ITEMS, aucView, type AucItem } from '../../../src/components/mdx/demos/auc-view.ts';

describe('AUC demo: the defaults show the page', () => {
  it('count pairs with a tie counting one half, as the rank formula does', () => {
    // clicks at 0.9, 0.7, 0.55; non-clicks at 0.8, 0.7, 0.4, 0.3, 0.1: 3 x 5 = 15 pairs.
    // 0.9 beats all 5; 0.7 beats 0.4, 0.3, 0.1, ties 0.7 (1/2), loses to 0.8; 0.55 beats 3 -> 11.5
    const view = aucView(AUC_DEMO_ITEMS);
    expect(view.error).toBeUndefined();
    expect(view.summary).toBe('AUC = 0.767: 11.5 of 15 (click, non-click) pairs ordered correctly, ties counting ½.');
    const labels = AUC_DEMO_ITEMS.map((i) => i.label);
    const scores = AUC_DEMO_ITEMS.map((i) => i.score);
    expect(auc(labels, scores)).toBeCloseTo(11.5 / 15, 12);
    // the ROC curve drawn has the same area (the tie is the diagonal step)
    expect(areaUnder(rocPoints(labels, scores))).toBeCloseTo(11.5 / 15, 12);
    // the defaults contain a tied click / non-click pair, so the half-credit is on screen
    const tied = AUC_DEMO_ITEMS.some(
      (a) => a.label === 1 && AUC_DEMO_ITEMS.some((b) => b.label === 0 && b.score === a.score),
    );
    expect(tied).toBe(true);
    expect(view.svg).toContain('ROC, AUC = 0.767');
  });

  it('depends only on the order of the scores, as the page says', () => {
    const squashed = AUC_DEMO_ITEMS.map((i) => ({ ...i, score: i.score ** 3 }));
    expect(aucView(squashed).summary).toBe(aucView(AUC_DEMO_ITEMS).summary);
  });
});

describe('AUC demo: invalid input gets a message for the reader', () => {
  const withItem = (i: number, item: Partial<AucItem>) =>
    AUC_DEMO_ITEMS.map((it, j) => (j === i ? ({ ...it, ...item } as AucItem) : it));

  it('names the item with a score outside [0, 1] or not a number', () => {
    for (const score of [Number.NaN, -0.1, 1.5, 1e308, Infinity]) {
      const view = aucView(withItem(2, { score }));
      expect(view.error).toMatch(/^Item 3 needs a score between 0 and 1/);
      expect(view.summary).toBe(view.error);
      expect(view.svg).toBe('');
      expect(view.error).not.toMatch(/auc:|RangeError|must be finite/);
    }
  });

  it('names an item whose label is not clicked / not clicked', () => {
    expect(aucView(withItem(0, { label: 2 as never })).error).toBe('Item 1 must be clicked or not clicked.');
  });

  it('explains when AUC is undefined', () => {
    const allClicked = AUC_DEMO_ITEMS.map((i) => ({ ...i, label: 1 as const }));
    expect(aucView(allClicked).error).toBe('AUC is undefined: mark at least one item clicked and one not clicked.');
    expect(aucView([]).error).toBe('AUC is undefined: mark at least one item clicked and one not clicked.');
  });
});
