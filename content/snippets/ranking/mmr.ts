/**
 * Greedy re-rankers that trade relevance against redundancy: Maximal Marginal Relevance
 * (Carbonell & Goldstein, 1998) and, for comparison, greedy MAP inference for a DPP whose
 * kernel is L = diag(r) S diag(r) (Chen, Zhang & Zhou, 2018; the naive version, O(k^4 n) work,
 * where their incremental Cholesky update needs O(k^2 n)). Similarities are computed from unit
 * vectors and determinants in log space, so norms of 1e-200 or 1e200 and relevances of 1e-200
 * or 1e200 neither underflow nor overflow.
 */

export type Vector = readonly number[];
export type Matrix = readonly Vector[];

function checkInputs(relevance: Vector, similarity: Matrix, k: number, name: string): void {
  const n = relevance.length;
  if (similarity.length !== n || similarity.some((row) => row.length !== n)) {
    throw new RangeError(`${name}: similarity must be ${n} x ${n} to match relevance`);
  }
  relevance.forEach((r, i) => {
    if (!Number.isFinite(r)) throw new RangeError(`${name}: relevance[${i}] must be finite, got ${r}`);
  });
  similarity.forEach((row, i) =>
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`${name}: similarity[${i}][${j}] must be finite, got ${v}`);
    }),
  );
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`${name}: k must be a non-negative integer, got ${k}`);
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
  checkInputs(relevance, similarity, k, 'mmrRerank');
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`mmrRerank: lambda must be in [0, 1], got ${lambda}`);
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

/**
 * Cosine similarity of every pair of n vectors (n x n, entries in [-1, 1]). Each vector is scaled
 * to unit length first, dividing by its largest |component| and then by Math.hypot of the rest,
 * so norms of 1e-200 or 1e200 (or 1e308) give the right cosines, where a dot product over a
 * product of norms would be 0, Infinity or NaN. Throws a RangeError on a zero, non-finite or
 * mismatched vector.
 */
export function cosineSimilarityMatrix(vectors: Matrix): number[][] {
  const units = vectors.map((v, i) => {
    if (v.length !== vectors[0]!.length)
      throw new RangeError(`cosineSimilarityMatrix: vectors[${i}] has another length`);
    const largest = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    if (!(largest > 0 && largest < Infinity))
      throw new RangeError(`cosineSimilarityMatrix: vectors[${i}] must be non-zero and finite`);
    const scaled = v.map((x) => x / largest);
    const norm = Math.hypot(...scaled);
    return scaled.map((x) => x / norm);
  });
  const dot = (a: Vector, b: Vector): number => a.reduce((s, x, c) => s + x * b[c]!, 0);
  // Rounding can push a cosine a hair outside [-1, 1]; clamp so that 1 - cos is never negative.
  return units.map((a) => units.map((b) => Math.min(1, Math.max(-1, dot(a, b)))));
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

/**
 * log det of a symmetric n x n matrix by Cholesky; -Infinity when it is not positive definite.
 * A pivot counts as zero when it falls below 1e-12 of its diagonal entry: a relative test, so
 * scaling the matrix by 1e-200 or 1e200 shifts the result by n log(scale) and changes nothing else.
 */
export function logDet(M: Matrix): number {
  const n = M.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = M[i]![j]!;
      for (let c = 0; c < j; c++) s -= L[i]![c]! * L[j]![c]!;
      if (i === j) {
        // a (near) linear dependence: the set adds no volume
        if (!(s > 1e-12 * M[i]![i]!)) return -Infinity;
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
 * The two parts are computed separately, so L itself, whose entries r_i r_j would underflow or
 * overflow for relevances of 1e-200 or 1e200, is never formed. Stops early when every remaining
 * item would make S_Y singular (it duplicates the picked set). Returns up to k indices.
 */
export function dppGreedy(relevance: Vector, similarity: Matrix, k = relevance.length): number[] {
  const n = relevance.length;
  checkInputs(relevance, similarity, k, 'dppGreedy');
  if (relevance.some((r) => r <= 0)) throw new RangeError('dppGreedy: relevance must be positive');
  const logDetL = (Y: readonly number[]): number =>
    Y.reduce((s, i) => s + 2 * Math.log(relevance[i]!), 0) + logDet(Y.map((i) => Y.map((j) => similarity[i]![j]!)));
  const picked: number[] = [];
  while (picked.length < Math.min(k, n)) {
    let best = -1;
    let bestGain = -Infinity;
    for (let i = 0; i < n; i++) {
      if (picked.includes(i)) continue;
      const value = logDetL([...picked, i]);
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
