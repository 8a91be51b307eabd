import { describe, expect, it } from 'vitest';
import {
  cosineSimilarityMatrix,
  dppGreedy,
  intraListDiversity,
  logDet,
  mmrRerank,
} from '../../../content/snippets/ranking/mmr.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

// Items 0 and 1 are near-duplicates (similarity 0.95); 2 and 3 are different from both.
const relevance = [0.9, 0.85, 0.5, 0.3];
const similarity = [
  [1, 0.95, 0.1, 0.3],
  [0.95, 1, 0.2, 0.3],
  [0.1, 0.2, 1, 0.1],
  [0.3, 0.3, 0.1, 1],
];

describe('mmrRerank', () => {
  it('lambda = 1 keeps the relevance order', () => {
    expect(mmrRerank(relevance, similarity, 1)).toEqual([0, 1, 2, 3]);
  });

  it('matches the hand case at lambda = 0.7 and 0.5', () => {
    // lambda = 0.7, after picking 0: item 1: 0.595 - 0.3 * 0.95 = 0.310
    //                                item 2: 0.350 - 0.3 * 0.10 = 0.320  <- picked
    //                                item 3: 0.210 - 0.3 * 0.30 = 0.120
    // then item 1 (0.310) beats item 3 (0.210 - 0.3 * max(0.3, 0.1) = 0.120)
    expect(mmrRerank(relevance, similarity, 0.7)).toEqual([0, 2, 1, 3]);
    // lambda = 0.5, after 0: item 1: 0.425 - 0.475 = -0.05, item 2: 0.25 - 0.05 = 0.20, item 3: 0.15 - 0.15 = 0
    // after {0, 2}: item 1: -0.05, item 3: 0.15 - 0.5 * 0.3 = 0  -> the near-duplicate goes last
    expect(mmrRerank(relevance, similarity, 0.5)).toEqual([0, 2, 3, 1]);
  });

  it('lambda = 0 starts from the top item, then picks the most dissimilar', () => {
    // after 0, similarities to it are 0.95, 0.1, 0.3: item 2 is the least similar
    expect(mmrRerank(relevance, similarity, 0, 2)).toEqual([0, 2]);
    const rng = mulberry32(1998);
    for (let t = 0; t < 20; t++) {
      const vecs = Array.from({ length: 8 }, () => [normal(rng), normal(rng), normal(rng)]);
      const sim = cosineSimilarityMatrix(vecs);
      const rel = vecs.map(() => rng());
      const [first, second] = mmrRerank(rel, sim, 0, 2) as [number, number];
      expect(first).toBe(rel.indexOf(Math.max(...rel)));
      const others = rel.map((_, i) => i).filter((i) => i !== first);
      const leastSimilar = others.reduce((a, b) => (sim[b]![first]! < sim[a]![first]! ? b : a));
      expect(second).toBe(leastSimilar);
    }
  });

  it('lambda = 1 equals a sort by relevance on random inputs, and k truncates', () => {
    const rng = mulberry32(7);
    const rel = Array.from({ length: 12 }, () => rng());
    const vecs = rel.map(() => [normal(rng), normal(rng)]);
    const sorted = rel.map((_, i) => i).sort((a, b) => rel[b]! - rel[a]!);
    expect(mmrRerank(rel, cosineSimilarityMatrix(vecs), 1)).toEqual(sorted);
    expect(mmrRerank(rel, cosineSimilarityMatrix(vecs), 1, 5)).toEqual(sorted.slice(0, 5));
  });

  it('raises intra-list diversity as lambda falls', () => {
    // near-duplicate pair at the top: dropping lambda to 0.5 pushes the duplicate out of the top 2
    const top2 = (lambda: number): number =>
      intraListDiversity(mmrRerank(relevance, similarity, lambda, 2), similarity);
    expect(top2(1)).toBeCloseTo(0.05, 12); // items 0, 1: 1 - 0.95
    expect(top2(0.5)).toBeCloseTo(0.9, 12); // items 0, 2: 1 - 0.1
  });

  it('stays exact with relevances of plus or minus 1e300', () => {
    // At lambda = 0.5 a relevance gap of 1e300 dwarfs any similarity penalty: the relevance order.
    const rel = [1e300, -1e300, 5e299, -5e299];
    expect(mmrRerank(rel, similarity, 0.5)).toEqual([0, 2, 3, 1]);
    // lambda = 0: relevance only breaks the first tie, then similarity decides
    expect(mmrRerank(rel, similarity, 0)).toEqual(mmrRerank(relevance, similarity, 0));
  });

  it('rejects bad arguments', () => {
    expect(() => mmrRerank(relevance, similarity, 1.5)).toThrow(/lambda must be in \[0, 1\]/);
    expect(() => mmrRerank(relevance, similarity, NaN)).toThrow(/lambda must be in \[0, 1\]/);
    expect(() => mmrRerank(relevance, similarity.slice(0, 3), 0.5)).toThrow(/similarity must be 4 x 4/);
    expect(() => mmrRerank([0.9, NaN, 0.5, 0.3], similarity, 0.5)).toThrow(/relevance\[1\] must be finite/);
    expect(() => mmrRerank(relevance, similarity, 0.5, 2.5)).toThrow(/k must be a non-negative integer/);
  });
});

