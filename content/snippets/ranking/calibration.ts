/**
 * Calibrating predicted click-through rates: Platt scaling, isotonic regression by pool-adjacent-
 * violators (PAV), the correction for negative down-sampling, and expected calibration error.
 */
import { normal, type Rng } from '../shared/random.ts';

export type Label = 0 | 1;

export function sigmoid(x: number): number {
  // Two branches so exp never overflows: for x << 0, exp(-x) would be huge.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function logit(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`logit: p must be in (0, 1), got ${p}`);
  return Math.log(p / (1 - p));
}

function checkPairs(name: string, scores: readonly number[], labels: readonly Label[]): void {
  if (scores.length !== labels.length)
    throw new RangeError(`${name}: scores (${scores.length}) and labels (${labels.length}) differ in length`);
  if (scores.length === 0) throw new RangeError(`${name}: scores is empty`);
  scores.forEach((s, i) => {
    if (!Number.isFinite(s)) throw new RangeError(`${name}: scores[${i}] must be finite, got ${s}`);
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new RangeError(`${name}: labels[${i}] must be 0 or 1, got ${String(y)}`);
  });
}

// #region platt
export interface PlattModel {
  /** Slope on the raw score: below 1 shrinks an over-confident model, above 1 sharpens it. */
  a: number;
  /** Intercept: shifts every prediction's log-odds by the same amount. */
  b: number;
  /** Newton steps taken. */
  iterations: number;
}

/**
 * Fit q = sigmoid(a * x + b) by Newton's method on the log loss. `x` is the model's raw score:
 * its logit when the model outputs a probability. Two parameters, so the Hessian is 2x2 and each
 * step solves it exactly; halving the step whenever the loss would rise keeps Newton safe.
 */
export function fitPlatt(x: readonly number[], labels: readonly Label[], maxIter = 100): PlattModel {
  checkPairs('fitPlatt', x, labels);
  const loss = (a: number, b: number): number => {
    let l = 0;
    x.forEach((xi, i) => {
      const z = a * xi + b;
      // log(1 + e^z) - y z, written so that large |z| neither overflows nor loses digits.
      l += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - labels[i]! * z;
    });
    return l;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    // Gradient g and Hessian H of the summed log loss in (a, b).
    let ga = 0,
      gb = 0,
      haa = 0,
      hab = 0,
      hbb = 0;
    x.forEach((xi, i) => {
      const q = sigmoid(a * xi + b);
      const r = q - labels[i]!;
      const w = q * (1 - q);
      ga += r * xi;
      gb += r;
      haa += w * xi * xi;
      hab += w * xi;
      hbb += w;
    });
    // A tiny ridge keeps H invertible when the classes are perfectly separated.
    haa += 1e-12;
    hbb += 1e-12;
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current && step > 1e-10) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    a -= step * da;
    b -= step * db;
    const improved = current - next;
    current = next;
    if (Math.abs(step * da) + Math.abs(step * db) < 1e-10 || improved < 1e-12 * (1 + Math.abs(current))) {
      iterations++;
      break;
    }
  }
  return { a, b, iterations };
}

export function applyPlatt(model: PlattModel, x: number): number {
  return sigmoid(model.a * x + model.b);
}
// #endregion

// #region pav
/**
 * Pool adjacent violators: the non-decreasing sequence f minimising sum w_i (y_i - f_i)^2, for
 * y already ordered by score. Scan left to right keeping a stack of blocks; whenever the newest
 * block's mean falls below the one before it, merge them (weighted mean) and check again.
 */
export function pav(y: readonly number[], w: readonly number[] = y.map(() => 1)): number[] {
  if (y.length !== w.length) throw new RangeError(`pav: y (${y.length}) and w (${w.length}) differ in length`);
  const means: number[] = [];
  const weights: number[] = [];
  const sizes: number[] = [];
  y.forEach((yi, i) => {
    const wi = w[i]!;
    if (!Number.isFinite(yi)) throw new RangeError(`pav: y[${i}] must be finite, got ${yi}`);
    if (!(wi > 0)) throw new RangeError(`pav: w[${i}] must be > 0, got ${wi}`);
    means.push(yi);
    weights.push(wi);
    sizes.push(1);
    while (means.length > 1 && means[means.length - 2]! > means[means.length - 1]!) {
      const m2 = means.pop()!,
        w2 = weights.pop()!,
        s2 = sizes.pop()!;
      const m1 = means.pop()!,
        w1 = weights.pop()!,
        s1 = sizes.pop()!;
      means.push((w1 * m1 + w2 * m2) / (w1 + w2));
      weights.push(w1 + w2);
      sizes.push(s1 + s2);
    }
  });
  // Expand the blocks back to one fitted value per input.
  return means.flatMap((m, k) => new Array<number>(sizes[k]!).fill(m));
}
// #endregion

// #region isotonic
export interface IsotonicModel {
  /** Lowest raw score of each block, ascending. */
  thresholds: number[];
  /** Calibrated probability of each block, non-decreasing. */
  values: number[];
}

/**
 * Isotonic calibration: sort by score, pool equal scores first (a calibrator is a function of the
 * score, so ties must share one value), then run PAV on the click rates weighted by counts.
 */
