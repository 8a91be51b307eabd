/**
 * Walker's alias method, in Vose's numerically stable form: O(n) to build a table from n weights,
 * then O(1) per draw, whatever the distribution.
 */
import { randomInt, type Rng } from '../shared/random.ts';

export interface AliasTable {
  /** prob[i]: chance of keeping column i's own outcome once column i is chosen. */
  prob: number[];
  /** alias[i]: the other outcome stacked in column i (i itself when the column is full). */
  alias: number[];
}

/** Reject what the method cannot handle, with the offending index in the message. */
function checkWeights(weights: readonly number[]): number {
  if (weights.length === 0) throw new RangeError('buildAlias: weights is empty');
  let sum = 0;
  weights.forEach((w, i) => {
    if (!Number.isFinite(w) || w < 0)
      throw new RangeError(`buildAlias: weights[${i}] must be finite and >= 0, got ${w}`);
    sum += w;
  });
  if (!(sum > 0)) throw new RangeError('buildAlias: weights sum to 0, there is nothing to draw');
  return sum;
}

// #region build
export function buildAlias(weights: readonly number[]): AliasTable {
  const n = weights.length;
  const sum = checkWeights(weights);
  // Scale so the average column height is exactly 1.
  const scaled = weights.map((w) => (w * n) / sum);
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
