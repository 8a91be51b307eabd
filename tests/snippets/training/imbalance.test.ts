import { describe, expect, it } from 'vitest';
import {
  correctDownsampled,
  downsampleNegatives,
  focalLoss,
  inverseFrequencyWeights,
  weightedBce,
} from '../../../content/snippets/training/imbalance.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

describe('weightedBce', () => {
  it('matches hand values', () => {
    // positive, p = 0.8, wPos = 3: -3 ln 0.8 = 3 * 0.2231436 = 0.6694307
    expect(weightedBce(0.8, 1, 3, 1)).toBeCloseTo(0.6694307, 6);
    // negative, p = 0.8, wNeg = 0.5: -0.5 ln 0.2 = 0.5 * 1.6094379 = 0.8047190
    expect(weightedBce(0.8, 0, 3, 0.5)).toBeCloseTo(0.804719, 6);
    // unit weights are plain BCE: -ln 0.5
    expect(weightedBce(0.5, 1)).toBeCloseTo(Math.LN2, 12);
  });

  it('is accurate at p = 1e-300 and p = 1 - 1e-16, and infinite only at an exact 0 or 1', () => {
    const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    // positive at p = 1e-300: -ln 1e-300 = 300 ln 10 = 690.7755 (a clamp at 1e-12 would say 27.6)
    expect(relErr(weightedBce(1e-300, 1), 300 * Math.LN10)).toBeLessThan(1e-15);
    // negative at p = 1 - 1e-16 (stored as 1 - 2^-53): -ln(2^-53) = 53 ln 2 = 36.737
    expect(relErr(weightedBce(1 - 1e-16, 0), 53 * Math.LN2)).toBeLessThan(1e-15);
    // negative at p = 1e-300: -ln(1 - 1e-300) = 1e-300; log(1 - p) would round 1 - p to 1 and give 0
    expect(relErr(weightedBce(1e-300, 0), 1e-300)).toBeLessThan(1e-15);
    // positive at p = 1 - 1e-16: -ln(1 - 2^-53) = 2^-53 to double precision
    expect(relErr(weightedBce(1 - 1e-16, 1), 2 ** -53)).toBeLessThan(1e-15);
    // the true value at an exact 0 or 1 on the wrong side is Infinity; on the right side 0
    expect(weightedBce(0, 1)).toBe(Infinity);
    expect(weightedBce(1, 0)).toBe(Infinity);
    expect(weightedBce(1, 1)).toBeCloseTo(0, 15);
    expect(weightedBce(0, 0)).toBeCloseTo(0, 15);
    // a weight of 0 ignores the example, even a sure mistake: 0, not 0 * Infinity = NaN
    expect(weightedBce(0, 1, 0, 1)).toBe(0);
    expect(weightedBce(1, 0, 1, 0)).toBe(0);
    expect(weightedBce(1e-300, 1, 0, 1)).toBe(0);
  });

  it('rejects bad arguments', () => {
    expect(() => weightedBce(1.2, 1)).toThrow(/p must be/);
    expect(() => weightedBce(0.5, 2)).toThrow(/y must be/);
    expect(() => weightedBce(0.5, 1, -1)).toThrow(/wPos and wNeg/);
  });
});

describe('inverseFrequencyWeights', () => {
  it('does not overflow on huge counts', () => {
    // n = 2e308 would overflow; n / (K n_k) = (1e308 + 1e308) / (2 * 1e308) = 1
    expect(inverseFrequencyWeights([1e308, 1e308])).toEqual([1, 1]);
  });

  it('gives each class the same total weight', () => {
    // n = 1000, K = 2: 1000 / (2 * 900) = 0.5556 and 1000 / (2 * 100) = 5
    const w = inverseFrequencyWeights([900, 100]);
    expect(w[0]).toBeCloseTo(0.555556, 6);
    expect(w[1]).toBeCloseTo(5, 12);
    expect(900 * w[0]!).toBeCloseTo(100 * w[1]!, 9); // both 500
    expect(() => inverseFrequencyWeights([10, 0])).toThrow(/counts/);
  });
});

