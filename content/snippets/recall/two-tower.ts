/**
 * Sampling-bias-corrected two-tower training (Yi et al., RecSys 2019): a streaming estimator of
 * how often each item shows up in a batch, and the in-batch softmax loss that subtracts the log of
 * that probability from every logit (the "logQ correction").
 */
import type { Rng } from '../shared/random.ts';

/**
 * A 32-bit integer hash of a non-negative integer item id into [0, buckets), one
 * independent-looking function per seed. Throws a RangeError for a bad item or bucket count.
 */
export function hashItem(item: number, seed: number, buckets: number): number {
  if (!Number.isInteger(item) || item < 0)
    throw new RangeError(`hashItem: item must be a non-negative integer, got ${item}`);
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new RangeError(`hashItem: buckets must be a positive integer, got ${buckets}`);
  // Murmur3's finaliser: every input bit flips about half of the output bits.
  let h = (item ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % buckets;
}

export interface FrequencyEstimatorOptions {
  /** Size H of each array: memory is fixed no matter how many distinct items stream past. */
  buckets: number;
  /** Number of independent hash functions (and array pairs); 1 is the paper's basic algorithm. */
  hashes: number;
  /** Learning rate of the moving average of the gap between two hits, in (0, 1]. */
  alpha: number;
  /** Draws the hash seeds, so a run is reproducible. */
  rng: Rng;
}

// #region estimator
/**
 * Streaming frequency estimation. For every hash function i there are two arrays:
 * A_i[b] = the last step at which bucket b was hit, B_i[b] = a moving average of the number of
 * steps between two hits. An item that turns up with probability p per step has gaps of mean 1/p,
 * so 1/B estimates p. Colliding items make a bucket hit more often (B too small), so with several
 * hashes the largest B, the least-collided bucket, is the best guess.
 */
export class FrequencyEstimator {
  private readonly opts: FrequencyEstimatorOptions;
  private readonly seeds: number[];
  private readonly lastSeen: Float64Array[]; // A_i
  private readonly gap: Float64Array[]; // B_i

  constructor(opts: FrequencyEstimatorOptions) {
    const { buckets, hashes, alpha } = opts;
    if (!Number.isInteger(buckets) || buckets < 1)
      throw new RangeError(`buckets must be a positive integer, got ${buckets}`);
    if (!Number.isInteger(hashes) || hashes < 1)
      throw new RangeError(`hashes must be a positive integer, got ${hashes}`);
    if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);
    this.opts = opts;
    this.seeds = Array.from({ length: hashes }, () => Math.floor(opts.rng() * 2 ** 32));
    this.lastSeen = this.seeds.map(() => new Float64Array(buckets));
    this.gap = this.seeds.map(() => new Float64Array(buckets));
  }

  /** Record that `item` appeared in the batch of training step `step` (steps count from 1). */
  observe(item: number, step: number): void {
    this.seeds.forEach((seed, i) => {
      const b = hashItem(item, seed, this.opts.buckets);
      const A = this.lastSeen[i]!;
      const B = this.gap[i]!;
      // B <- (1 - alpha) B + alpha (t - A): a moving average of the gap since the last hit.
      B[b] = (1 - this.opts.alpha) * B[b]! + this.opts.alpha * (step - A[b]!);
      A[b] = step;
    });
  }

  /** Estimated gap between two appearances: the largest B over the hash functions. */
  interval(item: number): number {
    return Math.max(...this.seeds.map((seed, i) => this.gap[i]![hashItem(item, seed, this.opts.buckets)]!));
  }

  /** Estimated probability that `item` is in a batch: 1 / B, or 0 for a bucket never hit. */
  probability(item: number): number {
    const b = this.interval(item);
    return b > 0 ? 1 / b : 0;
  }
}
// #endregion

// #region normalize
/**
 * Scale a vector to unit length, so the dot product of two of them is their cosine.
 * Shape: v is one k-dimensional tower output; returns a new k-vector of Euclidean length 1.
 * Throws a RangeError for an all-zero vector (it has no direction) or a non-finite entry.
 */
export function l2Normalize(v: readonly number[]): number[] {
  // Divide by the largest |x| first: the scaled entries lie in [-1, 1], so their squares can
  // neither underflow to 0 (v = [1e-200, 1e-200]) nor overflow to Infinity (v = [1e200, 1e200]).
  const scale = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  if (!Number.isFinite(scale)) throw new RangeError('l2Normalize: every entry of v must be a finite number');
  if (scale === 0) throw new RangeError('l2Normalize: v is the zero vector, which has no direction');
  const scaled = v.map((x) => x / scale);
  const norm = Math.sqrt(scaled.reduce((s, x) => s + x * x, 0)); // in [1, sqrt(k)]
  return scaled.map((x) => x / norm);
}
// #endregion

