/**
 * The two ways word2vec avoids a softmax over the whole vocabulary (Mikolov et al., NeurIPS 2013,
 * arXiv 1310.4546):
 *  - negative sampling (§2.2, Eq. 4): one positive and k sampled negatives, each a binary
 *    logistic loss; shown for skip-gram (one input vector) and for CBOW (an averaged context);
 *  - hierarchical softmax (§2.1, Eq. 3): a Huffman tree over the vocabulary, P(w | input) is the
 *    product of binary left/right decisions along w's path, so a prediction costs O(log N) dot
 *    products.
 */

/** sigma(x) = 1 / (1 + e^-x); exact to rounding for every x (it is 0 or 1 only where it rounds so). */
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
/** log sigma(x) without overflow or cancellation: -softplus(-x) = -(log1p(e^-|x|) + max(-x, 0)). */
const logSigmoid = (x: number): number => -(Math.log1p(Math.exp(-Math.abs(x))) + Math.max(-x, 0));

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let f = 0; f < a.length; f++) s += a[f]! * b[f]!;
  return s;
}

// #region sgns
export interface SgnsResult {
  /** -log sigma(v'_o . v) - sum_k log sigma(-v'_k . v) */
  loss: number;
  /** dLoss / dv (the input vector of the centre word) */
  gradInput: number[];
  /** dLoss / dv'_o (the output vector of the true context word) */
  gradPositive: number[];
  /** dLoss / dv'_k for each negative */
  gradNegatives: number[][];
}

/**
 * Loss and gradients of SGNS for one (centre, context) pair, with input = v (length d),
 * positive = v'_o (length d) and negatives = the k vectors v'_k:
 *   d/dv    = (sigma(s_o) - 1) v'_o + sum_k sigma(s_k) v'_k
 *   d/dv'_o = (sigma(s_o) - 1) v
 *   d/dv'_k = sigma(s_k) v
 * with s = v' . v. A positive that already scores high, or a negative that already scores low,
 * contributes almost no gradient. The loss is finite for every finite score (log-sigmoid, not
 * log of a sigmoid), and sigma(s_o) - 1 is computed as -sigma(-s_o), which keeps its digits
 * when s_o is large (1 - sigma(40) would round to 0).
 */
export function sgnsLoss(
  input: readonly number[],
  positive: readonly number[],
  negatives: readonly (readonly number[])[],
): SgnsResult {
  const so = dot(positive, input);
  const go = -sigmoid(-so); // = sigma(s_o) - 1
  let loss = -logSigmoid(so);
  const gradInput = positive.map((x) => go * x);
  const gradPositive = input.map((x) => go * x);
  const gradNegatives = negatives.map((neg) => {
    const sk = dot(neg, input);
    loss -= logSigmoid(-sk);
    const gk = sigmoid(sk);
    neg.forEach((x, f) => (gradInput[f]! += gk * x));
    return input.map((x) => gk * x);
  });
  return { loss, gradInput, gradPositive, gradNegatives };
}
// #endregion

// #region cbow
export interface CbowResult {
  /** -log sigma(v'_o . h) - sum_k log sigma(-v'_k . h), with h the mean of the context vectors */
  loss: number;
  /** dLoss / dh: one error vector for the whole window */
  gradHidden: number[];
  /** dLoss / dv_c for each context vector: gradHidden / m, identical for every context word */
  gradContexts: number[][];
}

/**
 * CBOW with negative sampling for one window: the m context input vectors are averaged into
 * h = (1/m) sum_c v_c, and h alone predicts the centre word (positive = v'_o) against the
 * negatives. There is one prediction, so one error vector dLoss/dh, and every context vector gets
 * the same share of it, whatever the word. (word2vec.c adds the full dLoss/dh, not divided by
 * m, to each context vector; the direction is the same.)
 */
