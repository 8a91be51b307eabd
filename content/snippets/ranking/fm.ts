/**
 * Factorization machines (Rendle, ICDM 2010): the pairwise term computed pair by pair in
 * O(k n^2), and by Rendle's identity in O(k n). Both count their multiplications so the cost
 * figure is exact and the same on every machine.
 */

/** Optional instrumentation: each function adds the number of multiplications it performs. */
export interface OpCounter {
  mults: number;
}

function checkShapes(x: readonly number[], V: readonly (readonly number[])[]): number {
  if (V.length !== x.length) throw new RangeError(`V must have one row per feature (${V.length} vs ${x.length})`);
  const k = V[0]?.length ?? 0;
  if (V.some((row) => row.length !== k)) throw new RangeError('V: every row must have the same length k');
  if (!x.every(Number.isFinite)) throw new RangeError('x must contain finite numbers only');
  if (!V.every((row) => row.every(Number.isFinite))) throw new RangeError('V must contain finite numbers only');
  return k;
}

/** A pairwise term (or gradient) beyond the double range has no finite answer: say so. */
function finiteOrThrow(value: number, where: string): number {
  if (!Number.isFinite(value))
    throw new RangeError(`${where}: the pairwise term overflows a double; rescale x or V (|v_if x_i| too large)`);
  return value;
}

// #region naive
/**
 * sum_{i<j} <v_i, v_j> x_i x_j, literally: n(n-1)/2 pairs, k + 2 multiplications each.
 * x has n entries, V is n x k (one factor row per feature).
 */
export function pairwiseNaive(x: readonly number[], V: readonly (readonly number[])[], ops?: OpCounter): number {
  const k = checkShapes(x, V);
  const n = x.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let dot = 0;
      for (let f = 0; f < k; f++) dot += V[i]![f]! * V[j]![f]!; // k multiplications
      total += dot * x[i]! * x[j]!; // 2 more
      if (ops) ops.mults += k + 2;
    }
  }
  return finiteOrThrow(total, 'pairwiseNaive');
}
// #endregion

// #region fast
/**
 * The same sum in O(k n) (Rendle 2010, Lemma 3.1):
 *   sum_{i<j} <v_i, v_j> x_i x_j = 1/2 sum_f [ (sum_i v_if x_i)^2 - sum_i (v_if x_i)^2 ].
 * Per factor f: n products t_i = v_if x_i, n squares t_i^2, one square of the sum; plus the 1/2.
 * The subtraction cancels: the rounding error is about 1e-16 times sum_f (sum_i |t_i|)^2, not
 * times the result, so when one term dominates the others by a factor near 1e8 the small pair
 * terms are lost (the pair loop keeps them). Throws a RangeError if the result overflows.
 */
export function pairwiseFast(x: readonly number[], V: readonly (readonly number[])[], ops?: OpCounter): number {
  const k = checkShapes(x, V);
  let total = 0;
  for (let f = 0; f < k; f++) {
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < x.length; i++) {
      const t = V[i]![f]! * x[i]!;
      sum += t;
      sumSq += t * t;
    }
    total += sum * sum - sumSq;
    if (ops) ops.mults += 2 * x.length + 1;
  }
  if (ops) ops.mults += 1;
  return finiteOrThrow(0.5 * total, 'pairwiseFast');
}
// #endregion

// #region cost
/** Multiplications pairwiseNaive performs: (k + 2) n (n - 1) / 2. */
export const naiveMults = (n: number, k: number): number => ((k + 2) * n * (n - 1)) / 2;
/** Multiplications pairwiseFast performs: k (2n + 1) + 1. */
export const fastMults = (n: number, k: number): number => k * (2 * n + 1) + 1;
// #endregion

export interface FmParams {
  w0: number;
  /** Linear weights, one per feature. */
  w: readonly number[];
  /** Factor vectors v_i, one row of length k per feature. */
  V: readonly (readonly number[])[];
}

// #region predict
/**
 * y = w0 + sum_i w_i x_i + sum_{i<j} <v_i, v_j> x_i x_j (Rendle 2010, Eq. 1): a logit for CTR
 * (add a sigmoid), a rating for regression. Throws a RangeError on mismatched shapes.
 */
export function fmPredict(x: readonly number[], { w0, w, V }: FmParams): number {
  if (w.length !== x.length) throw new RangeError(`w must have one weight per feature (${w.length} vs ${x.length})`);
  return w0 + x.reduce((s, xi, i) => s + w[i]! * xi, 0) + pairwiseFast(x, V);
}

/**
 * Gradient of the pairwise term with respect to v_if: x_i (sum_j v_jf x_j) - v_if x_i^2
 * (Rendle 2010, §III-C), as an n x k array. The sums sum_j v_jf x_j are shared by every i, so
 * the whole gradient is O(k n) too. Like the identity, the shared sum cancels against v_if x_i
 * when one feature dominates. Throws a RangeError on bad shapes or an overflowing result.
 */
export function pairwiseGradient(x: readonly number[], V: readonly (readonly number[])[]): number[][] {
  const k = checkShapes(x, V);
  const sums = Array.from({ length: k }, (_, f) => x.reduce((s, xi, i) => s + V[i]![f]! * xi, 0));
  // x_i (sum_j v_jf x_j - v_if x_i): the same value as x_i S_f - v_if x_i^2, but x_i S_f cannot
  // overflow on its own while the gradient is finite
  return V.map((row, i) => row.map((v, f) => finiteOrThrow(x[i]! * (sums[f]! - v * x[i]!), 'pairwiseGradient')));
}
// #endregion
