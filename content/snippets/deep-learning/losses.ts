/**
 * Information-theoretic losses and the small functions around them: entropy, KL divergence,
 * cross-entropy, binary cross-entropy, a stable softmax, label smoothing, odds and logits, and
 * the gradients that explain why cross-entropy trains a sigmoid output better than squared error.
 *
 * Distributions are arrays of probabilities summing to 1. Logs are natural (nats) unless a base
 * is given: base 2 gives bits.
 */
import { bceWithLogits, logSumExp } from '../training/stable.ts';

function checkDistribution(p: readonly number[], name: string): void {
  if (p.length === 0) throw new RangeError(`${name} must not be empty`);
  let s = 0;
  for (const x of p) {
    if (!(x >= 0)) throw new RangeError(`${name} must hold non-negative numbers, got ${x}`);
    s += x;
  }
  if (Math.abs(s - 1) > 1e-9) throw new RangeError(`${name} must sum to 1, got ${s}`);
}

function checkSameLength(p: readonly number[], q: readonly number[]): void {
  if (p.length !== q.length) throw new RangeError(`p and q must have the same length, got ${p.length} and ${q.length}`);
}

const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * log(a / b) for a > 0, b >= 0, to full precision. Near a = b it is log1p((a - b) / b): a - b is
 * exact there, while the rounding of a / b alone would cost 1e-16 in absolute terms, as much as a
 * whole KL divergence between nearly equal distributions. Far from it, log of the ratio, or the
 * difference of the logs when the ratio would overflow (a = 1, b = 1e-320) or underflow.
 */
function logRatio(a: number, b: number): number {
  if (Math.abs(a - b) <= b / 2) return Math.log1p((a - b) / b);
  const r = a / b;
  return r >= MIN_NORMAL && r < Infinity ? Math.log(r) : Math.log(a) - Math.log(b);
}

// #region entropy
/**
 * H(p) = -sum p log p (Shannon 1948), with 0 log 0 = 0 (an impossible outcome costs nothing).
 * `p` is a distribution (entries >= 0 summing to 1, else RangeError); `base` e gives nats, 2 bits.
 */
export function entropy(p: readonly number[], base = Math.E): number {
  checkDistribution(p, 'p');
  let h = 0;
  for (const pi of p) if (pi > 0) h -= pi * Math.log(pi);
  return h / Math.log(base);
}

/**
 * H(p, q) = -sum p log q: the average code length when events from p are coded for q. Infinity
 * when q = 0 where p > 0. p and q: distributions of the same length (else RangeError).
 */
export function crossEntropy(p: readonly number[], q: readonly number[], base = Math.E): number {
  checkDistribution(p, 'p');
  checkDistribution(q, 'q');
  checkSameLength(p, q);
  let h = 0;
  p.forEach((pi, i) => {
    // q = 0 where p > 0 makes the term +Infinity: an event the code cannot express.
    if (pi > 0) h -= pi * Math.log(q[i]!);
  });
  return h / Math.log(base);
}

/**
 * KL(p || q) = sum p log(p / q) = H(p, q) - H(p) >= 0 (Kullback & Leibler 1951): the extra code
 * length paid for q. Terms with p = 0 are 0; q = 0 where p > 0 gives Infinity. The log of the
 * ratio is taken without letting p / q overflow (p = 1, q = 1e-320 gives 737 nats, not Infinity).
 */
export function klDivergence(p: readonly number[], q: readonly number[], base = Math.E): number {
  checkDistribution(p, 'p');
  checkDistribution(q, 'q');
  checkSameLength(p, q);
  let d = 0;
  p.forEach((pi, i) => {
    if (pi > 0) d += pi * logRatio(pi, q[i]!);
  });
  return d / Math.log(base);
}

/**
 * Binary cross-entropy of a predicted probability yHat against a label y in [0, 1]:
 * -[y log yHat + (1 - y) log(1 - yHat)], with log1p(-yHat) for the second log so that a tiny yHat
 * (1e-300) still costs yHat nats instead of 0. Prefer `bceWithLogits` when the logit is at hand.
 */
export function binaryCrossEntropy(yHat: number, y: number): number {
  if (!(yHat >= 0 && yHat <= 1)) throw new RangeError(`yHat must be in [0, 1], got ${yHat}`);
  if (!(y >= 0 && y <= 1)) throw new RangeError(`y must be in [0, 1], got ${y}`);
  let loss = 0;
  if (y > 0) loss -= y * Math.log(yHat); // 0 log 0 = 0 when the label rules the outcome out
  if (y < 1) loss -= (1 - y) * Math.log1p(-yHat);
  return loss;
}
// #endregion

// #region softmax
function checkTemperature(t: number): void {
  if (!(t > 0 && t < Infinity)) throw new RangeError(`temperature must be a positive finite number, got ${t}`);
}

/** Shift the logits by their maximum (checking them): every shifted logit is <= 0. */
function shiftByMax(logits: readonly number[]): number[] {
  if (logits.length === 0) throw new RangeError('logits must not be empty');
  let m = -Infinity;
  for (const z of logits) {
    if (Number.isNaN(z) || z === Infinity)
      throw new RangeError(`logits must be finite or -Infinity (masked), got ${z}`);
    if (z > m) m = z;
  }
  if (m === -Infinity) throw new RangeError('logits must not all be -Infinity (every class masked)');
  return logits.map((z) => z - m);
}

