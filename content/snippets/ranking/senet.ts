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
/** The logistic function, in two branches so that exp never overflows (finite for every finite x). */
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Return `rows` if every entry is finite; otherwise a RangeError naming the step that overflowed. */
function finiteRows(rows: number[][], where: string): number[][] {
  if (!rows.every((row) => row.every(Number.isFinite)))
    throw new RangeError(`${where}: the output overflows a double; rescale the embeddings or weights`);
  return rows;
}

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

/**
 * The SE block over f field embeddings E (f x k): squeeze, excite, re-weight (Hu et al. 2018,
 * §3; the SENET layer of FiBiNET, Huang et al. 2019). W1 is f/r x f, W2 is f x f/r. Throws a RangeError on
 * bad shapes, an empty embedding, or an output beyond the double range.
 */
export function seBlock(E: Matrix, weights: SeWeights, gate: Gate = 'relu'): SeOutput {
  const f = E.length;
  if (f === 0) throw new RangeError('seBlock: E has no fields');
  if (E.some((e) => e.length === 0)) throw new RangeError('seBlock: every field embedding needs width k >= 1');
  if (weights.W2.length !== f) throw new RangeError(`seBlock: W2 has ${weights.W2.length} rows, expected f = ${f}`);
  // Squeeze: mean-pool each field embedding to one number (SENet's global average pooling);
  // dividing each term by k first keeps the sum of entries near 1e308 from overflowing.
  const z = E.map((e) => e.reduce((s, x) => s + x / e.length, 0));
  // Excitation: f -> f/r -> f. The bottleneck forces the weights to depend on all fields jointly.
  const hidden = matVec(weights.W1, z, 'seBlock W1').map(relu);
  const outer = gate === 'sigmoid' ? sigmoid : relu;
  const a = matVec(weights.W2, hidden, 'seBlock W2').map(outer);
  // Re-weight: scale every coordinate of field i by its weight a_i.
  const V = E.map((e, i) => e.map((x) => a[i]! * x));
  return { z, a, V: finiteRows(V, 'seBlock') };
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

/**
 * FiBiNET's Bilinear-Interaction layer (Huang et al. 2019) over f field embeddings V (f x k): returns
 * the f(f-1)/2 vectors p_ij (width k) in the order (0,1), (0,2), ..., (f-2, f-1). Throws a
 * RangeError on the wrong number or shape of matrices, or an output beyond the double range.
 */
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
  return finiteRows(out, 'bilinearInteraction');
}
// #endregion
