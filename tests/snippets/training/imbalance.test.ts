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

  it('stays finite for a confident mistake and rejects bad arguments', () => {
    expect(Number.isFinite(weightedBce(0, 1))).toBe(true);
    expect(weightedBce(0, 1)).toBeGreaterThan(27); // -ln 1e-12 = 27.63
    expect(() => weightedBce(1.2, 1)).toThrow(/p must be/);
    expect(() => weightedBce(0.5, 2)).toThrow(/y must be/);
  });
});

describe('inverseFrequencyWeights', () => {
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

  it('recovers the base rate from a down-sampled stream (fixed seed, 4-sigma bound)', () => {
    const rng = mulberry32(2024);
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
    expect(Math.abs(keptNeg - 0.1 * nNeg)).toBeLessThan(4 * Math.sqrt(nNeg * 0.1 * 0.9));
    // the correction maps the sample rate back to the base rate
    expect(correctDownsampled(sampledRate, 0.1)).toBeCloseTo(base, 3);
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
