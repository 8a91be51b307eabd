/**
 * word2vec's negative sampler: the unigram table.
 *
 * Each word w gets a share of a unit segment proportional to f(w)^alpha (alpha = 0.75 in
 * word2vec; 0 gives uniform, 1 the raw frequency). The segment is cut into M >> N equal cells and
 * each cell remembers which word covers it, so drawing a negative is one uniform integer and one
 * array read: O(1), with M words of memory.
 */
import type { Rng } from '../shared/random.ts';

// #region distribution
/**
 * P_n(w) = f(w)^alpha / sum_v f(v)^alpha (Mikolov et al. 2013, §2.2, with alpha = 3/4), for N
 * positive finite counts; returns N probabilities. Each weight is taken relative to the
 * largest count, in logs: (f / f_max)^alpha = exp(alpha (log f - log f_max)) is at most 1, so
 * neither the powers nor their sum can overflow, and f / f_max cannot underflow to 0 first.
 */
export function negativeDistribution(counts: readonly number[], alpha = 0.75): number[] {
  if (counts.length === 0) throw new RangeError('negativeDistribution: counts must not be empty');
  for (const c of counts)
    if (!(c > 0 && Number.isFinite(c)))
      throw new RangeError(`negativeDistribution: counts must be positive and finite, got ${c}`);
  if (!(alpha >= 0 && Number.isFinite(alpha)))
    throw new RangeError(`negativeDistribution: alpha must be finite and >= 0, got ${alpha}`);
  const max = counts.reduce((m, c) => Math.max(m, c), 0);
  const w = counts.map((c) => Math.exp(alpha * (Math.log(c) - Math.log(max))));
  const total = w.reduce((a, b) => a + b, 0); // between 1 and N
  return w.map((x) => x / total);
}
// #endregion

// #region table
/**
 * Cell a (of M) belongs to the word whose segment contains the cell's midpoint (a + 0.5) / M,
 * so word w gets M * P_n(w) cells give or take one. A word with P_n(w) < 1/M can get no cell at
 * all: M must be much larger than the vocabulary (word2vec uses 10^8).
 */
export function buildUnigramTable(counts: readonly number[], tableSize: number, alpha = 0.75): Uint32Array {
  if (!Number.isInteger(tableSize) || tableSize < counts.length) {
    throw new RangeError(
      `buildUnigramTable: tableSize must be an integer >= the vocabulary size (${counts.length}), got ${tableSize}`,
    );
  }
  const p = negativeDistribution(counts, alpha);
  const table = new Uint32Array(tableSize);
  let word = 0;
  let end = p[0]!; // right end of the current word's segment
  for (let a = 0; a < tableSize; a++) {
    const mid = (a + 0.5) / tableSize;
    while (mid >= end && word < p.length - 1) end += p[++word]!;
    table[a] = word;
  }
  return table;
}
// #endregion

// #region draw
/**
 * Draw up to k negatives for one positive (the word being predicted). As in word2vec.c, a draw
 * that hits the positive itself is skipped, not redrawn: "w is not a context of itself" would
 * be a contradictory training signal, and skipping keeps the draw O(1). Returns word indices.
 */
export function sampleNegatives(table: Uint32Array, rng: Rng, k: number, positive: number): number[] {
  if (!Number.isInteger(k) || k < 0)
    throw new RangeError(`sampleNegatives: k must be a non-negative integer, got ${k}`);
  const out: number[] = [];
  for (let d = 0; d < k; d++) {
    const w = table[Math.floor(rng() * table.length)]!;
    if (w === positive) continue;
    out.push(w);
  }
  return out;
}
// #endregion
