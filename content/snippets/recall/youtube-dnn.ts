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
  if (!(clickProb >= 0 && clickProb < 1))
    throw new RangeError(`simulateImpressions: clickProb must be in [0, 1), got ${clickProb}`);
  if (!(meanWatch > 0)) throw new RangeError(`simulateImpressions: meanWatch must be positive, got ${meanWatch}`);
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
  const weight = impressions.map((imp) => (imp.clicked ? imp.watch : 1));
  const label = impressions.map((imp) => (imp.clicked ? 1 : 0));
  let curvature = 0;
  features.forEach((x, i) => (curvature += (0.25 * weight[i]! * x.reduce((s, v) => s + v * v, 0)) / n));
  const lr = 1 / curvature;
  const w = new Array<number>(dim).fill(0);
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(dim).fill(0);
    features.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, d) => s + v * w[d]!, 0)));
      // d/dz of weight * log-loss is weight * (p - label).
      const g = (weight[i]! * (p - label[i]!)) / n;
      for (let d = 0; d < dim; d++) grad[d]! += g * x[d]!;
    });
    for (let d = 0; d < dim; d++) w[d]! -= lr * grad[d]!;
  }
  return w;
}
// #endregion

// #region normalise
/**
 * Map a continuous feature to [0, 1] by its empirical CDF, interpolating linearly between the
 * sorted sample values, so the transformed feature is roughly uniform whatever its raw scale.
 */
export function cdfNormaliser(sample: readonly number[]): (x: number) => number {
  const s = [...sample].sort((a, b) => a - b);
  if (s.length < 2) throw new RangeError('cdfNormaliser: sample must hold at least two values');
  const last = s.length - 1;
  return (x) => {
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
    return (lo + (x - s[lo]!) / (s[lo + 1]! - s[lo]!)) / last;
  };
}

/** The normalised feature with its square root and square: cheap extra shapes for the network. */
export function powerFeatures(normalised: number): [number, number, number] {
  return [normalised, Math.sqrt(normalised), normalised * normalised];
}
// #endregion
