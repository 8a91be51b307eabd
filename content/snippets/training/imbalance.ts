/**
 * Losses and resampling for imbalanced binary labels (a click-through log is typically a few
 * percent positives).
 *
 * Probabilities `p` are the model's P(y = 1); losses are in nats. Each loss takes the log of
 * the probability of the true class only, with log1p(-p) for log(1 - p), so p = 1e-300 and
 * p = 1 - 1e-16 give accurate finite losses; p exactly 0 or 1 on the wrong side gives Infinity,
 * the true value. A real model should compute these losses from logits (see training/stable.ts).
 */
import type { Rng } from '../shared/random.ts';

function checkProb(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be a probability in [0, 1], got ${p}`);
}

function checkLabel(y: number): void {
  if (y !== 0 && y !== 1) throw new RangeError(`y must be 0 or 1, got ${y}`);
}

// #region weighted-bce
/**
 * Binary cross-entropy with a weight per class: -[wPos y log p + wNeg (1 - y) log(1 - p)].
 * Only the term of the actual label is evaluated (y is 0 or 1), so 0 * log 0 never appears, and
 * a weight of 0 gives 0.
 */
export function weightedBce(p: number, y: number, wPos = 1, wNeg = 1): number {
  checkLabel(y);
  checkProb(p);
  if (!(wPos >= 0 && wNeg >= 0 && wPos < Infinity && wNeg < Infinity)) {
    throw new RangeError(`wPos and wNeg must be finite and >= 0, got ${wPos}, ${wNeg}`);
  }
  const w = y === 1 ? wPos : wNeg;
  // A weight of 0 ignores the example, even a sure mistake (0 * Infinity would be NaN).
  if (w === 0) return 0;
  return y === 1 ? -w * Math.log(p) : -w * Math.log1p(-p);
}

/**
 * "Balanced" class weights n / (K n_k): every class then carries the same total weight n / K,
 * as if the data were balanced. n / K is summed as sum_k (n_k / K), which cannot overflow.
 * Counts of 0 are rejected (the weight would be infinite).
 */
export function inverseFrequencyWeights(counts: readonly number[]): number[] {
  if (counts.length === 0) throw new RangeError('counts must not be empty');
  for (const c of counts) {
    if (!Number.isInteger(c) || c <= 0) throw new RangeError(`counts must be positive integers, got ${c}`);
  }
  const meanCount = counts.reduce((a, c) => a + c / counts.length, 0); // n / K
  return counts.map((c) => meanCount / c);
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
  if (!(gamma >= 0 && gamma < Infinity)) throw new RangeError(`gamma must be finite and >= 0, got ${gamma}`);
  checkProb(p);
  const miss = y === 1 ? 1 - p : p; // 1 - p_t, exact for a negative with a tiny p
  const logPt = y === 1 ? Math.log(p) : Math.log1p(-p);
  const alphaT = y === 1 ? alpha : 1 - alpha;
  // alpha_t = 0 ignores the example, even a sure mistake (0 * Infinity would be NaN).
  if (alphaT === 0) return 0;
  return -alphaT * miss ** gamma * logPt;
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
 * Down-sampling multiplies the odds by 1 / rate, so divide them back:
 * q = p / (p + (1 - p) / rate), computed as rate p / (rate p + 1 - p) so that a tiny rate
 * cannot overflow (1 - p) / rate.
 */
export function correctDownsampled(p: number, rate: number): number {
  checkProb(p);
  if (!(rate > 0 && rate <= 1)) throw new RangeError(`rate must be in (0, 1], got ${rate}`);
  return (rate * p) / (rate * p + (1 - p));
}
// #endregion
