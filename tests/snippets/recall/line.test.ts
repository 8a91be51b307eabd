import { describe, expect, it } from 'vitest';
import {
  cosine,
  empiricalFirstOrder,
  empiricalSecondOrder,
  firstOrderObjective,
  firstOrderProbability,
  lineEdgeLoss,
  noiseDistribution,
  outDegrees,
  secondOrderDistribution,
  secondOrderObjective,
  trainLine,
  weightedSecondOrderKL,
  type Edge,
} from '../../../content/snippets/recall/line.ts';
import { buildAlias, drawAlias } from '../../../content/snippets/recall/alias.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

const ln3 = Math.log(3);

describe('proximities', () => {
  it('first order is sigma of the dot product', () => {
    // [1, 0] . [0.5, 0.5] = 0.5; sigma(0.5) = 1 / (1 + e^{-0.5}) = 0.622459
    expect(firstOrderProbability([1, 0], [0.5, 0.5])).toBeCloseTo(0.622459, 6);
    // sigma(ln 3) = 1 / (1 + 1/3) = 3/4
    expect(firstOrderProbability([ln3, 0], [1, 7])).toBeCloseTo(0.75, 12);
  });

  it('second order is a softmax over every node context vector', () => {
    // scores 0, 1, 2: e^0 : e^1 : e^2 = 1 : 2.71828 : 7.38906, total 11.10734
    const p = secondOrderDistribution(
      [1, 0],
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
    );
    expect(p[0]).toBeCloseTo(0.0900306, 7);
    expect(p[1]).toBeCloseTo(0.2447285, 7);
    expect(p[2]).toBeCloseTo(0.665241, 6);
  });
});

describe('empirical distributions', () => {
  const edges: Edge[] = [
    { from: 0, to: 1, weight: 1 },
    { from: 0, to: 2, weight: 3 },
    { from: 1, to: 2, weight: 4 },
  ];
  it('first order: w_ij / W', () => {
    // W = 1 + 3 + 4 = 8
    expect(empiricalFirstOrder(edges)).toEqual([0.125, 0.375, 0.5]);
  });
  it('second order: w_ij / d_i', () => {
    // d_0 = 1 + 3 = 4, d_1 = 4, d_2 = 0 (no out-edges, an all-zero row)
    expect(outDegrees(edges, 3)).toEqual([4, 4, 0]);
    expect(empiricalSecondOrder(edges, 3)).toEqual([
      [0, 0.25, 0.75],
      [0, 0, 1],
      [0, 0, 0],
    ]);
  });
  it('rejects edges outside the node range or with non-positive weight', () => {
    expect(() => outDegrees([{ from: 0, to: 5, weight: 1 }], 3)).toThrow(/leaves 0..2/);
    expect(() => outDegrees([{ from: 0, to: 1, weight: 0 }], 3)).toThrow(/must be positive/);
  });
});