/**
 * softmax(z / T): subtracting the max before exp changes nothing mathematically (the factor
 * e^-max cancels) but keeps every exponent <= 0, so nothing overflows, and the largest term is
 * exactly 1, so the sum cannot underflow to 0. The shift comes before the division by T, so a
 * tiny T cannot turn a logit into Infinity. T -> 0 approaches a one-hot argmax, T -> infinity
 * the uniform distribution. A logit of -Infinity (a masked class) gets probability 0.
 */
export function softmax(logits: readonly number[], temperature = 1): number[] {
  checkTemperature(temperature);
  const e = shiftByMax(logits).map((z) => Math.exp(z / temperature));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/**
 * log softmax(z / T), computed as shifted logit minus log-sum-exp: finite for every class that is
 * not masked, even where softmax itself underflows to 0 (a logit gap of 800 gives -800, not
 * log 0 = -Infinity). Use it, never log(softmax(z)), inside a loss. The log-sum-exp adds the
 * other classes' terms with log1p, so a winning class keeps its tiny loss: logits (40, 0) give
 * log softmax = -log1p(e^-40) = -4.2e-18 for the first, where log(1 + 4.2e-18) would round to 0.
 */
export function logSoftmax(logits: readonly number[], temperature = 1): number[] {
  checkTemperature(temperature);
  const shifted = shiftByMax(logits).map((z) => z / temperature);
  const lse = logSumExp(shifted); // the largest shifted logit is 0: this is log1p(sum of the rest)
  return shifted.map((z) => z - lse);
}

/**
 * Softmax cross-entropy from logits: -sum_i y_i log softmax(z)_i for a target distribution y (a
 * one-hot class index, or soft targets such as smoothed labels). Classes with y_i = 0 contribute
 * nothing, even when masked.
 */
export function softmaxCrossEntropy(logits: readonly number[], target: number | readonly number[]): number {
  const logP = logSoftmax(logits);
  if (typeof target === 'number') {
    const lp = logP[target];
    if (!Number.isInteger(target) || lp === undefined)
      throw new RangeError(`target must be an index into logits, got ${target}`);
    return -lp;
  }
  checkDistribution(target, 'target');
  if (target.length !== logits.length)
    throw new RangeError(`target must have one entry per logit, got ${target.length} for ${logits.length}`);
  // A class with target 0 adds nothing, even when it is masked (log p = -Infinity).
  return target.reduce((loss, yi, i) => (yi > 0 ? loss - yi * logP[i]! : loss), 0);
}

/** Gradient of -log softmax(z)[target] with respect to the logits: softmax(z) - onehot(target). */
export function softmaxCrossEntropyGrad(logits: readonly number[], target: number): number[] {
  if (!Number.isInteger(target) || target < 0 || target >= logits.length) {
    throw new RangeError(`target must be an index into logits, got ${target}`);
  }
  return softmax(logits).map((p, i) => p - (i === target ? 1 : 0));
}

/** Multi-label loss: an independent sigmoid + BCE per label, averaged (labels need not sum to 1). */
export function multiLabelBce(logits: readonly number[], labels: readonly number[]): number {
  if (logits.length === 0 || logits.length !== labels.length) {
    throw new RangeError('logits and labels must be non-empty and of the same length');
  }
  return logits.reduce((s, z, i) => s + bceWithLogits(z, labels[i]!), 0) / logits.length;
}
// #endregion

// #region smoothing
/** Label smoothing: 1 - eps + eps/K on the target class and eps/K on each of the others. */
export function smoothLabels(target: number, numClasses: number, eps: number): number[] {
  if (!Number.isInteger(numClasses) || numClasses < 2)
    throw new RangeError(`numClasses must be an integer >= 2, got ${numClasses}`);
  if (!Number.isInteger(target) || target < 0 || target >= numClasses) {
    throw new RangeError(`target must be in [0, numClasses), got ${target}`);
  }
  if (!(eps >= 0 && eps <= 1)) throw new RangeError(`eps must be in [0, 1], got ${eps}`);
  return Array.from({ length: numClasses }, (_, i) => (i === target ? 1 - eps + eps / numClasses : eps / numClasses));
}
// #endregion

// #region odds
export function sigmoid(z: number): number {
  // Two branches so that exp never sees a large positive argument.
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** odds = p / (1 - p): from 0 to infinity, 1 at p = 1/2, lopsided around it. */
export function odds(p: number): number {
  if (!(p >= 0 && p < 1)) throw new RangeError(`p must be in [0, 1), got ${p}`);
  return p / (1 - p);
}

/**
 * logit = log odds, the inverse of the sigmoid; antisymmetric: logit(1 - p) = -logit(p).
 * Written log p - log1p(-p): 1 - p is never rounded before the log, so p = 1e-300 gives -690.8
 * and p = 1 - 1e-16 (stored as 1 - 2^-53) gives 36.7 with full precision.
 */
export function logit(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  return Math.log(p) - Math.log1p(-p);
}
// #endregion

// #region ce-vs-mse
/**
 * d/dz of BCE(sigmoid(z), y): sigmoid(z) - y, the error itself. Written (1 - y) s(z) - y s(-z)
 * (the same number, since s(z) + s(-z) = 1) so that a label of 1 at z = 40 gives -4e-18, not 1 - 1 = 0.
 */
export function bceGradLogit(z: number, y: number): number {
  return (1 - y) * sigmoid(z) - y * sigmoid(-z);
}

/** d/dz of (sigmoid(z) - y)^2 / 2: the same error times sigmoid'(z) = s(z) s(-z), at most 1/4. */
export function mseGradLogit(z: number, y: number): number {
  return bceGradLogit(z, y) * sigmoid(z) * sigmoid(-z);
}
// #endregion
