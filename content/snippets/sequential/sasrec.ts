/**
 * Next-item prediction from a behaviour sequence with self-attention, on plain arrays: the masks
 * that separate SASRec (causal) from BERT4Rec (bidirectional), one SASRec block, next-item scores
 * against the shared item-embedding table, the two training losses, BERT4Rec's cloze masking, and
 * the exact expected value of a sampled top-K metric (why sampled evaluation misleads).
 *
 * Sources: Kang & McAuley, Self-Attentive Sequential Recommendation (ICDM 2018), §III;
 * Sun et al., BERT4Rec (CIKM 2019), §3; Krichene & Rendle, On Sampled Metrics for Item
 * Recommendation (KDD 2020).
 */
import { attention, matMul, type Matrix } from '../deep-learning/attention.ts';
import { layerNorm } from '../deep-learning/normalization.ts';
import { shuffle, type Rng } from '../shared/random.ts';
import { logSumExp } from '../training/stable.ts';

export type { Matrix };

/** Item ids are integers >= 0; these two mark a padded slot and a masked (cloze) slot. */
export const PAD = -1;
export const MASK = -2;

// #region masks
/**
 * mask[i][j] = true when query position i may attend to key position j. `valid[t]` is false for
 * a padded slot (SASRec pads short sequences on the left). Causal (SASRec, §III-B): j <= i, so
 * the output at t depends on items 1..t only. Bidirectional (BERT4Rec, §3.3): every valid j.
 * A padded query keeps only itself, so its softmax row is defined; its output is never used.
 */
export function attentionMask(kind: 'causal' | 'bidirectional', valid: readonly boolean[]): boolean[][] {
  if (valid.length === 0) throw new RangeError('attentionMask: valid must not be empty');
  return valid.map((queryValid, i) =>
    valid.map((keyValid, j) => {
      if (!queryValid) return i === j; // a padded query: only itself
      return keyValid && (kind === 'bidirectional' || j <= i);
    }),
  );
}
// #endregion

/** Parameters of one block: d x d attention projections, a d x h and h x d feed-forward net. */
export interface BlockParams {
  wq: Matrix;
  wk: Matrix;
  wv: Matrix;
  w1: Matrix;
  b1: number[];
  w2: Matrix;
  b2: number[];
}

const addRows = (a: Matrix, b: Matrix): Matrix => a.map((row, i) => row.map((v, j) => v + b[i]![j]!));

// #region block
/**
 * One SASRec self-attention block (§III-B, §III-C), single head, at inference (no dropout):
 *   S = X + Attention(LN(X) Wq, LN(X) Wk, LN(X) Wv; mask)
 *   F = S + ReLU(LN(S) W1 + b1) W2 + b2
 * Each sub-layer is wrapped as x + g(LayerNorm(x)), as in the paper. X is n x d (item plus
 * position embeddings); returns the n x d output and the n x n attention weights.
 */
export function selfAttentionBlock(x: Matrix, p: BlockParams, mask: boolean[][]): { output: Matrix; weights: Matrix } {
  const d = x[0]?.length ?? 0;
  const ones = new Array<number>(d).fill(1);
  const zeros = new Array<number>(d).fill(0);
  const h = layerNorm(x, ones, zeros);
  const { output: a, weights } = attention(matMul(h, p.wq), matMul(h, p.wk), matMul(h, p.wv), mask);
  const s = addRows(x, a);
  const hidden = matMul(layerNorm(s, ones, zeros), p.w1).map((row) => row.map((v, j) => Math.max(0, v + p.b1[j]!)));
  const f = matMul(hidden, p.w2).map((row) => row.map((v, j) => v + p.b2[j]!));
  return { output: addRows(s, f), weights };
}
// #endregion

/**
 * The input matrix: row t is item embedding M[s_t] plus learned position embedding P[t]
 * (SASRec §III-A). A padded slot is the zero vector. `itemEmb` is |items| x d, `posEmb` n x d.
 */
