/**
 * The ranking half of YouTube's deep recommender (Covington, Adams & Sargin, RecSys 2016):
 * weighted logistic regression whose learned odds estimate expected watch time, and the
 * CDF normalisation with square and square-root copies of continuous features.
 */
import type { Rng } from '../shared/random.ts';

/** One shown video: whether it was clicked and, if so, how long it was watched (else 0). */
export interface Impression {
  readonly clicked: boolean;
  readonly watch: number;
}

// #region simulate
/**
 * Synthetic impressions: each is clicked with probability `clickProb`; a click is watched for a
 * time uniform on [0.5, 1.5] x `meanWatch`. So E[T] over impressions is clickProb * meanWatch.
 */
export function simulateImpressions(n: number, clickProb: number, meanWatch: number, rng: Rng): Impression[] {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`simulateImpressions: n must be a non-negative integer, got ${n}`);
  if (!(clickProb >= 0 && clickProb < 1))
    throw new RangeError(`simulateImpressions: clickProb must be in [0, 1), got ${clickProb}`);
  if (!(meanWatch > 0 && meanWatch < Infinity))
    throw new RangeError(`simulateImpressions: meanWatch must be positive, got ${meanWatch}`);
  return Array.from({ length: n }, () => {
    const clicked = rng() < clickProb;
    return { clicked, watch: clicked ? meanWatch * (0.5 + rng()) : 0 };
  });
}
// #endregion

// #region odds
/**
 * The odds a weighted logistic regression learns for a group of impressions that share the same
 * features: positives weighted by watch time T_i, negatives by 1. Setting the derivative of the
 * weighted log-likelihood to zero gives e^{b} = sum_i T_i / (N - k).
 */
export function weightedLogisticOdds(impressions: readonly Impression[]): number {
  let watchSum = 0;
  let negatives = 0;
  for (const imp of impressions) {
    if (!(imp.watch >= 0 && imp.watch < Infinity))
      throw new RangeError(`weightedLogisticOdds: watch must be finite and non-negative, got ${imp.watch}`);
    if (imp.clicked) watchSum += imp.watch;
    else negatives += 1;
  }
  if (negatives === 0)
    throw new RangeError('weightedLogisticOdds: impressions must include at least one unclicked one');
  return watchSum / negatives;
}
// #endregion

// #region fit
/**
 * Weighted logistic regression by full-batch gradient descent on the mean weighted log-loss.
 * features: n rows of d numbers (include a constant 1 for an intercept); returns the d weights.
 * Training uses weight T_i for a clicked example and 1 for an unclicked one; at serving time
 * e^{w.x} is read as the expected watch time. The step 1 / L with L = (1/4) mean_i(weight_i
 * |x_i|^2), a bound on the curvature, makes plain gradient descent converge without tuning.
 */
export function fitWeightedLogistic(
  features: readonly (readonly number[])[],
  impressions: readonly Impression[],
  steps = 2000,
): number[] {
  if (features.length !== impressions.length || features.length === 0) {
    throw new RangeError('fitWeightedLogistic: features and impressions must be non-empty and equally long');
  }
  const n = features.length;
  const dim = features[0]!.length;
  // Fit on features divided by their largest |x| and divide the weights by it at the end:
  // w . x is unchanged, and features of 1e-200 or 1e200 cannot underflow or overflow |x|^2.
  const scale = features.reduce((m, x) => x.reduce((mm, v) => Math.max(mm, Math.abs(v)), m), 0);
  if (!Number.isFinite(scale) || scale === 0)
    throw new RangeError('fitWeightedLogistic: features must be finite and not all zero');
  const xs = features.map((x) => x.map((v) => v / scale));
  if (!impressions.every((imp) => imp.watch >= 0 && imp.watch < Infinity))
    throw new RangeError('fitWeightedLogistic: watch times must be finite and non-negative');
  const weight = impressions.map((imp) => (imp.clicked ? imp.watch : 1));
  const label = impressions.map((imp) => (imp.clicked ? 1 : 0));
  let curvature = 0;
  xs.forEach((x, i) => (curvature += (0.25 * weight[i]! * x.reduce((s, v) => s + v * v, 0)) / n));
  if (!(curvature > 0 && curvature < Infinity))
    throw new RangeError('fitWeightedLogistic: the example weights are all zero or too large');
  const lr = 1 / curvature;
  const w = new Array<number>(dim).fill(0);
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(dim).fill(0);
    xs.forEach((x, i) => {
      // sigma(z) = 1 / (1 + e^{-z}) is safe at both ends: e^{1000} = Infinity gives 0, not NaN.
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, d) => s + v * w[d]!, 0)));
      // d/dz of weight * log-loss is weight * (p - label).
      const g = (weight[i]! * (p - label[i]!)) / n;
      for (let d = 0; d < dim; d++) grad[d]! += g * x[d]!;
    });
    for (let d = 0; d < dim; d++) w[d]! -= lr * grad[d]!;
  }
  return w.map((v) => v / scale);
}
// #endregion

// #region normalise
/**
 * Map a continuous feature to [0, 1] by its empirical CDF, interpolating linearly between the
 * sorted sample values, so the transformed feature is roughly uniform whatever its raw scale.
 * sample: at least two finite values; the returned function maps the sample's minimum to 0 and
 * its maximum to 1.
 */
export function cdfNormaliser(sample: readonly number[]): (x: number) => number {
  if (sample.length < 2) throw new RangeError('cdfNormaliser: sample must hold at least two values');
  if (!sample.every(Number.isFinite)) throw new RangeError('cdfNormaliser: sample values must be finite');
  const s = [...sample].sort((a, b) => a - b);
  const last = s.length - 1;
  return (x) => {
    if (Number.isNaN(x)) throw new RangeError('cdfNormaliser: x is NaN');
    if (x <= s[0]!) return 0;
    if (x >= s[last]!) return 1;
    // Largest i with s[i] <= x; then s[i + 1] > x, so the interval has positive width.
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! <= x) lo = mid;
      else hi = mid;
    }
    const a = s[lo]!;
    const b = s[lo + 1]!;
    // A sample spanning -1e308 to 1e308 has a width that overflows; halving both sides avoids it.
    const frac = Number.isFinite(b - a) ? (x - a) / (b - a) : (x / 2 - a / 2) / (b / 2 - a / 2);
    return (lo + frac) / last;
  };
}

/** The normalised feature (in [0, 1]) with its square root and square: cheap extra shapes. */
export function powerFeatures(normalised: number): [number, number, number] {
  if (!(normalised >= 0 && normalised <= 1))
    throw new RangeError(`powerFeatures: normalised must be in [0, 1], got ${normalised}`);
  return [normalised, Math.sqrt(normalised), normalised * normalised];
}
// #endregion
