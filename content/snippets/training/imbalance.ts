/**
 * Losses and resampling for imbalanced binary labels (a click-through log is typically a few
 * percent positives).
 *
 * Probabilities `p` are the model's P(y = 1). They are clamped away from 0 and 1 before the
 * log so that a confident mistake gives a large finite loss instead of Infinity; a real model
 * should compute these losses from logits (see training/stable.ts).
 */
import type { Rng } from '../shared/random.ts';

const EPS = 1e-12;

function checkProb(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be a probability in [0, 1], got ${p}`);
  return Math.min(1 - EPS, Math.max(EPS, p));
}

function checkLabel(y: number): void {
  if (y !== 0 && y !== 1) throw new RangeError(`y must be 0 or 1, got ${y}`);
}

// #region weighted-bce
/** Binary cross-entropy with a weight per class: -[wPos y log p + wNeg (1 - y) log(1 - p)]. */
export function weightedBce(p: number, y: number, wPos = 1, wNeg = 1): number {
  checkLabel(y);
  const q = checkProb(p);
  return -(wPos * y * Math.log(q) + wNeg * (1 - y) * Math.log(1 - q));
}

/**
 * "Balanced" class weights n / (K n_k): every class then carries the same total weight n / K,
 * as if the data were balanced. Counts of 0 are rejected (the weight would be infinite).
 */
export function inverseFrequencyWeights(counts: readonly number[]): number[] {
  if (counts.length === 0) throw new RangeError('counts must not be empty');
  for (const c of counts) {
    if (!Number.isInteger(c) || c <= 0) throw new RangeError(`counts must be positive integers, got ${c}`);
  }
  const n = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => n / (counts.length * c));
}
// #endregion

// #region focal
/**
 * Focal loss FL = -alpha_t (1 - p_t)^gamma log p_t, with p_t = p for a positive and 1 - p for a
 * negative, and alpha_t = alpha for a positive and 1 - alpha for a negative. gamma = 0 gives
 * alpha-weighted cross-entropy; a larger gamma shrinks the loss of well-classified examples.
 */
export function focalLoss(p: number, y: number, alpha = 0.25, gamma = 2): number {
  checkLabel(y);
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  if (!(gamma >= 0)) throw new RangeError(`gamma must be >= 0, got ${gamma}`);
  const q = checkProb(p);
  const pt = y === 1 ? q : 1 - q;
  const alphaT = y === 1 ? alpha : 1 - alpha;
  return -alphaT * (1 - pt) ** gamma * Math.log(pt);
}
// #endregion

// #region downsample
/**
 * Keep every positive and each negative with probability `rate` (negative down-sampling).
 * Returns the kept indices. A model trained on the result over-predicts: see `correctDownsampled`.
 */
export function downsampleNegatives(rng: Rng, labels: readonly number[], rate: number): number[] {
  if (!(rate > 0 && rate <= 1)) throw new RangeError(`rate must be in (0, 1], got ${rate}`);
  const kept: number[] = [];
  labels.forEach((y, i) => {
    checkLabel(y);
    if (y === 1 || rng() < rate) kept.push(i);
  });
  return kept;
}

/**
 * Map a probability learned on negatively down-sampled data back to the original data.
 * Down-sampling multiplies the odds by 1 / rate, so divide them back: q = p / (p + (1 - p) / rate).
 */
export function correctDownsampled(p: number, rate: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be a probability in [0, 1], got ${p}`);
  if (!(rate > 0 && rate <= 1)) throw new RangeError(`rate must be in (0, 1], got ${rate}`);
  return p / (p + (1 - p) / rate);
}
// #endregion