export function fitIsotonic(scores: readonly number[], labels: readonly Label[]): IsotonicModel {
  checkPairs('fitIsotonic', scores, labels);
  const order = scores.map((_, i) => i).sort((i, j) => scores[i]! - scores[j]!);
  const xs: number[] = [];
  const rates: number[] = [];
  const counts: number[] = [];
  for (const i of order) {
    const s = scores[i]!;
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === s) {
      rates[last] = (rates[last]! * counts[last]! + labels[i]!) / (counts[last]! + 1);
      counts[last]!++;
    } else {
      xs.push(s);
      rates.push(labels[i]!);
      counts.push(1);
    }
  }
  const fitted = pav(rates, counts);
  // Keep one threshold per run of equal fitted values: the step function's jumps.
  const model: IsotonicModel = { thresholds: [], values: [] };
  fitted.forEach((v, k) => {
    if (k === 0 || v !== model.values[model.values.length - 1]) {
      model.thresholds.push(xs[k]!);
      model.values.push(v);
    }
  });
  return model;
}

/** A step function: the value of the last block starting at or below s (the first block below). */
export function applyIsotonic(model: IsotonicModel, s: number): number {
  let lo = 0;
  let hi = model.thresholds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (model.thresholds[mid]! <= s) lo = mid;
    else hi = mid - 1;
  }
  return model.values[lo]!;
}
// #endregion

// #region downsampling
/**
 * A model trained after keeping each negative with probability w predicts p on the sampled data;
 * the rate on the real traffic is q = p / (p + (1 - p) / w). In log-odds: logit q = logit p + ln w.
 */
export function correctDownsampling(p: number, w: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`correctDownsampling: p must be in [0, 1], got ${p}`);
  if (!(w > 0 && w <= 1)) throw new RangeError(`correctDownsampling: w must be in (0, 1], got ${w}`);
  return p / (p + (1 - p) / w);
}

/** The forward direction: the positive rate a true rate q becomes after keeping negatives at rate w. */
export function downsampledRate(q: number, w: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`downsampledRate: q must be in [0, 1], got ${q}`);
  if (!(w > 0 && w <= 1)) throw new RangeError(`downsampledRate: w must be in (0, 1], got ${w}`);
  return q / (q + w * (1 - q));
}
// #endregion

// #region ece
export interface ReliabilityBin {
  /** Bin edges [lo, hi); the last bin also holds 1. */
  lo: number;
  hi: number;
  count: number;
  /** Mean predicted probability in the bin (the model's confidence). */
  meanPredicted: number;
  /** Observed click rate in the bin. */
  observedRate: number;
}

/** Equal-width bins over [0, 1]; empty bins are dropped (they carry no weight in ECE). */
export function reliabilityBins(preds: readonly number[], labels: readonly Label[], bins = 10): ReliabilityBin[] {
  checkPairs('reliabilityBins', preds, labels);
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`reliabilityBins: bins must be a positive integer, got ${bins}`);
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  const count = new Array<number>(bins).fill(0);
  preds.forEach((p, i) => {
    if (p < 0 || p > 1) throw new RangeError(`reliabilityBins: preds[${i}] must be in [0, 1], got ${p}`);
    const b = Math.min(Math.floor(p * bins), bins - 1); // p = 1 goes to the last bin
    sumP[b]! += p;
    sumY[b]! += labels[i]!;
    count[b]!++;
  });
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const n = count[b]!;
    if (n === 0) continue;
    out.push({ lo: b / bins, hi: (b + 1) / bins, count: n, meanPredicted: sumP[b]! / n, observedRate: sumY[b]! / n });
  }
  return out;
}

/** ECE = sum over bins of (bin size / N) * |observed rate - mean prediction|. */
export function expectedCalibrationError(preds: readonly number[], labels: readonly Label[], bins = 10): number {
  const total = preds.length;
  return reliabilityBins(preds, labels, bins).reduce(
    (sum, bin) => sum + (bin.count / total) * Math.abs(bin.observedRate - bin.meanPredicted),
    0,
  );
}
// #endregion

// #region synthetic
export interface CalibrationSample {
  /** The model's predicted probabilities (miscalibrated). */
  preds: number[];
  labels: Label[];
  /** The true click probability behind each label, for reference. */
  truth: number[];
}

/**
 * Clicks drawn from a true log-odds z ~ N(-1.5, 1); the model reports sigmoid(2 z + 1): right
 * order, but over-confident (slope 2) and biased upwards (+1). Platt on logit(pred) should
 * therefore recover a = 0.5 and b = -0.5, since 0.5 (2 z + 1) - 0.5 = z.
 */
export function miscalibratedSample(rng: Rng, n: number): CalibrationSample {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`miscalibratedSample: n must be a positive integer, got ${n}`);
  const out: CalibrationSample = { preds: [], labels: [], truth: [] };
  for (let i = 0; i < n; i++) {
    const z = -1.5 + normal(rng);
    const t = sigmoid(z);
    out.truth.push(t);
    out.labels.push(rng() < t ? 1 : 0);
    out.preds.push(sigmoid(2 * z + 1));
  }
  return out;
}
// #endregion
