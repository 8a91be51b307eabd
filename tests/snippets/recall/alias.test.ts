import { describe, expect, it } from 'vitest';
import { aliasDistribution, buildAlias, drawAlias, normalizeWeights } from '../../../content/snippets/recall/alias.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

/** Upper 0.1% points of the chi-square distribution, by degrees of freedom. */
const CHI2_999: Record<number, number> = {
  1: 10.828,
  2: 13.816,
  3: 16.266,
  4: 18.467,
  5: 20.515,
  7: 24.322,
  9: 27.877,
};

function chiSquare(counts: readonly number[], probs: readonly number[], n: number): number {
  return counts.reduce((s, c, i) => s + (c - n * probs[i]!) ** 2 / (n * probs[i]!), 0);
}

describe('buildAlias', () => {
  it('builds the hand-worked table for weights 1, 2, 3, 4', () => {
    // scaled heights: 0.4, 0.8, 1.2, 1.6. small = [0, 1], large = [2, 3] (stacks, pop from the end)
    // pop s=1 (0.8), l=3 (1.6): prob[1]=0.8, alias[1]=3, h3 = 1.6 - 0.2 = 1.4 -> large
    // pop s=0 (0.4), l=3 (1.4): prob[0]=0.4, alias[0]=3, h3 = 1.4 - 0.6 = 0.8 -> small
    // pop s=3 (0.8), l=2 (1.2): prob[3]=0.8, alias[3]=2, h2 = 1.2 - 0.2 = 1.0 -> large; then prob[2]=1
    const t = buildAlias([1, 2, 3, 4]);
    expect(t.alias).toEqual([3, 3, 2, 2]);
    t.prob.forEach((p, i) => expect(p).toBeCloseTo([0.4, 0.8, 1, 0.8][i]!, 12));
  });

  it('encodes exactly the normalised weights, with every column a proper coin', () => {
    const rng = mulberry32(12);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rng() * 30);
      const weights = Array.from({ length: n }, () => (rng() < 0.2 ? 0 : rng() * 10));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const sum = weights.reduce((a, b) => a + b, 0);
      const table = buildAlias(weights);
      for (const p of table.prob) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
      // a zero-weight outcome keeps nothing of its own column and is nobody's alias
      weights.forEach((w, i) => {
        if (w === 0) {
          expect(table.prob[i]).toBe(0);
          expect(table.alias.filter((a, j) => a === i && table.prob[j]! < 1)).toEqual([]);
        }
      });
      aliasDistribution(table).forEach((p, i) => expect(p).toBeCloseTo(weights[i]! / sum, 12));
    }
  });

  it('leaves a uniform distribution as n full columns', () => {
    const t = buildAlias([5, 5, 5]);
    expect(t.prob).toEqual([1, 1, 1]);
    expect(t.alias).toEqual([0, 1, 2]);
  });

  it('rejects degenerate input with a message that names the problem', () => {
    expect(() => buildAlias([])).toThrow(/weights is empty/);
    expect(() => buildAlias([1, -2])).toThrow(/weights\[1\] must be finite and >= 0, got -2/);
    expect(() => buildAlias([1, Number.NaN])).toThrow(/weights\[1\]/);
    expect(() => buildAlias([1, Infinity])).toThrow(/weights\[1\]/);
    expect(() => buildAlias([0, 0])).toThrow(/sum to 0/);
  });
});

