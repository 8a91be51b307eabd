import { describe, expect, it } from 'vitest';
import {
  applyIsotonic,
  applyIsotonicInterpolated,
  applyPlatt,
  bernoulliKl,
  binaryEntropy,
  brierDecomposition,
  brierScore,
  correctDownsampling,
  downsampledRate,
  expectedCalibrationError,
  fitIsotonic,
  fitPlatt,
  logit,
  logLoss,
  logLossDecomposition,
  miscalibratedSample,
  normalizedEntropy,
  pav,
  reliabilityBins,
  sigmoid,
  softplus,
  type Label,
} from '../../../content/snippets/ranking/calibration.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

const sse = (y: readonly number[], f: readonly number[], w: readonly number[] = y.map(() => 1)): number =>
  y.reduce((s, yi, i) => s + w[i]! * (yi - f[i]!) ** 2, 0);

const isNonDecreasing = (f: readonly number[]): boolean => f.every((v, i) => i === 0 || f[i - 1]! <= v + 1e-12);

/**
 * Brute force: an optimal monotone fit is constant on contiguous blocks, each at its block's
 * weighted mean. Try all 2^(n-1) ways to cut the sequence into blocks, keep those whose block
 * means are non-decreasing, and return the smallest squared error among them.
 */
function bruteForceIsotonic(y: readonly number[], w: readonly number[]): { fit: number[]; err: number } {
  const n = y.length;
  let best: { fit: number[]; err: number } = { fit: [], err: Infinity };
  for (let mask = 0; mask < 1 << (n - 1); mask++) {
    const fit: number[] = [];
    let start = 0;
    for (let i = 0; i < n; i++) {
      const cut = i === n - 1 || (mask >> i) & 1;
      if (!cut) continue;
      let sw = 0;
      let swy = 0;
      for (let k = start; k <= i; k++) {
        sw += w[k]!;
        swy += w[k]! * y[k]!;
      }
      for (let k = start; k <= i; k++) fit.push(swy / sw);
      start = i + 1;
    }
    if (!isNonDecreasing(fit)) continue;
    const err = sse(y, fit, w);
    if (err < best.err) best = { fit, err };
  }
  return best;
}

describe('sigmoid, softplus and logit', () => {
  it('are inverses and stay finite at the extremes', () => {
    for (const p of [1e-9, 0.01, 0.3, 0.5, 0.9, 1 - 1e-9]) expect(sigmoid(logit(p))).toBeCloseTo(p, 12);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    // e^-700 is representable: the stable branch keeps its digits, as the naive form does here.
    expect(sigmoid(-700) / (1 / (1 + Math.exp(700)))).toBeCloseTo(1, 12);
    expect(() => logit(1)).toThrow(/p must be in \(0, 1\)/);
    expect(() => logit(0)).toThrow(/p must be in \(0, 1\)/);
  });

  it('logit is exact at p = 1e-300 and at 1 - 1e-16', () => {
    // ln(1e-300) - ln(1 - 1e-300) = -300 ln 10 = -690.7755278982137.
    expect(logit(1e-300)).toBeCloseTo(-300 * Math.LN10, 10);
    // 1 - 1e-16 rounds to 1 - 2^-53; logit = ln((1 - 2^-53) / 2^-53) = 53 ln 2 + ln(1 - 2^-53).
    expect(logit(1 - 1e-16)).toBeCloseTo(53 * Math.LN2, 12);
  });

  it('softplus equals the naive log(1 + e^x) where that is finite, and its limit where not', () => {
    for (const x of [-30, -1, 0, 0.5, 3, 30, 700]) expect(softplus(x)).toBeCloseTo(Math.log(1 + Math.exp(x)), 12);
    expect(softplus(-700) / Math.exp(-700)).toBeCloseTo(1, 12); // naive log(1 + tiny) gives 0
    expect(softplus(1000)).toBe(1000); // naive: log(Infinity)
    expect(softplus(-1000)).toBe(0); // e^-1000 underflows: 0 is the nearest double
  });
});

