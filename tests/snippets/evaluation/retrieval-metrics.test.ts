import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  binaryGrades,
  dcg,
  hitAtK,
  meanOver,
  ndcgAtK,
  precisionAtK,
  recallAtK,
  reciprocalRank,
} from '../../../content/snippets/evaluation/retrieval-metrics.ts';
import { mulberry32, shuffle } from '../../../content/snippets/shared/random.ts';

// Query 1: ranked a b c d e f, relevant b d g (g never retrieved). Hits at ranks 2 and 4.
const ranked1 = ['a', 'b', 'c', 'd', 'e', 'f'];
const rel1 = new Set(['b', 'd', 'g']);
// Query 2: ranked x y z, relevant x z. Hits at ranks 1 and 3.
const ranked2 = ['x', 'y', 'z'];
const rel2 = new Set(['x', 'z']);

describe('binary top-K metrics (hand-computed)', () => {
  it('hit rate, recall and precision at K', () => {
    expect(hitAtK(ranked1, rel1, 1)).toBe(0); // a is not relevant
    expect(hitAtK(ranked1, rel1, 2)).toBe(1);
    // Top 5 holds b and d: recall 2/3, precision 2/5.
    expect(recallAtK(ranked1, rel1, 5)).toBeCloseTo(2 / 3, 12);
    expect(precisionAtK(ranked1, rel1, 5)).toBeCloseTo(0.4, 12);
    // Precision divides by k even past the end of a short list: 2 hits / 10 slots.
    expect(precisionAtK(ranked2, rel2, 10)).toBeCloseTo(0.2, 12);
    // g was never retrieved, so recall cannot reach 1 at any k.
    expect(recallAtK(ranked1, rel1, Infinity)).toBeCloseTo(2 / 3, 12);
  });

  it('reciprocal rank and MRR', () => {
    expect(reciprocalRank(ranked1, rel1)).toBe(0.5); // first hit at rank 2
    expect(reciprocalRank(ranked1, rel1, 1)).toBe(0); // nothing in the top 1
    expect(reciprocalRank(ranked2, rel2)).toBe(1);
    // MRR = (1/2 + 1) / 2 = 0.75
    const qs = [
      { ranked: ranked1, relevant: rel1 },
      { ranked: ranked2, relevant: rel2 },
    ];
    expect(meanOver(qs, reciprocalRank)).toBeCloseTo(0.75, 12);
  });

  it('average precision and MAP', () => {
    // Query 1: precision 1/2 at rank 2, 2/4 at rank 4; divided by |R| = 3 -> (0.5 + 0.5) / 3 = 1/3.
    expect(averagePrecision(ranked1, rel1)).toBeCloseTo(1 / 3, 12);
    // Query 2: 1/1 at rank 1, 2/3 at rank 3; over |R| = 2 -> (1 + 2/3) / 2 = 5/6.
    expect(averagePrecision(ranked2, rel2)).toBeCloseTo(5 / 6, 12);
    // AP@2 of query 2: only rank 1 counts, divided by min(2, 2) = 2 -> 0.5.
    expect(averagePrecision(ranked2, rel2, 2)).toBeCloseTo(0.5, 12);
    // AP@1 of query 2: 1/1 over min(2, 1) = 1 -> 1.
    expect(averagePrecision(ranked2, rel2, 1)).toBe(1);
    // MAP = (1/3 + 5/6) / 2 = 7/12.
    const qs = [
      { ranked: ranked1, relevant: rel1 },
      { ranked: ranked2, relevant: rel2 },
      { ranked: ['q'], relevant: new Set<string>() }, // no relevant item: skipped
    ];
    expect(meanOver(qs, averagePrecision)).toBeCloseTo(7 / 12, 12);
  });

  it('refuses metrics that are undefined for a user with nothing relevant', () => {
    expect(() => recallAtK(['a'], new Set<string>(), 1)).toThrow(/relevant is empty/);
    expect(() => hitAtK(['a'], new Set(['a']), 0)).toThrow(/k must be a positive integer/);
  });
});

describe('NDCG (hand-computed)', () => {
  // Ranked a b c d e with grades 3 2 0 1 0; f (grade 2) was judged but not retrieved.
  const ranked = ['a', 'b', 'c', 'd', 'e'];
  const grades = new Map([
    ['a', 3],
    ['b', 2],
    ['d', 1],
    ['f', 2],
  ]);
  // Discounts 1/log2(rank+1): 1, 0.630930, 0.5, 0.430677, 0.386853.

  it('with exponential gain 2^rel - 1', () => {
    // DCG  = 7*1 + 3*0.630930 + 0*0.5 + 1*0.430677 + 0 = 9.323466
    // IDCG = grades 3 2 2 1 0: 7 + 3*0.630930 + 3*0.5 + 1*0.430677 = 10.823466
    expect(dcg([3, 2, 0, 1, 0], 5)).toBeCloseTo(9.323466, 5);
    expect(ndcgAtK(ranked, grades, 5, 'exponential')).toBeCloseTo(9.323466 / 10.823466, 6); // 0.861412
  });

  it('with linear gain rel', () => {
    // DCG  = 3 + 2*0.630930 + 1*0.430677 = 4.692536
    // IDCG = 3 + 2*0.630930 + 2*0.5 + 1*0.430677 = 5.692536
    expect(ndcgAtK(ranked, grades, 5, 'linear')).toBeCloseTo(4.692536 / 5.692536, 6); // 0.824331
  });

  it('cuts both DCG and IDCG at k', () => {
    // k = 3: DCG = 7 + 3*0.630930 = 8.892789; IDCG = 7 + 3*0.630930 + 3*0.5 = 10.392789.
    expect(ndcgAtK(ranked, grades, 3)).toBeCloseTo(8.892789 / 10.392789, 6); // 0.855669
  });

  it('gives 1 for the ideal order, stays in [0, 1], and agrees across gains on binary grades', () => {
    const rng = mulberry32(12);
    for (let t = 0; t < 200; t++) {
      const items = Array.from({ length: 12 }, (_, i) => i);
      const g = new Map(items.map((i) => [i, Math.floor(rng() * 4)]));
      if (![...g.values()].some((v) => v > 0)) continue;
      const ideal = [...items].sort((a, b) => g.get(b)! - g.get(a)!);
      expect(ndcgAtK(ideal, g, 5)).toBeCloseTo(1, 12);
      const order = shuffle(rng, items);
      const v = ndcgAtK(order, g, 5);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1 + 1e-12);
      const rel = new Set(items.filter((i) => g.get(i)! >= 2));
      if (rel.size === 0) continue;
      const bin = binaryGrades(rel);
      expect(ndcgAtK(order, bin, 5, 'exponential')).toBeCloseTo(ndcgAtK(order, bin, 5, 'linear'), 12);
    }
  });
});

