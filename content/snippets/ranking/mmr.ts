/**
 * Greedy re-rankers that trade relevance against redundancy: Maximal Marginal Relevance
 * (Carbonell & Goldstein, 1998) and, for comparison, greedy MAP inference for a DPP whose
 * kernel is L = diag(r) S diag(r) (Chen, Zhang & Zhou, 2018; the naive O(k n k^3) version).
 */

export type Vector = readonly number[];
export type Matrix = readonly Vector[];

function checkSquare(similarity: Matrix, n: number, name: string): void {
  if (similarity.length !== n || similarity.some((row) => row.length !== n)) {
    throw new RangeError(`${name}: similarity must be ${n} x ${n} to match relevance`);
  }
}

// #region mmr
/**
 * Pick k items one at a time, each maximising
 *   lambda * rel(i) - (1 - lambda) * max_{j already picked} sim(i, j).
 * The first pick has nothing to be redundant with, so the penalty is 0. Ties go to the more
 * relevant item, then to the lower index, so lambda = 0 still starts from the top item.
 */
export function mmrRerank(relevance: Vector, similarity: Matrix, lambda: number, k = relevance.length): number[] {
  const n = relevance.length;
  checkSquare(similarity, n, 'mmrRerank');
  if (lambda < 0 || lambda > 1) throw new RangeError(`mmrRerank: lambda must be in [0, 1], got ${lambda}`);
  const picked: number[] = [];
  // maxSim[i] = max similarity of i to anything picked so far, updated in O(n) per pick.
  const maxSim = new Array<number>(n).fill(-Infinity);
  const left = new Set(relevance.keys());
  while (picked.length < Math.min(k, n)) {
    let best = -1;
    let bestScore = -Infinity;
    for (const i of left) {
      const penalty = picked.length === 0 ? 0 : maxSim[i]!;
      const score = lambda * relevance[i]! - (1 - lambda) * penalty;
      if (score > bestScore || (score === bestScore && relevance[i]! > relevance[best]!)) {
        best = i;
        bestScore = score;
      }
    }
    picked.push(best);
    left.delete(best);
    for (const i of left) maxSim[i] = Math.max(maxSim[i]!, similarity[i]![best]!);
  }
  return picked;
}
// #endregion

/** Cosine similarity of every pair of vectors. */
export function cosineSimilarityMatrix(vectors: Matrix): number[][] {
  const norms = vectors.map((v) => Math.hypot(...v));
  return vectors.map((a, i) =>
    vectors.map((b, j) => a.reduce((s, x, c) => s + x * b[c]!, 0) / (norms[i]! * norms[j]! || 1)),
  );
}

/** Mean pairwise (1 - similarity) over a picked list: the usual intra-list diversity. */
export function intraListDiversity(picked: readonly number[], similarity: Matrix): number {
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < picked.length; a++) {
    for (let b = a + 1; b < picked.length; b++) {
      total += 1 - similarity[picked[a]!]![picked[b]!]!;
      pairs++;
    }
  }
  return pairs === 0 ? 0 : total / pairs;
}

/** log det of a symmetric matrix by Cholesky; -Infinity when it is not positive definite. */
export function logDet(M: Matrix): number {
  const n = M.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = M[i]![j]!;
      for (let c = 0; c < j; c++) s -= L[i]![c]! * L[j]![c]!;
      if (i === j) {
        if (s <= 1e-12) return -Infinity; // a (near) linear dependence: the set adds no volume
        L[i]![i] = Math.sqrt(s);
        sum += Math.log(s);
      } else {
        L[i]![j] = s / L[j]![j]!;
      }
    }
  }
  return sum;
}

// #region dpp
/**
 * Greedy DPP MAP: add the item that most increases log det(L_Y), L_ij = r_i S_ij r_j, so
 * log det L_Y = sum_{i in Y} 2 log r_i + log det S_Y: relevance times the volume the items span.
 * Stops early when every remaining item would make L_Y singular (it duplicates the picked set).
 */
export function dppGreedy(relevance: Vector, similarity: Matrix, k = relevance.length): number[] {
  const n = relevance.length;
  checkSquare(similarity, n, 'dppGreedy');
  if (relevance.some((r) => r <= 0)) throw new RangeError('dppGreedy: relevance must be positive');
  const kernel = (Y: readonly number[]): number[][] =>
    Y.map((i) => Y.map((j) => relevance[i]! * similarity[i]![j]! * relevance[j]!));
  const picked: number[] = [];
  while (picked.length < Math.min(k, n)) {
    let best = -1;
    let bestGain = -Infinity;
    for (let i = 0; i < n; i++) {
      if (picked.includes(i)) continue;
      const value = logDet(kernel([...picked, i]));
      if (value > bestGain) {
        best = i;
        bestGain = value;
      }
    }
    if (best === -1) break; // all remaining items are linearly dependent on the picked ones
    picked.push(best);
  }
  return picked;
}
// #endregion