describe('pav', () => {
  it('pools the violators of a hand case', () => {
    // y = 1 3 2 4 3 5: (3, 2) violate -> both 2.5; (4, 3) violate -> both 3.5.
    // 1 <= 2.5 <= 3.5 <= 5 holds, so PAV stops. Error: 4 * 0.5^2 = 1.
    const y = [1, 3, 2, 4, 3, 5];
    const f = pav(y);
    expect(f).toEqual([1, 2.5, 2.5, 3.5, 3.5, 5]);
    expect(sse(y, f)).toBeCloseTo(1, 12);
    const brute = bruteForceIsotonic(
      y,
      y.map(() => 1),
    );
    expect(brute.err).toBeCloseTo(1, 12);
    expect(f).toEqual(brute.fit);
  });

  it('merges back more than one block when a late value is low', () => {
    // y = 3 4 1: (4, 1) -> 2.5, then 3 > 2.5 so merge all: (3 + 4 + 1) / 3 = 8/3.
    expect(pav([3, 4, 1])).toEqual([8 / 3, 8 / 3, 8 / 3]);
    // Weighted: y = 1 0 with weights 1 3 -> (1 + 0) / 4 = 0.25 for both.
    expect(pav([1, 0], [1, 3])).toEqual([0.25, 0.25]);
  });

  it('matches the brute-force optimum on seeded random 0/1 and real sequences', () => {
    const rng = mulberry32(11);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rng() * 9);
      const y = Array.from({ length: n }, () => (trial % 2 ? Math.round(rng()) : rng() * 10));
      const w = Array.from({ length: n }, () => 0.5 + rng() * 3);
      const f = pav(y, w);
      expect(isNonDecreasing(f)).toBe(true);
      const brute = bruteForceIsotonic(y, w);
      expect(sse(y, f, w)).toBeCloseTo(brute.err, 9);
    }
  });

  it('beats every monotone perturbation of its own answer', () => {
    const rng = mulberry32(5);
    const y = Array.from({ length: 30 }, () => Math.round(rng()));
    const f = pav(y);
    const best = sse(y, f);
    for (let t = 0; t < 500; t++) {
      const g = f.map((v) => v + (rng() - 0.5) * 0.2);
      g.sort((a, b) => a - b); // any sorted vector is a monotone candidate
      expect(sse(y, g)).toBeGreaterThanOrEqual(best - 1e-12);
    }
  });

  it('rejects bad weights', () => {
    expect(() => pav([1, 2], [1, 0])).toThrow(/w\[1\] must be finite and > 0/);
    expect(() => pav([1, 2], [1, Infinity])).toThrow(/w\[1\] must be finite and > 0/);
    expect(() => pav([2, 1], [1e308, 1e308])).toThrow(/pooled block weighs more than 1.8e308/);
    expect(() => pav([1, NaN])).toThrow(/y\[1\] must be finite/);
  });

  it('stays exact with weights of 1e-300 and 1e300', () => {
    // y = 1 0 violate; the pooled value is the weighted mean (w1 * 1 + w2 * 0) / (w1 + w2).
    expect(pav([1, 0], [1e-300, 1e-300])).toEqual([0.5, 0.5]);
    expect(pav([1, 0], [1e300, 3e300])).toEqual([0.25, 0.25]);
    // 1e300 * 1 + 1e-300 * 0 over 1e300 + 1e-300: 1 to double precision (the naive form agrees here)
    expect(pav([1, 0], [1e300, 1e-300])).toEqual([1, 1]);
    // y of 1e300 with weight 1e300: the naive w * y = 1e600 overflows, the convex form does not.
    expect(pav([1e300, 0], [1e300, 1e300])).toEqual([5e299, 5e299]);
  });
});

/**
 * scikit-learn's rule, written the long way: pool equal scores, run PAV, keep a point (score,
 * fitted value) for every distinct score, interpolate linearly between consecutive points and
 * clip outside the first and last score (IsotonicRegression(out_of_bounds='clip').predict).
 */
function naiveInterpolated(scores: readonly number[], labels: readonly Label[], s: number): number {
  const xs = [...new Set(scores)].sort((a, b) => a - b);
  const rates = xs.map((x) => {
    const ys = labels.filter((_, i) => scores[i] === x);
    return ys.reduce<number>((a, b) => a + b, 0) / ys.length;
  });
  const counts = xs.map((x) => scores.filter((v) => v === x).length);
  const f = pav(rates, counts);
  if (s <= xs[0]!) return f[0]!;
  if (s >= xs.at(-1)!) return f.at(-1)!;
  const k = xs.findIndex((x) => x > s); // xs[k - 1] <= s < xs[k]
  const t = (s - xs[k - 1]!) / (xs[k]! - xs[k - 1]!);
  return f[k - 1]! + t * (f[k]! - f[k - 1]!);
}

