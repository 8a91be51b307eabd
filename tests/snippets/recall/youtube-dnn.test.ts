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

  it('approaches E[T](1 + P) for a small click rate, fixed seed', () => {
    const n = 400_000;
    const P = 0.05;
    const mu = 10;
    const odds = weightedLogisticOdds(simulateImpressions(n, P, mu, mulberry32(2016)));
    const ET = P * mu; // 0.5: expected watch time per impression, zeros included
    // Per-impression watch time T has E[T^2] = P * E[W^2] with W uniform on [5, 15]:
    // E[W^2] = 100 + 100/12 = 108.33, so Var T = 0.05 * 108.33 - 0.25 = 5.17 and the sd of
    // sum T / (N - k) is about sqrt(5.17 / n) / (1 - P) = 0.0038.
    const sd = Math.sqrt((P * (mu * mu + (mu * mu) / 12) - ET * ET) / n) / (1 - P);
    // The exact limit is E[T] / (1 - P) = 0.5263; E[T](1 + P) = 0.525 is its first-order
    // expansion, off by E[T] P^2 / (1 - P) = 0.0013.
    expect(Math.abs(odds - ET / (1 - P))).toBeLessThan(4 * sd);
    expect(Math.abs(odds - ET * (1 + P))).toBeLessThan(4 * sd + (ET * P * P) / (1 - P));
    // Dividing by N instead of N - k would give E[T] = 0.5, 0.025 (6.5 sd) away; unweighted
    // logistic regression would learn the click odds P / (1 - P) = 0.053.
    expect(Math.abs(odds - ET)).toBeGreaterThan(0.015);
  });

  it('needs at least one negative', () => {
    expect(() => weightedLogisticOdds([imp(3)])).toThrow(/at least one unclicked/);
  });
});

describe('fitWeightedLogistic', () => {
  it('learns e^{w_g} = sum T / (N_g - k_g) for each one-hot group', () => {
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

  it('makes a skewed feature close to uniform', () => {
    const rng = mulberry32(3);
    const draw = () => Math.exp(3 * rng()); // log-uniform, heavily skewed
    const f = cdfNormaliser(Array.from({ length: 2000 }, draw));
    const fresh = Array.from({ length: 20_000 }, () => f(draw()));
    const mean = fresh.reduce((s, x) => s + x, 0) / fresh.length;
    const belowQuarter = fresh.filter((x) => x < 0.25).length / fresh.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(belowQuarter - 0.25)).toBeLessThan(0.02);
  });

  it('adds the square root and the square', () => {
    expect(powerFeatures(0.25)).toEqual([0.25, 0.5, 0.0625]);
  });
});
