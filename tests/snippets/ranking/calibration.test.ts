import { describe, expect, it } from 'vitest';
import {
  applyIsotonic,
  applyPlatt,
  correctDownsampling,
  downsampledRate,
  expectedCalibrationError,
  fitIsotonic,
  fitPlatt,
  logit,
  miscalibratedSample,
  pav,
  reliabilityBins,
  sigmoid,
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

describe('sigmoid and logit', () => {
  it('are inverses and stay finite at the extremes', () => {
    for (const p of [1e-9, 0.01, 0.3, 0.5, 0.9, 1 - 1e-9]) expect(sigmoid(logit(p))).toBeCloseTo(p, 12);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    expect(() => logit(1)).toThrow(/p must be in \(0, 1\)/);
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
    expect(() => pav([1, 2], [1, 0])).toThrow(/w\[1\] must be > 0/);
  });
});

describe('fitIsotonic', () => {
  it('pools tied scores and returns a monotone step function', () => {
    // Sorted: 0.1:0, 0.2:1, 0.2:0 (tie -> rate 0.5, weight 2), 0.3:0, 0.4:1
    // Rates 0, 0.5(w2), 0, 1 -> (0.5, 0) violate: (2 * 0.5 + 0) / 3 = 1/3.
    const scores = [0.4, 0.2, 0.1, 0.3, 0.2];
    const labels: Label[] = [1, 1, 0, 0, 0];
    const m = fitIsotonic(scores, labels);
    expect(m.thresholds).toEqual([0.1, 0.2, 0.4]);
    expect(m.values[0]).toBe(0);
    expect(m.values[1]).toBeCloseTo(1 / 3, 12);
    expect(m.values[2]).toBe(1);
    expect(applyIsotonic(m, 0.05)).toBe(0); // below the first block: first value
    expect(applyIsotonic(m, 0.25)).toBeCloseTo(1 / 3, 12);
    expect(applyIsotonic(m, 0.3)).toBeCloseTo(1 / 3, 12);
    expect(applyIsotonic(m, 0.9)).toBe(1);
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

  it('matches what sampling does to real data', () => {
    // True CTR 2 %; keep 10 % of negatives; the sampled click rate should be 0.02 / (0.02 + 0.098).
    const rng = mulberry32(3);
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
    expect(Math.abs(correctDownsampling(p, 0.1) - 0.02)).toBeLessThan(0.001);
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

  it('is near zero for predictions that are the true probabilities', () => {
    const { truth, labels } = miscalibratedSample(mulberry32(1), 50_000);
    expect(expectedCalibrationError(truth, labels)).toBeLessThan(0.01);
  });
});

describe('fitPlatt', () => {
  it('recovers the known a = 0.5, b = -0.5 of the synthetic miscalibration', () => {
    const n = 40_000;
    const { preds, labels } = miscalibratedSample(mulberry32(2024), n);
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
    expect(seA).toBeLessThan(0.02); // the bound above is tight enough to catch a wrong fit
  });

  it('sets the gradient of the log loss to zero', () => {
    const rng = mulberry32(8);
    const x = Array.from({ length: 500 }, () => rng() * 6 - 3);
    const labels = x.map((xi): Label => (rng() < sigmoid(1.7 * xi - 0.3) ? 1 : 0));
    const m = fitPlatt(x, labels);
    let ga = 0;
    let gb = 0;
    x.forEach((xi, i) => {
      const r = applyPlatt(m, xi) - labels[i]!;
      ga += r * xi;
      gb += r;
    });
    expect(Math.abs(ga)).toBeLessThan(1e-6);
    expect(Math.abs(gb)).toBeLessThan(1e-6); // so mean prediction = click rate on the fit set
  });

  it('lowers ECE on held-out data, as does isotonic regression', () => {
    const fit = miscalibratedSample(mulberry32(21), 20_000);
    const test = miscalibratedSample(mulberry32(22), 20_000);
    const platt = fitPlatt(fit.preds.map(logit), fit.labels);
    const iso = fitIsotonic(fit.preds, fit.labels);
    const before = expectedCalibrationError(test.preds, test.labels);
    const afterPlatt = expectedCalibrationError(
      test.preds.map((p) => applyPlatt(platt, logit(p))),
      test.labels,
    );
    const afterIso = expectedCalibrationError(
      test.preds.map((p) => applyIsotonic(iso, p)),
      test.labels,
    );
    expect(before).toBeGreaterThan(0.05); // ~0.078 with these seeds
    expect(afterPlatt).toBeLessThan(0.015); // ~0.007
    expect(afterIso).toBeLessThan(0.02); // ~0.011
  });
});