describe('fitIsotonic', () => {
  // Sorted: 0.1:0, 0.2:1, 0.2:0 (tie -> rate 0.5, weight 2), 0.3:0, 0.4:1
  // Rates 0, 0.5(w2), 0, 1 -> (0.5, 0) violate: (2 * 0.5 + 0) / 3 = 1/3.
  // Blocks: {0.1} -> 0, {0.2, 0.3} -> 1/3, {0.4} -> 1.
  const scores = [0.4, 0.2, 0.1, 0.3, 0.2];
  const labels: Label[] = [1, 1, 0, 0, 0];
  const m = fitIsotonic(scores, labels);

  it('pools tied scores and finds the blocks of the hand case', () => {
    expect(m.thresholds).toEqual([0.1, 0.2, 0.4]);
    expect(m.ends).toEqual([0.1, 0.3, 0.4]);
    expect(m.values[0]).toBe(0);
    expect(m.values[1]).toBeCloseTo(1 / 3, 12);
    expect(m.values[2]).toBe(1);
  });

  it('as a step function (this page) and interpolated (scikit-learn): the hand case', () => {
    // score:         0.05  0.1  0.15  0.2  0.25  0.3  0.35  0.4  0.9
    // step:          0     0    0     1/3  1/3   1/3  1/3   1    1
    // interpolated:  0     0    1/6   1/3  1/3   1/3  2/3   1    1
    //   0.15 is halfway from (0.1, 0) to (0.2, 1/3): 1/6; 0.35 halfway from (0.3, 1/3) to (0.4, 1): 2/3.
    //   IsotonicRegression(out_of_bounds='clip').fit(scores, labels).predict(at) in scikit-learn
    //   1.2.1 returns these nine values (0.1666..., 0.6666... to the last two digits), and its
    //   X_thresholds_ / y_thresholds_ are (0.1, 0.2, 0.3, 0.4) / (0, 1/3, 1/3, 1): block ends kept.
    const at = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.9];
    const step = [0, 0, 0, 1 / 3, 1 / 3, 1 / 3, 1 / 3, 1, 1];
    const interpolated = [0, 0, 1 / 6, 1 / 3, 1 / 3, 1 / 3, 2 / 3, 1, 1];
    at.forEach((s, i) => {
      expect(applyIsotonic(m, s)).toBeCloseTo(step[i]!, 12);
      expect(applyIsotonicInterpolated(m, s)).toBeCloseTo(interpolated[i]!, 12);
    });
    // Both clip outside the calibration scores, to the infinities included.
    for (const f of [applyIsotonic, applyIsotonicInterpolated]) {
      expect(f(m, -Infinity)).toBe(0);
      expect(f(m, Infinity)).toBe(1);
      expect(() => f(m, NaN)).toThrow(/s must be a number/);
    }
  });

  it('interpolates as scikit-learn does, and both conventions agree on every calibration score', () => {
    const rng = mulberry32(2002);
    for (let trial = 0; trial < 100; trial++) {
      const n = 2 + Math.floor(rng() * 30);
      // few distinct scores, so ties and multi-score blocks are common
      const sc = Array.from({ length: n }, () => Math.round(rng() * 12) / 4 - 1.5);
      const lab = sc.map((x): Label => (rng() < sigmoid(x) ? 1 : 0));
      const model = fitIsotonic(sc, lab);
      for (let q = 0; q < 40; q++) {
        const s = rng() * 4 - 2;
        expect(applyIsotonicInterpolated(model, s)).toBeCloseTo(naiveInterpolated(sc, lab, s), 12);
      }
      for (const s of sc) expect(applyIsotonic(model, s)).toBeCloseTo(applyIsotonicInterpolated(model, s), 12);
      // values strictly increase from block to block, and each block ends before the next starts
      model.values.forEach((v, k) => {
        if (k > 0) expect(v).toBeGreaterThan(model.values[k - 1]!);
        expect(model.ends[k]).toBeGreaterThanOrEqual(model.thresholds[k]!);
        if (k > 0) expect(model.thresholds[k]).toBeGreaterThan(model.ends[k - 1]!);
      });
    }
  });

  it('handles scores that are logits of 1e-300 and 1 - 1e-16, and logits of plus or minus 1000', () => {
    const sc = [-1000, logit(1e-300), -1, 0, 1, logit(1 - 1e-16), 1000];
    const lab: Label[] = [0, 0, 1, 0, 1, 1, 1];
    const model = fitIsotonic(sc, lab);
    // (1, 0) at scores -1, 0 violate: pooled to 0.5. Blocks: {-1000, -690.8} 0, {-1, 0} 0.5, {1 .. 1000} 1.
    expect(model.values).toEqual([0, 0.5, 1]);
    // Between (-690.78, 0) and (-1, 0.5) the line is 0.5 (s - L) / (-1 - L), L = logit(1e-300).
    const L = logit(1e-300);
    expect(applyIsotonicInterpolated(model, -345.9)).toBeCloseTo((0.5 * (-345.9 - L)) / (-1 - L), 12);
    expect(applyIsotonic(model, 999)).toBe(1);
  });
});

describe('correctDownsampling', () => {
  it('matches hand-computed values', () => {
    // p = 0.5, w = 0.1: 0.5 / (0.5 + 0.5 / 0.1) = 0.5 / 5.5 = 1/11.
    expect(correctDownsampling(0.5, 0.1)).toBeCloseTo(1 / 11, 14);
    // p = 0.2, w = 0.25: 0.2 / (0.2 + 0.8 / 0.25) = 0.2 / 3.4 = 1/17.
    expect(correctDownsampling(0.2, 0.25)).toBeCloseTo(1 / 17, 14);
    // w = 1 means nothing was dropped.
    expect(correctDownsampling(0.37, 1)).toBeCloseTo(0.37, 14);
  });

  it('inverts the down-sampling and shifts log-odds by ln w', () => {
    for (const q of [0.001, 0.02, 0.3, 0.8])
      for (const w of [0.01, 0.1, 0.5]) {
        const p = downsampledRate(q, w);
        expect(p).toBeGreaterThanOrEqual(q);
        expect(correctDownsampling(p, w)).toBeCloseTo(q, 12);
        expect(logit(correctDownsampling(p, w))).toBeCloseTo(logit(p) + Math.log(w), 10);
      }
  });

  it('matches what sampling does to real data, for every seed', () => {
    // True CTR 2 %; keep 10 % of negatives; the sampled click rate should be 0.02 / (0.02 + 0.098).
    // About 47 000 rows are kept per run, so the binomial standard error is about 0.0017; four
    // of them bound a correct run with probability 0.99994 each, five seeds together above 0.9996.
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      let kept = 0;
      let clicks = 0;
      for (let i = 0; i < 400_000; i++) {
        const y = rng() < 0.02;
        if (y || rng() < 0.1) {
          kept++;
          if (y) clicks++;
        }
      }
      const p = clicks / kept;
      const expected = downsampledRate(0.02, 0.1); // 0.02 / 0.118 ~ 0.1695
      const se = Math.sqrt((expected * (1 - expected)) / kept);
      expect(Math.abs(p - expected)).toBeLessThan(4 * se);
      // The correction maps p back: dq/dp = w / (p w + 1 - p)^2 ~ 0.12 near p = 0.17, so a 4-se
      // error in p (0.007) moves q by under 0.001.
      expect(Math.abs(correctDownsampling(p, 0.1) - 0.02)).toBeLessThan(0.001);
    }
  });

  it('is exact at w = 1e-300 and at p = 1e-300 or 1 - 1e-16, where the naive form overflows', () => {
    const naive = (p: number, w: number): number => p / (p + (1 - p) / w);
    // p = 0.5, w = 1e-300: q = 0.5e-300 / (0.5e-300 + 0.5) = 1e-300 (the naive form agrees here)
    expect(correctDownsampling(0.5, 1e-300) / 1e-300).toBeCloseTo(1, 14);
    expect(naive(0.5, 1e-300) / 1e-300).toBeCloseTo(1, 14);
    // w = 1e-310: (1 - p) / w overflows to Infinity and the naive q is 0; the true q is 1e-310.
    expect(naive(0.5, 1e-310)).toBe(0);
    expect(correctDownsampling(0.5, 1e-310) / 1e-310).toBeCloseTo(1, 9); // a subnormal: ~13 digits
    // p = 1e-300, w = 0.1: q = 1e-301 / (1e-301 + 1) = 1e-301
    expect(correctDownsampling(1e-300, 0.1) / 1e-301).toBeCloseTo(1, 14);
    // p = 1 - 2^-53 (what 1 - 1e-16 rounds to), w = 1e-20: q = 1e-20 / (1e-20 + 2^-53)
    const eps = 2 ** -53;
    expect(correctDownsampling(1 - 1e-16, 1e-20)).toBeCloseTo(((1 - eps) * 1e-20) / ((1 - eps) * 1e-20 + eps), 15);
    // the end points stay put
    expect(correctDownsampling(0, 1e-300)).toBe(0);
    expect(correctDownsampling(1, 1e-300)).toBe(1);
    expect(downsampledRate(1e-300, 1e-300)).toBeCloseTo(0.5, 14); // q / (q + w (1 - q)) with q = w
    expect(downsampledRate(1 - 1e-16, 0.5)).toBeCloseTo(1, 15);
  });

  it('rejects a sampling rate outside (0, 1]', () => {
    expect(() => correctDownsampling(0.5, 0)).toThrow(/w must be in \(0, 1\]/);
  });
});

