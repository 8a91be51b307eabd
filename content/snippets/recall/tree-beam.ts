/**
 * Retrieval by beam search over a learned index: TDM's layer-wise search down an item tree, the
 * max-heap node scores that make it exact, TDM's training samples, and Deep Retrieval's beam
 * search over paths of codes.
 *
 * Sources: H. Zhu et al., "Learning Tree-based Deep Model for Recommender Systems", KDD 2018 (TDM);
 * W. Gao et al., "Deep Retrieval: Learning A Retrievable Structure for Large-Scale
 * Recommendations", arXiv 2007.07203 (DR).
 */
import { randomInt, type Rng } from '../shared/random.ts';

/** A rooted tree as children lists: tree[v] are v's children, a leaf has none, node 0 is the root. */
export type Tree = readonly (readonly number[])[];

/**
 * The complete tree of the given depth and branching factor, numbered level by level (heap
 * layout): node v's children are b v + 1 ... b v + b, and the b^depth leaves come last.
 */
export function completeTree(depth: number, branching = 2): number[][] {
  if (!Number.isInteger(depth) || depth < 0) throw new RangeError(`completeTree: depth must be >= 0, got ${depth}`);
  if (!Number.isInteger(branching) || branching < 2)
    throw new RangeError(`completeTree: branching must be an integer >= 2, got ${branching}`);
  const total = (branching ** (depth + 1) - 1) / (branching - 1);
  const firstLeaf = (branching ** depth - 1) / (branching - 1);
  const tree: number[][] = [];
  for (let v = 0; v < total; v++) {
    const children: number[] = [];
    if (v < firstLeaf) for (let c = 1; c <= branching; c++) children.push(branching * v + c);
    tree.push(children);
  }
  return tree;
}

/** The leaves of a tree, in increasing node order. */
export function leavesOf(tree: Tree): number[] {
  return tree.flatMap((children, v) => (children.length === 0 ? [v] : []));
}

/** parent[v] for every node (-1 for the root). Throws a RangeError if a node has two parents. */
export function parentsOf(tree: Tree): number[] {
  const parent = new Array<number>(tree.length).fill(-1);
  tree.forEach((children, v) =>
    children.forEach((c) => {
      if (parent[c] !== -1 || c === 0) throw new RangeError(`parentsOf: node ${c} has more than one parent`);
      parent[c] = v;
    }),
  );
  return parent;
}

/** The path from a node up to the root, the node first. */
export function ancestorsOf(tree: Tree, node: number, parent = parentsOf(tree)): number[] {
  if (!(node >= 0 && node < tree.length)) throw new RangeError(`ancestorsOf: node ${node} is not in the tree`);
  const path: number[] = [];
  for (let v = node; v !== -1; v = parent[v]!) path.push(v);
  return path;
}

/** depth[v]: the root is at level 0, its children at level 1, and so on. */
export function levelsOf(tree: Tree): number[] {
  const level = new Array<number>(tree.length).fill(0);
  for (const v of breadthFirst(tree)) for (const c of tree[v]!) level[c] = level[v]! + 1;
  return level;
}

/** Nodes in breadth-first order from the root: every parent comes before its children. */
export function breadthFirst(tree: Tree): number[] {
  const order = [0];
  for (let q = 0; q < order.length; q++) for (const c of tree[order[q]!]!) order.push(c);
  return order;
}

// #region max-heap
/**
 * Node scores with TDM's max-heap property (taking the layer normaliser alpha = 1): a leaf keeps
 * its own score and an inner node gets the largest score among its children, hence among all the
 * leaves below it. `leafScore[v]` is read for leaves only; the result has one score per node.
 */
export function maxHeapScores(tree: Tree, leafScore: readonly number[]): number[] {
  const score = new Array<number>(tree.length).fill(-Infinity);
  // Children before parents: walk the breadth-first order backwards.
  for (const v of breadthFirst(tree).reverse()) {
    const children = tree[v]!;
    if (children.length === 0) score[v] = leafScore[v]!;
    else for (const c of children) score[v] = Math.max(score[v]!, score[c]!);
  }
  return score;
}
// #endregion

/** Node scores that average the leaves below each node instead: what a parent looks like without the max-heap property. */
export function meanScores(tree: Tree, leafScore: readonly number[]): number[] {
  const sum = new Array<number>(tree.length).fill(0);
  const count = new Array<number>(tree.length).fill(0);
  for (const v of breadthFirst(tree).reverse()) {
    const children = tree[v]!;
    if (children.length === 0) [sum[v], count[v]] = [leafScore[v]!, 1];
    for (const c of children) {
      sum[v]! += sum[c]!;
      count[v]! += count[c]!;
    }
  }
  return sum.map((s, v) => s / count[v]!);
}

export interface BeamResult {
  /** The retrieved leaves, best first (ties to the lower node id). */
  leaves: number[];
  /** How many times the node scorer was called: the cost that replaces scoring every leaf. */
  calls: number;
}

/** The k best of `nodes` by score, ties to the lower node id. */
function topK(nodes: readonly number[], score: readonly number[], k: number): number[] {
  return [...nodes].sort((a, b) => score[b]! - score[a]! || a - b).slice(0, k);
}

// #region beam
/**
 * TDM's layer-wise retrieval: start from the root; at every level move the leaves reached so far
 * into the result set, score the other nodes, keep the k best and expand their children; finally
 * return the k best leaves found. `score(v)` is the model's preference for node v. With max-heap
 * scores this returns the exact top k leaves while scoring about b k nodes per level.
 */