export function cbowLoss(
  contexts: readonly (readonly number[])[],
  positive: readonly number[],
  negatives: readonly (readonly number[])[],
): CbowResult {
  const m = contexts.length;
  if (m === 0) throw new RangeError('cbowLoss: contexts must not be empty');
  const h = positive.map((_, f) => contexts.reduce((s, v) => s + v[f]! / m, 0)); // mean, without overflow
  const { loss, gradInput } = sgnsLoss(h, positive, negatives);
  return { loss, gradHidden: gradInput, gradContexts: contexts.map(() => gradInput.map((g) => g / m)) };
}
// #endregion

// #region huffman
/** One step of a word's path from the root: which inner node, and which branch (0 or 1). */
export interface PathStep {
  readonly node: number;
  readonly bit: 0 | 1;
}

/**
 * Huffman tree over word counts, by the two-queue method: leaves sorted by count, and merged
 * nodes come out in non-decreasing weight, so the two lightest are always at a queue front.
 * Returns, for each word, its path from the root (inner nodes numbered 0..N-2). Frequent words
 * get short paths, which is what makes hierarchical softmax cheap on real text.
 */
export function huffmanPaths(counts: readonly number[]): PathStep[][] {
  const n = counts.length;
  if (n < 2) throw new RangeError(`huffmanPaths: need at least 2 words, got ${n}`);
  for (const c of counts)
    if (!(c >= 0 && Number.isFinite(c))) throw new RangeError(`huffmanPaths: counts must be finite and >= 0, got ${c}`);
  // Divide by a power of two so the largest count is in [1, 2): that is exact, so ties and the
  // tree are unchanged, and the merged weights (at most 2n) cannot overflow.
  const scale = 2 ** Math.floor(Math.log2(counts.reduce((m, c) => Math.max(m, c), 0) || 1));
  // nodes 0..n-1 are leaves, n..2n-2 inner nodes
  const weight = [...counts.map((c) => c / scale), ...new Array<number>(n - 1).fill(0)];
  const parent = new Array<number>(2 * n - 1).fill(-1);
  const bit = new Array<0 | 1>(2 * n - 1).fill(0);
  const leaves = [...counts.keys()].sort((a, b) => counts[a]! - counts[b]! || a - b);
  const inner: number[] = [];
  let li = 0;
  let ii = 0;
  const popMin = (): number => {
    const takeLeaf = li < leaves.length && (ii >= inner.length || weight[leaves[li]!]! <= weight[inner[ii]!]!);
    return takeLeaf ? leaves[li++]! : inner[ii++]!;
  };
  for (let t = 0; t < n - 1; t++) {
    const a = popMin();
    const b = popMin();
    const node = n + t;
    weight[node] = weight[a]! + weight[b]!;
    parent[a] = node;
    parent[b] = node;
    bit[b] = 1; // the lighter child is branch 0, the heavier branch 1
    inner.push(node);
  }
  return counts.map((_, w) => {
    const path: PathStep[] = [];
    for (let v = w; parent[v] !== -1; v = parent[v]!) path.push({ node: parent[v]! - n, bit: bit[v]! });
    return path.reverse();
  });
}

/**
 * log P(w | input) = sum over w's path of log sigma(+-v'_node . input): branch 0 takes sigma(s),
 * branch 1 takes sigma(-s) = 1 - sigma(s), so the two children of every node share its mass and
 * the probabilities over all leaves sum to 1 without any normalising sum. Summed in logs, so a
 * long path of confident decisions (or a score of -1000) gives a finite log-probability.
 */
export function hierarchicalSoftmaxLogProbability(
  path: readonly PathStep[],
  input: readonly number[],
  nodeVectors: readonly (readonly number[])[],
): number {
  let logP = 0;
  for (const { node, bit } of path) logP += logSigmoid((bit === 0 ? 1 : -1) * dot(nodeVectors[node]!, input));
  return logP;
}
// #endregion

/** P(w | input) = exp of the log-probability above (0 only when it is below about 1e-308). */
export function hierarchicalSoftmaxProbability(
  path: readonly PathStep[],
  input: readonly number[],
  nodeVectors: readonly (readonly number[])[],
): number {
  return Math.exp(hierarchicalSoftmaxLogProbability(path, input, nodeVectors));
}