describe('expected calibration error', () => {
  it('matches a hand-computed case', () => {
    // 2 bins. [0, .5): preds .1 .2, labels 0 1 -> mean pred .15, rate .5, gap .35, weight 2/5.
    // [.5, 1]: preds .6 .7 .9, labels 1 0 1 -> mean pred 2.2/3, rate 2/3, gap 0.2/3, weight 3/5.
    // ECE = 0.4 * 0.35 + 0.6 * (0.2 / 3) = 0.14 + 0.04 = 0.18.
    const preds = [0.1, 0.2, 0.6, 0.7, 0.9];
    const labels: Label[] = [0, 1, 1, 0, 1];
    expect(expectedCalibrationError(preds, labels, 2)).toBeCloseTo(0.18, 12);
    const bins = reliabilityBins(preds, labels, 2);
    expect(bins.map((b) => b.count)).toEqual([2, 3]);
    expect(bins[1]!.meanPredicted).toBeCloseTo(2.2 / 3, 12);
  });

  it('puts p = 1 in the last bin and drops empty bins', () => {
    const bins = reliabilityBins([1, 1, 0.05], [1, 1, 0], 10);
    expect(bins.map((b) => [b.lo, b.count])).toEqual([
      [0, 1],
      [0.9, 2],
    ]);
    expect(expectedCalibrationError([1, 1, 0.05], [1, 1, 0], 10)).toBeCloseTo(0.05 / 3, 12);
  });

  it('is near zero for predictions that are the true probabilities, for every seed', () => {
    // 50 000 impressions, 10 bins: each bin's gap is sampling noise of size sqrt(p (1 - p) / n_b),
    // and the weighted mean gap is about 0.003 (0.0020 to 0.0050 over seeds 1 to 8). A model
    // that is off by 0.01 everywhere would score 0.01 or more.
    for (let seed = 1; seed <= 5; seed++) {
      const { truth, labels } = miscalibratedSample(mulberry32(seed), 50_000);
      expect(expectedCalibrationError(truth, labels)).toBeLessThan(0.008);
      expect(
        expectedCalibrationError(
          truth.map((t) => Math.min(1, t + 0.01)),
          labels,
        ),
      ).toBeGreaterThan(0.008);
    }
  });

  it('takes predictions of 1e-300 and 1 - 1e-16 at face value', () => {
    // Bin [0, 0.1): 1e-300 with label 0, gap 1e-300. Bin [0.9, 1]: 1 - 2^-53 with label 1, gap 2^-53.
    const ece = expectedCalibrationError([1e-300, 1 - 1e-16], [0, 1]);
    expect(ece).toBeCloseTo((1e-300 + 2 ** -53) / 2, 30);
    expect(ece).toBeGreaterThan(0);
  });
});

/** Gradient (d/da, d/db) of the summed log loss at a fitted model: zero at the optimum. */
function plattGradient(m: { a: number; b: number }, x: readonly number[], labels: readonly Label[]): [number, number] {
  let ga = 0;
  let gb = 0;
  x.forEach((xi, i) => {
    const r = applyPlatt({ ...m, iterations: 0 }, xi) - labels[i]!;
    ga += r * xi;
    gb += r;
  });
  return [ga, gb];
}

describe('isotonic conventions on the figure setting', () => {
  it('give held-out ECEs within 0.001 of each other with 20 000 calibration impressions', () => {
    // The figure's five fit/test pairs (seeds 2k + 1 and 2k + 2). Blocks lie close together at
    // this size, so interpolating between them moves few predictions, and only a little.
    for (let k = 0; k < 5; k++) {
      const fit = miscalibratedSample(mulberry32(2 * k + 1), 20_000);
      const test = miscalibratedSample(mulberry32(2 * k + 2), 20_000);
      const iso = fitIsotonic(fit.preds, fit.labels);
      const step = expectedCalibrationError(
        test.preds.map((p) => applyIsotonic(iso, p)),
        test.labels,
      );
      const interpolated = expectedCalibrationError(
        test.preds.map((p) => applyIsotonicInterpolated(iso, p)),
        test.labels,
      );
      expect(Math.abs(step - interpolated)).toBeLessThan(0.001);
      expect(iso.values.length).toBeGreaterThan(30); // many blocks, hence close together
    }
  });
});