function dot(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`dot: lengths differ (${a.length} vs ${b.length})`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export interface BatchLossOptions {
  /** Temperature tau: logits are cosine / tau, so a small tau sharpens the softmax. */
  temperature: number;
  /** L2-normalise both towers' outputs before the dot product (default true). */
  normalize?: boolean;
  /** Per-example rewards r_i that weight the loss (e.g. watch time); default all 1. */
  rewards?: readonly number[];
}

// #region loss
/**
 * In-batch softmax loss with the logQ correction (Yi et al. 2019, Eq. 4). Row i of `queries`
 * (B x k) is a query whose positive is row i of `items` (at least B rows of k); every other item
 * row is a negative for it. Rows of `items` beyond B are extra negatives (e.g. mixed negative
 * sampling from the whole corpus). `logQ[j]` is the log of the probability q_j that item j is
 * among the candidates; it must be finite (q_j > 0). The corrected logit is
 *   s^c(x_i, y_j) = <u_i, v_j> / tau - log q_j,
 * applied to the positive as well as the negatives, and the loss is
 *   L = -(1/B) sum_i r_i log softmax_j(s^c(x_i, y_j))[i].
 * Throws a RangeError naming the argument for empty or mismatched input, tau <= 0, a
 * non-finite log q, or logits that overflow (tau so small that cosine / tau is infinite).
 */
export function inBatchSoftmaxLoss(
  queries: readonly (readonly number[])[],
  items: readonly (readonly number[])[],
  logQ: readonly number[],
  opts: BatchLossOptions,
): number {
  const batch = queries.length;
  if (batch === 0) throw new RangeError('queries must not be empty');
  if (items.length < batch)
    throw new RangeError(`items must have at least one row per query (${items.length} < ${batch})`);
  if (logQ.length !== items.length)
    throw new RangeError(`logQ must have one entry per item (${logQ.length} vs ${items.length})`);
  if (!logQ.every(Number.isFinite)) throw new RangeError('logQ must be finite: every q_j must be positive');
  if (!(opts.temperature > 0)) throw new RangeError(`temperature must be positive, got ${opts.temperature}`);
  const norm = opts.normalize ?? true;
  const u = queries.map((q) => (norm ? l2Normalize(q) : [...q]));
  const v = items.map((y) => (norm ? l2Normalize(y) : [...y]));
  let total = 0;
  for (let i = 0; i < batch; i++) {
    const logits = v.map((vj, j) => dot(u[i]!, vj) / opts.temperature - logQ[j]!);
    if (!logits.every(Number.isFinite))
      throw new RangeError('a logit is not finite: temperature too small or unnormalised vectors too large');
    // -log softmax(z)[i] = log(1 + sum_{j != i} e^{z_j - z_i}) = softplus(lse_{j != i} z_j - z_i):
    // the max is factored out of the log-sum-exp, so a small tau cannot overflow exp, and
    // softplus keeps a loss of 1e-20 at 1e-20 instead of rounding log(1 + 1e-20) to 0.
    const others = logits.filter((_, j) => j !== i);
    total += (opts.rewards?.[i] ?? 1) * softplus(logSumExp(others) - logits[i]!);
  }
  return total / batch;
}

/** log sum_j e^{z_j} with the maximum factored out, so logits of +-1000 stay finite. */
function logSumExp(z: readonly number[]): number {
  const m = Math.max(...z);
  return m + Math.log(z.reduce((s, x) => s + Math.exp(x - m), 0));
}

/** softplus(x) = log(1 + e^x), written so that it neither overflows nor rounds small values to 0. */
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}
// #endregion

// #region sampling
/**
 * Global negative-sampling distribution q_j proportional to count_j^alpha: alpha = 0 is uniform,
 * alpha = 1 is proportional to popularity (the distribution of in-batch negatives); values in
 * between trade the two off. counts: positive numbers (exposures or clicks), alpha in [0, 1];
 * returns probabilities summing to 1.
 */
export function popularitySampling(counts: readonly number[], alpha: number): number[] {
  if (counts.length === 0) throw new RangeError('counts must not be empty');
  if (counts.some((c) => !(c > 0 && c < Infinity))) throw new RangeError('counts must all be positive and finite');
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  // Work with logs and divide by the largest weight: counts of 1e300 cannot overflow the sum.
  const logW = counts.map((c) => alpha * Math.log(c));
  const top = Math.max(...logW);
  const w = logW.map((l) => Math.exp(l - top));
  const z = w.reduce((s, x) => s + x, 0);
  return w.map((x) => x / z);
}
// #endregion
