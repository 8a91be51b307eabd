/**
 * Calibrating predicted click-through rates: Platt scaling (Platt 1999, fitted by Newton's method as
 * Lin, Lin & Weng 2007 recommend), isotonic regression by pool-adjacent-violators (PAV; Ayer et
 * al. 1955), the correction for negative down-sampling (He et al. 2014), and expected calibration
 * error. Probabilities are numbers in [0, 1]; scores and logits are finite reals.
 */
import { normal, type Rng } from '../shared/random.ts';

export type Label = 0 | 1;

/** σ(x) = 1 / (1 + e^-x) for any real x; never overflows, and keeps e^x's digits for x << 0. */
export function sigmoid(x: number): number {
  // Two branches so exp never overflows: for x << 0, exp(-x) would be huge.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1 + e^x) for any real x: the max term carries large x, log1p keeps the digits of tiny e^-|x|. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * logit p = ln(p / (1 - p)) for p in (0, 1); throws a RangeError at 0, 1 or outside. Written as
 * ln p - ln(1 - p) with log1p, so p = 1e-300 gives -690.78 and p = 1 - 2^-53 gives 36.74.
 */
export function logit(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`logit: p must be in (0, 1), got ${p}`);
  return Math.log(p) - Math.log1p(-p);
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
 * Fit q = sigmoid(a * x + b) by Newton's method on the summed log loss (Platt 1999 in the sign
 * convention a = -A, b = -B; Newton with backtracking as in Lin, Lin & Weng 2007). `x` is
 * the model's raw score, n finite reals: its logit when the model outputs a probability. Two
 * parameters, so the Hessian is 2x2 and each step solves it exactly; halving the step whenever
 * the loss would rise keeps Newton safe. Throws a RangeError on mismatched, empty or non-finite input.
 */