describe("isotonic's highest block on the figure setting", () => {
  it('predicts certainty from a handful of all-clicked impressions in most fits, for every block of seeds', () => {
    // The figure's caption: in most of its five fits the highest block has value exactly 1 and rests
    // on a few calibration impressions. Over ten blocks of five fit samples (the figure's seeds 1, 3,
    // ..., 9 and nine further blocks), at least three of five fits end in a block of 1, and every such
    // block holds fewer than 30 of the 20 000 impressions (at most 23 were seen). No true click
    // probability here is 1 (the largest z drawn gives about 0.95), so a value of 1 is noise.
    for (let base = 0; base < 100; base += 10) {
      let certain = 0;
      for (let k = 0; k < 5; k++) {
        const fit = miscalibratedSample(mulberry32(base + 2 * k + 1), 20_000);
        const iso = fitIsotonic(fit.preds, fit.labels);
        if (iso.values.at(-1) !== 1) continue;
        certain++;
        const start = iso.thresholds.at(-1)!;
        const inTop = fit.preds.flatMap((p, i) => (p >= start ? [i] : []));
        expect(inTop.length).toBeLessThan(30);
        expect(inTop.every((i) => fit.labels[i] === 1)).toBe(true);
        expect(Math.max(...fit.truth)).toBeLessThan(0.99);
      }
      expect(certain).toBeGreaterThanOrEqual(3);
    }
  }, 60_000);
});

describe('fitPlatt', () => {
  it('recovers the known a = 0.5, b = -0.5 of the synthetic miscalibration, for every seed', () => {
    // Each fit is within 4 standard errors of the truth with probability about 0.9999 per
    // parameter (a normal tail), so five seeds pass together with probability above 0.999.
    const n = 40_000;
    for (let seed = 1; seed <= 5; seed++) {
      const { preds, labels } = miscalibratedSample(mulberry32(2024 + seed), n);
      const x = preds.map(logit);
      const m = fitPlatt(x, labels);
      // Standard errors from the inverse Fisher information at the fit.
      let haa = 0,
        hab = 0,
        hbb = 0;
      x.forEach((xi) => {
        const q = applyPlatt(m, xi);
        const w = q * (1 - q);
        haa += w * xi * xi;
        hab += w * xi;
        hbb += w;
      });
      const det = haa * hbb - hab * hab;
      const seA = Math.sqrt(hbb / det);
      const seB = Math.sqrt(haa / det);
      expect(Math.abs(m.a - 0.5)).toBeLessThan(4 * seA);
      expect(Math.abs(m.b + 0.5)).toBeLessThan(4 * seB);
      // The page quotes these standard errors: about 0.0075 for a and 0.0155 for b.
      expect(seA).toBeGreaterThan(0.0074);
      expect(seA).toBeLessThan(0.0077);
      expect(seB).toBeGreaterThan(0.0153);
      expect(seB).toBeLessThan(0.0158);
      expect(m.iterations).toBeLessThanOrEqual(6); // "within six steps", as the page says
    }
  });

  it('sets the gradient of the log loss to zero', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const x = Array.from({ length: 500 }, () => rng() * 6 - 3);
      const labels = x.map((xi): Label => (rng() < sigmoid(1.7 * xi - 0.3) ? 1 : 0));
      const [ga, gb] = plattGradient(fitPlatt(x, labels), x, labels);
      expect(Math.abs(ga)).toBeLessThan(1e-6);
      expect(Math.abs(gb)).toBeLessThan(1e-6); // so mean prediction = click rate on the fit set
    }
  });

  it('fits scores of plus or minus 1000 and logits of 1e-300 and 1 - 1e-16 to a zero gradient', () => {
    // Scores 400 times the true log-odds reach past +-1000; the fit must find a ~ 1/400 with
    // every exp bounded. A naive -log(sigmoid(z)) is Infinity at z = -1000 from the first step.
    expect(-Math.log(1 / (1 + Math.exp(1000)))).toBe(Infinity);
    const rng = mulberry32(17);
    const z = Array.from({ length: 2000 }, () => 2.5 * (rng() * 2 - 1));
    const labels = z.map((zi): Label => (rng() < sigmoid(zi) ? 1 : 0));
    const x = z.map((zi) => 400 * zi);
    x.push(-1000, 1000, logit(1e-300), logit(1 - 1e-16));
    labels.push(0, 1, 0, 1);
    const m = fitPlatt(x, labels);
    expect(Number.isFinite(m.a) && Number.isFinite(m.b)).toBe(true);
    expect(m.a * 400).toBeGreaterThan(0.7); // the true slope on z is 1; 2000 labels pin it to ~0.1
    expect(m.a * 400).toBeLessThan(1.3);
    const [ga, gb] = plattGradient(m, x, labels);
    expect(Math.abs(ga)).toBeLessThan(1e-6 * 1000);
    expect(Math.abs(gb)).toBeLessThan(1e-6);
  });

  it('stays finite when the classes are perfectly separated at scores of plus or minus 1000', () => {
    const m = fitPlatt([-1000, -999, 999, 1000], [0, 0, 1, 1]);
    expect(Number.isFinite(m.a) && Number.isFinite(m.b)).toBe(true);
    expect(applyPlatt(m, -999)).toBeLessThan(1e-300);
    expect(applyPlatt(m, 999)).toBe(1);
  });

  it('lowers ECE on held-out data to the noise floor, as does isotonic regression, for every seed', () => {
    // 20 000 fit and 20 000 test impressions. Over seeds 1 to 8 the raw ECE is 0.073 to 0.081;
    // after Platt 0.003 to 0.009, after isotonic 0.004 to 0.009 (either convention), and the
    // true probabilities themselves score 0.003 to 0.010 on the same test sample: what is left
    // is sampling noise. The bounds leave room for that noise and still fail an uncalibrated or
    // half-calibrated model (shrinking the raw error by half leaves an ECE near 0.04).
    for (let seed = 1; seed <= 5; seed++) {
      const fit = miscalibratedSample(mulberry32(100 + seed), 20_000);
      const test = miscalibratedSample(mulberry32(200 + seed), 20_000);
      const platt = fitPlatt(fit.preds.map(logit), fit.labels);
      const iso = fitIsotonic(fit.preds, fit.labels);
      const ece = (preds: number[]): number => expectedCalibrationError(preds, test.labels);
      expect(ece(test.preds)).toBeGreaterThan(0.06);
      expect(ece(test.preds.map((p) => applyPlatt(platt, logit(p))))).toBeLessThan(0.015);
      expect(ece(test.preds.map((p) => applyIsotonic(iso, p)))).toBeLessThan(0.015);
      expect(ece(test.preds.map((p) => applyIsotonicInterpolated(iso, p)))).toBeLessThan(0.015);
      expect(ece(test.truth)).toBeLessThan(0.015);
    }
  });
});

