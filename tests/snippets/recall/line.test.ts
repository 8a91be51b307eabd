import { describe, expect, it } from 'vitest';
import {
  cosine,
  empiricalFirstOrder,
  empiricalSecondOrder,
  firstOrderObjective,
  firstOrderProbability,
  lineEdgeLoss,
  negLogSigmoid,
  noiseDistribution,
  outDegrees,
  secondOrderDistribution,
  secondOrderLogDistribution,
  secondOrderObjective,
  sigmoid,
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

describe('extreme scores and norms', () => {
  const naiveNegLogSigmoid = (z: number) => -Math.log(1 / (1 + Math.exp(-z)));

  it('lineEdgeLoss is a sum of softplus terms: finite at +-1000, equal to the naive form in between', () => {
    // positive score -1000 and negative score +1000: softplus(1000) twice = 2000
    expect(lineEdgeLoss([1000], [-1], [[1]])).toBe(2000);
    expect(naiveNegLogSigmoid(-1000)).toBe(Infinity); // what -log(sigmoid) gives
    // scores +1000 and -1000: both terms are log1p(e^-1000), 0 to double precision
    expect(lineEdgeLoss([1000], [1], [[-1]])).toBe(0);
    // a gap of 800 between positive and negative scores: softplus(-800) + softplus(0) = log 2
    expect(lineEdgeLoss([1], [800], [[0]])).toBeCloseTo(Math.LN2, 15);
    const rng = mulberry32(3);
    for (let t = 0; t < 100; t++) {
      const a = 20 * normal(rng);
      const b = 20 * normal(rng);
      const want = naiveNegLogSigmoid(a) + naiveNegLogSigmoid(-b);
      // the naive form is accurate where sigma is not within 1e-4 of 1
      if (want > 1e-3) expect(lineEdgeLoss([1], [a], [[b]]) / want).toBeCloseTo(1, 10);
    }
  });

  it('sigmoid, p1 and negLogSigmoid at the extremes', () => {
    // sigma(+-1000) rounds to 1 and to 0 (e^-1000 is below the smallest double); never NaN
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(firstOrderProbability([1000], [1])).toBe(1);
    // sigma(-40) = e^-40 / (1 + e^-40): relative accuracy kept in the tail
    expect(sigmoid(-40) / Math.exp(-40)).toBeCloseTo(1, 14);
    expect(negLogSigmoid(-1000)).toBe(1000);
    expect(negLogSigmoid(1000)).toBe(0);
    expect(negLogSigmoid(-40)).toBeCloseTo(40, 14);
    // equal to the naive form where that is accurate
    for (const z of [-30, -5, -1, 0, 1, 5]) expect(negLogSigmoid(z)).toBeCloseTo(naiveNegLogSigmoid(z), 12);
  });

  it('O1 is finite at scores of +-1000', () => {
    // one edge of weight 2 with u_i . u_j = -1000: 2 softplus(1000) = 2000
    expect(firstOrderObjective([{ from: 0, to: 1, weight: 2 }], [[1000], [-1]])).toBe(2000);
  });

  it('the log-softmax is exact at scores of +-1000 and gaps of 800', () => {
    // scores 1000, -1000, 200: log p = s - logsumexp = (0, -2000, -800) up to e^-800 terms
    const logs = secondOrderLogDistribution([1000], [[1], [-1], [0.2]]);
    expect(logs[0]).toBeCloseTo(0, 15);
    expect(logs[1]).toBeCloseTo(-2000, 10);
    expect(logs[2]).toBeCloseTo(-800, 10);
    // the naive log of the softmax probability would be log(0) = -Infinity for the last two
    expect(secondOrderDistribution([1000], [[1], [-1], [0.2]])).toEqual([1, 0, 0]);
    // O2 with the true neighbour scored 800 below the best: 800 * weight, not Infinity
    const o2 = secondOrderObjective([{ from: 0, to: 1, weight: 3 }], [[1000]], [[1], [0.2]]);
    expect(o2).toBeCloseTo(3 * 800, 9);
    // and the KL form stays finite too: target (0, 1), log model (0, -800): 3 * (0 - (-800))
    expect(weightedSecondOrderKL([{ from: 0, to: 1, weight: 3 }], [[1000], [0]], [[1], [0.2]])).toBeCloseTo(2400, 9);
  });

  it('cosine is scale-free: tiny and huge components give the same answer', () => {
    // [1, 1] and [1, 0] at 45 degrees: cos = 1 / sqrt 2, whatever the scale
    for (const sc of [1e-200, 1e-150, 1, 1e150, 1e200]) {
      expect(cosine([sc, sc], [sc, 0])).toBeCloseTo(Math.SQRT1_2, 15);
    }
    // naive: dot([1e-200, 1e-200], itself) = 0, so the naive cosine is 0 / 0
    expect(cosine([1e-200, 1e-200], [1e-200, 1e-200])).toBeCloseTo(1, 15);
    expect(cosine([1e200, 1e200], [-1e200, -1e200])).toBeCloseTo(-1, 15);
    // mixed scales: [1e200, 0] and [1e-200, 1e-200]
    expect(cosine([1e200, 0], [1e-200, 1e-200])).toBeCloseTo(Math.SQRT1_2, 15);
    // equal to the naive formula on moderate random vectors
    const rng = mulberry32(5);
    for (let t = 0; t < 50; t++) {
      const x = [normal(rng), normal(rng), normal(rng)];
      const y = [normal(rng), normal(rng), normal(rng)];
      const d = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
      expect(cosine(x, y)).toBeCloseTo(d(x, y) / Math.sqrt(d(x, x) * d(y, y)), 14);
    }
    expect(() => cosine([0, 0], [1, 0])).toThrow(/x must be a finite, non-zero vector/);
    expect(() => cosine([1, 0], [Infinity, 0])).toThrow(/y must be a finite, non-zero vector/);
  });

  it('empirical distributions do not overflow on huge weights', () => {
    const huge: Edge[] = [
      { from: 0, to: 1, weight: 1e308 },
      { from: 0, to: 2, weight: 3e307 },
    ];
    // naive W = 1.3e308 is finite here, but d_0 + anything more would not be; analytic 10/13, 3/13
    empiricalFirstOrder(huge).forEach((q, i) => expect(q).toBeCloseTo([10 / 13, 3 / 13][i]!, 15));
    const twice: Edge[] = [
      { from: 0, to: 1, weight: 1e308 },
      { from: 0, to: 2, weight: 1e308 },
    ];
    // naive: d_0 = Infinity and w / d_0 = 0 for both
    expect(outDegrees(twice, 3)[0]).toBe(Infinity);
    expect(empiricalSecondOrder(twice, 3)[0]).toEqual([0, 0.5, 0.5]);
    expect(empiricalFirstOrder(twice)).toEqual([0.5, 0.5]);
    expect(() => empiricalFirstOrder([{ from: 0, to: 1, weight: Infinity }])).toThrow(/positive and finite/);
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
    expect(() => outDegrees([{ from: 0, to: 1, weight: Infinity }], 3)).toThrow(/must be positive and finite/);
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
    noiseDistribution([1, 3], 1).forEach((q, i) => expect(q).toBeCloseTo([0.25, 0.75][i]!, 15));
  });

  it('huge and tiny degrees, tiny powers, and bad input', () => {
    // raw degrees 1e308 and 3e307: the naive sum overflows; analytic 10/13 and 3/13
    noiseDistribution([1e308, 3e307], 1).forEach((q, i) => expect(q).toBeCloseTo([10 / 13, 3 / 13][i]!, 13));
    // 16e-300 and 81e-300 to the 0.75: 8 : 27
    noiseDistribution([16e-300, 81e-300]).forEach((q, i) => expect(q).toBeCloseTo([8 / 35, 27 / 35][i]!, 13));
    // ratio 1e400 (not a double) to the power 1e-3 is 10^0.4
    const r = 10 ** 0.4;
    noiseDistribution([1e-200, 1e200], 1e-3).forEach((q, i) => expect(q).toBeCloseTo([1, r][i]! / (1 + r), 12));
    // a node with no out-edges is never a negative (power > 0)
    expect(noiseDistribution([0, 5])).toEqual([0, 1]);
    expect(() => noiseDistribution([0, 0])).toThrow(/must not all be 0/);
    expect(() => noiseDistribution([1, -1])).toThrow(/finite and >= 0/);
    expect(() => noiseDistribution([1, Infinity])).toThrow(/finite and >= 0/);
    expect(() => noiseDistribution([1, 2], Number.NaN)).toThrow(/power must be finite/);
  });
});

describe('edge sampling', () => {
  it('draws edges in proportion to weight through the alias table (chi-square, 2 df, seeds 1 to 5)', () => {
    const weights = [1, 2, 5];
    const table = buildAlias(weights);
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const counts = [0, 0, 0];
      const n = 80_000;
      for (let i = 0; i < n; i++) counts[drawAlias(table, rng)]!++;
      const chi2 = counts.reduce((s, c, i) => s + (c - (n * weights[i]!) / 8) ** 2 / ((n * weights[i]!) / 8), 0);
      expect(chi2).toBeLessThan(13.8); // 99.9% quantile: all 5 pass with probability 0.995
    }
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
  // The figure's setting: 100,000 sampled edges at learning rate 0.1, seeds 1 to 10. The page quotes
  // the bounds these tests pin.
  const opts = { dim: 8, steps: 100_000, negatives: 5, lr: 0.1 } as const;
  const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

  it('second order makes nodes with the same neighbours similar, edge or no edge (every seed)', () => {
    for (const seed of SEEDS) {
      const { emb } = trainLine(12, edges, { ...opts, order: 2, rng: mulberry32(seed) });
      expect(cosine(emb[0]!, emb[1]!)).toBeGreaterThan(0.99); // same neighbours, no edge
      // other half: 0.30 to 0.32 over these seeds
      expect(cosine(emb[0]!, emb[6]!)).toBeGreaterThan(0.28);
      expect(cosine(emb[0]!, emb[6]!)).toBeLessThan(0.34);
      // joined, but different neighbourhoods: 0.33 to 0.36 over these seeds
      expect(cosine(emb[0]!, emb[2]!)).toBeGreaterThan(0.32);
      expect(cosine(emb[0]!, emb[2]!)).toBeLessThan(0.37);
    }
  }, 30_000);

  it('second order has converged: doubling the run moves no cosine by more than 0.02 (seeds 1 to 5)', () => {
    // At learning rate 0.05 the same 100,000 steps were not enough: the edge 0-2 still drifted from
    // 0.37 towards 0.34 when the run was doubled. Here the largest move is 0.019.
    for (const seed of SEEDS.slice(0, 5)) {
      const a = trainLine(12, edges, { ...opts, order: 2, rng: mulberry32(seed) }).emb;
      const b = trainLine(12, edges, { ...opts, steps: 200_000, order: 2, rng: mulberry32(seed) }).emb;
      for (const [x, y] of [
        [0, 1],
        [0, 2],
        [0, 6],
      ] as const)
        expect(Math.abs(cosine(a[x]!, a[y]!) - cosine(b[x]!, b[y]!))).toBeLessThan(0.02);
    }
  }, 30_000);

  it('first order makes joined nodes similar (every seed)', () => {
    // First-order cosines vary more between runs and run lengths (the edge 0-2 from 0.903 to 0.994
    // over these seeds, down to 0.85 over seeds 21 to 30, and by up to 0.06 when a run is doubled),
    // so only bounds are asserted: the page's "above 0.9 in each of the ten runs".
    for (const seed of SEEDS) {
      const { emb, ctx } = trainLine(12, edges, { ...opts, order: 1, rng: mulberry32(seed) });
      expect(ctx).toBe(emb);
      expect(cosine(emb[0]!, emb[2]!)).toBeGreaterThan(0.9);
      expect(cosine(emb[0]!, emb[6]!)).toBeLessThan(-0.9);
      // 0 and 1 end up close too, but only indirectly: both are pulled towards neighbours 2..5
      expect(cosine(emb[0]!, emb[1]!)).toBeGreaterThan(0.9);
    }
  }, 30_000);
});
