import { describe, expect, it } from 'vitest';
import {
  cdfNormaliser,
  fitWeightedLogistic,
  powerFeatures,
  simulateImpressions,
  weightedLogisticOdds,
  type Impression,
} from '../../../content/snippets/recall/youtube-dnn.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

const imp = (watch: number): Impression => ({ clicked: watch > 0, watch });

describe('weightedLogisticOdds', () => {
  it('is sum T_i / (N - k) on a hand example', () => {
    // Two clicks watched 4 and 6, five unclicked: N = 7, k = 2, odds = 10 / 5 = 2.
    // E[T] = 10/7 and P = 2/7, so E[T] / (1 - P) = (10/7) / (5/7) = 2 exactly, while the
    // first-order E[T](1 + P) = 90/49 = 1.837 already misses by 8% at a click rate this high.
    const data = [4, 6, 0, 0, 0, 0, 0].map(imp);
    expect(weightedLogisticOdds(data)).toBe(2);
  });

  it('approaches E[T] / (1 - P) for a small click rate, seeds 1..5', () => {
    const n = 400_000;
    const P = 0.05;
    const mu = 10;
    const ET = P * mu; // 0.5: expected watch time per impression, zeros included
    // Per impression T = W if clicked (W uniform on [5, 15]) else 0, and D = 1 if not clicked.
    // E[W^2] = 100 + 100/12 = 108.33, so Var T = 0.05 * 108.33 - 0.25 = 5.17; Var D = P(1 - P);
    // Cov(T, D) = -E[T](1 - P). The odds are mean(T) / mean(D); by the delta method their sd is
    // sqrt((Var T / ED^2 - 2 ET Cov / ED^3 + ET^2 Var D / ED^4) / n) = 0.0040.
    const ED = 1 - P;
    const varT = P * (mu * mu + (mu * mu) / 12) - ET * ET;
    const sd = Math.sqrt((varT / ED ** 2 + (2 * ET * ET * ED) / ED ** 3 + (ET * ET * P * (1 - P)) / ED ** 4) / n);
    expect(sd).toBeCloseTo(0.00397, 5);
    const runs = [1, 2, 3, 4, 5].map((seed) => weightedLogisticOdds(simulateImpressions(n, P, mu, mulberry32(seed))));
    for (const odds of runs) {
      // The exact limit is E[T] / (1 - P) = 0.5263; E[T](1 + P) = 0.525 is its first-order
      // expansion, off by E[T] P^2 / (1 - P) = 0.0013. Each run is within 4 sd of the limit.
      expect(Math.abs(odds - ET / (1 - P))).toBeLessThan(4 * sd);
      // Dividing by N instead of N - k would give E[T] = 0.5, 6.6 sd away; unweighted logistic
      // regression would learn the click odds P / (1 - P) = 0.053.
      expect(Math.abs(odds - ET)).toBeGreaterThan(0.01);
    }
    // The page quotes these five runs: from 0.523 to 0.532, mean 0.526 (the sd of a five-run mean is 0.0018).
    const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
    expect(Math.abs(mean - ET / (1 - P))).toBeLessThan((4 * sd) / Math.sqrt(5));
    expect(mean.toFixed(3)).toBe('0.526');
    expect(Math.min(...runs).toFixed(3)).toBe('0.523');
    expect(Math.max(...runs).toFixed(3)).toBe('0.532');
  });

  it('rejects a negative or non-finite watch time', () => {
    expect(() => weightedLogisticOdds([imp(-1), imp(0)])).toThrow(/watch/);
    expect(() => weightedLogisticOdds([{ clicked: true, watch: Infinity }, imp(0)])).toThrow(/watch/);
  });

  it('needs at least one negative', () => {
    expect(() => weightedLogisticOdds([imp(3)])).toThrow(/at least one unclicked/);
  });
});