describe('normalised entropy (He et al. 2014, §2)', () => {
  it('hand case: four impressions, one click', () => {
    // log loss = (ln 2 + ln 1.25 + ln(1/0.9) + ln 1.25) / 4 = (0.693147 + 0.223144 + 0.105361 + 0.223144) / 4 = 0.311199
    // base rate 0.25: H = -(0.25 ln 0.25 + 0.75 ln 0.75) = 0.346574 + 0.215762 = 0.562335; NE = 0.311199 / 0.562335 = 0.5534
    const preds = [0.5, 0.2, 0.1, 0.2];
    const labels: Label[] = [1, 0, 0, 0];
    expect(logLoss(preds, labels)).toBeCloseTo(0.311199, 6);
    expect(binaryEntropy(0.25)).toBeCloseTo(0.562335, 6);
    expect(normalizedEntropy(preds, labels)).toBeCloseTo(0.5534, 4);
    // with a training base rate of 0.2 instead: H(0.2) = 0.500402, NE = 0.6219
    expect(normalizedEntropy(preds, labels, 0.2)).toBeCloseTo(0.311199 / 0.500402, 5);
  });

  it('is exactly 1 for a model that predicts the base rate, and above 1 for a confidently wrong one', () => {
    const rng = mulberry32(4);
    for (const rate of [0.5, 0.1, 0.01]) {
      const labels: Label[] = Array.from({ length: 5000 }, () => (rng() < rate ? 1 : 0));
      const ybar = labels.reduce<number>((s, y) => s + y, 0) / labels.length;
      expect(
        normalizedEntropy(
          labels.map(() => ybar),
          labels,
        ),
      ).toBeCloseTo(1, 12);
      // predicting 0.9 for the clicks' complement: worse than knowing nothing
      expect(
        normalizedEntropy(
          labels.map((y) => (y === 1 ? 0.1 : 0.9)),
          labels,
        ),
      ).toBeGreaterThan(1);
    }
    expect(() => normalizedEntropy([0.5], [1])).toThrow(/baseRate must be in \(0, 1\)/);
  });

  it('binary entropy and log loss keep their digits at 1e-300 and 1 - 1e-16', () => {
    // H(1e-300) = 1e-300 (300 ln 10 + 1) = 6.9178e-298; the naive form rounds 1 - p to 1 and gives 6.9078e-298
    expect(binaryEntropy(1e-300) / (1e-300 * (300 * Math.LN10 + 1))).toBeCloseTo(1, 12);
    expect(binaryEntropy(1 - 1e-16)).toBeCloseTo(binaryEntropy(1 - (1 - 1e-16)), 12); // symmetric
    expect(binaryEntropy(0)).toBe(0);
    expect(binaryEntropy(1)).toBe(0);
    expect(binaryEntropy(0.5)).toBeCloseTo(Math.LN2, 15);
    // a click predicted at 1e-300 costs 300 ln 10 = 690.7755; a non-click there costs 1e-300
    expect(logLoss([1e-300], [1])).toBeCloseTo(300 * Math.LN10, 10);
    expect(logLoss([1e-300], [0]) / 1e-300).toBeCloseTo(1, 12);
    // 1 - 1e-16 is stored as 1 - 2^-53 (the nearest double): a non-click costs 53 ln 2 = 36.74
    expect(logLoss([1 - 1e-16], [0])).toBeCloseTo(53 * Math.LN2, 10);
    expect(logLoss([0], [1])).toBe(Infinity);
    // NE with a base rate of 1e-300: predicting exactly that rate on 1 click in 1e300 impressions
    // is not representable, but the ratio of tiny numbers is: one non-click predicted at 1e-300
    expect(normalizedEntropy([1e-300], [0], 1e-300)).toBeCloseTo(1 / (300 * Math.LN10 + 1), 12);
    expect(() => binaryEntropy(1.5)).toThrow(/p must be in \[0, 1\]/);
    expect(() => logLoss([-0.1], [0])).toThrow(/preds\[0\] must be in \[0, 1\]/);
  });
});

