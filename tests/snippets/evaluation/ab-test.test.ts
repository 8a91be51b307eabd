import { describe, expect, it } from 'vitest';
import {
  normalCdf,
  normalQuantile,
  peekingFalsePositiveRate,
  peekingFalsePositiveRateNormal,
  powerPerArm,
  sampleRatioPValue,
  sampleSizePerArm,
  twoProportionZTest,
  type Arm,
} from '../../../content/snippets/evaluation/ab-test.ts';
import { mulberry32, type Rng } from '../../../content/snippets/shared/random.ts';

describe('normalCdf', () => {
  it('matches tabulated values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    // Far tail, checked relative to its size: Phi(-5) = 2.866515718791939e-7.
    expect(Math.abs(normalCdf(-5) / 2.866515718791939e-7 - 1)).toBeLessThan(1e-9);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it('keeps its relative accuracy in the far tail, down to the end of the double range', () => {
    // Phi(x) to 50 digits (mpmath.ncdf); Hart's short continued fraction was only good to ~1e-8 here
    const reference: [number, number][] = [
      [-4, 0.00003167124183311986],
      [-8, 6.220960574271784e-16],
      [-20, 2.7536241186062337e-89],
      [-30, 4.906713927148187e-198],
      [-37.5, 4.605353009581955e-308],
    ];
    for (const [x, v] of reference) expect(Math.abs(normalCdf(x) / v - 1)).toBeLessThan(1e-12);
    // Phi(-38) = 2.885e-316 is subnormal (26 significant bits): still right to that precision
    expect(Math.abs(normalCdf(-38) / 2.88542835e-316 - 1)).toBeLessThan(1e-6);
    // below about -38.5 the true value leaves the double range
    expect(normalCdf(-39)).toBe(0);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(() => normalCdf(Number.NaN)).toThrow(/x is NaN/);
  });

  it('is symmetric and increasing', () => {
    let prev = 0;
    for (let x = -9; x <= 9; x += 0.05) {
      expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 14);
      expect(normalCdf(x)).toBeGreaterThanOrEqual(prev);
      prev = normalCdf(x);
    }
  });
});

describe('normalQuantile', () => {
  it('matches tabulated critical values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 12);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 12);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408408, 12);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('inverts normalCdf both ways, in the centre and in both tails', () => {
    for (let p = 1e-6; p < 1; p += 0.0137) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 13);
    for (const p of [1e-12, 1e-8, 0.001, 0.02425, 0.9999]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 8);
    // Above x ~ 5, Phi(x) = 1 - tiny and the double cannot hold the tiny part: stop there.
    for (let x = -7; x <= 5; x += 0.25) expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 8);
  });

  it('is accurate at p = 1e-300, in the subnormal range and at 1 - 1e-16', () => {
    // quantiles from scipy.special.ndtri, polished by Newton steps in 50-digit arithmetic
    const reference: [number, number][] = [
      [1e-12, -7.034483825301132],
      [5e-18, -8.573944076720883],
      [1.1102230246251565e-16, -8.209536151601387],
      [1e-300, -37.0470962993612],
      [1e-310, -37.663060331949524],
      [5e-324, -38.467405617144344],
    ];
    for (const [p, x] of reference) expect(Math.abs(normalQuantile(p) / x - 1)).toBeLessThan(1e-13);
    // 1 - 2^-53 = 0.9999999999999999 is the largest double below 1: its quantile is +8.2095...
    expect(Math.abs(normalQuantile(1 - 1.1102230246251565e-16) / 8.209536151601387 - 1)).toBeLessThan(1e-13);
    // symmetry is exact for the representable p in (0.5, 1)
    for (const p of [0.6, 0.975, 0.999999]) expect(normalQuantile(p)).toBe(-normalQuantile(1 - p));
  });

  it('rejects p outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow(/p must be in \(0, 1\)/);
    expect(() => normalQuantile(0)).toThrow(/p must be in \(0, 1\)/);
  });
});

