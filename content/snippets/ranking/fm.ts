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
  return k;
}

// #region naive
/** sum_{i<j} <v_i, v_j> x_i x_j, literally: n(n-1)/2 pairs, k + 2 multiplications each. */
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
  return total;
}
// #endregion

// #region fast
/**
 * The same sum in O(k n):
 *   sum_{i<j} <v_i, v_j> x_i x_j = 1/2 sum_f [ (sum_i v_if x_i)^2 - sum_i (v_if x_i)^2 ].
 * Per factor f: n products t_i = v_if x_i, n squares t_i^2, one square of the sum; plus the 1/2.
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
  return 0.5 * total;
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
/** y = w0 + sum_i w_i x_i + sum_{i<j} <v_i, v_j> x_i x_j (a logit for CTR; add a sigmoid). */
export function fmPredict(x: readonly number[], { w0, w, V }: FmParams): number {
  if (w.length !== x.length) throw new RangeError(`w must have one weight per feature (${w.length} vs ${x.length})`);
  return w0 + x.reduce((s, xi, i) => s + w[i]! * xi, 0) + pairwiseFast(x, V);
}

/**
 * Gradient of the pairwise term with respect to v_if: x_i (sum_j v_jf x_j) - v_if x_i^2.
 * The sums sum_j v_jf x_j are shared by every i, so the whole gradient is O(k n) too.
 */
export function pairwiseGradient(x: readonly number[], V: readonly (readonly number[])[]): number[][] {
  const k = checkShapes(x, V);
  const sums = Array.from({ length: k }, (_, f) => x.reduce((s, xi, i) => s + V[i]![f]! * xi, 0));
  return V.map((row, i) => row.map((v, f) => x[i]! * sums[f]! - v * x[i]! * x[i]!));
}
// #endregion