describe('Brier score and its decompositions', () => {
  // the page's five predictions: 0.1, 0.2, 0.6, 0.7, 0.9 with clicks 0, 1, 1, 0, 1
  const preds = [0.1, 0.2, 0.6, 0.7, 0.9];
  const labels: Label[] = [0, 1, 1, 0, 1];

  it('a click predicted at 0.001 costs 0.998 in Brier score but ln 1000 = 6.91 nats of log loss', () => {
    expect(brierScore([0.001], [1])).toBeCloseTo(0.998, 3);
    expect(logLoss([0.001], [1])).toBeCloseTo(Math.log(1000), 12);
    expect(logLoss([0.001], [1])).toBeCloseTo(6.91, 2);
    expect(brierScore([1e-300, 1 - 1e-16], [1, 0])).toBeCloseTo(1, 15);
    expect(() => brierScore([1.5], [1])).toThrow(/preds\[0\] must be in \[0, 1\], got 1.5/);
  });

  it('hand case: Brier 0.262, and with two bins REL 0.0517, RES 0.0067, UNC 0.24, WBV 0.0103, WBC 0.0333', () => {
    // (0.01 + 0.64 + 0.16 + 0.49 + 0.01) / 5 = 1.31 / 5 = 0.262
    expect(brierScore(preds, labels)).toBeCloseTo(0.262, 15);
    const d = brierDecomposition(preds, labels, 2);
    // bin [0, 0.5): n 2, pbar 0.15, ybar 0.5; bin [0.5, 1]: n 3, pbar 2.2/3, ybar 2/3; ybar 0.6
    expect(d.reliability).toBeCloseTo((2 * 0.35 ** 2 + 3 * (2.2 / 3 - 2 / 3) ** 2) / 5, 15); // 0.051667
    expect(d.resolution).toBeCloseTo((2 * 0.1 ** 2 + 3 * (2 / 3 - 0.6) ** 2) / 5, 15); // 0.006667
    expect(d.uncertainty).toBeCloseTo(0.24, 15);
    expect(d.withinBinVariance).toBeCloseTo((0.005 + 0.14 / 3) / 5, 15); // 0.010333
    expect(d.withinBinCovariance).toBeCloseTo((2 * (0.05 + 0.1 / 3)) / 5, 15); // 0.033333
    // REL - RES + UNC = 0.285 overstates the score; the within-bin terms bring it back to 0.262
    const sum = d.reliability - d.resolution + d.uncertainty + d.withinBinVariance - d.withinBinCovariance;
    expect(d.reliability - d.resolution + d.uncertainty).toBeCloseTo(0.285, 12);
    expect(sum).toBeCloseTo(0.262, 14);
    // refinement = uncertainty - resolution
    expect(d.refinement).toBeCloseTo(d.uncertainty - d.resolution, 15);
  });

  it('with every prediction distinct, all of the Brier score is "reliability": refinement 0', () => {
    const d = brierDecomposition(preds, labels);
    expect(d.reliability).toBeCloseTo(0.262, 15);
    expect(d.refinement).toBe(0);
    expect(d.resolution).toBeCloseTo(d.uncertainty, 15);
  });

  it('Brier = REL - RES + UNC = REL + refinement exactly over distinct values, plus WBV - WBC over bins (seeds 1-5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      // predictions from 12 distinct values, so that groups hold many impressions
      const p = Array.from({ length: 3000 }, () => Math.floor(rng() * 12) / 11);
      const y: Label[] = p.map((q) => (rng() < 0.2 + 0.6 * q * q ? 1 : 0));
      const bs = brierScore(p, y);
      const exact = brierDecomposition(p, y);
      expect(exact.reliability - exact.resolution + exact.uncertainty).toBeCloseTo(bs, 12);
      expect(exact.reliability + exact.refinement).toBeCloseTo(bs, 12);
      expect(exact.withinBinVariance).toBeLessThan(1e-25); // 0 up to the rounding of each group's mean
      for (const bins of [1, 3, 10]) {
        const d = brierDecomposition(p, y, bins);
        const sum = d.reliability - d.resolution + d.uncertainty + d.withinBinVariance - d.withinBinCovariance;
        expect(sum).toBeCloseTo(bs, 12);
        // on the same bins, ECE^2 <= REL (Jensen: the mean of |gap| squared is at most the mean of gap^2)
        expect(expectedCalibrationError(p, y, bins) ** 2).toBeLessThanOrEqual(d.reliability + 1e-15);
      }
    }
  });

  it('log loss = KL calibration + entropy refinement over distinct values, and NE = 1 - RES/H + CAL/H', () => {
    // hand case: two groups. p = 0.2 on 4 impressions with 1 click, p = 0.6 on 2 with 2 clicks.
    // CAL = (4/6) KL(0.25 || 0.2) + (2/6) KL(1 || 0.6) = (4/6)(0.25 ln 1.25 + 0.75 ln(0.75/0.8)) + (2/6) ln(1/0.6)
    const p = [0.2, 0.2, 0.2, 0.2, 0.6, 0.6];
    const y: Label[] = [1, 0, 0, 0, 1, 1];
    const kl1 = 0.25 * Math.log(1.25) + 0.75 * Math.log(0.75 / 0.8);
    expect(bernoulliKl(0.25, 0.2)).toBeCloseTo(kl1, 15);
    const d = logLossDecomposition(p, y);
    expect(d.calibration).toBeCloseTo((4 / 6) * kl1 + (2 / 6) * Math.log(1 / 0.6), 14);
    expect(d.refinement).toBeCloseTo((4 / 6) * binaryEntropy(0.25), 14);
    expect(d.calibration + d.refinement).toBeCloseTo(logLoss(p, y), 14);
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const q = Array.from({ length: 3000 }, () => 0.02 + 0.96 * (Math.floor(rng() * 12) / 11));
      const z: Label[] = q.map((v) => (rng() < v * v ? 1 : 0));
      const e = logLossDecomposition(q, z);
      expect(e.calibration + e.refinement).toBeCloseTo(logLoss(q, z), 12);
      expect(normalizedEntropy(q, z)).toBeCloseTo(1 - e.resolution / e.uncertainty + e.calibration / e.uncertainty, 12);
      expect(e.calibration).toBeGreaterThanOrEqual(0);
      expect(e.resolution).toBeGreaterThanOrEqual(-1e-15);
    }
  });
});