describe('twoProportionZTest', () => {
  it('matches a hand-computed test', () => {
    // A: 100 / 1000 = 0.10, B: 130 / 1000 = 0.13. Pooled p = 230 / 2000 = 0.115.
    // SE = sqrt(0.115 * 0.885 * (1/1000 + 1/1000)) = sqrt(0.00020355) = 0.0142671
    // z = 0.03 / 0.0142671 = 2.10274; two-sided p = 2 Phi(-2.10274) = 0.035488.
    const r = twoProportionZTest({ n: 1000, conversions: 100 }, { n: 1000, conversions: 130 });
    expect(r.pooled).toBeCloseTo(0.115, 12);
    expect(r.se).toBeCloseTo(0.0142671, 6);
    expect(r.z).toBeCloseTo(2.10274, 4);
    expect(r.pValue).toBeCloseTo(0.035488, 5);
    expect(r.relativeLift).toBeCloseTo(0.3, 12);
    // One-sided: half of it in the direction of the effect, the rest in the other.
    expect(
      twoProportionZTest({ n: 1000, conversions: 100 }, { n: 1000, conversions: 130 }, 'greater').pValue,
    ).toBeCloseTo(0.017744, 5);
    expect(twoProportionZTest({ n: 1000, conversions: 100 }, { n: 1000, conversions: 130 }, 'less').pValue).toBeCloseTo(
      1 - 0.017744,
      5,
    );
  });

  it('rejects impossible counts', () => {
    expect(() => twoProportionZTest({ n: 10, conversions: 11 }, { n: 10, conversions: 1 })).toThrow(/a.conversions/);
    expect(() => twoProportionZTest({ n: 1e300, conversions: 1 }, { n: 10, conversions: 1 })).toThrow(/a.n must be/);
    expect(() => twoProportionZTest({ n: 10, conversions: 0 }, { n: 10, conversions: 0 })).toThrow(/undefined/);
  });

  it('keeps its digits for rates near 0 and near 1', () => {
    // 1 and 3 conversions in 1e15 units each: pooled 2e-15, SE = sqrt(2e-15 (1 - 2e-15) 2e-15) ~ 2e-15, z = 1
    const low = twoProportionZTest({ n: 1e15, conversions: 1 }, { n: 1e15, conversions: 3 });
    expect(low.z).toBeCloseTo(1, 12);
    // the mirror image: 1 and 3 non-conversions, so z = -1. Rates of 1 - 1e-15 and 1 - 3e-15 keep
    // only a few digits of their difference; the textbook evaluation is off in the 4th digit.
    const high = twoProportionZTest({ n: 1e15, conversions: 1e15 - 1 }, { n: 1e15, conversions: 1e15 - 3 });
    expect(high.z).toBeCloseTo(-1, 12);
    const [rA, rB] = [(1e15 - 1) / 1e15, (1e15 - 3) / 1e15];
    const pooled = (rA + rB) / 2;
    const naiveZ = (rB - rA) / Math.sqrt(pooled * (1 - pooled) * 2e-15);
    expect(Math.abs(naiveZ + 1)).toBeGreaterThan(1e-4);
    // a difference of 30 sd: the p-value is far below 1e-16 but not rounded to 0
    const strong = twoProportionZTest({ n: 1e6, conversions: 100_000 }, { n: 1e6, conversions: 105_000 });
    expect(strong.pValue).toBeGreaterThan(0);
    expect(Math.abs(strong.pValue / (2 * normalCdf(-Math.abs(strong.z))) - 1)).toBeLessThan(1e-15);
  });
});