export function fitPlatt(x: readonly number[], labels: readonly Label[], maxIter = 100): PlattModel {
  checkPairs('fitPlatt', x, labels);
  const loss = (a: number, b: number): number => {
    let l = 0;
    x.forEach((xi, i) => {
      const z = a * xi + b;
      // -log σ(z) = softplus(-z) and -log(1 - σ(z)) = softplus(z): finite for any z.
      l += labels[i] === 1 ? softplus(-z) : softplus(z);
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
      const z = a * xi + b;
      const r = sigmoid(z) - labels[i]!;
      const w = sigmoid(z) * sigmoid(-z); // q (1 - q) without the cancellation in 1 - q
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
    while (!(next <= current) && step > 1e-10) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (!(next <= current)) break; // even a tiny step raises the loss: stop where we are
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

/** The calibrated probability σ(a x + b) of a raw score x; finite and in [0, 1] for any finite x. */
export function applyPlatt(model: PlattModel, x: number): number {
  return sigmoid(model.a * x + model.b);
}
// #endregion

// #region pav
/**
 * Pool adjacent violators: the non-decreasing sequence f minimising sum w_i (y_i - f_i)^2, for
 * y already ordered by score (n finite reals, weights finite and > 0). Scan left to right keeping
 * a stack of blocks; whenever the newest block's mean falls below the one before it, merge them
 * (weighted mean) and check again. Returns n fitted values.
 */
export function pav(y: readonly number[], w: readonly number[] = y.map(() => 1)): number[] {
  if (y.length !== w.length) throw new RangeError(`pav: y (${y.length}) and w (${w.length}) differ in length`);
  const means: number[] = [];
  const weights: number[] = [];
  const sizes: number[] = [];
  y.forEach((yi, i) => {
    const wi = w[i]!;
    if (!Number.isFinite(yi)) throw new RangeError(`pav: y[${i}] must be finite, got ${yi}`);
    if (!(wi > 0 && wi < Infinity)) throw new RangeError(`pav: w[${i}] must be finite and > 0, got ${wi}`);
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
      const total = w1 + w2;
      if (total === Infinity) throw new RangeError('pav: a pooled block weighs more than 1.8e308');
      // The weighted mean, written as a step from m1 towards m2 so that w * m never overflows.
      means.push(m1 + (m2 - m1) * (w2 / total));
      weights.push(total);
      sizes.push(s1 + s2);
    }
  });
  // Expand the blocks back to one fitted value per input.
  return means.flatMap((m, k) => new Array<number>(sizes[k]!).fill(m));
}
// #endregion

// #region isotonic
export interface IsotonicModel {
  /** Lowest calibration score of each block, ascending. */
  thresholds: number[];
  /** Highest calibration score of each block (equal to its threshold for a one-score block). */
  ends: number[];
  /** Calibrated probability of each block, strictly increasing from block to block. */
  values: number[];
}

/**
 * Isotonic calibration: sort by score, pool equal scores first (a calibrator is a function of the
 * score, so ties must share one value), then run PAV on the click rates weighted by counts.
 * Adjacent blocks that end up with the same value are joined, so values strictly increase.
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
  // One block per run of equal fitted values: where it starts, where it ends, its value.
  const model: IsotonicModel = { thresholds: [], ends: [], values: [] };
  fitted.forEach((v, k) => {
    if (k === 0 || v !== model.values[model.values.length - 1]) {
      model.thresholds.push(xs[k]!);
      model.ends.push(xs[k]!);
      model.values.push(v);
    } else {
      model.ends[model.ends.length - 1] = xs[k]!;
    }
  });
  return model;
}

/** Index of the last block starting at or below s, or 0 when s lies below every block. */
function blockAt(model: IsotonicModel, s: number): number {
  let lo = 0;
  let hi = model.thresholds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (model.thresholds[mid]! <= s) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * This page's convention, a step function: the value of the last block starting at or below s
 * (the first block's value below the lowest calibration score). Constant between blocks.
 */
export function applyIsotonic(model: IsotonicModel, s: number): number {
  if (Number.isNaN(s)) throw new RangeError('applyIsotonic: s must be a number, got NaN');
  return model.values[blockAt(model, s)]!;
}

/**
 * scikit-learn's convention (IsotonicRegression.predict, with out_of_bounds='clip' as in
 * CalibratedClassifierCV): flat inside a block, linear between the end of one block and the
 * start of the next, and clipped to the first or last value outside the calibration scores.
 */
export function applyIsotonicInterpolated(model: IsotonicModel, s: number): number {
  if (Number.isNaN(s)) throw new RangeError('applyIsotonicInterpolated: s must be a number, got NaN');
  const k = blockAt(model, s);
  const end = model.ends[k]!;
  const next = model.thresholds[k + 1];
  if (s <= end || next === undefined) return model.values[k]!; // inside block k, or clipped
  // Between block k's last score and block k + 1's first one: a straight line.
  const t = (s - end) / (next - end);
  return model.values[k]! + t * (model.values[k + 1]! - model.values[k]!);
}
// #endregion

// #region downsampling
/**
 * A model trained after keeping each negative with probability w predicts p on the sampled data;
 * the rate on the real traffic is q = p / (p + (1 - p) / w) (He et al. 2014). In log-odds:
 * logit q = logit p + ln w. Multiplied through by w, the formula never divides by a tiny w, so
 * it stays exact for w = 1e-300 as well. p in [0, 1], w in (0, 1]; otherwise a RangeError.
 */
export function correctDownsampling(p: number, w: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`correctDownsampling: p must be in [0, 1], got ${p}`);
  if (!(w > 0 && w <= 1)) throw new RangeError(`correctDownsampling: w must be in (0, 1], got ${w}`);
  return (p * w) / (p * w + (1 - p));
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

/**
 * Equal-width bins over [0, 1] for n predicted click probabilities and their 0/1 labels; empty
 * bins are dropped (they carry no weight in ECE). Throws a RangeError on a prediction outside
 * [0, 1], a label other than 0 or 1, or a bin count that is not a positive integer.
 */
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

/**
 * ECE = sum over bins of (bin size / N) * |observed rate - mean prediction|, on the predicted
 * click probability itself (Guo et al. 2017 bin the confidence of the predicted class instead).
 */
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

// #region ne
/**
 * Binary entropy -(p ln p + (1 - p) ln(1 - p)) in nats, with 0 ln 0 = 0; p in [0, 1]. The second
 * term uses log1p, so p = 1e-300 gives 1e-300 (ln(1e300) + 1) = 6.9178e-298, where the naive
 * (1 - p) ln(1 - p) rounds 1 - p to 1 and drops the + 1e-300.
 */
export function binaryEntropy(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binaryEntropy: p must be in [0, 1], got ${p}`);
  const a = p === 0 ? 0 : -p * Math.log(p);
  const b = p === 1 ? 0 : -(1 - p) * Math.log1p(-p);
  return a + b;
}

/**
 * Mean log loss (cross-entropy, nats) of predicted click probabilities: -ln p for a click and
 * -ln(1 - p) = -log1p(-p) for a non-click, so p = 1e-300 and p = 1 - 1e-16 keep their digits.
 * A click predicted at exactly 0 (or a non-click at exactly 1) costs Infinity, its true value.
 */
export function logLoss(preds: readonly number[], labels: readonly Label[]): number {
  checkPairs('logLoss', preds, labels);
  let sum = 0;
  preds.forEach((p, i) => {
    if (p < 0 || p > 1) throw new RangeError(`logLoss: preds[${i}] must be in [0, 1], got ${p}`);
    sum += labels[i] === 1 ? -Math.log(p) : -Math.log1p(-p);
  });
  return sum / preds.length;
}

/**
 * Normalised entropy (He et al. 2014, §2): the mean log loss divided by the log loss of always
 * predicting the background click rate, which is the binary entropy of that rate. He et al. take
 * the rate from the training data; by default this uses the labels given. 1 means no better than
 * the base rate, lower is better; 1 - NE is the relative information gain.
 * Throws a RangeError if the base rate is 0 or 1 (its entropy is 0: there is nothing to gain).
 */
export function normalizedEntropy(
  preds: readonly number[],
  labels: readonly Label[],
  baseRate = labels.reduce<number>((s, y) => s + y, 0) / labels.length,
): number {
  if (!(baseRate > 0 && baseRate < 1))
    throw new RangeError(`normalizedEntropy: baseRate must be in (0, 1), got ${baseRate}`);
  return logLoss(preds, labels) / binaryEntropy(baseRate);
}
// #endregion

// #region brier
/**
 * Brier score (Brier 1950): the mean squared error (p - y)^2 of predicted probabilities, in [0, 1].
 * Throws a RangeError on a prediction outside [0, 1].
 */
export function brierScore(preds: readonly number[], labels: readonly Label[]): number {
  checkPairs('brierScore', preds, labels);
  return (
    preds.reduce((s, p, i) => {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`brierScore: preds[${i}] must be in [0, 1], got ${p}`);
      return s + (p - labels[i]!) ** 2;
    }, 0) / preds.length
  );
}

export interface BrierDecomposition {
  /** (1/N) sum_k n_k (pbar_k - ybar_k)^2: the calibration error (Murphy's reliability). */
  reliability: number;
  /** (1/N) sum_k n_k (ybar_k - ybar)^2: how far the groups' click rates spread from the base rate. */
  resolution: number;
  /** ybar (1 - ybar): the Brier score of always predicting the base rate. */
  uncertainty: number;
  /** (1/N) sum_k n_k ybar_k (1 - ybar_k) = uncertainty - resolution (DeGroot and Fienberg). */
  refinement: number;
  /** (1/N) sum_k sum_{i in k} (p_i - pbar_k)^2: spread of predictions inside a bin (0 without bins). */
  withinBinVariance: number;
  /** (2/N) sum_k sum_{i in k} (y_i - ybar_k)(p_i - pbar_k) (0 without bins). */
  withinBinCovariance: number;
}

/**
 * Brier score = reliability - resolution + uncertainty (Murphy 1973) = reliability + refinement,
 * exactly, when the groups k are the distinct predicted values (`bins` omitted). With `bins`
 * equal-width bins the predictions inside a bin differ, and two more terms are needed
 * (Stephenson, Coelho & Jolliffe 2008): Brier = REL - RES + UNC + WBV - WBC.
 */
export function brierDecomposition(
  preds: readonly number[],
  labels: readonly Label[],
  bins?: number,
): BrierDecomposition {
  checkPairs('brierDecomposition', preds, labels);
  if (bins !== undefined && (!Number.isInteger(bins) || bins < 1))
    throw new RangeError(`brierDecomposition: bins must be a positive integer, got ${bins}`);
  const groups = new Map<number, number[]>();
  preds.forEach((p, i) => {
    if (p < 0 || p > 1) throw new RangeError(`brierDecomposition: preds[${i}] must be in [0, 1], got ${p}`);
    const key = bins === undefined ? p : Math.min(Math.floor(p * bins), bins - 1);
    const rows = groups.get(key);
    if (rows) rows.push(i);
    else groups.set(key, [i]);
  });
  const N = preds.length;
  const ybar = labels.reduce<number>((s, y) => s + y, 0) / N;
  const out: BrierDecomposition = {
    reliability: 0,
    resolution: 0,
    uncertainty: ybar * (1 - ybar),
    refinement: 0,
    withinBinVariance: 0,
    withinBinCovariance: 0,
  };
  for (const rows of groups.values()) {
    const n = rows.length;
    const pk = rows.reduce((s, i) => s + preds[i]!, 0) / n;
    const yk = rows.reduce((s, i) => s + labels[i]!, 0) / n;
    out.reliability += (n * (pk - yk) ** 2) / N;
    out.resolution += (n * (yk - ybar) ** 2) / N;
    out.refinement += (n * yk * (1 - yk)) / N;
    for (const i of rows) {
      out.withinBinVariance += (preds[i]! - pk) ** 2 / N;
      out.withinBinCovariance += (2 * (labels[i]! - yk) * (preds[i]! - pk)) / N;
    }
  }
  return out;
}
// #endregion

// #region logloss-decomposition
/** KL(a || b) between Bernoulli(a) and Bernoulli(b), nats, with 0 ln 0 = 0. */
export function bernoulliKl(a: number, b: number): number {
  if (!(a >= 0 && a <= 1) || !(b >= 0 && b <= 1))
    throw new RangeError(`bernoulliKl: a and b must be in [0, 1], got ${a}, ${b}`);
  const one = a === 0 ? 0 : a * (Math.log(a) - Math.log(b));
  const zero = a === 1 ? 0 : (1 - a) * (Math.log1p(-a) - Math.log1p(-b));
  return one + zero;
}

/**
 * The same split for log loss, grouping by distinct predicted value k (n_k impressions, all
 * predicted p_k, click rate ybar_k): log loss = calibration + refinement with
 *   calibration = (1/N) sum_k n_k KL(ybar_k || p_k),  refinement = (1/N) sum_k n_k H(ybar_k),
 * and refinement = H(ybar) - resolution. Divided by H(ybar), this is NE on its own data:
 *   NE = 1 - resolution / H(ybar) + calibration / H(ybar).
 */
export function logLossDecomposition(
  preds: readonly number[],
  labels: readonly Label[],
): { calibration: number; refinement: number; resolution: number; uncertainty: number } {
  checkPairs('logLossDecomposition', preds, labels);
  const groups = new Map<number, { n: number; clicks: number }>();
  preds.forEach((p, i) => {
    if (p < 0 || p > 1) throw new RangeError(`logLossDecomposition: preds[${i}] must be in [0, 1], got ${p}`);
    const g = groups.get(p) ?? { n: 0, clicks: 0 };
    g.n++;
    g.clicks += labels[i]!;
    groups.set(p, g);
  });
  const N = preds.length;
  const uncertainty = binaryEntropy(labels.reduce<number>((s, y) => s + y, 0) / N);
  let calibration = 0;
  let refinement = 0;
  for (const [p, { n, clicks }] of groups) {
    calibration += (n / N) * bernoulliKl(clicks / n, p);
    refinement += (n / N) * binaryEntropy(clicks / n);
  }
  return { calibration, refinement, resolution: uncertainty - refinement, uncertainty };
}
// #endregion
