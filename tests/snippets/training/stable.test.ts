import { describe, expect, it } from 'vitest';
import {
  bceWithLogits,
  clipByGlobalNorm,
  l2Norm,
  logSumExp,
  naiveBceWithLogits,
  naiveLogSumExp,
  quadraticLossCurve,
  sigmoid,
} from '../../../content/snippets/training/stable.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

/** Relative error, with an absolute floor for values near 0. */
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('logSumExp', () => {
  it('is finite where the naive formula overflows or underflows (logits of +-1000)', () => {
    // exp(1000) overflows: naive gives Infinity; stable: 1000 + ln 2 = 1000.693147
    expect(naiveLogSumExp([1000, 1000])).toBe(Infinity);
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 9);
    // exp(-1000) underflows to 0: naive gives log 0 = -Infinity; stable: -1000 + ln 2
    expect(naiveLogSumExp([-1000, -1000])).toBe(-Infinity);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.LN2, 9);
    // one huge term dominates: 1000 + log(1 + e^-1000 + e^-2000) rounds to 1000
    expect(logSumExp([1000, 0])).toBe(1000);
    expect(logSumExp([-1000, 1000, 0])).toBe(1000);
  });

  it('is exact at a gap of 800 and keeps a tiny second term (log1p)', () => {
    // log(e^800 + e^0) = 800 + log1p(e^-800); e^-800 is below the smallest double, so 800.
    expect(logSumExp([800, 0])).toBe(800);
    expect(logSumExp([0, -800])).toBe(0);
    // log(1 + e^-40) = e^-40 - e^-80 / 2 + ... = 4.248354e-18 to 16 digits. Forming 1 + e^-40
    // first rounds it to 1 and gives 0, a 100% relative error.
    expect(relErr(logSumExp([0, -40]), Math.exp(-40))).toBeLessThan(1e-15);
    expect(naiveLogSumExp([0, -40])).toBe(0);
    // two tiny terms: log(1 + 2e-20) = 2e-20 to 16 digits
    const tiny = Math.log(1e-20);
    expect(relErr(logSumExp([0, tiny, tiny]), 2e-20)).toBeLessThan(1e-14);
  });

  it('handles -Infinity and +Infinity entries and rejects empty arrays and NaN', () => {
    // log(e^0 + e^{ln 3}) = log 4
    expect(logSumExp([0, Math.log(3)])).toBeCloseTo(Math.log(4), 14);
    expect(logSumExp([7])).toBe(7);
    expect(logSumExp([-Infinity])).toBe(-Infinity);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([-Infinity, 0])).toBe(0);
    // -Infinity terms contribute exactly 0: log(2 e^5) = 5 + ln 2
    expect(logSumExp([-Infinity, 5, -Infinity, 5])).toBeCloseTo(5 + Math.LN2, 14);
    expect(logSumExp([Infinity, 0])).toBe(Infinity);
    expect(logSumExp([-Infinity, Infinity])).toBe(Infinity);
    expect(() => logSumExp([])).toThrow(/xs must not be empty/);
    expect(() => logSumExp([0, Number.NaN])).toThrow(/xs\[1\] is NaN/);
    expect(() => logSumExp([Number.NaN, 0])).toThrow(/NaN/);
  });

  it('counts many equal terms exactly: 100,000 copies of 1000 give 1000 + ln 100000', () => {
    expect(relErr(logSumExp(new Array<number>(100_000).fill(1000)), 1000 + Math.log(100_000))).toBeLessThan(1e-14);
  });

  it('equals the naive formula on moderate random inputs and is shift-equivariant (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let trial = 0; trial < 200; trial++) {
        const n = 1 + Math.floor(rng() * 10);
        const xs = Array.from({ length: n }, () => 100 * rng() - 50);
        const naive = naiveLogSumExp(xs);
        expect(Math.abs(logSumExp(xs) - naive)).toBeLessThan(1e-12 * Math.max(1, Math.abs(naive)));
        // adding 900 breaks the naive version but shifts the stable one by exactly 900
        const shifted = xs.map((x) => x + 900);
        expect(naiveLogSumExp(shifted)).toBe(Infinity);
        expect(logSumExp(shifted)).toBeCloseTo(logSumExp(xs) + 900, 9);
      }
    }
  });
});