describe('sampleSizePerArm', () => {
  it('gives the classic n for p = 0.1, +10 % lift, alpha 0.05 two-sided, power 0.8', () => {
    // p1 = 0.10, p2 = 0.11, pbar = 0.105, p2 - p1 = 0.01.
    // z_alpha = Phi^-1(0.975) = 1.959964, z_beta = Phi^-1(0.8) = 0.841621.
    // sqrt(2 * 0.105 * 0.895) = sqrt(0.18795) = 0.433532
    // sqrt(0.1 * 0.9 + 0.11 * 0.89) = sqrt(0.1879) = 0.433474
    // root = 1.959964 * 0.433532 + 0.841621 * 0.433474 = 0.849707 + 0.364821 = 1.214528
    // n = 1.214528^2 / 0.01^2 = 1.475079 / 0.0001 = 14750.8 -> 14751 per arm.
    // (Lehr's rule of thumb 16 p (1 - p) / delta^2 = 16 * 0.09 / 0.0001 = 14400 is close.)
    expect(sampleSizePerArm({ baseline: 0.1, relativeLift: 0.1 })).toBe(14751);
  });

  it('is the smallest n that reaches the power', () => {
    const spec = { baseline: 0.1, relativeLift: 0.1 };
    expect(powerPerArm(14751, spec)).toBeGreaterThanOrEqual(0.8);
    expect(powerPerArm(14750, spec)).toBeLessThan(0.8);
    const spec2 = { baseline: 0.03, relativeLift: -0.05, alpha: 0.01, twoSided: false };
    const n2 = sampleSizePerArm({ ...spec2, power: 0.9 });
    expect(powerPerArm(n2, spec2)).toBeGreaterThanOrEqual(0.9);
    expect(powerPerArm(n2 - 1, spec2)).toBeLessThan(0.9);
  });

  it('gives every entry of the table on the page', () => {
    const table: [number, number[]][] = [
      [0.02, [7_729_572, 1_941_808, 315_206, 80_682]],
      [0.05, [2_996_698, 752_703, 122_124, 31_234]],
      [0.1, [1_419_073, 356_335, 57_763, 14_751]],
    ];
    for (const [baseline, row] of table)
      expect([0.01, 0.02, 0.05, 0.1].map((relativeLift) => sampleSizePerArm({ baseline, relativeLift }))).toEqual(row);
  });

  it('scales as 1 / lift^2: halving the lift roughly quadruples n', () => {
    const n10 = sampleSizePerArm({ baseline: 0.05, relativeLift: 0.1 });
    const n5 = sampleSizePerArm({ baseline: 0.05, relativeLift: 0.05 });
    expect(n5 / n10).toBeGreaterThan(3.8);
    expect(n5 / n10).toBeLessThan(4.1);
  });

  it('rejects a lift that pushes the rate out of (0, 1)', () => {
    expect(() => sampleSizePerArm({ baseline: 0.6, relativeLift: 1 })).toThrow(/relativeLift/);
    expect(() => sampleSizePerArm({ baseline: 0.1, relativeLift: 0 })).toThrow(/relativeLift/);
    expect(() => sampleSizePerArm({ baseline: 0, relativeLift: 0.1 })).toThrow(/baseline/);
    expect(() => sampleSizePerArm({ baseline: 0.1, relativeLift: 0.1, alpha: 0 })).toThrow(/alpha/);
    expect(() => sampleSizePerArm({ baseline: 0.1, relativeLift: 0.1, power: 1 })).toThrow(/power/);
    expect(() => powerPerArm(100, { baseline: 2, relativeLift: 0.1 })).toThrow(/baseline/);
    expect(() => powerPerArm(Infinity, { baseline: 0.1, relativeLift: 0.1 })).toThrow(/n must be/);
  });

  /** The formula as first written: the reference wherever its intermediate values stay in range. */
  function naiveN(p1: number, lift: number, alpha = 0.05, power = 0.8): number {
    const p2 = p1 * (1 + lift);
    const pBar = (p1 + p2) / 2;
    const root =
      normalQuantile(1 - alpha / 2) * Math.sqrt(2 * pBar * (1 - pBar)) +
      normalQuantile(power) * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
    return Math.ceil((root * root) / ((p2 - p1) * (p2 - p1)));
  }

  it('agrees with the textbook evaluation on ordinary inputs', () => {
    const rng = mulberry32(8);
    for (let t = 0; t < 200; t++) {
      const p1 = 0.001 + 0.9 * rng();
      const lift = (rng() < 0.5 ? -1 : 1) * (0.01 + 0.5 * rng()) * Math.min(1, (1 - p1) / p1);
      const alpha = 0.001 + 0.2 * rng();
      const power = 0.5 + 0.49 * rng();
      const n = sampleSizePerArm({ baseline: p1, relativeLift: lift, alpha, power });
      // the same real number rounded up: equal, or one apart when it sits within rounding of an integer
      expect(Math.abs(n - naiveN(p1, lift, alpha, power))).toBeLessThanOrEqual(1);
    }
  });

  it('stays finite and exact at extreme alpha, power, baseline and lift', () => {
    // n from 50-digit arithmetic (mpmath), z values from scipy: see the comments
    // alpha = 1e-17: z = -Phi^-1(5e-18) = 8.5739; n = 166619.107 -> 166620. The textbook form
    // asks for Phi^-1(1 - 5e-18) = Phi^-1(1) and throws.
    expect(sampleSizePerArm({ baseline: 0.1, relativeLift: 0.1, alpha: 1e-17 })).toBe(166620);
    expect(() => naiveN(0.1, 0.1, 1e-17)).toThrow(/p must be in/);
    // power = 1 - 2^-53: z_beta = 8.2095; n = 194333.765 -> 194334
    expect(sampleSizePerArm({ baseline: 0.1, relativeLift: 0.1, power: 1 - 1.1102230246251565e-16 })).toBe(194334);
    // baseline 1e-300: (p2 - p1)^2 = 1e-602 underflows in the textbook form; n = 1.6482647442133089e303
    const tiny = sampleSizePerArm({ baseline: 1e-300, relativeLift: 0.1 });
    expect(Math.abs(tiny / 1.648264744213309e303 - 1)).toBeLessThan(1e-13);
    expect(naiveN(1e-300, 0.1)).toBe(Infinity);
    // lift 1e-17: 1 + lift rounds to 1 and p2 - p1 to 0 in the textbook form; n = 1.4127983521828361e36
    const small = sampleSizePerArm({ baseline: 0.1, relativeLift: 1e-17 });
    expect(Math.abs(small / 1.4127983521828362e36 - 1)).toBeLessThan(1e-13);
    // and where no double can hold n, a RangeError that says why
    expect(() => sampleSizePerArm({ baseline: 1e-300, relativeLift: 1e-10 })).toThrow(/too small for baseline/);
    // power of those huge samples is computed without underflow: at n itself it reaches 0.8
    expect(powerPerArm(tiny, { baseline: 1e-300, relativeLift: 0.1 })).toBeGreaterThanOrEqual(0.8);
    expect(powerPerArm(tiny * 0.999, { baseline: 1e-300, relativeLift: 0.1 })).toBeLessThan(0.8);
  });
});

