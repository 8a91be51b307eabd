import { describe, expect, it } from 'vitest';
import {
  MAX_KD_TEMPERATURE,
  kdLoss,
  klDivergence,
  klFromLogProbs,
  logSoftmaxT,
  softTargetGrad,
  softTargetLoss,
  softmaxT,
} from '../../../content/snippets/training/distillation.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

const norm = (v: readonly number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));
const zeroMean = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return v.map((x) => x - m);
};
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The textbook soft term: T^2 sum p ln(p / q) on softmax probabilities (log of a probability). */
const naiveSoftTarget = (zs: number[], zt: number[], T: number) => {
  const p = softmaxT(zt, T);
  const q = softmaxT(zs, T);
  return T * T * p.reduce((a, pi, i) => a + (pi > 0 ? pi * Math.log(pi / q[i]!) : 0), 0);
};

describe('softmaxT and logSoftmaxT', () => {
  it('matches a hand computation and flattens with temperature', () => {
    // softmax([2, 0] / 2) = [e / (e + 1), 1 / (e + 1)] = [0.731059, 0.268941]
    const p = softmaxT([2, 0], 2);
    expect(p[0]).toBeCloseTo(0.731059, 6);
    expect(p[1]).toBeCloseTo(0.268941, 6);
    // At T = 1 the same logits give e^2 / (e^2 + 1) = 0.880797: sharper.
    expect(softmaxT([2, 0], 1)[0]).toBeCloseTo(0.880797, 6);
    // Very high T tends to uniform.
    for (const v of softmaxT([5, 1, -3], 1e6)) expect(v).toBeCloseTo(1 / 3, 5);
    // The runner-up of (5, 3, 1, 0, -1) gets 0.1164 at T = 1 and 0.2404 at T = 5 (as on the page):
    // e^3 / (e^5 + e^3 + e + 1 + e^-1) = 20.0855 / 172.5794 and e^0.6 / (e + e^0.6 + e^0.2 + 1 + e^-0.2)
    // = 1.8221 / 7.5803.
    expect(softmaxT([5, 3, 1, 0, -1], 1)[1]).toBeCloseTo(0.11638, 4);
    expect(softmaxT([5, 3, 1, 0, -1], 5)[1]).toBeCloseTo(0.24038, 4);
  });

  it('does not overflow on logits of +-1000', () => {
    expect(softmaxT([1000, 999], 1)[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(softmaxT([1000, -1000], 1)).toEqual([1, 0]);
    // log-softmax keeps the log-probability that the softmax rounds to 0: exactly -2000
    expect(logSoftmaxT([1000, -1000], 1)).toEqual([0, -2000]);
    expect(logSoftmaxT([0, 800])).toEqual([-800, 0]);
    // T = 4 on a gap of 2000: [0, -500]
    // T = 4 on a gap of 2000: [-log(1 + e^-500), -500 - log(1 + e^-500)] = [-7.1e-218, -500]
    const l4 = logSoftmaxT([1000, -1000], 4);
    expect(relErr(l4[0]!, -Math.exp(-500))).toBeLessThan(1e-14);
    expect(l4[1]).toBe(-500);
  });

  it('logSoftmaxT equals log(softmaxT) on moderate logits and its exponentials sum to 1 (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let i = 0; i < 50; i++) {
        const z = Array.from({ length: 1 + Math.floor(rng() * 6) }, () => (rng() - 0.5) * 40);
        const T = 0.2 + rng() * 10;
        const ls = logSoftmaxT(z, T);
        const p = softmaxT(z, T);
        ls.forEach((v, k) => expect(v).toBeCloseTo(Math.log(p[k]!), 12));
        expect(ls.reduce((a, v) => a + Math.exp(v), 0)).toBeCloseTo(1, 14);
      }
    }
  });

  it('rejects a non-positive temperature, non-finite logits, and a T too small for the logits', () => {
    expect(() => softmaxT([1, 2], 0)).toThrow(/T must be/);
    expect(() => logSoftmaxT([1, Infinity])).toThrow(/must be finite/);
    expect(() => logSoftmaxT([1000, -1000], 1e-306)).toThrow(/too small/);
  });
});