describe('focalLoss', () => {
  it('reduces to alpha-weighted BCE when gamma = 0', () => {
    const rng = mulberry32(11);
    for (let i = 0; i < 200; i++) {
      const p = 0.001 + 0.998 * rng();
      const y = rng() < 0.5 ? 1 : 0;
      const alpha = rng();
      expect(focalLoss(p, y, alpha, 0)).toBeCloseTo(weightedBce(p, y, alpha, 1 - alpha), 12);
    }
  });

  it('is accurate at p = 1e-300 and p = 1 - 1e-16', () => {
    const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    // hard positive at p = 1e-300: alpha (1 - 1e-300)^2 (-ln 1e-300) = 0.25 * 690.7755
    expect(relErr(focalLoss(1e-300, 1), 0.25 * 300 * Math.LN10)).toBeLessThan(1e-15);
    // hard negative at p = 1 - 1e-16 (stored as 1 - 2^-53): 0.75 * (1 - 2^-53)^2 * 53 ln 2
    expect(relErr(focalLoss(1 - 1e-16, 0), 0.75 * (1 - 2 ** -53) ** 2 * 53 * Math.LN2)).toBeLessThan(1e-15);
    // easy negative at p = 1e-10: 0.75 * (1e-10)^2 * (-ln(1 - 1e-10)) = 0.75e-20 * 1e-10 = 7.5e-31.
    // Forming p_t = 1 - p first and then 1 - p_t would lose six digits of the 1e-10.
    expect(relErr(focalLoss(1e-10, 0), 0.75 * 1e-20 * (1e-10 + 0.5e-20))).toBeLessThan(1e-14);
    // the true values at the exact ends: Infinity for a sure mistake, 0 for a sure hit
    expect(focalLoss(0, 1)).toBe(Infinity);
    expect(focalLoss(1, 1)).toBeCloseTo(0, 15);
    expect(() => focalLoss(0.5, 1, 0.25, Infinity)).toThrow(/gamma/);
    // alpha_t = 0 ignores the example: alpha = 0 for a positive, alpha = 1 for a negative
    expect(focalLoss(0, 1, 0, 2)).toBe(0);
    expect(focalLoss(1, 0, 1, 2)).toBe(0);
  });

  it('matches hand values', () => {
    // easy positive: p_t = 0.9, alpha_t = 0.25, (1 - 0.9)^2 = 0.01, -ln 0.9 = 0.1053605
    // 0.25 * 0.01 * 0.1053605 = 2.634013e-4
    expect(focalLoss(0.9, 1, 0.25, 2)).toBeCloseTo(2.634013e-4, 9);
    // hard negative: p = 0.9 so p_t = 0.1, alpha_t = 0.75, (0.9)^2 = 0.81, -ln 0.1 = 2.3025851
    // 0.75 * 0.81 * 2.3025851 = 1.3988205
    expect(focalLoss(0.9, 0, 0.25, 2)).toBeCloseTo(1.3988205, 6);
    // gamma = 1, alpha = 0.5, positive at p = 0.5: 0.5 * 0.5 * ln 2 = 0.1732868
    expect(focalLoss(0.5, 1, 0.5, 1)).toBeCloseTo(0.1732868, 6);
  });

  it('down-weights easy examples: 100x at p_t = 0.9 and about 1000x at p_t = 0.968 (gamma = 2)', () => {
    const ratio = (pt: number) => focalLoss(pt, 1, 1, 2) / weightedBce(pt, 1);
    expect(ratio(0.9)).toBeCloseTo(0.01, 12);
    expect(1 / ratio(0.968)).toBeGreaterThan(950); // 1 / 0.032^2 = 976.6
    expect(1 / ratio(0.968)).toBeLessThan(1000);
    // a hard example (p_t = 0.1) keeps 81% of its loss
    expect(ratio(0.1)).toBeCloseTo(0.81, 12);
    // the ratio (1 - p_t)^gamma falls monotonically as the example gets easier
    let prev = Infinity;
    for (let pt = 0.05; pt < 1; pt += 0.05) {
      const r = ratio(pt);
      expect(r).toBeLessThan(prev);
      prev = r;
    }
  });

  it('lets a few hard examples outweigh many easy ones, unlike cross-entropy', () => {
    // 1000 easy negatives at p = 0.05 and 10 hard positives at p = 0.3
    const easyCe = 1000 * weightedBce(0.05, 0);
    const hardCe = 10 * weightedBce(0.3, 1);
    const easyFl = 1000 * focalLoss(0.05, 0, 0.5, 2);
    const hardFl = 10 * focalLoss(0.3, 1, 0.5, 2);
    expect(easyCe).toBeGreaterThan(hardCe); // 51.3 vs 12.0
    expect(hardFl).toBeGreaterThan(easyFl); // 2.95 vs 0.064
  });
});

