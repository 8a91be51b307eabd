/**
 * The two ways word2vec avoids a softmax over the whole vocabulary:
 *  - skip-gram with negative sampling (SGNS): one positive and k sampled negatives, each a
 *    binary logistic loss;
 *  - hierarchical softmax: a Huffman tree over the vocabulary, P(w | input) is the product of
 *    binary left/right decisions along w's path, so a prediction costs O(log N) dot products.
 */

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
/** log sigma(x) without overflow: -log(1 + e^-x) = -softplus(-x). */
const logSigmoid = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

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
 * Loss and gradients of SGNS for one (centre, context) pair:
 *   d/dv    = (sigma(s_o) - 1) v'_o + sum_k sigma(s_k) v'_k
 *   d/dv'_o = (sigma(s_o) - 1) v
 *   d/dv'_k = sigma(s_k) v
 * with s = v' . v. A positive that already scores high, or a negative that already scores low,
 * contributes almost no gradient.
 */
export function sgnsLoss(
  input: readonly number[],
  positive: readonly number[],
  negatives: readonly (readonly number[])[],
): SgnsResult {
  const so = dot(positive, input);
  const go = sigmoid(so) - 1;
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
  // nodes 0..n-1 are leaves, n..2n-2 inner nodes
  const weight = [...counts, ...new Array<number>(n - 1).fill(0)];
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
 * P(w | input) = prod over w's path of sigma(+-v'_node . input): branch 0 takes sigma(s),
 * branch 1 takes sigma(-s) = 1 - sigma(s), so the two children of every node share its mass and
 * the probabilities over all leaves sum to 1 without any normalising sum.
 */
export function hierarchicalSoftmaxProbability(
  path: readonly PathStep[],
  input: readonly number[],
  nodeVectors: readonly (readonly number[])[],
): number {
  let p = 1;
  for (const { node, bit } of path) p *= sigmoid((bit === 0 ? 1 : -1) * dot(nodeVectors[node]!, input));
  return p;
}
// #endregion
