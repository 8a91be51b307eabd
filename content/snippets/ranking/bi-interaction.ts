/**
 * The second-order crossing family between FM and the deep crossing networks: NFM's bi-interaction
 * pooling (He & Chua, SIGIR 2017), AFM's attention over pairwise interactions (Xiao et al., IJCAI
 * 2017), PNN's inner- and outer-product layers (Qu et al., ICDM 2016) and FFM's field-aware
 * latent vectors (Juan et al., RecSys 2016).
 *
 * Shapes: a sample with n non-zero features is given by its scaled embeddings, one row per feature,
 * e_i = x_i v_i (n x k). Functions that count work take an optional OpCounter and add the number of
 * multiplications they perform, so the cost table of the page is exact.
 */

export type Vector = readonly number[];
export type Matrix = readonly Vector[];

/** Optional instrumentation: each function adds the number of multiplications it performs. */
export interface OpCounter {
  mults: number;
}

function width(E: Matrix, where: string): number {
  const k = E[0]?.length ?? 0;
  E.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`${where}: row ${i} of E has length ${row.length}, expected ${k}`);
    if (!row.every(Number.isFinite)) throw new RangeError(`${where}: row ${i} of E has a non-finite entry`);
  });
  return k;
}

function finite(out: number[], where: string): number[] {
  if (!out.every(Number.isFinite))
    throw new RangeError(`${where}: the result overflows a double; rescale the embeddings`);
  return out;
}

// #region bi-naive
/** sum_{i<j} e_i ⊙ e_j pair by pair: n(n-1)/2 Hadamard products of length k, k multiplications each. */
export function biInteractionNaive(E: Matrix, ops?: OpCounter): number[] {
  const k = width(E, 'biInteractionNaive');
  const out = new Array<number>(k).fill(0);
  for (let i = 0; i < E.length; i++)
    for (let j = i + 1; j < E.length; j++) {
      for (let f = 0; f < k; f++) out[f]! += E[i]![f]! * E[j]![f]!;
      if (ops) ops.mults += k;
    }
  return finite(out, 'biInteractionNaive');
}
// #endregion

// #region bi-interaction
/**
 * NFM's bi-interaction pooling in its O(kn) form (He & Chua 2017):
 *   f_BI = 1/2 [ (sum_i e_i)^2 - sum_i e_i^2 ]   (squares taken coordinate-wise).
 * Each coordinate is first divided by a power of two near its largest |e_if| (exact), so that the
 * squares cannot overflow when the answer is finite; the subtraction still cancels (see
 * biInteractionPrefix).
 * E is n x k; returns a k-vector. Throws a RangeError on ragged rows or overflow.
 */
export function biInteraction(E: Matrix, ops?: OpCounter): number[] {
  const k = width(E, 'biInteraction');
  const out = new Array<number>(k).fill(0);
  for (let f = 0; f < k; f++) {
    const max = E.reduce((m, row) => Math.max(m, Math.abs(row[f]!)), 0);
    if (max === 0) continue;
    const s = 2 ** Math.floor(Math.log2(max)); // a power of two: dividing by it is exact
    let sum = 0;
    let sumSq = 0;
    for (const row of E) {
      const t = row[f]! / s;
      sum += t;
      sumSq += t * t;
    }
    out[f] = 0.5 * (sum * sum - sumSq) * s * s; // left to right: (r s) s, never s^2 alone
    if (ops) ops.mults += E.length + 2; // n squares, the square of the sum, the halving (not the rescaling)
  }
  return finite(out, 'biInteraction');
}
// #endregion

// #region bi-prefix
/**
 * The same sum as sum_j e_j ⊙ (e_1 + ... + e_{j-1}): also O(kn), but it never subtracts two large
 * squares, so it is as accurate as the pair loop when one embedding dwarfs the others.
 * (This form is the page's own; NFM uses the identity above.)
 */
export function biInteractionPrefix(E: Matrix, ops?: OpCounter): number[] {
  const k = width(E, 'biInteractionPrefix');
  const out = new Array<number>(k).fill(0);
  const prefix = new Array<number>(k).fill(0);
  for (const row of E) {
    for (let f = 0; f < k; f++) {
      out[f]! += row[f]! * prefix[f]!;
      prefix[f]! += row[f]!;
    }
    if (ops) ops.mults += k;
  }
  return finite(out, 'biInteractionPrefix');
}
// #endregion

// #region afm
/** AFM's attention network: logit_ij = h^T ReLU(W (e_i ⊙ e_j) + b), W is t x k, b and h have length t. */
export interface AfmAttention {
  readonly W: Matrix;
  readonly b: Vector;
  readonly h: Vector;
}

/**
 * AFM's pooling (Xiao et al. 2017): a softmax over the n(n-1)/2 pairs weights each
 * interaction e_i ⊙ e_j, and p projects the pooled k-vector to a score. Every pair is formed
 * explicitly, so the cost is O(t k n^2). The softmax is computed by log-sum-exp, so logits of
 * any size give finite weights. Returns the pair weights (in the order (0,1), (0,2), ..., (n-2,n-1)),
 * the pooled vector and the score p . pooled. Throws a RangeError on bad shapes or n < 2.
 */