describe('cosineSimilarityMatrix', () => {
  it('matches the naive dot / (norm * norm) on ordinary vectors', () => {
    const rng = mulberry32(3);
    const vecs = Array.from({ length: 6 }, () => [normal(rng), normal(rng), normal(rng)]);
    const sim = cosineSimilarityMatrix(vecs);
    vecs.forEach((a, i) =>
      vecs.forEach((b, j) => {
        const dot = a.reduce((s, x, c) => s + x * b[c]!, 0);
        const naive = dot / (Math.sqrt(a.reduce((s, x) => s + x * x, 0)) * Math.sqrt(b.reduce((s, x) => s + x * x, 0)));
        expect(sim[i]![j]).toBeCloseTo(naive, 14);
      }),
    );
  });

  it('is exact for norms of 1e-200 and 1e200, where the naive form gives 0, NaN or Infinity', () => {
    const tiny = [1e-200, 1e-200];
    const huge = [1e200, 1e200];
    const other = [1e200, -1e200];
    // naive: the dot product of tiny vectors underflows to 0, of huge ones overflows to Infinity
    expect(tiny[0]! * tiny[0]! + tiny[1]! * tiny[1]!).toBe(0);
    expect(huge[0]! * huge[0]!).toBe(Infinity);
    const sim = cosineSimilarityMatrix([tiny, huge, other, [3e-200, 4e-200]]);
    expect(sim[0]![0]).toBeCloseTo(1, 15);
    expect(sim[0]![1]).toBeCloseTo(1, 15); // same direction, norms 1e400 apart
    expect(sim[1]![2]).toBeCloseTo(0, 15); // orthogonal
    expect(sim[2]![2]).toBeCloseTo(1, 15);
    // (1, 1)/sqrt 2 against (3, 4)/5: 7 / (5 sqrt 2) = 0.98995
    expect(sim[0]![3]).toBeCloseTo(7 / (5 * Math.SQRT2), 14);
    for (const row of sim) for (const v of row) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    // components of 1.5e308: even Math.hypot overflows; dividing by the largest component first does not
    expect(Math.hypot(1.5e308, 1.5e308)).toBe(Infinity);
    expect(
      cosineSimilarityMatrix([
        [1.5e308, 1.5e308],
        [1, 1],
      ])[0]![1],
    ).toBeCloseTo(1, 15);
  });

  it('rejects a zero or non-finite vector', () => {
    expect(() =>
      cosineSimilarityMatrix([
        [1, 0],
        [0, 0],
      ]),
    ).toThrow(/vectors\[1\] must be non-zero and finite/);
    expect(() => cosineSimilarityMatrix([[1, Infinity]])).toThrow(/vectors\[0\] must be non-zero and finite/);
    expect(() => cosineSimilarityMatrix([[1, 0], [1]])).toThrow(/vectors\[1\] has another length/);
  });

  it('makes MMR and the DPP pick the same lists for vectors scaled by 1e-200 or 1e200', () => {
    const rng = mulberry32(1998);
    const vecs = Array.from({ length: 10 }, () => [normal(rng), normal(rng), normal(rng)]);
    const rel = vecs.map(() => 0.1 + rng());
    const base = cosineSimilarityMatrix(vecs);
    for (const scale of [1e-200, 1e200]) {
      const sim = cosineSimilarityMatrix(vecs.map((v) => v.map((x) => x * scale)));
      expect(mmrRerank(rel, sim, 0.6, 5)).toEqual(mmrRerank(rel, base, 0.6, 5));
      expect(dppGreedy(rel, sim, 3)).toEqual(dppGreedy(rel, base, 3));
    }
  });
});