describe('klDivergence and klFromLogProbs', () => {
  it('match a hand value and handle zeros and tiny probabilities', () => {
    // KL([.5, .5] || [.9, .1]) = .5 ln(.5/.9) + .5 ln(.5/.1) = -.293893 + .804719 = .510826
    expect(klDivergence([0.5, 0.5], [0.9, 0.1])).toBeCloseTo(0.510826, 6);
    expect(klFromLogProbs([Math.log(0.5), Math.log(0.5)], [Math.log(0.9), Math.log(0.1)])).toBeCloseTo(0.510826, 6);
    // p_i = 0 contributes 0 (0 ln 0 = 0), whatever q_i is
    expect(klDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
    // KL([1, 0] || [1e-300, 1 - 1e-300]) = ln(1 / 1e-300) = 690.7755; the ratio form 1 / 1e-320
    // would overflow, the log-difference form does not
    expect(relErr(klDivergence([1, 0], [1e-300, 1]), 300 * Math.LN10)).toBeLessThan(1e-15);
    expect(relErr(klDivergence([1, 0], [1e-320, 1]), -Math.log(1e-320))).toBeLessThan(1e-12);
    // q_i = 0 where p_i > 0: infinite, the true value
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
    // p = (1 - 1e-16, 1e-16) against itself: 0
    expect(klDivergence([1 - 1e-16, 1e-16], [1 - 1e-16, 1e-16])).toBe(0);
    // from log-probabilities: p = (1, 0) as (0, -Infinity) against log q = (-800, 0): exactly 800,
    // where q_0 = e^-800 is 0 as a probability and the ratio form would give Infinity
    expect(klFromLogProbs([0, -Infinity], [-800, 0])).toBe(800);
    expect(klDivergence([1, 0], [Math.exp(-800), 1])).toBe(Infinity);
    expect(() => klFromLogProbs([0], [0, 0])).toThrow(/same length/);
    expect(() => klDivergence([0.5], [0.5, 0.5])).toThrow(/same length/);
    expect(() => klDivergence([1.5, -0.5], [0.5, 0.5])).toThrow(/p\[0\] must be in \[0, 1\]/);
  });
});

describe('softTargetLoss and kdLoss', () => {
  it('matches a hand computation (teacher [2, 0], student [1, 0], T = 2)', () => {
    // p = softmax([1, 0]) = [0.731059, 0.268941]; q = softmax([0.5, 0]) = [0.622459, 0.377541]
    // KL(p || q) = 0.731059 ln(0.731059 / 0.622459) + 0.268941 ln(0.268941 / 0.377541)
    //            = 0.731059 * 0.160818 + 0.268941 * (-0.339183) = 0.117568 - 0.091222 = 0.026345
    // soft term = T^2 * KL = 4 * 0.026345 = 0.105378
    expect(klDivergence(softmaxT([2, 0], 2), softmaxT([1, 0], 2))).toBeCloseTo(0.026345, 5);
    expect(softTargetLoss([1, 0], [2, 0], 2)).toBeCloseTo(0.105378, 5);
    // hard CE (label 0, T = 1) = -ln(e / (e + 1)) = ln(1 + e^-1) = 0.313262
    // alpha = 0.7: 0.7 * 0.105378 + 0.3 * 0.313262 = 0.073765 + 0.093979 = 0.167743
    expect(kdLoss([1, 0], [2, 0], 0, 2, 0.7)).toBeCloseTo(0.167743, 5);
    // alpha = 0 is plain cross-entropy with the label.
    expect(kdLoss([1, 0], [2, 0], 0, 2, 0)).toBeCloseTo(0.313262, 6);
  });

  it('is exact at a logit gap of 800, where the log of a softmax probability gives Infinity', () => {
    // teacher (800, 0): p = (1, e^-800), log p = (0, -800); student (0, 800): log q = (-800, 0).
    // KL = 1 * (0 - (-800)) + e^-800 * (...) = 800, and e^-800 is below the smallest double.
    expect(naiveSoftTarget([0, 800], [800, 0], 1)).toBe(Infinity);
    expect(softTargetLoss([0, 800], [800, 0], 1)).toBe(800);
    // kdLoss with label 0: hard term -log q_0 = 800; 0.5 * 800 + 0.5 * 800 = 800
    expect(kdLoss([0, 800], [800, 0], 0, 1, 0.5)).toBe(800);
    // the correct class winning by 800: the hard term is log(1 + e^-800) = 0
    expect(kdLoss([800, 0], [800, 0], 0, 1, 0.5)).toBe(0);
  });

  it('is exact for logits of +-1000: T^2 KL = T * gap once the gap dwarfs T', () => {
    // teacher (-1000, 1000), student (1000, -1000): at temperature T the teacher puts all its
    // mass on class 1, where the student's log-probability is -2000 / T up to e^(-2000/T):
    // T^2 KL = T^2 * 2000 / T = 2000 T.
    for (const T of [1, 2, 10]) {
      expect(relErr(softTargetLoss([1000, -1000], [-1000, 1000], T), 2000 * T)).toBeLessThan(1e-15);
    }
    // three classes, T = 1: p = one-hot on class 1, log q_1 = -2000 - log(1 + e^-1997) = -2000
    expect(softTargetLoss([1000, -1000, 3], [-1000, 1000, 0], 1)).toBe(2000);
    expect(Number.isFinite(kdLoss([1000, -1000, 3], [-1000, 1000, 0], 1, 5, 0.3))).toBe(true);
    // hard term for label 1 is 2000 (log-softmax), soft term at T = 5 is 5 * 2000 = 10000:
    // 0.3 * 10000 + 0.7 * 2000 = 4400
    expect(relErr(kdLoss([1000, -1000, 3], [-1000, 1000, 0], 1, 5, 0.3), 4400)).toBeLessThan(1e-12);
  });

  it('tends to T (max z - z at the teacher argmax) for a tiny temperature, and does not underflow T^2', () => {
    // student (1.5, -0.5), teacher prefers class 1: T^2 KL ~ T * (1.5 - (-0.5)) = 2 T.
    // At T = 1e-200, T^2 = 1e-400 underflows to 0 on its own; T * (T * KL) keeps the 2e-200.
    expect(relErr(softTargetLoss([1.5, -0.5], [0, 1], 1e-200), 2e-200)).toBeLessThan(1e-14);
    expect(relErr(softTargetLoss([1000, -1000], [-1000, 1000], 1e-200), 2000e-200)).toBeLessThan(1e-14);
  });

  it('equals the textbook formula on moderate logits (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let i = 0; i < 40; i++) {
        const zs = Array.from({ length: 4 }, () => (rng() - 0.5) * 20);
        const zt = Array.from({ length: 4 }, () => (rng() - 0.5) * 20);
        const T = 0.5 + rng() * 10;
        const naive = naiveSoftTarget(zs, zt, T);
        expect(Math.abs(softTargetLoss(zs, zt, T) - naive)).toBeLessThan(1e-11 * Math.max(1, naive));
      }
    }
  });

  it('is zero when the student equals the teacher and positive otherwise (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let i = 0; i < 30; i++) {
        const z = Array.from({ length: 4 }, () => (rng() - 0.5) * 10);
        const T = 0.5 + rng() * 10;
        expect(softTargetLoss(z, z, T)).toBe(0);
        const other = z.map((v) => v + (rng() - 0.5));
        expect(softTargetLoss(other, z, T)).toBeGreaterThan(0);
      }
    }
  });

  it('ignores a constant shift of either logit vector (softmax is shift-invariant)', () => {
    expect(softTargetLoss([1, 2, 3], [0, 4, 1], 3)).toBeCloseTo(softTargetLoss([11, 12, 13], [-5, -1, -4], 3), 12);
  });

  it('rejects temperatures above MAX_KD_TEMPERATURE and mismatched lengths', () => {
    expect(() => softTargetLoss([1, 0], [0, 1], MAX_KD_TEMPERATURE * 2)).toThrow(/at most 1000/);
    expect(() => softTargetGrad([1, 0], [0, 1], 1e200)).toThrow(/at most 1000/);
    expect(() => softTargetLoss([1, 0], [0, 1, 2], 1)).toThrow(/same length/);
    expect(() => kdLoss([1, 0], [0, 1], 2, 1, 0.5)).toThrow(/label/);
  });
});