export function afmPooling(
  E: Matrix,
  attn: AfmAttention,
  p: Vector,
  ops?: OpCounter,
): { weights: number[]; pooled: number[]; score: number } {
  const k = width(E, 'afmPooling');
  if (E.length < 2) throw new RangeError('afmPooling: E needs at least two rows (one pair)');
  if (p.length !== k) throw new RangeError(`afmPooling: p has length ${p.length}, expected ${k}`);
  if (attn.W.some((row) => row.length !== k)) throw new RangeError(`afmPooling: every row of W needs length ${k}`);
  if (attn.b.length !== attn.W.length || attn.h.length !== attn.W.length)
    throw new RangeError('afmPooling: W, b and h need the same number t of rows/entries');
  const pairs: number[][] = [];
  const logits: number[] = [];
  for (let i = 0; i < E.length; i++)
    for (let j = i + 1; j < E.length; j++) {
      const pij = E[i]!.map((v, f) => v * E[j]![f]!);
      const hidden = attn.W.map((row, a) =>
        Math.max(
          0,
          row.reduce((s, w, f) => s + w * pij[f]!, attn.b[a]!),
        ),
      );
      pairs.push(pij);
      logits.push(hidden.reduce((s, z, a) => s + attn.h[a]! * z, 0));
      if (ops) ops.mults += k + attn.W.length * k + attn.W.length; // Hadamard, W, h
    }
  const max = Math.max(...logits);
  const logZ = max + Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0));
  const weights = logits.map((l) => Math.exp(l - logZ));
  const pooled = new Array<number>(k).fill(0);
  pairs.forEach((pij, q) => pij.forEach((v, f) => (pooled[f]! += weights[q]! * v)));
  if (ops) ops.mults += pairs.length * k + k;
  finite(pooled, 'afmPooling');
  const score = pooled.reduce((s, v, f) => s + v * p[f]!, 0);
  return { weights, pooled, score: finite([score], 'afmPooling')[0]! };
}
// #endregion

// #region pnn
/** IPNN's product signals: the n x n matrix of inner products <f_i, f_j> of the field embeddings. */
export function pnnInnerProducts(E: Matrix): number[][] {
  width(E, 'pnnInnerProducts');
  return E.map((a) => E.map((b) => a.reduce((s, v, f) => s + v * b[f]!, 0)));
}

/**
 * One IPNN product neuron with the paper's first-order decomposition W_p = theta theta^T
 * (Qu et al. 2016, IPNN): sum_{i,j} theta_i theta_j <f_i, f_j> = || sum_i theta_i f_i ||^2,
 * O(nk) instead of O(n^2 k). theta has one weight per field.
 */
export function ipnnNeuron(E: Matrix, theta: Vector): number {
  const k = width(E, 'ipnnNeuron');
  if (theta.length !== E.length)
    throw new RangeError(`ipnnNeuron: theta has length ${theta.length}, expected ${E.length}`);
  const delta = new Array<number>(k).fill(0);
  E.forEach((row, i) => row.forEach((v, f) => (delta[f]! += theta[i]! * v)));
  return finite([delta.reduce((s, v) => s + v * v, 0)], 'ipnnNeuron')[0]!;
}

/**
 * OPNN's superposition (Qu et al. 2016): sum_i sum_j f_i f_j^T = f_Σ f_Σ^T with
 * f_Σ = sum_i f_i: one k x k outer product instead of n^2 of them.
 */
export function opnnSumPooled(E: Matrix): number[][] {
  const k = width(E, 'opnnSumPooled');
  const fSum = new Array<number>(k).fill(0);
  for (const row of E) row.forEach((v, f) => (fSum[f]! += v));
  return fSum.map((a) =>
    finite(
      fSum.map((b) => a * b),
      'opnnSumPooled',
    ),
  );
}
// #endregion

// #region ffm
/** One active feature of an FFM input: its field, its value x_j and its latent vectors, one per field. */
export interface FfmFeature {
  readonly field: number;
  readonly x: number;
  readonly w: Matrix; // w[f] is the vector this feature uses when it meets a feature of field f
}

/**
 * FFM's pairwise term (Juan et al. 2016): sum_{j1<j2} <w_{j1, f2}, w_{j2, f1}> x_j1 x_j2,
 * where f1, f2 are the two features' fields. Each feature picks the vector for the other's field,
 * so the sum does not factorise: O(k n^2) for n active features. Throws a RangeError on a field
 * index with no vector.
 */
export function ffmPairwise(features: readonly FfmFeature[], ops?: OpCounter): number {
  let total = 0;
  for (let a = 0; a < features.length; a++)
    for (let b = a + 1; b < features.length; b++) {
      const fa = features[a]!;
      const fb = features[b]!;
      const wa = fa.w[fb.field];
      const wb = fb.w[fa.field];
      if (!wa || !wb)
        throw new RangeError(`ffmPairwise: feature ${wa ? b : a} has no vector for field ${wa ? fa.field : fb.field}`);
      total += wa.reduce((s, v, f) => s + v * wb[f]!, 0) * fa.x * fb.x;
      if (ops) ops.mults += wa.length + 2;
    }
  return finite([total], 'ffmPairwise')[0]!;
}
// #endregion

// #region cost
/**
 * Multiplications per sample for n active features, embedding width k and attention width t,
 * as counted by the functions above (the tests check each count against the instrumented code):
 * pair loop k n(n-1)/2; NFM identity k(n + 2); prefix form k n; AFM (2k + t k + t) n(n-1)/2 + k;
 * FFM (k + 2) n(n-1)/2.
 */
export function interactionMults(n: number, k: number, t: number) {
  const pairs = (n * (n - 1)) / 2;
  return {
    pairLoop: k * pairs,
    nfmIdentity: k * (n + 2),
    prefix: k * n,
    afm: (2 * k + t * k + t) * pairs + k,
    ffm: (k + 2) * pairs,
  };
}
// #endregion