export function embedSequence(items: readonly number[], itemEmb: Matrix, posEmb: Matrix): Matrix {
  if (items.length > posEmb.length)
    throw new RangeError(`embedSequence: ${items.length} items but only ${posEmb.length} positions`);
  const d = itemEmb[0]?.length ?? 0;
  return items.map((item, t) => {
    if (item === PAD) return new Array<number>(d).fill(0);
    const e = itemEmb[item];
    if (e === undefined) throw new RangeError(`embedSequence: items[${t}] = ${item} has no embedding`);
    return e.map((v, j) => v + posEmb[t]![j]!);
  });
}

// #region scores
/**
 * Scores of every item as the next one: r_i = F_t . M_i, with M the same table that embeds the
 * input items (SASRec §III-D, "shared item embedding"). `hidden` has d entries; M is |items| x d.
 */
export function nextItemLogits(hidden: readonly number[], itemEmb: Matrix): number[] {
  return itemEmb.map((m, i) => {
    if (m.length !== hidden.length) throw new RangeError('nextItemLogits: hidden and item embeddings differ in width');
    const r = m.reduce((s, v, j) => s + v * hidden[j]!, 0);
    // A score beyond ~1.8e308 has no float64 value; the inputs need normalising, not this sum.
    if (!Number.isFinite(r)) throw new RangeError(`nextItemLogits: the score of item ${i} is not finite (${r})`);
    return r;
  });
}

/** softplus(x) = log(1 + e^x), as max(x, 0) + log1p(e^-|x|): never overflows. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * SASRec's loss at one position (§III-E): binary cross-entropy of the true next item against
 * sampled negatives, -log sigma(r+) - sum log(1 - sigma(r-)) = softplus(-r+) + sum softplus(r-).
 * The paper samples one negative per position.
 */
export function sampledBce(positive: number, negatives: readonly number[]): number {
  for (const z of [positive, ...negatives])
    if (!Number.isFinite(z)) throw new RangeError(`sampledBce: logits must be finite, got ${z}`);
  return negatives.reduce((s, z) => s + softplus(z), softplus(-positive));
}

/**
 * Softmax cross-entropy over the whole catalogue, log sum_i e^{r_i} - r_target (BERT4Rec's
 * loss, §3.6, and the loss Klenitskiy & Vasilev 2023 give SASRec).
 */
export function fullSoftmaxCe(logits: readonly number[], target: number): number {
  const r = logits[target];
  if (!Number.isInteger(target) || r === undefined)
    throw new RangeError(`fullSoftmaxCe: target must index logits, got ${target}`);
  for (const z of logits) if (!Number.isFinite(z)) throw new RangeError(`fullSoftmaxCe: logits must be finite`);
  return logSumExp(logits) - r;
}
// #endregion

// #region next-item-pairs
/**
 * SASRec's training pairs: the output at position t is trained to predict the item at t + 1, so
 * one sequence of n items gives n - 1 examples from a single causal forward pass (§III-E).
 * Pairs whose input or target is padding are dropped.
 */
export function nextItemPairs(items: readonly number[]): { position: number; target: number }[] {
  const pairs: { position: number; target: number }[] = [];
  for (let t = 0; t + 1 < items.length; t++)
    if (items[t] !== PAD && items[t + 1] !== PAD) pairs.push({ position: t, target: items[t + 1]! });
  return pairs;
}
// #endregion

// #region cloze
/**
 * BERT4Rec's cloze input (§3.6): a share rho of the items (at least one) is replaced by MASK and
 * the model must recover them from both sides. Returns the masked input and the targets.
 * At test time BERT4Rec appends one MASK after the last item instead.
 */
export function clozeMask(
  items: readonly number[],
  rho: number,
  rng: Rng,
): { input: number[]; targets: { position: number; target: number }[] } {
  if (!(rho > 0 && rho <= 1)) throw new RangeError(`clozeMask: rho must be in (0, 1], got ${rho}`);
  const slots = items.flatMap((item, t) => (item === PAD ? [] : [t]));
  if (slots.length === 0) throw new RangeError('clozeMask: the sequence has no items');
  const count = Math.max(1, Math.round(rho * slots.length));
  const chosen = shuffle(rng, slots)
    .slice(0, count)
    .sort((a, b) => a - b);
  const input = items.slice();
  for (const t of chosen) input[t] = MASK;
  return { input, targets: chosen.map((t) => ({ position: t, target: items[t]! })) };
}
// #endregion

