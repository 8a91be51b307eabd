/**
 * Pieces of HSTU (Zhai et al., ICML 2024, "Actions Speak Louder than Words"): the interleaved
 * item/action token sequence that turns ranking into sequential transduction, the pointwise (SiLU)
 * attention that replaces softmax, and the M-FALCON mask that scores several candidates in one
 * pass. Matrices are arrays of rows; a sequence of n tokens with d features is an n x d matrix.
 */
import { matMul, softmax, type Matrix } from '../deep-learning/attention.ts';

/** One logged interaction: the item shown (Φ_i) and what the user did with it (a_i). */
export interface Interaction {
  item: string;
  action: string;
}

/** A token of the interleaved sequence. */
export interface Token {
  kind: 'item' | 'action';
  id: string;
}

// #region interleave
/**
 * Ranking as sequential transduction (Zhai et al. 2024, §2.2, Table 1): the history becomes
 * Φ_0, a_0, Φ_1, a_1, ..., and a candidate Φ_n is appended last. The output at every item token is
 * trained to predict the action that followed it; action tokens predict nothing (null, the
 * paper's ∅). At serving time the output at the candidate's position is its predicted action.
 */
export function rankingSequence(
  history: readonly Interaction[],
  candidate?: string,
): { tokens: Token[]; targets: (string | null)[] } {
  const tokens: Token[] = [];
  const targets: (string | null)[] = [];
  for (const { item, action } of history) {
    tokens.push({ kind: 'item', id: item }, { kind: 'action', id: action });
    targets.push(action, null);
  }
  if (candidate !== undefined) {
    tokens.push({ kind: 'item', id: candidate });
    targets.push(null); // unknown: this is what the model is asked
  }
  return { tokens, targets };
}

/**
 * Retrieval as sequential transduction (same table): one token per interaction (Φ_i, a_i), and
 * the target at position i is the next item Φ_{i+1} only if the user's action on it was positive;
 * otherwise null, because an item the user skipped must not be learned as something to retrieve.
 */
export function retrievalTargets(
  history: readonly Interaction[],
  isPositive: (action: string) => boolean,
): (string | null)[] {
  return history.map((_, i) => {
    const next = history[i + 1];
    return next !== undefined && isPositive(next.action) ? next.item : null;
  });
}
// #endregion

// #region pointwise
/**
 * SiLU(x) = x sigmoid(x), written so that exp never overflows: for x < 0 it is x e^x / (1 + e^x).
 * SiLU(1000) = 1000, SiLU(-1000) = -0 (the true value, -1000 e^-1000, is below the double range).
 */
export function silu(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('silu: x is NaN');
  if (x >= 0) return x / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return (x * e) / (1 + e);
}

/** Options shared by both aggregations. */
export interface AggregationOptions {
  /** mask[i][j] = false forbids output i from reading input j. Default: no mask. */
  mask?: boolean[][];
  /** Added to the raw scores, e.g. HSTU's relative position/time bias rab^{p,t}. Default: 0. */
  bias?: Matrix;
  /** Multiplies Q K^T before the bias (1/sqrt(d) in a Transformer). Default: 1. */
  scale?: number;
}

function scores(q: Matrix, k: Matrix, opts: AggregationOptions): { s: Matrix; allowed: boolean[][] } {
  const dk = q[0]?.length ?? 0;
  if (dk === 0 || k.some((row) => row.length !== dk))
    throw new RangeError('q and k must be non-empty with one width d');
  const scale = opts.scale ?? 1;
  const allowed = q.map((_, i) =>
    k.map((_, j) => {
      const m = opts.mask ? opts.mask[i]?.[j] : true;
      if (m === undefined) throw new RangeError(`mask has no entry [${i}][${j}]`);
      return m;
    }),
  );
  const s = q.map((qi, i) =>
    k.map((kj, j) => {
      const b = opts.bias ? opts.bias[i]?.[j] : 0;
      if (b === undefined) throw new RangeError(`bias has no entry [${i}][${j}]`);
      return scale * qi.reduce((t, x, f) => t + x * kj[f]!, 0) + b;
    }),
  );
  return { s, allowed };
}