describe('fitWeightedLogistic', () => {
  it('learns e^{w_g} = sum T / (N_g - k_g) for each one-hot group', () => {
    // deterministic: gradient descent on a convex loss; 800 steps of 1/L reach 1e-6 relative
    const rng = mulberry32(7);
    const groups = [
      { P: 0.05, mu: 4 },
      { P: 0.2, mu: 2 },
      { P: 0.1, mu: 8 },
    ];
    const features: number[][] = [];
    const data: Impression[] = [];
    groups.forEach((g, gi) => {
      for (const x of simulateImpressions(2000, g.P, g.mu, rng)) {
        features.push(groups.map((_, j) => (j === gi ? 1 : 0)));
        data.push(x);
      }
    });
    const w = fitWeightedLogistic(features, data, 800);
    groups.forEach((_, gi) => {
      const closed = weightedLogisticOdds(data.filter((__, i) => features[i]![gi] === 1));
      expect(Math.exp(w[gi]!) / closed).toBeCloseTo(1, 6);
    });
  });

  it('with an intercept only, learns the pooled odds of the hand example', () => {
    const data = [4, 6, 0, 0, 0, 0, 0].map(imp);
    const w = fitWeightedLogistic(
      data.map(() => [1]),
      data,
    );
    expect(Math.exp(w[0]!)).toBeCloseTo(2, 8);
  });

  it('works with constant features of 1e-200 and 1e200 (w x is what is learned)', () => {
    // Naively |x|^2 = 1e-400 = 0 gives a step of 1 / 0 = Infinity, and 1e400 = Infinity a step of 0.
    // The odds e^{w x} must still be 2, so w = ln 2 / x.
    const data = [4, 6, 0, 0, 0, 0, 0].map(imp);
    for (const x of [1e-200, 1e200]) {
      const w = fitWeightedLogistic(
        data.map(() => [x]),
        data,
      );
      expect(Math.exp(w[0]! * x)).toBeCloseTo(2, 8);
      expect(w[0]! * x).toBeCloseTo(Math.LN2, 8);
    }
  });

  it('rejects all-zero or non-finite features and bad watch times', () => {
    const data = [4, 0].map(imp);
    expect(() => fitWeightedLogistic([[0], [0]], data)).toThrow(/features/);
    expect(() => fitWeightedLogistic([[1], [Number.NaN]], data)).toThrow(/features/);
    expect(() => fitWeightedLogistic([[1], [1]], [imp(-2), imp(0)])).toThrow(/watch/);
  });
});

describe('cdfNormaliser and powerFeatures', () => {
  it('interpolates the empirical CDF', () => {
    const f = cdfNormaliser([16, 1, 4, 2, 8]);
    // sorted 1, 2, 4, 8, 16 sit at 0, 1/4, 2/4, 3/4, 1
    expect(f(0)).toBe(0);
    expect(f(2)).toBe(0.25);
    expect(f(3)).toBe(0.375); // halfway from 2 to 4: (1 + 0.5) / 4
    expect(f(12)).toBe(0.875); // halfway from 8 to 16: (3 + 0.5) / 4
    expect(f(100)).toBe(1);
  });

  it('makes a skewed feature close to uniform, seeds 1..5', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const draw = () => Math.exp(3 * rng()); // log-uniform, heavily skewed
      const f = cdfNormaliser(Array.from({ length: 2000 }, draw));
      const fresh = Array.from({ length: 20_000 }, () => f(draw()));
      const mean = fresh.reduce((s, x) => s + x, 0) / fresh.length;
      const belowQuarter = fresh.filter((x) => x < 0.25).length / fresh.length;
      // The mean of F_n(X) differs from 1/2 by the integrated error of a 2,000-point empirical
      // CDF, sd sqrt(1/(12 * 2000)) = 0.0065, plus 0.2887 / sqrt(20000) = 0.002: 0.025 is 3.7 sd.
      // P(F_n(X) < 1/4) = F(F_n^-1(1/4)) has sd sqrt(0.25 * 0.75 / 2000) = 0.0097, plus the binomial
      // sd 0.003 of the 20,000 fresh draws: 0.035 is 3.4 sd. Skipping the sort breaks both by far.
      expect(Math.abs(mean - 0.5)).toBeLessThan(0.025);
      expect(Math.abs(belowQuarter - 0.25)).toBeLessThan(0.035);
    }
  });

  it('interpolates across a sample spanning -1e308 to 1e308, and across subnormal gaps', () => {
    // naive (x - a) / (b - a) = 1e308 / Infinity = 0 at x = 0; the halved form gives 1/2
    const f = cdfNormaliser([-1e308, 1e308]);
    expect(f(0)).toBe(0.5);
    expect(f(5e307)).toBeCloseTo(0.75, 15);
    const g = cdfNormaliser([0, 1e-300, 2e-300]);
    expect(g(5e-301)).toBeCloseTo(0.25, 15);
    expect(g(1.5e-300)).toBeCloseTo(0.75, 15);
  });

  it('rejects non-finite sample values, a NaN input and a power feature outside [0, 1]', () => {
    expect(() => cdfNormaliser([1, Infinity])).toThrow(/finite/);
    expect(() => cdfNormaliser([1])).toThrow(/two values/);
    expect(() => cdfNormaliser([1, 2])(Number.NaN)).toThrow(/NaN/);
    expect(() => powerFeatures(-0.1)).toThrow(/\[0, 1\]/);
    expect(() => powerFeatures(1.5)).toThrow(/\[0, 1\]/);
    expect(() => powerFeatures(Number.NaN)).toThrow(/\[0, 1\]/);
    expect(powerFeatures(1e-300)).toEqual([1e-300, 1e-150, 0]); // 1e-600 underflows to 0, correctly rounded
  });

  it('adds the square root and the square', () => {
    expect(powerFeatures(0.25)).toEqual([0.25, 0.5, 0.0625]);
  });
});
