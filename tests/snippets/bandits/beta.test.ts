import { describe, expect, it } from 'vitest';
import {
  MIN_SHAPE,
  betaMean,
  betaVariance,
  sampleBeta,
  sampleGamma,
  sampleLogGamma,
} from '../../../content/snippets/bandits/beta.ts';
import { mulberry32, normal, type Rng } from '../../../content/snippets/shared/random.ts';

const SEEDS = [1, 2, 3, 4, 5];

/** Mean and (n - 1) variance of n draws, taken around `center` so that tiny spreads keep their digits. */
function moments(draw: () => number, n: number, center = 0) {
  const xs = Array.from({ length: n }, () => draw() - center);
  const dev = xs.reduce((s, x) => s + x, 0) / n;
  const variance = xs.reduce((s, x) => s + (x - dev) ** 2, 0) / (n - 1);
  return { mean: center + dev, dev, variance };
}

/**
 * Marsaglia and Tsang's sampler exactly as printed (acceptance ln U < x^2/2 + d - d v + d ln v,
 * boost U^(1/a) for a < 1), drawing from the random stream in the same order as sampleLogGamma.
 */
function naiveGamma(shape: number, rng: Rng): number {
  if (shape < 1) return naiveGamma(shape + 1, rng) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    if (Math.log(rng()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** The textbook sampler: X / (X + Y) on plain Gamma draws, with the same use of the random stream. */
function naiveBeta(a: number, b: number, rng: Rng): number {
  const x = sampleGamma(a, rng);
  const y = sampleGamma(b, rng);
  return x / (x + y);
}

describe('betaMean and betaVariance', () => {
  it('match the closed forms on hand cases', () => {
    expect(betaMean(3, 97)).toBeCloseTo(0.03, 15);
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

  it('agrees with the textbook formulas wherever those are finite', () => {
    const rng = mulberry32(3);
    for (let i = 0; i < 500; i++) {
      const a = Math.exp(-10 + 30 * rng()); // 4.5e-5 .. 4.9e8
      const b = Math.exp(-10 + 30 * rng());
      const naiveMean = a / (a + b);
      const naiveVar = (a * b) / ((a + b) ** 2 * (a + b + 1));
      expect(Math.abs(betaMean(a, b) - naiveMean)).toBeLessThanOrEqual(1e-15 * naiveMean + 1e-300);
      expect(Math.abs(betaVariance(a, b) / naiveVar - 1)).toBeLessThan(1e-13);
    }
  });

  it('stays exact at tiny and huge parameters, where a * b underflows or overflows', () => {
    // Beta(a, a) has mean 1/2 and variance 1 / (4 (2a + 1)).
    expect(betaVariance(1e-200, 1e-200)).toBe(0.25); // textbook: 1e-400 / ... = 0
    expect(betaVariance(1e200, 1e200) / (1 / (4 * (2e200 + 1))) - 1).toBeLessThan(1e-15); // textbook: Inf / Inf
    expect(betaMean(1e308, 1e308)).toBe(0.5); // textbook: 1e308 / Infinity = 0
    expect(betaMean(1e-300, 1e300)).toBe(0); // the true 1e-600 is below the smallest double
    expect(betaMean(1e300, 1e-300)).toBe(1);
    // a + b overflows to Infinity at 1e308; the variance 1 / (4 (2e308 + 1)) = 1.25e-309 is still a double
    expect(betaVariance(1e308, 1e308) / 1.25e-309).toBeCloseTo(1, 10);
    expect(betaVariance(1.7e308, 1.7e308) / (0.125 / 1.7e308)).toBeCloseTo(1, 8); // textbook: 0 / Infinity
  });

  it('rejects parameters that are not positive and finite', () => {
    expect(() => betaMean(0, 1)).toThrow(/betaMean: a must be a finite number > 0/);
    expect(() => betaVariance(1, Infinity)).toThrow(/betaMean: b must be a finite number > 0/);
    expect(() => betaMean(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('sampleGamma and sampleLogGamma', () => {
  it('draw what the printed algorithm draws wherever its numbers are finite (shapes 0.05 to 1000)', () => {
    for (const seed of SEEDS) {
      const r1 = mulberry32(seed);
      const r2 = mulberry32(seed);
      for (let i = 0; i < 300; i++) {
        const shape = Math.exp(Math.log(0.05) + Math.log(2e4) * r1());
        r2();
        expect(sampleGamma(shape, r1) / naiveGamma(shape, r2)).toBeCloseTo(1, 10);
      }
    }
  });

  for (const shape of [0.5, 1, 2.5, 9]) {
    it(`have mean and variance equal to the shape (${shape}), seeds 1 to 5`, () => {
      const n = 20_000;
      for (const seed of SEEDS) {
        const rng = mulberry32(seed);
        const m = moments(() => sampleGamma(shape, rng), n);
        // sd of the sample mean is sqrt(shape / n); 4.5 sd for five seeds in a row.
        expect(Math.abs(m.mean - shape)).toBeLessThan(4.5 * Math.sqrt(shape / n));
        // sd of a sample variance is about shape * sqrt((2 + 6 / shape) / n) <= 8.5% of it at shape 0.5.
        expect(Math.abs(m.variance / shape - 1)).toBeLessThan(0.09);
      }
    });
  }

  it('matches the log moments at a tiny shape, where the draws themselves underflow', () => {
    // For X ~ Gamma(a): E[ln X] = digamma(a) and Var[ln X] = trigamma(a). At a = 1e-3, with
    // digamma(a) = digamma(1 + a) - 1/a and digamma(1 + a) = -0.5772157 + 1.644934 a - 1.202 a^2:
    // E[ln X] = -1000.575572; trigamma(a) = 1/a^2 + 1.644934 - ... = 1e6 + 1.642.
    // Most draws are below e^-745, so sampleGamma returns 0 for them, but their logs are finite.
    const a = 1e-3;
    const n = 20_000;
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      const m = moments(() => sampleLogGamma(a, rng), n);
      expect(Number.isFinite(m.mean)).toBe(true);
      expect(Math.abs(m.mean - -1000.575572)).toBeLessThan(4.5 * Math.sqrt(1e6 / n)); // 4.5 sd = 32
      // ln X is about ln(U) / a: an exponential of scale 1000, whose sample variance has sd 2 sqrt(2/n) of it
      expect(Math.abs(m.variance / (1e6 + 1.642) - 1)).toBeLessThan(4.5 * 2 * Math.sqrt(2 / n));
    }
    expect(sampleGamma(1e-3, mulberry32(1))).toBeGreaterThanOrEqual(0);
  });

  it('matches the moments at huge shapes (1e12 and 1e20)', () => {
    // Gamma(a) for large a: ln X has mean ln a - 1/(2a) and variance 1/a to first order.
    const n = 20_000;
    for (const a of [1e12, 1e20])
      for (const seed of SEEDS) {
        const rng = mulberry32(seed);
        const m = moments(() => sampleLogGamma(a, rng), n, Math.log(a));
        expect(Math.abs(m.dev)).toBeLessThan(4.5 * Math.sqrt(1 / a / n));
        expect(Math.abs(m.variance * a - 1)).toBeLessThan(0.05); // the sd of this ratio is 1%
      }
    // At 1e300 the relative spread 1e-150 is far below double precision: the draw is the shape.
    expect(sampleLogGamma(1e300, mulberry32(1))).toBeCloseTo(Math.log(1e300), 12);
  });

  it('accepts more than 95% of its proposals at every shape from 1 to 1e300', () => {
    // A proposal takes three uniforms (two for the Box-Muller normal, one for the test), so
    // uniforms per draw / 3 counts proposals. Marsaglia and Tsang give an acceptance rate of 0.951
    // at shape 1, rising toward 1 as the shape grows. Written as printed, d - d v + d ln v rounds
    // to noise of size d * 1e-16, which rejected about half of all proposals near shape 1e20.
    for (const [shape, maxProposals] of [
      [1, 1 / 0.95],
      [1e4, 1.001],
      [1e16, 1.001],
      [1e20, 1.001],
      [1e24, 1.001],
      [1e28, 1.001],
      [1e300, 1.001],
    ] as const) {
      const base = mulberry32(3);
      let uniforms = 0;
      const rng = () => {
        uniforms++;
        return base();
      };
      const n = 10_000;
      for (let i = 0; i < n; i++) sampleLogGamma(shape, rng);
      expect(uniforms / 3 / n).toBeLessThan(maxProposals);
    }
  });

  it('rejects shapes outside [1e-300, Infinity)', () => {
    expect(() => sampleGamma(0, mulberry32(1))).toThrow(/shape must be a finite number >= 1e-300, got 0/);
    expect(() => sampleLogGamma(-1, mulberry32(1))).toThrow(RangeError);
    expect(() => sampleLogGamma(MIN_SHAPE / 10, mulberry32(1))).toThrow(RangeError);
    expect(() => sampleLogGamma(Infinity, mulberry32(1))).toThrow(RangeError);
    expect(() => sampleLogGamma(Number.NaN, mulberry32(1))).toThrow(RangeError);
  });
});

describe('sampleBeta', () => {
  for (const [a, b] of [
    [2, 5],
    [0.5, 0.5],
    [3, 97],
    [30, 10],
  ] as const) {
    it(`matches the Beta(${a}, ${b}) mean and variance, seeds 1 to 5`, () => {
      const n = 20_000;
      const v = betaVariance(a, b);
      for (const seed of SEEDS) {
        const rng = mulberry32(seed);
        const m = moments(() => sampleBeta(a, b, rng), n);
        expect(Math.abs(m.mean - betaMean(a, b))).toBeLessThan(4.5 * Math.sqrt(v / n));
        // the sample variance of a bounded variable has relative sd below sqrt(2 / n) * 1.5 = 1.5%
        expect(Math.abs(m.variance / v - 1)).toBeLessThan(0.07);
      }
    });
  }

  it('gives the same draws as the textbook X / (X + Y) wherever that is finite', () => {
    // Same random stream, so the same Gamma draws: the log-space form only changes rounding.
    for (const seed of SEEDS) {
      const r1 = mulberry32(seed);
      const r2 = mulberry32(seed);
      for (let i = 0; i < 200; i++) {
        const a = 1 + 50 * r1();
        r2();
        const b = 1 + 50 * r1();
        r2();
        expect(sampleBeta(a, b, r1)).toBeCloseTo(naiveBeta(a, b, r2), 12);
      }
    }
  });

  it('never returns NaN at tiny parameters: Beta(0.001, 0.001) has its moments and its mass near 0 and 1', () => {
    // The textbook form is 0 / 0 = NaN for about half of these draws.
    const a = 1e-3;
    const n = 20_000;
    const v = betaVariance(a, a); // 1 / (4 * 1.002) = 0.2495
    // P(X < eps) = eps^a / (a B(a, a)) for tiny eps, with B(0.001, 0.001) = 1999.997:
    // at eps = 1e-100, 0.79433 / 1.999997 = 0.39717.
    const pTiny = Math.pow(1e-100, a) / (a * 1999.997);
    let naiveNaN = 0;
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      const xs = Array.from({ length: n }, () => sampleBeta(a, a, rng));
      for (const x of xs) expect(x >= 0 && x <= 1).toBe(true);
      const mean = xs.reduce((s, x) => s + x, 0) / n;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
      expect(Math.abs(mean - 0.5)).toBeLessThan(4.5 * Math.sqrt(v / n));
      expect(Math.abs(variance / v - 1)).toBeLessThan(0.02); // draws are almost all 0 or 1: sd of the ratio 0.1%
      const tiny = xs.filter((x) => x < 1e-100).length / n;
      expect(Math.abs(tiny - pTiny)).toBeLessThan(4.5 * Math.sqrt((pTiny * (1 - pTiny)) / n));
      const r = mulberry32(seed);
      for (let i = 0; i < 1000; i++) if (Number.isNaN(naiveBeta(a, a, r))) naiveNaN++;
    }
    expect(naiveNaN).toBeGreaterThan(1000); // the bug this guards against is real
  });

  it('returns 1 with probability a / (a + b) as a and b go to 0 (Beta(1e-300, 2e-300))', () => {
    // Both Gamma draws are exp(-1e300 or so): one of them wins outright, X with probability 1/3.
    const n = 6000;
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      const xs = Array.from({ length: n }, () => sampleBeta(1e-300, 2e-300, rng));
      expect(xs.every((x) => x === 0 || x === 1)).toBe(true);
      const ones = xs.filter((x) => x === 1).length / n;
      expect(Math.abs(ones - 1 / 3)).toBeLessThan(4.5 * Math.sqrt(2 / 9 / n));
    }
  });

  it('matches the moments at huge parameters, Beta(1e12, 3e12), and is exact at Beta(1e300, 1e300)', () => {
    const n = 20_000;
    const v = betaVariance(1e12, 3e12); // 0.1875 / 4e12 = 4.6875e-14
    for (const seed of SEEDS) {
      const rng = mulberry32(seed);
      const m = moments(() => sampleBeta(1e12, 3e12, rng), n, 0.25);
      expect(Math.abs(m.dev)).toBeLessThan(4.5 * Math.sqrt(v / n));
      expect(Math.abs(m.variance / v - 1)).toBeLessThan(0.07);
    }
    // sd 1.8e-151: every draw is 1/2 to double precision.
    expect(sampleBeta(1e300, 1e300, mulberry32(1))).toBeCloseTo(0.5, 15);
  });

  it('is a number in [0, 1] for every pair of parameters from 1e-300 to 1e300', () => {
    const grid = [1e-300, 1e-10, 1e-3, 0.5, 1, 10, 1e6, 1e15, 1e300];
    const rng = mulberry32(9);
    for (const a of grid)
      for (const b of grid)
        for (let i = 0; i < 50; i++) {
          const x = sampleBeta(a, b, rng);
          expect(x >= 0 && x <= 1).toBe(true);
        }
  });

  it('rejects parameters outside [1e-300, Infinity)', () => {
    expect(() => sampleBeta(0, 1, mulberry32(1))).toThrow(/sampleBeta: a must be a finite number >= 1e-300/);
    expect(() => sampleBeta(1, 1e-301, mulberry32(1))).toThrow(/sampleBeta: b must be/);
  });
});