export function beamSearch(tree: Tree, score: (node: number) => number, k: number): BeamResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`beamSearch: k must be a positive integer, got ${k}`);
  const s = new Array<number>(tree.length);
  let calls = 0;
  const scored = (v: number): number => {
    if (s[v] === undefined) {
      s[v] = score(v); // each node is scored once: this count is the search's cost
      calls++;
    }
    return s[v];
  };
  const found: number[] = [];
  let frontier = [0];
  while (frontier.length > 0) {
    const inner: number[] = [];
    for (const v of frontier) (tree[v]!.length === 0 ? found : inner).push(v);
    inner.forEach(scored);
    frontier = topK(inner, s, k).flatMap((v) => tree[v]!);
  }
  found.forEach(scored);
  return { leaves: topK(found, s, k), calls };
}
// #endregion

/** The exact top k leaves by their own scores, ties to the lower node id: the brute-force yardstick. */
export function bruteForceTopK(tree: Tree, leafScore: readonly number[], k: number): number[] {
  return topK(leavesOf(tree), leafScore, k);
}

export interface NodeSample {
  node: number;
  level: number;
  /** 1 for a node above (or at) an item the user interacted with, 0 for a sampled negative. */
  label: 0 | 1;
}

// #region samples
/**
 * TDM's training samples for one user: every leaf the user interacted with and all its ancestors
 * are positives (the user is interested in some item below them); at every level, `negativesPerLevel`
 * other nodes of that level are drawn uniformly without replacement as negatives. The root is
 * skipped: it is above every item and carries no information.
 */
export function tdmSamples(
  tree: Tree,
  positiveLeaves: readonly number[],
  negativesPerLevel: number,
  rng: Rng,
): NodeSample[] {
  if (!Number.isInteger(negativesPerLevel) || negativesPerLevel < 0)
    throw new RangeError(`tdmSamples: negativesPerLevel must be a non-negative integer, got ${negativesPerLevel}`);
  const parent = parentsOf(tree);
  const level = levelsOf(tree);
  const positive = new Set<number>();
  for (const leaf of positiveLeaves) {
    if (tree[leaf]?.length !== 0) throw new RangeError(`tdmSamples: positive ${leaf} is not a leaf`);
    for (const v of ancestorsOf(tree, leaf, parent)) if (v !== 0) positive.add(v);
  }
  const samples: NodeSample[] = [...positive]
    .sort((a, b) => a - b)
    .map((v) => ({ node: v, level: level[v]!, label: 1 }));
  const depth = Math.max(...level);
  for (let l = 1; l <= depth; l++) {
    const pool = level.flatMap((lv, v) => (lv === l && !positive.has(v) ? [v] : []));
    for (let m = 0; m < negativesPerLevel && pool.length > 0; m++) {
      const [v] = pool.splice(randomInt(rng, pool.length), 1);
      samples.push({ node: v!, level: l, label: 0 });
    }
  }
  return samples;
}
// #endregion

/**
 * Binary cross-entropy of one node sample from the model's logit, as a softplus: -log sigmoid(x) =
 * softplus(-x) for a positive and softplus(x) for a negative, finite for logits of +-1000.
 */
export function nodeLoss(logit: number, label: 0 | 1): number {
  const x = label === 1 ? -logit : logit;
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** log softmax of K logits, with the maximum subtracted first. */
export function logSoftmax(logits: readonly number[]): number[] {
  if (logits.length === 0) throw new RangeError('logSoftmax: logits must not be empty');
  const m = Math.max(...logits);
  if (!Number.isFinite(m)) throw new RangeError('logSoftmax: logits must be finite');
  const logSum = Math.log(logits.reduce((s, x) => s + Math.exp(x - m), 0));
  return logits.map((x) => x - m - logSum); // (x - m) first: no cancellation against a large m
}

export interface ScoredPath {
  path: number[];
  /** log p(c | user) = sum over layers of log p(c_d | user, c_1 ... c_{d-1}). */
  logProb: number;
}

// #region path-beam
/**
 * Deep Retrieval's beam search over paths c = (c_1, ..., c_D), each code in 0 ... K-1. `logits(prefix)`
 * returns the K logits of layer d = prefix.length + 1 given the codes chosen so far, so
 * p(c) = prod_d softmax(logits(c_1..c_{d-1}))[c_d]. Keeps the B most probable prefixes per layer,
 * summing log-probabilities (a product of D probabilities would underflow). Unlike a max-heap
 * tree, a prefix that looks weak can still lead to the best path, so a beam can miss it.
 */
export function pathBeamSearch(
  D: number,
  logits: (prefix: readonly number[]) => readonly number[],
  B: number,
): ScoredPath[] {
  if (!Number.isInteger(D) || D < 1) throw new RangeError(`pathBeamSearch: D must be a positive integer, got ${D}`);
  if (!Number.isInteger(B) || B < 1) throw new RangeError(`pathBeamSearch: B must be a positive integer, got ${B}`);
  let beam: ScoredPath[] = [{ path: [], logProb: 0 }];
  for (let d = 0; d < D; d++) {
    const next = beam.flatMap(({ path, logProb }) =>
      logSoftmax(logits(path)).map((lp, c) => ({ path: [...path, c], logProb: logProb + lp })),
    );
    beam = next.sort((a, b) => b.logProb - a.logProb).slice(0, B); // stable sort: ties keep code order
  }
  return beam;
}
// #endregion

/** Every one of the K^D paths with its log-probability, best first: the exact answer for small K and D. */
export function allPaths(D: number, K: number, logits: (prefix: readonly number[]) => readonly number[]): ScoredPath[] {
  return pathBeamSearch(D, logits, K ** D);
}