describe('logDet and dppGreedy', () => {
  it('logDet matches the 2 x 2 closed form and flags singular matrices', () => {
    // det [[2, 0.5], [0.5, 1]] = 2 - 0.25 = 1.75
    expect(
      logDet([
        [2, 0.5],
        [0.5, 1],
      ]),
    ).toBeCloseTo(Math.log(1.75), 12);
    expect(
      logDet([
        [1, 1],
        [1, 1],
      ]),
    ).toBe(-Infinity);
  });

  it('logDet shifts by n log c when the matrix is scaled by c = 1e-200 or 1e200', () => {
    const M = [
      [2, 0.5, 0.1],
      [0.5, 1, 0.2],
      [0.1, 0.2, 3],
    ];
    const base = logDet(M);
    // naive det of 1e-200 M is ~1e-600 (0 in doubles), of 1e200 M ~1e600 (Infinity)
    for (const c of [1e-200, 1e200]) {
      const scaled = M.map((row) => row.map((v) => v * c));
      expect(logDet(scaled)).toBeCloseTo(base + 3 * Math.log(c), 9);
    }
    // a singular matrix stays singular at any scale
    expect(
      logDet([
        [1e-200, 1e-200],
        [1e-200, 1e-200],
      ]),
    ).toBe(-Infinity);
  });

  it('dppGreedy picks the same items for relevances scaled by 1e-200 or 1e200', () => {
    // log det L_Y = 2 sum log r + log det S_Y: a common factor c adds 2 |Y| log c to every
    // candidate set of the same size, so the greedy choice cannot change. Forming L would
    // make r_i r_j = 1e-400 (0) or 1e400 (Infinity).
    const rel = [1, 0.9, 0.8];
    const S = [
      [1, 0.9, 0],
      [0.9, 1, 0],
      [0, 0, 1],
    ];
    for (const c of [1e-200, 1e200])
      expect(
        dppGreedy(
          rel.map((r) => r * c),
          S,
        ),
      ).toEqual(dppGreedy(rel, S));
    expect(dppGreedy(rel, S)).toEqual([0, 2, 1]);
  });

  it('with no similarity (S = I) picks by relevance', () => {
    const rel = [0.3, 0.9, 0.5, 0.7];
    const eye = rel.map((_, i) => rel.map((__, j) => (i === j ? 1 : 0)));
    expect(dppGreedy(rel, eye)).toEqual([1, 3, 2, 0]);
  });

  it('never picks an exact duplicate, and stops when only duplicates are left (hand case)', () => {
    // items 0 and 1 are the same direction, item 2 is orthogonal: S = [[1,1,0],[1,1,0],[0,0,1]]
    const S = cosineSimilarityMatrix([
      [1, 0],
      [2, 0],
      [0, 1],
    ]);
    // step 1: log det = 2 log r_i, largest for item 0 (r = 1)
    // step 2: {0, 1} is singular; {0, 2} has det 1 * 0.25 -> pick 2; step 3: {0, 2, 1} singular -> stop
    expect(dppGreedy([1, 0.9, 0.5], S)).toEqual([0, 2]);
    // MMR with lambda = 0.5 still appends the duplicate at the end: it only reorders
    expect(mmrRerank([1, 0.9, 0.5], S, 0.5)).toEqual([0, 2, 1]);
  });

  it('trades relevance against similarity: log det L_Y = sum 2 log r + log(1 - s^2) for pairs', () => {
    // r = [1, 0.9, 0.8], s01 = 0.9, s02 = 0, s12 = 0: after item 0,
    // {0,1}: 2 log 0.9 + log(1 - 0.81) = -1.8714;  {0,2}: 2 log 0.8 + log 1 = -0.4463  -> item 2
    const S = [
      [1, 0.9, 0],
      [0.9, 1, 0],
      [0, 0, 1],
    ];
    expect(dppGreedy([1, 0.9, 0.8], S, 2)).toEqual([0, 2]);
  });
});