describe('objectives', () => {
  it('O1 on a hand example', () => {
    // one edge of weight 2 between [ln 3, 0] and [1, 0]: -2 log sigma(ln 3) = 2 ln(4/3)
    const o1 = firstOrderObjective(
      [{ from: 0, to: 1, weight: 2 }],
      [
        [ln3, 0],
        [1, 0],
      ],
    );
    expect(o1).toBeCloseTo(2 * Math.log(4 / 3), 12);
  });

  it('O2 equals the degree-weighted KL plus an embedding-free constant', () => {
    // sum_i d_i KL(p^_i || p_i) = sum_ij w_ij log p^_ij - sum_ij w_ij log p2_ij
    //                          = -sum_i d_i H(p^_i) + O2.
    // Edges from 0: to 1 (w 1), to 2 (w 3): d_0 = 4, H = -(1/4 ln 1/4 + 3/4 ln 3/4) = 0.562335.
    // From 1: to 2 (w 2): d_1 = 2, H = 0. From 2: to 0 (w 1): d_2 = 1, H = 0.
    // So O2 - KL = 4 * 0.562335 = 2.249341 whatever the vectors.
    const edges: Edge[] = [
      { from: 0, to: 1, weight: 1 },
      { from: 0, to: 2, weight: 3 },
      { from: 1, to: 2, weight: 2 },
      { from: 2, to: 0, weight: 1 },
    ];
    const constant = -4 * (0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
    expect(constant).toBeCloseTo(2.249341, 6);
    const rng = mulberry32(12);
    for (let t = 0; t < 10; t++) {
      const emb = [0, 1, 2].map(() => [normal(rng), normal(rng)]);
      const ctx = [0, 1, 2].map(() => [normal(rng), normal(rng)]);
      const gap = secondOrderObjective(edges, emb, ctx) - weightedSecondOrderKL(edges, emb, ctx);
      expect(gap).toBeCloseTo(constant, 10);
    }
  });
});

describe('noiseDistribution', () => {
  it('is proportional to degree^0.75', () => {
    // 1^0.75 = 1, 16^0.75 = 8, 81^0.75 = 27; total 36
    const p = noiseDistribution([1, 16, 81]);
    expect(p[0]).toBeCloseTo(1 / 36, 12);
    expect(p[1]).toBeCloseTo(8 / 36, 12);
    expect(p[2]).toBeCloseTo(27 / 36, 12);
    // power 0 is uniform, power 1 the raw degrees
    expect(noiseDistribution([1, 16, 81], 0)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(noiseDistribution([1, 3], 1)).toEqual([0.25, 0.75]);
  });
});

describe('edge sampling', () => {
  it('draws edges in proportion to weight through the alias table (chi-square, 2 df)', () => {
    const weights = [1, 2, 5];
    const table = buildAlias(weights);
    const rng = mulberry32(99);
    const counts = [0, 0, 0];
    const n = 80_000;
    for (let i = 0; i < n; i++) counts[drawAlias(table, rng)]!++;
    const chi2 = counts.reduce((s, c, i) => s + (c - (n * weights[i]!) / 8) ** 2 / ((n * weights[i]!) / 8), 0);
    expect(chi2).toBeLessThan(13.8); // 99.9% quantile
  });
});

describe('lineEdgeLoss', () => {
  it('matches a hand computation', () => {
    // target: dot ln 3, -log(3/4) = ln(4/3); one negative with dot ln 3: -log(1/4) = ln 4.
    // ln(4/3) + ln 4 = ln(16/3) = 1.673976
    expect(lineEdgeLoss([1, 0], [ln3, 0], [[ln3, 1]])).toBeCloseTo(Math.log(16 / 3), 12);
    expect(lineEdgeLoss([1, 0], [ln3, 0], [[ln3, 1]])).toBeCloseTo(1.673976, 6);
  });
});

describe('trainLine', () => {
  // Nodes 0 and 1 share the neighbours 2..5 but are not joined; 6 and 7 share 8..11; the
  // bridge 5-8 connects the halves. Undirected, so every edge is listed in both directions.
  const pairs: [number, number][] = [];
  for (const a of [0, 1]) for (const b of [2, 3, 4, 5]) pairs.push([a, b]);
  for (const a of [6, 7]) for (const b of [8, 9, 10, 11]) pairs.push([a, b]);
  pairs.push([5, 8]);
  const edges: Edge[] = pairs.flatMap(([a, b]) => [
    { from: a, to: b, weight: 1 },
    { from: b, to: a, weight: 1 },
  ]);
  const opts = { dim: 8, steps: 20_000, negatives: 5, lr: 0.05 } as const;

  it('second order makes nodes with the same neighbours similar, edge or no edge', () => {
    const { emb } = trainLine(12, edges, { ...opts, order: 2, rng: mulberry32(1) });
    expect(cosine(emb[0]!, emb[1]!)).toBeGreaterThan(0.95); // same neighbours, no edge
    expect(cosine(emb[0]!, emb[6]!)).toBeLessThan(0.6); // other half
    expect(cosine(emb[0]!, emb[2]!)).toBeLessThan(0.6); // joined, but different neighbourhoods
  });

  it('first order makes joined nodes similar', () => {
    const { emb, ctx } = trainLine(12, edges, { ...opts, order: 1, rng: mulberry32(1) });
    expect(ctx).toBe(emb);
    expect(cosine(emb[0]!, emb[2]!)).toBeGreaterThan(0.9);
    expect(cosine(emb[0]!, emb[6]!)).toBeLessThan(0);
    // 0 and 1 end up close too, but only indirectly: both are pulled towards neighbours 2..5
    expect(cosine(emb[0]!, emb[1]!)).toBeGreaterThan(0.9);
  });
});