/**
 * HSTU's pointwise aggregated attention (Zhai et al. 2024, §3, Eq. 2): A = SiLU(Q K^T + rab), with
 * masked entries set to 0, divided by a constant `normalizer` N (the released code divides by the
 * maximum sequence length), and output A V. Nothing makes a row of A sum to one: a key that matches
 * twice as often adds twice the weight. Q is n x d, K is m x d, V is m x d_v.
 */
export function pointwiseAttention(
  q: Matrix,
  k: Matrix,
  v: Matrix,
  normalizer: number,
  opts: AggregationOptions = {},
): { output: Matrix; weights: Matrix } {
  if (!(normalizer > 0) || !Number.isFinite(normalizer))
    throw new RangeError(`normalizer must be finite and > 0, got ${normalizer}`);
  if (v.length !== k.length) throw new RangeError('v must have one row per key');
  const { s, allowed } = scores(q, k, opts);
  const weights = s.map((row, i) => row.map((x, j) => (allowed[i]![j] ? silu(x) / normalizer : 0)));
  return { output: matMul(weights, v), weights };
}

/** Softmax attention over the same scores, for comparison: every unmasked row sums to one. */
export function softmaxAttention(
  q: Matrix,
  k: Matrix,
  v: Matrix,
  opts: AggregationOptions = {},
): { output: Matrix; weights: Matrix } {
  if (v.length !== k.length) throw new RangeError('v must have one row per key');
  const { s, allowed } = scores(q, k, opts);
  const weights = s.map((row, i) => softmax(row.map((x, j) => (allowed[i]![j] ? x : -Infinity))));
  return { output: matMul(weights, v), weights };
}
// #endregion

// #region m-falcon
/**
 * The M-FALCON mask (Zhai et al. 2024, §3.4): n history tokens followed by b candidate items. The
 * history is causal (token i reads 0..i); each candidate reads the whole history and itself, never
 * another candidate. So b candidates are scored in one pass, each exactly as if it had been
 * appended alone, and the history's keys and values can be cached across micro-batches.
 */
export function mFalconMask(n: number, b: number): boolean[][] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(b) || b < 0) throw new RangeError(`b must be a non-negative integer, got ${b}`);
  return Array.from({ length: n + b }, (_, i) =>
    Array.from({ length: n + b }, (_, j) => (i < n ? j <= i : j < n || j === i)),
  );
}
// #endregion

// #region cost
/**
 * How many attention scores (query-key products, each O(d)) one layer computes to rank m
 * candidates after a history of n tokens, with dense kernels (masked entries are computed too):
 *   'separate': every candidate appended alone and the whole sequence re-encoded: m (n + 1)^2;
 *   'batched':  M-FALCON micro-batches of b candidates, ceil(m / b) (n + b)^2;
 *   'cached':   the history encoded once (n^2), then per micro-batch only the b candidate rows,
 *               each against the n cached history keys and the b candidates: ceil(m / b) b (n + b).
 * (Zhai et al. 2024, §3.4, give the same orders: O(m n^2 d), O((n + b_m)^2 d) per micro-batch,
 * and O(b_m d^2 + b_m n d) per micro-batch with a cache.)
 */
export function attentionScoreCount(n: number, m: number, b: number, mode: 'separate' | 'batched' | 'cached'): number {
  for (const [name, x, min] of [
    ['n', n, 0],
    ['m', m, 1],
    ['b', b, 1],
  ] as const)
    if (!Number.isInteger(x) || x < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${x}`);
  const batches = Math.ceil(m / b);
  if (mode === 'separate') return m * (n + 1) ** 2;
  if (mode === 'batched') return batches * (n + b) ** 2;
  return n * n + batches * b * (n + b);
}
// #endregion