describe('negative down-sampling and its correction', () => {
  it('corrects hand values: odds are multiplied by the rate', () => {
    // p = 0.5 has odds 1; times 0.1 gives odds 0.1, i.e. q = 0.1 / 1.1 = 0.090909
    expect(correctDownsampled(0.5, 0.1)).toBeCloseTo(0.0909091, 6);
    expect(correctDownsampled(0.3, 1)).toBeCloseTo(0.3, 12); // no sampling, no change
    expect(() => correctDownsampled(0.3, 0)).toThrow(/rate/);
  });

  it('is accurate at extreme probabilities and rates', () => {
    const relErr = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    // p' = 1 - 1e-16 (1 - 2^-53), rate 1e-300: odds 2^53 - 1 times 1e-300, q = 9.007e-285
    expect(relErr(correctDownsampled(1 - 1e-16, 1e-300), (2 ** 53 - 1) * 1e-300)).toBeLessThan(1e-14);
    // rate 1e-310 (subnormal): (1 - p) / rate would overflow to Infinity; q = p rate / (1 - p)
    expect(correctDownsampled(0.5, 1e-310)).toBeGreaterThan(0);
    expect(relErr(correctDownsampled(0.5, 1e-310), 1e-310)).toBeLessThan(1e-5); // subnormal: few digits stored
    // p' = 1e-300: q = 1e-300 * 0.1 / (1e-301 + 1) = 1e-301
    expect(relErr(correctDownsampled(1e-300, 0.1), 1e-301)).toBeLessThan(1e-15);
    expect(correctDownsampled(1, 0.1)).toBe(1);
    expect(correctDownsampled(0, 0.1)).toBe(0);
  });

  it('recovers the base rate from a down-sampled stream (seeds 1..5, 5-sigma bounds)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const labels = Array.from({ length: 200_000 }, () => (rng() < 0.02 ? 1 : 0));
      const base = labels.reduce<number>((a, b) => a + b, 0) / labels.length;
      const kept = downsampleNegatives(rng, labels, 0.1);
      const keptPos = kept.filter((i) => labels[i] === 1).length;
      const sampledRate = keptPos / kept.length;
      // expected 0.02 / (0.02 + 0.98 * 0.1) = 0.1695: the sample looks 8x richer in positives
      expect(sampledRate).toBeGreaterThan(0.15);
      // every positive is kept
      expect(keptPos).toBe(labels.filter((y) => y === 1).length);
      // negatives kept ~ Binomial(n_neg, 0.1): sd = sqrt(196000 * 0.09) = 133
      const keptNeg = kept.length - keptPos;
      const nNeg = labels.length - keptPos;
      const sdNeg = Math.sqrt(nNeg * 0.1 * 0.9);
      expect(Math.abs(keptNeg - 0.1 * nNeg)).toBeLessThan(5 * sdNeg);
      // The correction maps the sample rate back to the base rate: it returns
      // keptPos * 0.1 / (keptPos * 0.1 + keptNeg) ~ base * (0.1 nNeg / keptNeg), so its only error
      // is the relative error of keptNeg, sd 133 / 19600 = 0.0068: 5 sd of base is 0.034 base.
      expect(Math.abs(correctDownsampled(sampledRate, 0.1) / base - 1)).toBeLessThan((5 * sdNeg) / (0.1 * nNeg));
    }
  });
});

describe('what the re-weighted losses converge to', () => {
  // The prediction p minimising the expected loss when a fraction pi of examples are positive.
  const argmin = (loss: (p: number, y: number) => number, pi: number) => {
    let best = Infinity;
    let arg = 0;
    for (let i = 1; i < 100_000; i++) {
      const p = i / 100_000;
      const l = pi * loss(p, 1) + (1 - pi) * loss(p, 0);
      if (l < best) {
        best = l;
        arg = p;
      }
    }
    return arg;
  };

  it('weighting positives by 10 inflates the odds tenfold, which the down-sampling correction undoes', () => {
    // unweighted BCE is minimised at the base rate itself
    expect(argmin((p, y) => weightedBce(p, y), 0.02)).toBeCloseTo(0.02, 4);
    // weighted: odds 10 * 0.02/0.98, i.e. p* = 0.2 / 1.18 = 0.169492
    const pStar = argmin((p, y) => weightedBce(p, y, 10, 1), 0.02);
    expect(pStar).toBeCloseTo(0.169492, 4);
    expect(correctDownsampled(pStar, 1 / 10)).toBeCloseTo(0.02, 4);
  });

  it('focal loss pulls predictions toward 1/2: its optimum is not the true rate', () => {
    // gamma = 0 (alpha = 1/2) is calibrated
    expect(argmin((p, y) => focalLoss(p, y, 0.5, 0), 0.1)).toBeCloseTo(0.1, 4);
    // gamma = 2 at a 2% base rate predicts about 0.19, nearly ten times too high
    const p2 = argmin((p, y) => focalLoss(p, y, 0.5, 2), 0.02);
    expect(p2).toBeGreaterThan(0.18);
    expect(p2).toBeLessThan(0.2);
    // RetinaNet's alpha = 0.25 weights positives down, which offsets part of the pull: about 0.136
    const p25 = argmin((p, y) => focalLoss(p, y, 0.25, 2), 0.02);
    expect(p25).toBeGreaterThan(0.13);
    expect(p25).toBeLessThan(0.14);
    // and a 70% rate is pulled down, to about 0.58
    const p7 = argmin((p, y) => focalLoss(p, y, 0.5, 2), 0.7);
    expect(p7).toBeGreaterThan(0.57);
    expect(p7).toBeLessThan(0.59);
  });
});
