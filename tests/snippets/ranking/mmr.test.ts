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

  it('rejects bad arguments', () => {
    expect(() => mmrRerank(relevance, similarity, 1.5)).toThrow(/lambda must be in \[0, 1\]/);
    expect(() => mmrRerank(relevance, similarity.slice(0, 3), 0.5)).toThrow(/similarity must be 4 x 4/);
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