/** Binomial(n, p) by counting Bernoulli draws: slow but obviously right. */
function binomial(rng: Rng, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng() < p) k++;
  return k;
}

describe('the z-test and the sample size in simulation', () => {
  // p = 0.1, +30 % lift -> n = 1774 per arm for 80 % power (formula above).
  const n = sampleSizePerArm({ baseline: 0.1, relativeLift: 0.3 });

  it('rejects about 5 % of A/A tests, for every seed', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(100 + seed);
      const runs = 2000;
      let rejections = 0;
      for (let r = 0; r < runs; r++) {
        const a: Arm = { n, conversions: binomial(rng, n, 0.1) };
        const b: Arm = { n, conversions: binomial(rng, n, 0.1) };
        if (twoProportionZTest(a, b).pValue < 0.05) rejections++;
      }
      // sd of the rate: sqrt(0.05 * 0.95 / 2000) = 0.0049; 4 sd = 0.0195.
      expect(Math.abs(rejections / runs - 0.05)).toBeLessThan(0.0195);
    }
  }, 30_000);

  it('detects the planned lift about 80 % of the time, for every seed', () => {
    expect(n).toBe(1774);
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(200 + seed);
      const runs = 2000;
      let rejections = 0;
      for (let r = 0; r < runs; r++) {
        const a: Arm = { n, conversions: binomial(rng, n, 0.1) };
        const b: Arm = { n, conversions: binomial(rng, n, 0.13) };
        if (twoProportionZTest(a, b).pValue < 0.05) rejections++;
      }
      // sd: sqrt(0.8 * 0.2 / 2000) = 0.0089; 4 sd = 0.036.
      expect(Math.abs(rejections / runs - 0.8)).toBeLessThan(0.036);
    }
  }, 30_000);
});

describe('sampleRatioPValue', () => {
  it('flags a 50.5 / 49.5 split of 100k units', () => {
    // z = (50500 - 50000) / sqrt(100000 * 0.25) = 500 / 158.114 = 3.1623; p = 2 Phi(-3.1623) = 0.001565.
    expect(sampleRatioPValue(50_500, 49_500)).toBeCloseTo(0.001565, 5);
    expect(sampleRatioPValue(50_000, 50_000)).toBe(1);
    // A planned 10 / 90 split checked against its own ratio.
    expect(sampleRatioPValue(1000, 9000, 0.1)).toBe(1);
    // tiny planned shares: z = (1 - 1e6 * 1e-12) / sqrt(1e6 * 1e-12) = 999.999, p = 0 (far below 1e-300)
    expect(sampleRatioPValue(1, 999_999, 1e-12)).toBe(0);
    expect(sampleRatioPValue(0, 1_000_000, 1e-300)).toBe(1);
    expect(() => sampleRatioPValue(-5, 10)).toThrow(/nA must be an integer/);
    expect(() => sampleRatioPValue(5, 10, 1)).toThrow(/expectedShareA/);
  });
});