describe('extreme weights', () => {
  it('normalizeWeights equals the naive w / sum wherever the naive sum is finite', () => {
    const rng = mulberry32(21);
    for (let trial = 0; trial < 100; trial++) {
      const n = 1 + Math.floor(rng() * 20);
      // magnitudes from 1e-150 to 1e150: the naive sum stays finite and normal
      const weights = Array.from({ length: n }, () => 10 ** (300 * rng() - 150) * rng());
      weights[0] = 1;
      const sum = weights.reduce((a, b) => a + b, 0);
      normalizeWeights(weights).forEach((p, i) => expect(p).toBeCloseTo(weights[i]! / sum, 14));
    }
  });

  it('huge weights whose sum overflows still give the right distribution', () => {
    // naive: 1e308 + 1e308 = Infinity, so w / sum = 0 for both
    expect(1e308 + 1e308).toBe(Infinity);
    expect(normalizeWeights([1e308, 1e308])).toEqual([0.5, 0.5]);
    const w = [1e308, 3e307, 1.7e308];
    // analytic: (10, 3, 17) / 30
    normalizeWeights(w).forEach((p, i) => expect(p).toBeCloseTo([10 / 30, 3 / 30, 17 / 30][i]!, 15));
    aliasDistribution(buildAlias(w)).forEach((p, i) => expect(p).toBeCloseTo([10 / 30, 3 / 30, 17 / 30][i]!, 12));
    // the table of two equal huge weights is two full columns, as for [1, 1]
    expect(buildAlias([1e308, 1e308])).toEqual(buildAlias([1, 1]));
  });

  it('tiny and subnormal weights keep their ratios', () => {
    // 1e-300 / 4e-300 and the subnormal 5e-324 (the smallest double) against itself
    normalizeWeights([1e-300, 3e-300]).forEach((p, i) => expect(p).toBeCloseTo([0.25, 0.75][i]!, 15));
    expect(normalizeWeights([5e-324, 5e-324])).toEqual([0.5, 0.5]);
    aliasDistribution(buildAlias([1e-300, 3e-300])).forEach((p, i) => expect(p).toBeCloseTo([0.25, 0.75][i]!, 12));
  });

  it('a weight 1e-16 of the total keeps its share, and probabilities 1 - 1e-16 and 1e-300 are encoded', () => {
    const t = buildAlias([1 - 1e-16, 1e-16]);
    const p = aliasDistribution(t);
    expect(p[1]).toBeCloseTo(1e-16, 28); // absolute error below 1e-28
    expect(p[0]).toBeCloseTo(1, 15);
    const q = aliasDistribution(buildAlias([1, 1e-300]));
    expect(q[1]! / 1e-300).toBeCloseTo(1, 12);
  });
});

describe('drawAlias', () => {
  it('matches the weights by a chi-square test at the 0.1% level', () => {
    const cases = [
      [1, 2, 3, 4],
      [0.5, 0.1, 0.1, 0.1, 0.1, 0.1],
      [100, 1, 1, 1, 1, 1, 1, 1, 1, 1],
      [3, 0, 7],
    ];
    // 4 cases x 5 seeds = 20 tests at the 0.1% level: a correct sampler fails one of them with
    // probability about 2%, and the seeds are fixed, so the outcome is the same on every run.
    cases.forEach((weights, c) => {
      const sum = weights.reduce((a, b) => a + b, 0);
      const keep = weights.map((w, i) => ({ p: w / sum, i })).filter((x) => x.p > 0);
      const table = buildAlias(weights);
      for (let seed = 1; seed <= 5; seed++) {
        const rng = mulberry32(100 * seed + c);
        const n = 100_000;
        const counts = new Array<number>(weights.length).fill(0);
        for (let k = 0; k < n; k++) counts[drawAlias(table, rng)]!++;
        weights.forEach((w, i) => {
          if (w === 0) expect(counts[i]).toBe(0);
        });
        const stat = chiSquare(
          keep.map((x) => counts[x.i]!),
          keep.map((x) => x.p),
          n,
        );
        expect(stat).toBeLessThan(CHI2_999[keep.length - 1]!);
      }
    });
  });

  it('would catch a biased sampler: drawing columns without the coin fails the same test', () => {
    // Uniform columns give (0.25, 0.25, 0.25, 0.25): expected chi-square about 10^5 * 0.52, far
    // above 16.3 for every seed.
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const n = 100_000;
      const counts = [0, 0, 0, 0];
      for (let k = 0; k < n; k++) counts[Math.floor(rng() * 4)]!++;
      expect(chiSquare(counts, [0.1, 0.2, 0.3, 0.4], n)).toBeGreaterThan(CHI2_999[3]!);
    }
  });

  it('would catch a coin read the wrong way round', () => {
    // With prob = (0.4, 0.8, 1, 0.8) and alias = (3, 3, 2, 2), keeping the alias when u < prob[i]
    // encodes (0.6, 0.2, 1 + 0.8, 0.4 + 0.8 + 0.2) / 4 = (0.15, 0.05, 0.45, 0.35), not (0.1, 0.2, 0.3, 0.4).
    const table = buildAlias([1, 2, 3, 4]);
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const n = 100_000;
      const counts = [0, 0, 0, 0];
      for (let k = 0; k < n; k++) {
        const i = Math.floor(rng() * 4);
        counts[rng() < table.prob[i]! ? table.alias[i]! : i]!++;
      }
      // sd of each share <= sqrt(0.25 / 10^5) = 0.0016; closeTo(p, 2) allows 0.005, over 3 sd
      expect(counts.map((c) => c / n)).toEqual([0.15, 0.05, 0.45, 0.35].map((p) => expect.closeTo(p, 2)));
      expect(chiSquare(counts, [0.1, 0.2, 0.3, 0.4], n)).toBeGreaterThan(CHI2_999[3]!);
    }
  });
});
