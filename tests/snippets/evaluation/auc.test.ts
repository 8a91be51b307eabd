import { describe, expect, it } from 'vitest';
import { areaUnder, auc, aucByPairs, gauc, rocPoints, type Label } from '../../../content/snippets/evaluation/auc.ts';
import { normalCdf } from '../../../content/snippets/evaluation/ab-test.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

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

describe('auc at the extremes of the score range', () => {
  it('ranks logits of +-1000 and gaps of 800 exactly, like the pair count', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const labels = Array.from({ length: 60 }, (_, i) => (i < 2 ? i : rng() < 0.4 ? 1 : 0)) as Label[];
      // logits on a few levels 800 apart (many exact ties), and spread continuously over [-1000, 1000]
      const levels = labels.map(() => [-1000, -200, 600][Math.floor(rng() * 3)]!);
      const spread = labels.map(() => -1000 + 2000 * rng());
      expect(auc(labels, levels)).toBeCloseTo(aucByPairs(labels, levels), 12);
      expect(auc(labels, spread)).toBeCloseTo(aucByPairs(labels, spread), 12);
    }
    // hand case: positives at 1000 and -200, negatives at 600 and -1000 -> 3 of 4 pairs
    expect(auc([1, 1, 0, 0], [1000, -200, 600, -1000])).toBe(0.75);
  });

  it('tells apart probabilities of 1e-300 and 0, and 1 - 1e-16 and 1', () => {
    // 4 distinct values in order 0 < 1e-300 < 1 - 1e-16 < 1: positives on the 2nd and 4th
    const labels: Label[] = [0, 1, 0, 1];
    const scores = [0, 1e-300, 1 - 1e-16, 1];
    // pairs: 1e-300 beats 0 (1), loses to 1 - 1e-16 (0); 1 beats both (2): 3 of 4
    expect(auc(labels, scores)).toBe(0.75);
    expect(aucByPairs(labels, scores)).toBe(0.75);
    expect(areaUnder(rocPoints(labels, scores))).toBe(0.75);
    // extreme finite scores: differences overflow to +-Infinity in the sort, which still orders them
    expect(auc([1, 0, 1, 0], [Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, 0])).toBe(1);
  });

  it('is invariant to a sigmoid only in exact arithmetic: rounded probabilities create ties', () => {
    // logits 40 and 50 are different, but 1 / (1 + e^-40) and 1 / (1 + e^-50) both round to 1
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    expect(sigmoid(40)).toBe(1);
    const labels: Label[] = [1, 0, 0, 1];
    const logits = [40, 50, -40, -50];
    // on logits: 40 loses to 50, beats -40; -50 loses to both -> 1 of 4
    expect(auc(labels, logits)).toBe(0.25);
    // on probabilities: 40 and 50 tie (1/2) -> 1.5 of 4. Compute AUC on logits, not on rounded probabilities.
    expect(auc(labels, logits.map(sigmoid))).toBe(0.375);
  });
});

describe('auc of a noisy scorer', () => {
  it('converges to Phi(d / sqrt 2) for scores click * d + N(0, 1), for every seed', () => {
    // s+ - s- ~ N(d, 2), so P(s+ > s-) = Phi(d / sqrt 2): 0.856 for d = 1.5, 0.638 for d = 0.5
    for (const d of [1.5, 0.5])
      for (let seed = 1; seed <= 5; seed++) {
        const rng = mulberry32(seed);
        const labels: Label[] = Array.from({ length: 20_000 }, () => (rng() < 0.3 ? 1 : 0));
        const scores = labels.map((y) => y * d + normal(rng));
        // SE of AUC with ~6,000 positives and ~14,000 negatives is about 0.004; allow 0.015 (~4 SE)
        expect(Math.abs(auc(labels, scores) - normalCdf(d / Math.SQRT2))).toBeLessThan(0.015);
      }
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
