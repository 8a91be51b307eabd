/**
 * Preprocessing for continuous features: scaling (min-max, z-score), clipping, a log transform,
 * and discretisation into buckets (equal-width and equal-frequency boundaries).
 *
 * Every scaler is split into `fit*` (compute statistics on training data) and an apply step,
 * because in production the statistics are stored and reused at serving time: the apply step
 * must not look at the data it transforms.
 */

// #region scaling
/** Statistics a min-max scaler stores. */
export interface MinMaxStats {
  readonly min: number;
  readonly max: number;
}

/** Statistics a z-score scaler stores (population standard deviation). */
export interface ZScoreStats {
  readonly mean: number;
  readonly std: number;
}

function requireFinite(xs: readonly number[], name: string): void {
  if (xs.length === 0) throw new RangeError(`${name}: xs must not be empty`);
  for (const x of xs) if (!Number.isFinite(x)) throw new RangeError(`${name}: xs must be finite, got ${x}`);
}

/**
 * (a - b) / c. If a - b overflows (a = 1e308, b = -1e308), halve everything first: halving is
 * exact for normal numbers, so the quotient is unchanged and now representable.
 */
function scaledDifference(a: number, b: number, c: number): number {
  const d = a - b;
  return Number.isFinite(d) ? d / c : (a / 2 - b / 2) / (c / 2);
}

/** Smallest and largest training value. Throws a RangeError for empty or non-finite data. */
export function fitMinMax(xs: readonly number[]): MinMaxStats {
  requireFinite(xs, 'fitMinMax');
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}

/**
 * (x - min) / (max - min). A constant feature maps to 0 rather than dividing by zero, and a
 * range wider than the largest double (min -1e308, max 1e308) is halved, not turned into Infinity.
 */
export function minMax(x: number, s: MinMaxStats): number {
  if (s.max === s.min) return 0;
  const range = s.max - s.min;
  if (Number.isFinite(range)) return scaledDifference(x, s.min, range);
  return scaledDifference(x / 2, s.min / 2, s.max / 2 - s.min / 2);
}

/**
 * Mean and population standard deviation. Both passes run on x / scale, with scale the power of
 * two just below max|x| (so the division is exact and x / scale lies in (-2, 2)): a sum of values
 * near 1e308 cannot overflow, and squared deviations of values near 1e-200 cannot underflow to 0,
 * so std keeps its digits at either end of the double range.
 */
export function fitZScore(xs: readonly number[]): ZScoreStats {
  requireFinite(xs, 'fitZScore');
  let maxAbs = 0;
  for (const x of xs) maxAbs = Math.max(maxAbs, Math.abs(x));
  if (maxAbs === 0) return { mean: 0, std: 0 };
  const scale = 2 ** Math.min(1023, Math.floor(Math.log2(maxAbs)));
  let mean = 0;
  for (const x of xs) mean += x / scale;
  mean /= xs.length;
  let ss = 0;
  for (const x of xs) ss += (x / scale - mean) ** 2;
  return { mean: mean * scale, std: Math.sqrt(ss / xs.length) * scale };
}

/** (x - mean) / std. A constant feature (std 0) maps to 0. */
export function zScore(x: number, s: ZScoreStats): number {
  return s.std === 0 ? 0 : scaledDifference(x, s.mean, s.std);
}
// #endregion

// #region transforms
/** Clip into [lo, hi]: bounds the influence of outliers, at the cost of merging all of them. */
export function clip(x: number, lo: number, hi: number): number {
  if (!(lo <= hi)) throw new RangeError(`clip: lo must be <= hi, got lo=${lo}, hi=${hi}`);
  return Math.min(hi, Math.max(lo, x));
}

/**
 * sign(x) * log(1 + |x|): compresses a heavy right tail (counts, prices, dwell times) while
 * keeping 0 at 0 and staying defined, monotone and odd for negative inputs.
 */
export function log1pTransform(x: number): number {
  return Math.sign(x) * Math.log1p(Math.abs(x));
}
// #endregion

// #region buckets
/** k - 1 interior boundaries that cut [min, max] into k intervals of equal width. */
export function equalWidthBoundaries(xs: readonly number[], k: number): number[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`equalWidthBoundaries: k must be an integer >= 1, got ${k}`);
  const { min, max } = fitMinMax(xs);
  const out: number[] = [];
  for (let j = 1; j < k; j++) {
    const t = j / k;
    // min (1 - t) + max t: never overflows, even when max - min does (-1e308 and 1e308)
    out.push(min * (1 - t) + max * t);
  }
  return out;
}

/**
 * Boundaries that put (as near as possible) the same number of training values in each of k
 * buckets. Sorted value i goes to bucket floor(i * k / n), so bucket sizes are floor or ceil of
 * n / k. Each boundary sits halfway between the last value of one bucket and the first of the
 * next, so unseen values fall on the nearer side. Tied values cannot be split: a boundary inside
 * a run of ties is dropped, and fewer than k buckets come out.
 */
export function equalFrequencyBoundaries(xs: readonly number[], k: number): number[] {
  requireFinite(xs, 'equalFrequencyBoundaries');
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`equalFrequencyBoundaries: k must be an integer >= 1, got ${k}`);
  if (k > xs.length)
    throw new RangeError(`equalFrequencyBoundaries: k must be <= the number of values (${xs.length}), got ${k}`);
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;
  const out: number[] = [];
  for (let j = 1; j < k; j++) {
    const i = Math.ceil((j * n) / k); // first sorted index of bucket j
    const lo = sorted[i - 1]!;
    const hi = sorted[i]!;
    if (lo === hi) continue; // inside a run of ties: no boundary can separate them
    // Halfway, without overflow in lo + hi. For adjacent doubles the midpoint rounds to lo or hi;
    // it must be hi, so that lo stays in the lower bucket (bucketize counts boundaries <= x).
    let b = lo / 2 + hi / 2;
    if (!(b > lo)) b = hi;
    if (out.length === 0 || b > out[out.length - 1]!) out.push(b);
  }
  return out;
}

/** Bucket index of x: the number of boundaries <= x (binary search), in [0, boundaries.length]. */
export function bucketize(x: number, boundaries: readonly number[]): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (boundaries[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of xs fall in each of the boundaries.length + 1 buckets. */
export function bucketCounts(xs: readonly number[], boundaries: readonly number[]): number[] {
  const counts = new Array<number>(boundaries.length + 1).fill(0);
  for (const x of xs) counts[bucketize(x, boundaries)]!++;
  return counts;
}
// #endregion