describe('bceWithLogits', () => {
  it('is exact on +-1000 where the naive formula gives NaN or Infinity', () => {
    expect(bceWithLogits(1000, 1)).toBe(0); // log1p(e^-1000) = 0
    expect(bceWithLogits(1000, 0)).toBe(1000);
    expect(bceWithLogits(-1000, 1)).toBe(1000);
    expect(bceWithLogits(-1000, 0)).toBe(0);
    // a soft label of 1/2 at a gap of 800: 800 * 1/2 + log1p(e^-800) = 400
    expect(bceWithLogits(800, 0.5)).toBe(400);
    expect(bceWithLogits(-800, 0.5)).toBe(400);
    // naive: sigmoid(1000) = 1 exactly, so (1 - y) log(1 - p) = 0 * -Infinity = NaN
    expect(naiveBceWithLogits(1000, 1)).toBeNaN();
    // naive: log(1 - 1) = -Infinity
    expect(naiveBceWithLogits(1000, 0)).toBe(Infinity);
    expect(naiveBceWithLogits(-1000, 1)).toBe(Infinity);
  });

  it('is accurate for labels of 1e-300 and 1 - 1e-16 at logits of +-1000 (analytic values)', () => {
    // y = 1 - 1e-16 is stored as 1 - 2^-53. At z = 1000 the loss is 1000 (1 - y) + log1p(e^-1000)
    // = 1000 * 2^-53 = 1.110223e-13. Writing it as max(z, 0) - z y would cancel 1000 - 999.99...
    const y = 1 - 1e-16;
    expect(1 - y).toBe(2 ** -53);
    expect(relErr(bceWithLogits(1000, y), 1000 * 2 ** -53)).toBeLessThan(1e-15);
    // at z = -1000 the same label costs -z y = 1000 (1 - 2^-53)
    expect(relErr(bceWithLogits(-1000, y), 1000 * (1 - 2 ** -53))).toBeLessThan(1e-15);
    // y = 1e-300: at z = 1000, 1000 (1 - 1e-300) = 1000; at z = -1000, 1000 * 1e-300 = 1e-297
    expect(bceWithLogits(1000, 1e-300)).toBe(1000);
    expect(relErr(bceWithLogits(-1000, 1e-300), 1e-297)).toBeLessThan(1e-15);
  });

  it('matches hand values', () => {
    // z = 0: sigmoid = 1/2, loss ln 2 whatever the label
    expect(bceWithLogits(0, 1)).toBeCloseTo(Math.LN2, 14);
    expect(bceWithLogits(0, 0.3)).toBeCloseTo(Math.LN2, 14);
    // z = 2, y = 1: log(1 + e^-2) = log(1.1353353) = 0.1269280
    expect(bceWithLogits(2, 1)).toBeCloseTo(0.126928, 6);
    // z = 2, y = 0: 2 + 0.1269280 = 2.1269280
    expect(bceWithLogits(2, 0)).toBeCloseTo(2.126928, 6);
  });

  it('the naive form loses digits long before it overflows: off by about 1e-3 at z = 30', () => {
    // 1 - sigmoid(30) = 9.4e-14 is formed from a sum rounded to a spacing of 1.1e-16 near 1, a
    // relative error of up to about 1e-3; the log turns it into an absolute error of that size.
    const err = Math.abs(naiveBceWithLogits(30, 0) - bceWithLogits(30, 0));
    expect(err).toBeGreaterThan(5e-4);
    expect(err).toBeLessThan(2e-3);
    // and sigmoid rounds to exactly 1 from z = ln 2^53 = 36.74 on: the naive loss is Infinity
    expect(1 / (1 + Math.exp(-36.73))).toBeLessThan(1);
    expect(1 / (1 + Math.exp(-36.74))).toBe(1);
    expect(naiveBceWithLogits(36.74, 0)).toBe(Infinity);
    expect(bceWithLogits(36.74, 0)).toBeCloseTo(36.74, 12);
  });

  it('rejects labels outside [0, 1] and non-finite logits', () => {
    expect(() => bceWithLogits(1, 1.5)).toThrow(/y must be/);
    expect(() => bceWithLogits(Number.NaN, 1)).toThrow(/z must be a finite logit/);
    expect(() => bceWithLogits(Infinity, 1)).toThrow(/z must be a finite logit/);
  });

  it('equals the naive formula where that is accurate (|z| <= 15), including soft labels (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let i = 0; i < 300; i++) {
        const z = 30 * rng() - 15;
        const y = i % 3 === 0 ? rng() : i % 3 === 1 ? 1 : 0;
        expect(bceWithLogits(z, y)).toBeCloseTo(naiveBceWithLogits(z, y), 8);
      }
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
      expect(fd).toBeCloseTo(sigmoid(z) - y, 6);
    }
  });
});