describe('NE, Brier and ECE on the figure setting (fit/test pairs of seeds 1-10)', () => {
  const N = 20_000;
  const pairs = Array.from({ length: 5 }, (_, k) => {
    const fit = miscalibratedSample(mulberry32(2 * k + 1), N);
    const test = miscalibratedSample(mulberry32(2 * k + 2), N);
    const base = fit.labels.reduce<number>((s, y) => s + y, 0) / N; // He et al.: the training rate
    const platt = fitPlatt(fit.preds.map(logit), fit.labels);
    const iso = fitIsotonic(fit.preds, fit.labels);
    return {
      test,
      base,
      raw: test.preds,
      platt: test.preds.map((p) => applyPlatt(platt, logit(p))),
      iso: test.preds.map((p) => applyIsotonic(iso, p)),
    };
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('the numbers of the page: calibration moves NE, Brier and ECE together; the base rate scores NE about 1', () => {
    const ne = (get: (r: (typeof pairs)[number]) => number[]) =>
      pairs.map((r) => normalizedEntropy(get(r), r.test.labels, r.base));
    const brier = (get: (r: (typeof pairs)[number]) => number[]) => pairs.map((r) => brierScore(get(r), r.test.labels));
    // raw model 0.961, Platt 0.878, true probabilities 0.878, base rate 1.006 (means over the 5 pairs)
    expect(mean(ne((r) => r.raw))).toBeCloseTo(0.961, 3);
    expect(mean(ne((r) => r.platt))).toBeCloseTo(0.878, 3);
    expect(mean(ne((r) => r.test.truth))).toBeCloseTo(0.878, 3);
    expect(mean(ne((r) => r.raw.map(() => r.base)))).toBeCloseTo(1.006, 3);
    // Brier: raw 0.159, Platt 0.149, truth 0.149, base rate 0.173
    expect(mean(brier((r) => r.raw))).toBeCloseTo(0.159, 3);
    expect(mean(brier((r) => r.platt))).toBeCloseTo(0.149, 3);
    expect(mean(brier((r) => r.test.truth))).toBeCloseTo(0.149, 3);
    expect(mean(brier((r) => r.raw.map(() => r.base)))).toBeCloseTo(0.173, 3);
    // ECE: raw 0.079, Platt 0.006, truth 0.006, base rate 0.003: the base rate has the best ECE of the four
    const ece = (get: (r: (typeof pairs)[number]) => number[]) =>
      mean(pairs.map((r) => expectedCalibrationError(get(r), r.test.labels)));
    expect(ece((r) => r.raw)).toBeCloseTo(0.079, 3);
    expect(ece((r) => r.platt)).toBeCloseTo(0.006, 3);
    expect(ece((r) => r.test.truth)).toBeCloseTo(0.006, 3);
    expect(ece((r) => r.raw.map(() => r.base))).toBeCloseTo(0.003, 3);
    expect(ece((r) => r.raw.map(() => r.base))).toBeLessThan(ece((r) => r.test.truth));
    for (const r of pairs) {
      // Platt only rescales log-odds, so resolution is unchanged (same bins up to the rescaling) and
      // the gain is all reliability: the raw model's REL over 10 bins is about 0.010, Platt's 0.0001
      const before = brierDecomposition(r.raw, r.test.labels, 10);
      const after = brierDecomposition(r.platt, r.test.labels, 10);
      expect(before.reliability).toBeGreaterThan(0.008);
      expect(after.reliability).toBeLessThan(0.0005);
      expect(Math.abs(after.resolution - before.resolution)).toBeLessThan(0.002);
    }
  });

  it('isotonic regression can predict exactly 0 or 1, and then a held-out surprise makes log loss and NE infinite', () => {
    let infinite = 0;
    for (const r of pairs) {
      // the lowest and highest blocks predict exactly 0 and 1
      expect(Math.min(...r.iso)).toBe(0);
      expect(Math.max(...r.iso)).toBe(1);
      if (logLoss(r.iso, r.test.labels) === Infinity) infinite++;
      // Brier and ECE stay finite and close to Platt's
      expect(Math.abs(brierScore(r.iso, r.test.labels) - brierScore(r.platt, r.test.labels))).toBeLessThan(0.001);
    }
    expect(infinite).toBe(3); // pairs 2, 3 and 4 of 5
    // clipping to [1e-4, 1 - 1e-4] before scoring makes NE finite again, close to Platt's
    for (const r of pairs) {
      const clipped = r.iso.map((p) => Math.min(Math.max(p, 1e-4), 1 - 1e-4));
      expect(normalizedEntropy(clipped, r.test.labels, r.base)).toBeLessThan(0.9);
    }
  });
});