/** log C(n, k) for integers 0 <= k <= n, summed as log((n - k + i) / i) over the shorter side. */
function logChoose(n: number, k: number): number {
  const j = Math.min(k, n - k);
  let s = 0;
  for (let i = 1; i <= j; i++) s += Math.log((n - j + i) / i);
  return s;
}

function checkSampling(rank: number, numItems: number, numNegatives: number, who: string): void {
  if (!Number.isInteger(numItems) || numItems < 2) throw new RangeError(`${who}: numItems must be an integer >= 2`);
  if (!Number.isInteger(rank) || rank < 1 || rank > numItems)
    throw new RangeError(`${who}: rank must be an integer in [1, numItems], got ${rank}`);
  if (!Number.isInteger(numNegatives) || numNegatives < 0 || numNegatives > numItems - 1)
    throw new RangeError(`${who}: numNegatives must be an integer in [0, numItems - 1], got ${numNegatives}`);
}

// #region sampled-rank
/**
 * The target sits at exact rank `rank` (1 = top) among `numItems` items, so rank - 1 other items
 * score above it. Evaluation draws `numNegatives` of the other numItems - 1 items uniformly
 * without replacement and ranks the target among them. The number X of drawn items above the
 * target is hypergeometric; entry x of the result is P(X = x), i.e. P(sampled rank = x + 1).
 * Computed in log space with the ratio P(x + 1) / P(x), so large catalogues do not underflow.
 */
export function sampledRankPmf(rank: number, numItems: number, numNegatives: number): number[] {
  checkSampling(rank, numItems, numNegatives, 'sampledRankPmf');
  return logPmfPrefix(rank, numItems, numNegatives, numNegatives + 1).map(Math.exp);
}

/** log P(X = x) for x = 0 .. upTo - 1 (-Infinity outside the support). */
function logPmfPrefix(rank: number, numItems: number, m: number, upTo: number): number[] {
  const others = numItems - 1;
  const above = rank - 1;
  const below = others - above;
  const lo = Math.max(0, m - below); // fewer draws than this cannot all come from below
  const hi = Math.min(above, m, upTo - 1);
  const logP = new Array<number>(upTo).fill(-Infinity);
  if (lo > hi) return logP;
  logP[lo] = logChoose(above, lo) + logChoose(below, m - lo) - logChoose(others, m);
  for (let x = lo; x < hi; x++)
    logP[x + 1] = logP[x]! + Math.log(((above - x) * (m - x)) / ((x + 1) * (below - m + x + 1)));
  return logP;
}

/** Probability that the sampled metric counts the target as a hit in its top k: P(X <= k - 1). */
export function sampledHitProbability(rank: number, numItems: number, numNegatives: number, k: number): number {
  checkSampling(rank, numItems, numNegatives, 'sampledHitProbability');
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`sampledHitProbability: k must be a positive integer`);
  const logP = logPmfPrefix(rank, numItems, numNegatives, Math.min(k, numNegatives + 1));
  return Math.min(
    1,
    logP.reduce((s, l) => s + Math.exp(l), 0),
  );
}
// #endregion

/**
 * Exact NDCG@k of one held-out item at exact `rank` (1 = top): 1 / log2(rank + 1) inside the top k,
 * else 0 (one relevant item, so the ideal DCG is 1). Throws a RangeError for a rank or k below 1.
 */
export function exactNdcg(rank: number, k: number): number {
  if (!Number.isInteger(rank) || rank < 1) throw new RangeError(`exactNdcg: rank must be an integer >= 1, got ${rank}`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`exactNdcg: k must be a positive integer, got ${k}`);
  return rank <= k ? 1 / Math.log2(rank + 1) : 0;
}

/** Expected sampled NDCG@k of a target at exact `rank`: sum over x < k of P(X = x) / log2(x + 2). */
export function sampledNdcg(rank: number, numItems: number, numNegatives: number, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`sampledNdcg: k must be a positive integer`);
  return sampledRankPmf(rank, numItems, numNegatives)
    .slice(0, k)
    .reduce((s, p, x) => s + p / Math.log2(x + 2), 0);
}