describe('peekingFalsePositiveRateNormal', () => {
  const exact = peekingFalsePositiveRateNormal(20);

  it('is alpha for one look and matches an independent integral for two', () => {
    expect(exact[0]).toBeCloseTo(0.05, 14);
    // P(reject by look 2) = alpha + integral over |u| <= c of pdf(u) P(|u + Z| > c sqrt 2) du,
    // here by a plain midpoint rule on 200,000 cells (no Simpson, no density recursion)
    const c = normalQuantile(0.975);
    const cells = 200_000;
    const h = (2 * c) / cells;
    let second = 0;
    for (let i = 0; i < cells; i++) {
      const u = -c + (i + 0.5) * h;
      const pdf = Math.exp((-u * u) / 2) / Math.sqrt(2 * Math.PI);
      second += h * pdf * (normalCdf(-c * Math.SQRT2 - u) + normalCdf(-c * Math.SQRT2 + u));
    }
    expect(Math.abs(exact[1]! - (0.05 + second))).toBeLessThan(1e-8);
  });

  it('has converged: four times finer steps change no rate by more than 1e-8', () => {
    const fine = peekingFalsePositiveRateNormal(20, 0.05, 1600);
    for (let i = 0; i < 20; i++) expect(Math.abs(exact[i]! - fine[i]!)).toBeLessThan(1e-8);
  }, 30_000);

  it('gives the rates the page quotes: 5.0, 8.3, 14.2, 19.3 and 24.8 % for 1, 2, 5, 10 and 20 looks', () => {
    // these agree with the rates Armitage, McPherson and Rowe (1969) computed for normal data
    expect([1, 2, 5, 10, 20].map((k) => +(100 * exact[k - 1]!).toFixed(1))).toEqual([5, 8.3, 14.2, 19.3, 24.8]);
    for (let i = 1; i < 20; i++) expect(exact[i]!).toBeGreaterThan(exact[i - 1]!);
  });

  it('rejects bad arguments', () => {
    expect(() => peekingFalsePositiveRateNormal(0)).toThrow(/looks must be/);
    expect(() => peekingFalsePositiveRateNormal(3, 0.05, 7)).toThrow(/steps must be an even/);
  });
});

describe('peekingFalsePositiveRate', () => {
  const exact = peekingFalsePositiveRateNormal(10);

  it('is about alpha with one look and follows the normal-theory rates, for every seed', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const fpr = peekingFalsePositiveRate(mulberry32(300 + seed), {
        experiments: 2000,
        looks: 10,
        unitsPerLook: 250,
        rate: 0.1,
      });
      expect(fpr).toHaveLength(10);
      fpr.forEach((v, i) => {
        if (i > 0) expect(v).toBeGreaterThanOrEqual(fpr[i - 1]!);
      });
      // One look: 0.05 +- 4 sd (sd = sqrt(0.05 * 0.95 / 2000) = 0.0049).
      expect(Math.abs(fpr[0]! - 0.05)).toBeLessThan(0.02);
      // Ten looks: 0.193 for normal data; sd sqrt(0.19 * 0.81 / 2000) = 0.0088, allow 4 sd.
      // (Binomial clicks with 25 expected per arm and batch are close to normal; a plain
      // once-only 5 % test would be at 0.05, 16 sd away.)
      expect(Math.abs(fpr[9]! - exact[9]!)).toBeLessThan(0.035);
    }
  }, 30_000);

  it('stays defined when every unit converts or none does', () => {
    const opts = { experiments: 50, looks: 5, unitsPerLook: 20 };
    expect(peekingFalsePositiveRate(mulberry32(1), { ...opts, rate: 1 })).toEqual([0, 0, 0, 0, 0]);
    expect(peekingFalsePositiveRate(mulberry32(1), { ...opts, rate: 1 - 1e-16 })).toEqual([0, 0, 0, 0, 0]);
    expect(peekingFalsePositiveRate(mulberry32(1), { ...opts, rate: 1e-300 })).toEqual([0, 0, 0, 0, 0]);
    expect(() => peekingFalsePositiveRate(mulberry32(1), { ...opts, rate: 1.5 })).toThrow(/rate must be/);
    expect(() => peekingFalsePositiveRate(mulberry32(1), { ...opts, rate: 0.1, unitsPerLook: 0 })).toThrow(
      /unitsPerLook/,
    );
  });
});