describe('sigmoid', () => {
  it('is exact at the extremes', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0); // e^-1000 is below the smallest double
    // sigmoid(-740) = e^-740 / (1 + e^-740) = e^-740 to double precision (a subnormal, about
    // 4.2e-322, so only a few significant bits are stored). The naive 1 / (1 + e^740) gives 0.
    expect(sigmoid(-740)).toBe(Math.exp(-740));
    expect(sigmoid(-740)).toBeGreaterThan(0);
    expect(1 / (1 + Math.exp(740))).toBe(0);
    // sigmoid(-700) = e^-700 (1 - e^-700) = e^-700 to full precision
    expect(relErr(sigmoid(-700), Math.exp(-700))).toBeLessThan(1e-15);
    expect(sigmoid(Infinity)).toBe(1);
    expect(sigmoid(-Infinity)).toBe(0);
    expect(() => sigmoid(Number.NaN)).toThrow(/NaN/);
  });

  it('agrees with 1 / (1 + e^-z) and satisfies sigmoid(z) + sigmoid(-z) = 1 (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let i = 0; i < 200; i++) {
        const z = 60 * rng() - 30;
        expect(relErr(sigmoid(z), 1 / (1 + Math.exp(-z)))).toBeLessThan(1e-14);
        expect(sigmoid(z) + sigmoid(-z)).toBeCloseTo(1, 15);
      }
    }
  });
});