describe('softTargetGrad', () => {
  it('equals T (q - p) and agrees with finite differences (seeds 1..5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let trial = 0; trial < 10; trial++) {
        const zs = Array.from({ length: 5 }, () => (rng() - 0.5) * 6);
        const zt = Array.from({ length: 5 }, () => (rng() - 0.5) * 6);
        const T = 1 + rng() * 9;
        const g = softTargetGrad(zs, zt, T);
        const h = 1e-5;
        for (let i = 0; i < zs.length; i++) {
          const up = zs.slice();
          const dn = zs.slice();
          up[i]! += h;
          dn[i]! -= h;
          const numeric = (softTargetLoss(up, zt, T) - softTargetLoss(dn, zt, T)) / (2 * h);
          expect(g[i]).toBeCloseTo(numeric, 5);
        }
      }
    }
  });

  it('is exact at logits of +-1000: T (one-hot student - one-hot teacher)', () => {
    expect(softTargetGrad([1000, -1000], [-1000, 1000], 2)).toEqual([2, -2]);
  });

  it('with the T^2 factor keeps gradient magnitudes comparable across temperatures (seeds 1..20)', () => {
    // For zero-mean logits and large T, q_i - p_i ~ (z_i - v_i) / (N T), so
    // T^2 * (1/T)(q_i - p_i) ~ (z_i - v_i) / N: independent of T. Without the T^2 factor the
    // gradient (q_i - p_i) / T falls like 1/T^2. The next term of the expansion of the softmax
    // adds ((z_i - v_i)(z_i + v_i) - c) / (2 N T) with c its mean, so the relative gap to the
    // limit is at most max_i |z_i + v_i| / (2T) to first order; the bound allows 20% for the
    // second-order terms.
    for (let seed = 1; seed <= 20; seed++) {
      const rng = mulberry32(seed);
      const N = 5;
      const zs = zeroMean(Array.from({ length: N }, () => (rng() - 0.5) * 4));
      const zt = zeroMean(Array.from({ length: N }, () => (rng() - 0.5) * 4));
      const limit = norm(zs.map((v, i) => (v - zt[i]!) / N));
      const spread = Math.max(...zs.map((v, i) => Math.abs(v + zt[i]!)));
      for (const T of [20, 100, 1000]) {
        const gap = Math.abs(norm(softTargetGrad(zs, zt, T)) / limit - 1);
        expect(gap).toBeLessThan((1.2 * spread) / (2 * T));
      }
      // The unscaled gradient (q - p) / T = scaled / T^2 shrinks 25-fold from T = 20 to T = 100,
      // up to the two gaps above (each below 0.17 and 0.035 for |z + v| <= 2.8).
      const raw20 = norm(softTargetGrad(zs, zt, 20)) / 400;
      const raw100 = norm(softTargetGrad(zs, zt, 100)) / 10_000;
      expect(raw20 / raw100).toBeGreaterThan((25 * (1 - (1.2 * spread) / 40)) / (1 + (1.2 * spread) / 200));
      expect(raw20 / raw100).toBeLessThan((25 * (1 + (1.2 * spread) / 40)) / (1 - (1.2 * spread) / 200));
    }
  });

  it('the median gap to the T-independent limit over 200 random logit pairs falls like 1/T', () => {
    // The numbers the page quotes: N = 5, logits uniform in [-2, 2], then centred, seeds 1..200.
    const gaps = (T: number) => {
      const out: number[] = [];
      for (let seed = 1; seed <= 200; seed++) {
        const rng = mulberry32(seed);
        const zs = zeroMean(Array.from({ length: 5 }, () => (rng() - 0.5) * 4));
        const zt = zeroMean(Array.from({ length: 5 }, () => (rng() - 0.5) * 4));
        const limit = norm(zs.map((v, i) => (v - zt[i]!) / 5));
        out.push(Math.abs(norm(softTargetGrad(zs, zt, T)) / limit - 1));
      }
      out.sort((a, b) => a - b);
      return (out[99]! + out[100]!) / 2;
    };
    const [g5, g20, g100] = [gaps(5), gaps(20), gaps(100)];
    expect(g5).toBeGreaterThan(0.04);
    expect(g5).toBeLessThan(0.05);
    expect(g20).toBeGreaterThan(0.01);
    expect(g20).toBeLessThan(0.012);
    expect(g100).toBeGreaterThan(0.002);
    expect(g100).toBeLessThan(0.0024);
    // 1/T scaling: g20 / g100 close to 5
    expect(g20 / g100).toBeGreaterThan(4.5);
    expect(g20 / g100).toBeLessThan(5.5);
  });

  it('in the high-temperature limit the loss becomes logit matching, sum (z - v)^2 / (2N)', () => {
    const zs = zeroMean([1.5, -0.5, 0.25, -1.25]);
    const zt = zeroMean([0.5, 1, -2, 0.5]);
    const target = zs.reduce((a, v, i) => a + (v - zt[i]!) ** 2, 0) / (2 * zs.length);
    // the next term is O(1/T): 0.1% at T = 1000, and rounding costs only ~1e-10 there
    expect(softTargetLoss(zs, zt, 1000) / target).toBeCloseTo(1, 3);
  });
});
