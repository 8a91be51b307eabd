import { describe, expect, it } from 'vitest';
import { betaMean, betaVariance, sampleBeta, sampleGamma } from '../../../content/snippets/bandits/beta.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

function moments(draw: () => number, n: number) {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe('betaMean and betaVariance', () => {
  it('match the closed forms on hand cases', () => {
    expect(betaMean(3, 97)).toBe(0.03);
    // Beta(2, 2): 4 / (16 * 5) = 0.05
    expect(betaVariance(2, 2)).toBeCloseTo(0.05, 12);
    // Beta(1, 1) is uniform: variance 1/12
    expect(betaVariance(1, 1)).toBeCloseTo(1 / 12, 12);
  });
  it('gives the numbers of the Thompson sampling page: 40 clicks in 1 000 impressions', () => {
    // Beta(1 + 40, 1 + 960): mean 41/1002; Beta(3 + 40, 97 + 960): mean 43/1100
    expect(betaMean(41, 961)).toBeCloseTo(0.0409, 4);
    expect(Math.sqrt(betaVariance(41, 961))).toBeCloseTo(0.0063, 4);
    expect(betaMean(43, 1057)).toBeCloseTo(0.0391, 4);
    expect(Math.sqrt(betaVariance(43, 1057))).toBeCloseTo(0.0058, 4);
    // the priors' own spread: Beta(3, 97) sd = sqrt(291 / 1 010 000) = 0.0170, Beta(1, 1) sd = 0.289
    expect(Math.sqrt(betaVariance(3, 97))).toBeCloseTo(0.017, 3);
    expect(Math.sqrt(betaVariance(1, 1))).toBeCloseTo(0.289, 3);
  });
  it('narrows as the counts grow at a fixed mean', () => {
    expect(betaVariance(30, 970)).toBeLessThan(betaVariance(3, 97) / 9);
  });
});

describe('sampleGamma', () => {
  for (const shape of [0.5, 1, 2.5, 9]) {
    it(`has mean and variance equal to the shape (${shape})`, () => {
      const rng = mulberry32(11);
      const n = 40_000;
      const m = moments(() => sampleGamma(shape, rng), n);
      // sd of the sample mean is sqrt(shape / n)
      expect(Math.abs(m.mean - shape)).toBeLessThan(4 * Math.sqrt(shape / n));
      expect(Math.abs(m.variance / shape - 1)).toBeLessThan(0.06);
    });
  }
  it('rejects a non-positive shape', () => {
    expect(() => sampleGamma(0, mulberry32(1))).toThrow(/shape must be > 0/);
  });
});

describe('sampleBeta', () => {
  for (const [a, b] of [
    [2, 5],
    [0.5, 0.5],
    [3, 97],
    [30, 10],
  ] as const) {
    it(`matches the Beta(${a}, ${b}) mean and variance`, () => {
      const rng = mulberry32(21);
      const n = 40_000;
      const m = moments(() => sampleBeta(a, b, rng), n);
      const v = betaVariance(a, b);
      expect(Math.abs(m.mean - betaMean(a, b))).toBeLessThan(4 * Math.sqrt(v / n));
      expect(Math.abs(m.variance / v - 1)).toBeLessThan(0.05);
    });
  }
  it('stays inside (0, 1)', () => {
    const rng = mulberry32(2);
    for (let i = 0; i < 1000; i++) {
      const x = sampleBeta(0.3, 0.3, rng);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
  });
});