describe('NDCG at the extremes of the grade range', () => {
  it('keeps tiny grades: 2^rel - 1 by expm1, where the naive form rounds to 0', () => {
    expect(2 ** 1e-300 - 1).toBe(0); // the naive gain
    // gain(1e-300) = 1e-300 ln 2 (first-order Taylor term; the next one is ~1e-600)
    expect(dcg([1e-300], 1) / (1e-300 * Math.LN2)).toBeCloseTo(1, 14);
    // Grades 1e-300 and 2e-300 ranked in the wrong order. In this regime 2^rel - 1 = rel ln 2, so
    // exponential and linear gain agree: (1 + 2 / log2 3) / (2 + 1 / log2 3) = 0.859719 (analytic).
    const g = new Map([
      ['a', 1e-300],
      ['b', 2e-300],
    ]);
    const expected = (1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3));
    expect(ndcgAtK(['a', 'b'], g, 2)).toBeCloseTo(expected, 12);
    expect(ndcgAtK(['a', 'b'], g, 2, 'linear')).toBeCloseTo(expected, 12);
  });

  it('agrees with the naive 2^rel - 1 on ordinary grades', () => {
    const rng = mulberry32(21);
    for (let t = 0; t < 100; t++) {
      const grades = Array.from({ length: 10 }, () => Math.floor(rng() * 6) + rng());
      const naive = grades.reduce((s, rel, i) => s + (2 ** rel - 1) / Math.log2(i + 2), 0);
      expect(Math.abs(dcg(grades, 10) / naive - 1)).toBeLessThan(1e-14);
    }
  });

  it('rejects grades it cannot turn into a finite gain, naming them', () => {
    // 2^1023 - 1 is finite; 2^1100 is not
    expect(Number.isFinite(dcg([1023], 1))).toBe(true);
    expect(() => dcg([1100], 1)).toThrow(/gains overflow the double range \(grades up to 1100\)/);
    expect(() => dcg([1e308, 1e308, 1e308], 3, 'linear')).toThrow(/gains overflow/);
    expect(() => dcg([1, Infinity], 2)).toThrow(/grades\[1\] must be finite and >= 0/);
    expect(() => dcg([Number.NaN], 1)).toThrow(/grades\[0\] must be finite/);
    expect(() => dcg([-1], 1)).toThrow(/grades\[0\] must be finite and >= 0/);
  });
});

describe('one held-out item per user (leave-one-out)', () => {
  it('makes HR@K equal Recall@K, AP equal RR, and NDCG@K equal 1 / log2(rank + 1)', () => {
    const rng = mulberry32(30);
    for (let t = 0; t < 100; t++) {
      const ranked = shuffle(
        rng,
        Array.from({ length: 20 }, (_, i) => i),
      );
      const target = Math.floor(rng() * 25); // 20..24 are never retrieved
      const rel = new Set([target]);
      const rank = ranked.indexOf(target) + 1; // 0 when missing
      for (const k of [1, 5, 10]) {
        expect(hitAtK(ranked, rel, k)).toBe(recallAtK(ranked, rel, k));
        const expected = rank >= 1 && rank <= k ? 1 / Math.log2(rank + 1) : 0;
        expect(ndcgAtK(ranked, binaryGrades(rel), k)).toBeCloseTo(expected, 12);
      }
      expect(averagePrecision(ranked, rel)).toBeCloseTo(reciprocalRank(ranked, rel), 12);
    }
  });
});

describe('average precision against its definition', () => {
  it('equals the mean of precision@rank over every relevant item (0 for the missed ones)', () => {
    const rng = mulberry32(77);
    for (let t = 0; t < 100; t++) {
      const ranked = shuffle(
        rng,
        Array.from({ length: 15 }, (_, i) => i),
      );
      const rel = new Set(Array.from({ length: 18 }, (_, i) => i).filter(() => rng() < 0.3));
      if (rel.size === 0) continue;
      let naive = 0;
      for (const item of rel) {
        const r = ranked.indexOf(item) + 1;
        if (r > 0) naive += precisionAtK(ranked, rel, r);
      }
      expect(averagePrecision(ranked, rel)).toBeCloseTo(naive / rel.size, 12);
    }
  });
});
