/**
 * Information-theoretic losses and the small functions around them: entropy, KL divergence,
 * cross-entropy, binary cross-entropy, a stable softmax, label smoothing, odds and logits, and
 * the gradients that explain why cross-entropy trains a sigmoid output better than squared error.
 *
 * Distributions are arrays of probabilities summing to 1. Logs are natural (nats) unless a base
 * is given: base 2 gives bits.
 */
import { bceWithLogits } from '../training/stable.ts';

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

// #region entropy
/** H(p) = -sum p log p, with 0 log 0 = 0 (an impossible outcome costs nothing). */
export function entropy(p: readonly number[], base = Math.E): number {
  checkDistribution(p, 'p');
  let h = 0;
  for (const pi of p) if (pi > 0) h -= pi * Math.log(pi);
  return h / Math.log(base);
}

/** H(p, q) = -sum p log q: the average code length when events from p are coded for q. */
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

/** KL(p || q) = sum p log(p / q) = H(p, q) - H(p) >= 0: the extra code length paid for q. */
export function klDivergence(p: readonly number[], q: readonly number[], base = Math.E): number {
  checkDistribution(p, 'p');
  checkDistribution(q, 'q');
  checkSameLength(p, q);
  let d = 0;
  p.forEach((pi, i) => {
    if (pi > 0) d += pi * Math.log(pi / q[i]!);
  });
  return d / Math.log(base);
}

/** Binary cross-entropy of a predicted probability yHat against a label y in [0, 1]. */
export function binaryCrossEntropy(yHat: number, y: number): number {
  if (!(yHat >= 0 && yHat <= 1)) throw new RangeError(`yHat must be in [0, 1], got ${yHat}`);
  if (!(y >= 0 && y <= 1)) throw new RangeError(`y must be in [0, 1], got ${y}`);
  return crossEntropy([y, 1 - y], [yHat, 1 - yHat]);
}
// #endregion

// #region softmax
/**
 * softmax(z / T): subtracting the max before exp changes nothing mathematically (the factor
 * e^-max cancels) but keeps every exponent <= 0, so nothing overflows. T -> 0 approaches a
 * one-hot argmax, T -> infinity the uniform distribution.
 */
export function softmax(logits: readonly number[], temperature = 1): number[] {
  if (logits.length === 0) throw new RangeError('logits must not be empty');
  if (!(temperature > 0)) throw new RangeError(`temperature must be positive, got ${temperature}`);
  const scaled = logits.map((z) => z / temperature);
  const m = Math.max(...scaled);
  const e = scaled.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
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

/** logit = log odds, the inverse of the sigmoid; antisymmetric: logit(1 - p) = -logit(p). */
export function logit(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  return Math.log(p) - Math.log1p(-p);
}
// #endregion

// #region ce-vs-mse
/** d/dz of BCE(sigmoid(z), y): sigmoid(z) - y, the error itself. */
export function bceGradLogit(z: number, y: number): number {
  return sigmoid(z) - y;
}

/** d/dz of (sigmoid(z) - y)^2 / 2: the same error times sigmoid'(z) = s (1 - s), at most 1/4. */
export function mseGradLogit(z: number, y: number): number {
  const s = sigmoid(z);
  return (s - y) * s * (1 - s);
}
// #endregion
