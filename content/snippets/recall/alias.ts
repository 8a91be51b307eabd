/**
 * Walker's alias method with Vose's linear-time build: O(n) to build a table from n weights, then
 * O(1) per draw, whatever the distribution.
 *
 * Sources: A. J. Walker, ACM TOMS 3(3), 1977 (the method); M. D. Vose, IEEE TSE 17(9), 1991 (the
 * O(n) build with explicit small and large lists).
 */
import { randomInt, type Rng } from '../shared/random.ts';

export interface AliasTable {
  /** prob[i]: chance of keeping column i's own outcome once column i is chosen. */
  prob: number[];
  /** alias[i]: the other outcome stacked in column i (i itself when the column is full). */
  alias: number[];
}

/**
 * The probabilities p_i = w_i / sum_j w_j of non-negative finite weights (n numbers, summing to 1
 * up to rounding). The weights are divided by the largest one first, so the sum cannot overflow
 * (1e308 + 1e308 would be Infinity) and tiny weights such as 1e-300 keep their ratios.
 * Throws a RangeError naming the index of a negative, infinite or NaN weight, and for an empty
 * list or weights that are all 0.
 */
export function normalizeWeights(weights: readonly number[]): number[] {
  if (weights.length === 0) throw new RangeError('buildAlias: weights is empty');
  let max = 0;
  weights.forEach((w, i) => {
    if (!Number.isFinite(w) || w < 0)
      throw new RangeError(`buildAlias: weights[${i}] must be finite and >= 0, got ${w}`);
    max = Math.max(max, w);
  });
  if (max === 0) throw new RangeError('buildAlias: weights sum to 0, there is nothing to draw');
  const scaled = weights.map((w) => w / max); // in [0, 1], and the largest is exactly 1
  const sum = scaled.reduce((a, b) => a + b, 0); // between 1 and n: no overflow, no underflow
  return scaled.map((w) => w / sum);
}

// #region build
export function buildAlias(weights: readonly number[]): AliasTable {
  const n = weights.length;
  // Scale so the average column height is exactly 1.
  const scaled = normalizeWeights(weights).map((p) => p * n);
  const prob = new Array<number>(n).fill(1);
  const alias = weights.map((_, i) => i);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((h, i) => (h < 1 ? small : large).push(i));
  // Each step fills one short column to height 1 with a slice of a tall one,
  // so every column ends up holding at most two outcomes.
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! - (1 - scaled[s]!);
    (scaled[l]! < 1 ? small : large).push(l);
  }
  // Whatever is left is height 1 up to rounding error: it keeps its own outcome.
  for (const i of [...small, ...large]) prob[i] = 1;
  return { prob, alias };
}
// #endregion

// #region draw
/** Pick a column uniformly, then flip a biased coin between its two outcomes. */
export function drawAlias(table: AliasTable, rng: Rng): number {
  const i = randomInt(rng, table.prob.length);
  return rng() < table.prob[i]! ? i : table.alias[i]!;
}
// #endregion

/** The distribution a table encodes: column i's kept share plus every slice aliased to i, over n. */
export function aliasDistribution(table: AliasTable): number[] {
  const n = table.prob.length;
  const p = table.prob.map((keep) => keep / n);
  table.alias.forEach((a, i) => {
    p[a]! += (1 - table.prob[i]!) / n;
  });
  return p;
}
