import { describe, expect, it } from 'vitest';
import { areaUnder, auc, aucByPairs, gauc, rocPoints, type Label } from '../../../content/snippets/evaluation/auc.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

describe('auc', () => {
  it('computes a hand-worked example with a tie', () => {
    // scores 0.9(+) 0.8(-) 0.7(+) 0.7(-) 0.3(+) 0.1(-)
    // ascending ranks: 0.1->1, 0.3->2, 0.7,0.7->3.5 each, 0.8->5, 0.9->6
    // positives: 6 + 3.5 + 2 = 11.5; AUC = (11.5 - 3*4/2) / (3*3) = 5.5/9
    const labels: Label[] = [1, 0, 1, 0, 1, 0];
    const scores = [0.9, 0.8, 0.7, 0.7, 0.3, 0.1];
    expect(auc(labels, scores)).toBeCloseTo(5.5 / 9, 12);
    expect(aucByPairs(labels, scores)).toBeCloseTo(5.5 / 9, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 when every score ties', () => {
    expect(auc([0, 0, 1, 1], [1, 2, 3, 4])).toBe(1);
    expect(auc([1, 1, 0, 0], [1, 2, 3, 4])).toBe(0);
    expect(auc([1, 0, 1, 0], [7, 7, 7, 7])).toBe(0.5);
  });

  it('equals the O(n^2) pair count on random data with many ties', () => {
    const rng = mulberry32(31);
    for (let trial = 0; trial < 300; trial++) {
      const n = 2 + Math.floor(rng() * 60);
      const labels = Array.from({ length: n }, (_, i) => (i === 0 ? 1 : i === 1 ? 0 : rng() < 0.3 ? 1 : 0)) as Label[];
      // scores on a coarse grid so ties are common
      const scores = labels.map(() => Math.round(rng() * 10) / 10);
      expect(auc(labels, scores)).toBeCloseTo(aucByPairs(labels, scores), 12);
    }
  });

  it('depends only on the order of scores (invariant under a monotone transform)', () => {
    const rng = mulberry32(2);
    const labels = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? 1 : 0)) as Label[];
    const scores = labels.map(() => rng());
    expect(
      auc(
        labels,
        scores.map((s) => Math.exp(5 * s) - 3),
      ),
    ).toBeCloseTo(auc(labels, scores), 12);
  });

  it('rejects undefined or malformed input', () => {
    expect(() => auc([1, 1], [0.2, 0.3])).toThrow(/at least one positive and one negative/);
    expect(() => auc([1, 0], [0.2])).toThrow(/differ in length/);
    expect(() => auc([1, 0], [0.2, Number.NaN])).toThrow(/scores\[1\] must be finite/);
  });
});

describe('gauc', () => {
  it('weights per-user AUCs by impressions and skips one-class users', () => {
    const imps = [
      // user a: 4 impressions, AUC = 3/4 (pos 0.9 beats both negs, pos 0.4 beats 0.2 only... )
      // pos {0.9, 0.4}, neg {0.5, 0.2}: pairs (0.9>0.5)(0.9>0.2)(0.4<0.5)(0.4>0.2) -> 3/4
      { user: 'a', label: 1, score: 0.9 },
      { user: 'a', label: 1, score: 0.4 },
      { user: 'a', label: 0, score: 0.5 },
      { user: 'a', label: 0, score: 0.2 },
      // user b: 2 impressions, AUC = 0
      { user: 'b', label: 1, score: 0.1 },
      { user: 'b', label: 0, score: 0.6 },
      // user c: clicks only, skipped
      { user: 'c', label: 1, score: 0.3 },
      { user: 'c', label: 1, score: 0.8 },
    ] as const;
    // impressions: (4 * 0.75 + 2 * 0) / 6 = 0.5; clicks: (2 * 0.75 + 1 * 0) / 3 = 0.5
    expect(gauc(imps)).toEqual({ gauc: 0.5, users: 2, skipped: 1 });
    const byClicks = gauc(imps, 'clicks');
    expect(byClicks.gauc).toBeCloseTo(0.5, 12);
    // make the weighting matter: a third click for user a changes both averages differently
    const more = [...imps, { user: 'a', label: 1, score: 0.95 } as const];
    // user a: pos {0.95, 0.9, 0.4} vs neg {0.5, 0.2} -> 5/6
    expect(gauc(more).gauc).toBeCloseTo((5 * (5 / 6)) / 7, 12);
    expect(gauc(more, 'clicks').gauc).toBeCloseTo((3 * (5 / 6)) / 4, 12);
  });

  it('can differ sharply from the global AUC when users differ in base rate', () => {
    // Within each user the ranking is perfect, but user y's scores are all below user x's.
    const imps = [
      { user: 'x', label: 1, score: 0.9 },
      { user: 'x', label: 0, score: 0.8 },
      { user: 'y', label: 1, score: 0.2 },
      { user: 'y', label: 0, score: 0.1 },
    ] as const;
    expect(gauc(imps).gauc).toBe(1);
    expect(
      auc(
        imps.map((i) => i.label),
        imps.map((i) => i.score),
      ),
    ).toBe(0.75);
  });

  it('throws when no user has both labels', () => {
    expect(() => gauc([{ user: 'u', label: 1, score: 1 }])).toThrow(/no user has both/);
  });
});

describe('rocPoints', () => {
  it('walks the hand example, moving diagonally through the tie', () => {
    const pts = rocPoints([1, 0, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.7, 0.3, 0.1]);
    expect(pts.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 1 / 3],
      [1 / 3, 1 / 3],
      [2 / 3, 2 / 3],
      [2 / 3, 1],
      [1, 1],
    ]);
  });

  it('has area equal to the rank AUC on random data', () => {
    const rng = mulberry32(77);
    for (let trial = 0; trial < 100; trial++) {
      const labels = Array.from({ length: 40 }, (_, i) => (i < 2 ? i : rng() < 0.4 ? 1 : 0)) as Label[];
      const scores = labels.map(() => Math.round(rng() * 8));
      expect(areaUnder(rocPoints(labels, scores))).toBeCloseTo(auc(labels, scores), 12);
    }
  });
});