describe('l2Norm', () => {
  it('is exact for tiny and huge components where the sum of squares underflows or overflows', () => {
    // naive: (1e-200)^2 = 0, so sqrt(0 + 0) = 0; the true norm is sqrt(2) * 1e-200
    expect(Math.sqrt(1e-200 ** 2 + 1e-200 ** 2)).toBe(0);
    expect(relErr(l2Norm([1e-200, 1e-200]), Math.SQRT2 * 1e-200)).toBeLessThan(1e-15);
    // naive: (1e200)^2 = Infinity; the true norm is sqrt(2) * 1e200
    expect(Math.sqrt(1e200 ** 2 + 1e200 ** 2)).toBe(Infinity);
    expect(relErr(l2Norm([1e200, 1e200]), Math.SQRT2 * 1e200)).toBeLessThan(1e-15);
    // mixed scales: the tiny component is negligible
    expect(l2Norm([1e200, 1e-200])).toBe(1e200);
  });

  it('matches hand values and the naive formula on moderate inputs (seeds 1..5)', () => {
    expect(l2Norm([3, 4])).toBe(5);
    expect(l2Norm([])).toBe(0);
    expect(l2Norm([0, 0])).toBe(0);
    expect(() => l2Norm([1, Infinity])).toThrow(/xs\[1\] must be finite/);
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let i = 0; i < 100; i++) {
        const v = Array.from({ length: 1 + Math.floor(rng() * 8) }, () => 20 * rng() - 10);
        expect(relErr(l2Norm(v), Math.sqrt(v.reduce((a, x) => a + x * x, 0)))).toBeLessThan(1e-14);
      }
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

  it('measures and clips gradients of 1e200 and 1e-200 per component', () => {
    // norm sqrt(2) 1e200; clipped to 1: each component 1 / sqrt(2)
    const huge = clipByGlobalNorm([[1e200], [1e200]], 1);
    expect(relErr(huge.norm, Math.SQRT2 * 1e200)).toBeLessThan(1e-15);
    for (const g of huge.clipped) expect(g[0]).toBeCloseTo(Math.SQRT1_2, 15);
    // a tiny gradient is left alone, and its norm is reported, not 0
    const tiny = clipByGlobalNorm([[1e-200, 1e-200]], 1);
    expect(tiny.clipped).toEqual([[1e-200, 1e-200]]);
    expect(relErr(tiny.norm, Math.SQRT2 * 1e-200)).toBeLessThan(1e-15);
    // a tiny threshold: 1e-300 / (sqrt(2) 1e200) would underflow to 0 as a factor, but each
    // clipped component is 1e-300 / sqrt(2) = 7.07e-301
    const tight = clipByGlobalNorm([[1e200, 1e200]], 1e-300);
    for (const x of tight.clipped[0]!) expect(relErr(x, 1e-300 * Math.SQRT1_2)).toBeLessThan(1e-15);
  });

  it('leaves small gradients alone and refuses non-finite ones', () => {
    const { clipped } = clipByGlobalNorm([[0.1, -0.2]], 1);
    expect(clipped).toEqual([[0.1, -0.2]]);
    expect(() => clipByGlobalNorm([[1, Number.NaN]], 1)).toThrow(/non-finite/);
    expect(() => clipByGlobalNorm([[1, Infinity]], 1)).toThrow(/non-finite/);
    expect(() => clipByGlobalNorm([[1]], 0)).toThrow(/maxNorm must be positive/);
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
    // lr = 2.05: by 1.05^2 = 1.1025 per step, 0.5 * 1.1025^60 = 174.456 after 60 steps
    expect(quadraticLossCurve(1, 2.05, 0, 60)[60]).toBeCloseTo(0.5 * 1.1025 ** 60, 6);
    // just under the threshold it still converges
    const ok = quadraticLossCurve(1, 1.9, 0, 200);
    expect(ok[200]!).toBeLessThan(1e-8);
  });

  it('with momentum the loss goes up on many steps yet still converges', () => {
    // eigenvalues of the heavy-ball map solve r^2 - (1 + 0.9 - 0.1) r + 0.9 = 0: complex, of
    // modulus sqrt(0.9), turning by arccos(0.9 / sqrt(0.9)) = 0.322 rad per step, so |x| traces
    // a decaying wave with a half-period of about 9.8 steps, and the loss rises on a large share
    // of them.
    const l = quadraticLossCurve(1, 0.1, 0.9, 300);
    let rises = 0;
    for (let t = 1; t < l.length; t++) if (l[t]! > l[t - 1]!) rises++;
    // The count the page quotes (deterministic: no randomness in the run).
    expect(rises).toBe(133);
    // the loss shrinks like (sqrt 0.9)^(2t) = 0.9^t up to the oscillation: 0.9^300 = 1.9e-14
    expect(l[300]!).toBeLessThan(1e-13);
    // the same step size without momentum never rises
    const plain = quadraticLossCurve(1, 0.1, 0, 300);
    for (let t = 1; t < plain.length; t++) expect(plain[t]!).toBeLessThan(plain[t - 1]!);
  });

  it('rejects a non-finite start', () => {
    expect(() => quadraticLossCurve(1, 0.1, 0, 3, Infinity)).toThrow(/x0 must be finite/);
  });
});
