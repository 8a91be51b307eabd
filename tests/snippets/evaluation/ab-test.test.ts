import { describe, expect, it } from 'vitest';
import {
  normalCdf,
  normalQuantile,
  peekingFalsePositiveRate,
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

  it('rejects p outside (0, 1)', () => {
    expect(() => normalQuantile(1)).toThrow(/p must be in \(0, 1\)/);
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

  it('scales as 1 / lift^2: halving the lift roughly quadruples n', () => {
    const n10 = sampleSizePerArm({ baseline: 0.05, relativeLift: 0.1 });
    const n5 = sampleSizePerArm({ baseline: 0.05, relativeLift: 0.05 });
    expect(n5 / n10).toBeGreaterThan(3.8);
    expect(n5 / n10).toBeLessThan(4.1);
  });

  it('rejects a lift that pushes the rate out of (0, 1)', () => {
    expect(() => sampleSizePerArm({ baseline: 0.6, relativeLift: 1 })).toThrow(/relativeLift/);
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

  it('rejects about 5 % of A/A tests', () => {
    const rng = mulberry32(101);
    const runs = 3000;
    let rejections = 0;
    for (let r = 0; r < runs; r++) {
      const a: Arm = { n, conversions: binomial(rng, n, 0.1) };
      const b: Arm = { n, conversions: binomial(rng, n, 0.1) };
      if (twoProportionZTest(a, b).pValue < 0.05) rejections++;
    }
    // sd of the rate: sqrt(0.05 * 0.95 / 3000) = 0.004; 4 sd = 0.016.
    expect(Math.abs(rejections / runs - 0.05)).toBeLessThan(0.016);
  });

  it('detects the planned lift about 80 % of the time', () => {
    expect(n).toBe(1774);
    const rng = mulberry32(202);
    const runs = 2000;
    let rejections = 0;
    for (let r = 0; r < runs; r++) {
      const a: Arm = { n, conversions: binomial(rng, n, 0.1) };
      const b: Arm = { n, conversions: binomial(rng, n, 0.13) };
      if (twoProportionZTest(a, b).pValue < 0.05) rejections++;
    }
    // sd: sqrt(0.8 * 0.2 / 2000) = 0.0089; 4 sd = 0.036.
    expect(Math.abs(rejections / runs - 0.8)).toBeLessThan(0.036);
  });
});

describe('sampleRatioPValue', () => {
  it('flags a 50.5 / 49.5 split of 100k units', () => {
    // z = (50500 - 50000) / sqrt(100000 * 0.25) = 500 / 158.114 = 3.1623; p = 2 Phi(-3.1623) = 0.001565.
    expect(sampleRatioPValue(50_500, 49_500)).toBeCloseTo(0.001565, 5);
    expect(sampleRatioPValue(50_000, 50_000)).toBe(1);
    // A planned 10 / 90 split checked against its own ratio.
    expect(sampleRatioPValue(1000, 9000, 0.1)).toBe(1);
  });
});

describe('peekingFalsePositiveRate', () => {
  it('is about alpha with one look and grows with every extra look', () => {
    const fpr = peekingFalsePositiveRate(mulberry32(303), {
      experiments: 2000,
      looks: 10,
      unitsPerLook: 500,
      rate: 0.1,
    });
    expect(fpr).toHaveLength(10);
    fpr.forEach((v, i) => {
      if (i > 0) expect(v).toBeGreaterThanOrEqual(fpr[i - 1]!);
    });
    // One look: 0.05 +- 4 sd (sd = sqrt(0.05 * 0.95 / 2000) = 0.0049).
    expect(Math.abs(fpr[0]! - 0.05)).toBeLessThan(0.02);
    // Ten looks: about 0.19 (Armitage, McPherson and Rowe, 1969); far above 0.05.
    expect(fpr[9]!).toBeGreaterThan(0.14);
    expect(fpr[9]!).toBeLessThan(0.25);
  });
});
