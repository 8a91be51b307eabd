/**
 * Squeeze-and-Excitation over field embeddings, as FiBiNET (Huang et al., 2019) adapts SENet
 * (Hu et al., 2018) to CTR models, plus FiBiNET's bilinear feature interaction.
 * Fields play the role of channels: f fields, each an embedding of width k.
 */

export type Vector = readonly number[];
export type Matrix = readonly Vector[];

function matVec(M: Matrix, v: Vector, name: string): number[] {
  return M.map((row, i) => {
    if (row.length !== v.length)
      throw new RangeError(`${name}: row ${i} has ${row.length} columns, input has ${v.length}`);
    return row.reduce((s, m, j) => s + m * v[j]!, 0);
  });
}

const relu = (x: number): number => Math.max(0, x);
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

// #region se-block
export interface SeWeights {
  /** f/r x f: squeezes the f field summaries into f/r numbers (r = reduction ratio). */
  readonly W1: Matrix;
  /** f x f/r: expands back to one weight per field. */
  readonly W2: Matrix;
}

/** SENet gates with sigmoid (weights in (0, 1)); many FiBiNET implementations use ReLU (weights in [0, inf)). */
export type Gate = 'sigmoid' | 'relu';

export interface SeOutput {
  /** Squeeze: one summary number per field. */
  readonly z: number[];
  /** Excitation: one weight per field. */
  readonly a: number[];
  /** Re-weighted embeddings v_i = a_i e_i, same shape as the input. */
  readonly V: number[][];
}

export function seBlock(E: Matrix, weights: SeWeights, gate: Gate = 'relu'): SeOutput {
  const f = E.length;
  if (f === 0) throw new RangeError('seBlock: E has no fields');
  if (weights.W2.length !== f) throw new RangeError(`seBlock: W2 has ${weights.W2.length} rows, expected f = ${f}`);
  // Squeeze: mean-pool each field embedding to one number (SENet's global average pooling).
  const z = E.map((e) => e.reduce((s, x) => s + x, 0) / e.length);
  // Excitation: f -> f/r -> f. The bottleneck forces the weights to depend on all fields jointly.
  const hidden = matVec(weights.W1, z, 'seBlock W1').map(relu);
  const outer = gate === 'sigmoid' ? sigmoid : relu;
  const a = matVec(weights.W2, hidden, 'seBlock W2').map(outer);
  // Re-weight: scale every coordinate of field i by its weight a_i.
  const V = E.map((e, i) => e.map((x) => a[i]! * x));
  return { z, a, V };
}
// #endregion

// #region bilinear
/**
 * FiBiNET's bilinear interaction p_ij = (v_i^T W) ⊙ v_j for every pair i < j, with
 *  'all':         one k x k matrix W shared by every pair,
 *  'each':        one W_i per field i (the left field of the pair),
 *  'interaction': one W_ij per pair.
 */
export type BilinearWeights =
  | { readonly type: 'all'; readonly W: Matrix }
  | { readonly type: 'each'; readonly W: readonly Matrix[] }
  | { readonly type: 'interaction'; readonly W: readonly Matrix[] };

export function bilinearInteraction(V: Matrix, weights: BilinearWeights): number[][] {
  const f = V.length;
  const pairs = (f * (f - 1)) / 2;
  if (weights.type === 'each' && weights.W.length !== f) {
    throw new RangeError(`bilinearInteraction: 'each' needs ${f} matrices, got ${weights.W.length}`);
  }
  if (weights.type === 'interaction' && weights.W.length !== pairs) {
    throw new RangeError(`bilinearInteraction: 'interaction' needs ${pairs} matrices, got ${weights.W.length}`);
  }
  const k = V[0]?.length ?? 0;
  const mats = weights.type === 'all' ? [weights.W] : weights.W;
  for (const W of mats) {
    if (W.length !== k || W.some((row) => row.length !== k)) {
      throw new RangeError(`bilinearInteraction: W must be ${k} x ${k} (the embedding width)`);
    }
  }
  const out: number[][] = [];
  for (let i = 0; i < f; i++) {
    for (let j = i + 1; j < f; j++) {
      const W = weights.type === 'all' ? weights.W : weights.type === 'each' ? weights.W[i]! : weights.W[out.length]!;
      const vi = V[i]!;
      const vj = V[j]!;
      // v_i^T W is a row vector of width k: column c is sum_r v_i[r] W[r][c].
      const viW = vj.map((_, c) => vi.reduce((s, x, r) => s + x * W[r]![c]!, 0));
      out.push(viW.map((x, c) => x * vj[c]!));
    }
  }
  return out;
}
// #endregion
