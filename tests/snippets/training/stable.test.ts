import { describe, expect, it } from 'vitest';
import {
  bceWithLogits,
  clipByGlobalNorm,
  logSumExp,
  naiveBceWithLogits,
  naiveLogSumExp,
  quadraticLossCurve,
} from '../../../content/snippets/training/stable.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

describe('logSumExp', () => {
  it('is finite where the naive formula overflows or underflows', () => {
    // exp(1000) overflows: naive gives Infinity; stable: 1000 + ln 2 = 1000.693147
    expect(naiveLogSumExp([1000, 1000])).toBe(Infinity);
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 9);
    // exp(-1000) underflows to 0: naive gives log 0 = -Infinity; stable: -1000 + ln 2
    expect(naiveLogSumExp([-1000, -1000])).toBe(-Infinity);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.LN2, 9);
    // one huge term dominates: 1000 + log(1 + e^-1000) = 1000
    expect(logSumExp([1000, 0])).toBe(1000);
    expect(logSumExp([-1000, 1000, 0])).toBe(1000);
  });

  it('matches hand values and edge cases', () => {
    // log(e^0 + e^{ln 3}) = log 4
    expect(logSumExp([0, Math.log(3)])).toBeCloseTo(Math.log(4), 14);
    expect(logSumExp([7])).toBe(7);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([-Infinity, 0])).toBe(0);
    expect(() => logSumExp([])).toThrow(/empty/);
    expect(() => logSumExp([0, Number.NaN])).toThrow(/NaN/);
  });

  it('equals the naive formula on moderate random inputs and is shift-equivariant', () => {
    const rng = mulberry32(5);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rng() * 10);
      const xs = Array.from({ length: n }, () => 100 * rng() - 50);
      const naive = naiveLogSumExp(xs);
      expect(Math.abs(logSumExp(xs) - naive)).toBeLessThan(1e-12 * Math.max(1, Math.abs(naive)));
      // adding 900 breaks the naive version but shifts the stable one by exactly 900
      const shifted = xs.map((x) => x + 900);
      expect(naiveLogSumExp(shifted)).toBe(Infinity);
      expect(logSumExp(shifted)).toBeCloseTo(logSumExp(xs) + 900, 9);
    }
  });
});

describe('bceWithLogits', () => {
  it('is finite on +-1000 where the naive formula gives NaN or Infinity', () => {
    expect(bceWithLogits(1000, 1)).toBe(0); // log1p(e^-1000) = 0
    expect(bceWithLogits(1000, 0)).toBe(1000);
    expect(bceWithLogits(-1000, 1)).toBe(1000);
    expect(bceWithLogits(-1000, 0)).toBe(0);
    // naive: sigmoid(1000) = 1 exactly, so (1 - y) log(1 - p) = 0 * -Infinity = NaN
    expect(naiveBceWithLogits(1000, 1)).toBeNaN();
    // naive: log(1 - 1) = -Infinity
    expect(naiveBceWithLogits(1000, 0)).toBe(Infinity);
    expect(naiveBceWithLogits(-1000, 1)).toBe(Infinity);
  });

  it('matches hand values', () => {
    // z = 0: sigmoid = 1/2, loss ln 2 whatever the label
    expect(bceWithLogits(0, 1)).toBeCloseTo(Math.LN2, 14);
    expect(bceWithLogits(0, 0.3)).toBeCloseTo(Math.LN2, 14);
    // z = 2, y = 1: log(1 + e^-2) = log(1.1353353) = 0.1269280
    expect(bceWithLogits(2, 1)).toBeCloseTo(0.126928, 6);
    // z = 2, y = 0: 2 + 0.1269280 = 2.1269280
    expect(bceWithLogits(2, 0)).toBeCloseTo(2.126928, 6);
    expect(() => bceWithLogits(1, 1.5)).toThrow(/y must be/);
  });

  it('equals the naive formula where that is accurate (|z| <= 15), including soft labels', () => {
    const rng = mulberry32(8);
    for (let i = 0; i < 500; i++) {
      const z = 30 * rng() - 15;
      const y = i % 3 === 0 ? rng() : i % 3 === 1 ? 1 : 0;
      expect(bceWithLogits(z, y)).toBeCloseTo(naiveBceWithLogits(z, y), 8);
    }
  });

  it('has derivative sigmoid(z) - y (finite differences), even at z = 40', () => {
    for (const [z, y] of [
      [-3, 1],
      [0.7, 0],
      [2, 0.25],
      [40, 0],
    ] as const) {
      const h = 1e-5;
      const fd = (bceWithLogits(z + h, y) - bceWithLogits(z - h, y)) / (2 * h);
      expect(fd).toBeCloseTo(1 / (1 + Math.exp(-z)) - y, 6);
    }
  });
});

describe('clipByGlobalNorm', () => {
  it('rescales jointly to maxNorm and keeps the direction', () => {
    // norm of (3, 4) = 5; clipped to 1: (0.6, 0.8)
    const { clipped, norm } = clipByGlobalNorm([[3], [4]], 1);
    expect(norm).toBe(5);
    expect(clipped[0]![0]).toBeCloseTo(0.6, 14);
    expect(clipped[1]![0]).toBeCloseTo(0.8, 14);
  });
  it('leaves small gradients alone and refuses non-finite ones', () => {
    const { clipped } = clipByGlobalNorm([[0.1, -0.2]], 1);
    expect(clipped).toEqual([[0.1, -0.2]]);
    expect(() => clipByGlobalNorm([[1, Number.NaN]], 1)).toThrow(/non-finite/);
  });
});

describe('quadraticLossCurve', () => {
  it('shrinks the loss by (1 - lr c)^2 per step without momentum', () => {
    // c = 1, lr = 0.5: x halves each step, loss x^2/2 quarters: 0.5, 0.125, 0.03125
    const l = quadraticLossCurve(1, 0.5, 0, 2);
    expect(l[0]).toBeCloseTo(0.5, 14);
    expect(l[1]).toBeCloseTo(0.125, 14);
    expect(l[2]).toBeCloseTo(0.03125, 14);
  });

  it('diverges when lr > 2 / curvature: the loss rises every step', () => {
    // c = 1, lr = 2.5: x is multiplied by 1 - 2.5 = -1.5, the loss by 2.25
    const l = quadraticLossCurve(1, 2.5, 0, 20);
    for (let t = 1; t < l.length; t++) expect(l[t]! / l[t - 1]!).toBeCloseTo(2.25, 9);
    // just under the threshold it still converges
    const ok = quadraticLossCurve(1, 1.9, 0, 200);
    expect(ok[200]!).toBeLessThan(1e-8);
  });

  it('with momentum the loss goes up on some steps yet still converges', () => {
    const l = quadraticLossCurve(1, 0.1, 0.9, 300);
    let rises = 0;
    for (let t = 1; t < l.length; t++) if (l[t]! > l[t - 1]!) rises++;
    expect(rises).toBeGreaterThan(10);
    // |eigenvalue| = sqrt(0.9) per step, so the loss shrinks roughly like 0.9^t
    expect(l[300]!).toBeLessThan(1e-10);
    // the same step size without momentum never rises
    const plain = quadraticLossCurve(1, 0.1, 0, 300);
    for (let t = 1; t < plain.length; t++) expect(plain[t]!).toBeLessThan(plain[t - 1]!);
  });
});
