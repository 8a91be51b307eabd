/**
 * Gradient boosting with small regression trees (Friedman 2001) on squared loss or log loss, and
 * the leaf-index encoding that turns a trained forest into one-hot features for logistic
 * regression (He et al., Facebook, ADKDD 2014).
 */

export type Loss = 'squared' | 'logistic';
type Rows = readonly (readonly number[])[];

export type TreeNode =
  | { kind: 'leaf'; value: number; leaf: number }
  | { kind: 'split'; feature: number; threshold: number; left: TreeNode; right: TreeNode };

export interface Tree {
  root: TreeNode;
  /** Number of leaves; leaves are numbered 0..leaves-1 from left to right. */
  leaves: number;
}

export interface GbdtModel {
  loss: Loss;
  /** F_0: the best constant (mean of y, or log-odds of the mean for log loss). */
  base: number;
  learningRate: number;
  trees: Tree[];
}

export interface GbdtOptions {
  loss: Loss;
  rounds: number;
  /** 1 = stumps, 2 = up to four leaves, so a tree can express a two-feature interaction. */
  depth: 1 | 2;
  /** Shrinkage eta: each tree's output is scaled by it. */
  learningRate: number;
  /** Fewest samples a leaf may hold (default 1). */
  minLeaf?: number;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

// #region loss
/** Mean training loss of raw scores F against labels y. */
export function meanLoss(loss: Loss, y: readonly number[], F: readonly number[]): number {
  let s = 0;
  y.forEach((yi, i) => {
    const f = F[i]!;
    // log loss written in the logit: log(1 + e^F) - yF, stable for large |F|
    s += loss === 'squared' ? 0.5 * (yi - f) ** 2 : Math.max(f, 0) + Math.log1p(Math.exp(-Math.abs(f))) - yi * f;
  });
  return s / y.length;
}

/** The negative gradient -dL/dF per sample: the residual y - F, or y - sigmoid(F) for log loss. */
export function negativeGradient(loss: Loss, y: readonly number[], F: readonly number[]): number[] {
  return y.map((yi, i) => yi - (loss === 'squared' ? F[i]! : sigmoid(F[i]!)));
}
// #endregion

// #region split
export interface Split {
  feature: number;
  threshold: number;
  /** Drop in the sum of squared errors of the target when the node is split. */
  gain: number;
}

/**
 * Best single split of `rows` for a least-squares fit of `target`. Splitting into L and R lowers
 * the sum of squared errors by S_L^2/n_L + S_R^2/n_R - S^2/n (S = sum of the target), so one
 * sorted pass per feature scores every threshold. Thresholds sit halfway between distinct values.
 */
export function bestSplit(X: Rows, target: readonly number[], rows: readonly number[], minLeaf = 1): Split | null {
  const n = rows.length;
  const total = rows.reduce((s, r) => s + target[r]!, 0);
  let best: Split | null = null;
  const d = X[rows[0] ?? 0]?.length ?? 0;
  for (let f = 0; f < d; f++) {
    const sorted = [...rows].sort((a, b) => X[a]![f]! - X[b]![f]!);
    let leftSum = 0;
    for (let i = 0; i < n - 1; i++) {
      leftSum += target[sorted[i]!]!;
      const here = X[sorted[i]!]![f]!;
      const next = X[sorted[i + 1]!]![f]!;
      const nl = i + 1;
      if (here === next || nl < minLeaf || n - nl < minLeaf) continue;
      const gain = leftSum ** 2 / nl + (total - leftSum) ** 2 / (n - nl) - total ** 2 / n;
      if (best === null || gain > best.gain + 1e-12) best = { feature: f, threshold: (here + next) / 2, gain };
    }
  }
  return best !== null && best.gain > 1e-12 ? best : null;
}
// #endregion

// #region tree
/**
 * Grow a tree on the negative gradient g, then set each leaf's value. Squared loss: the mean of g
 * in the leaf (the exact minimiser). Log loss: one Newton step, sum g / sum p(1 - p), because the
 * mean residual ignores how curved the loss is where p is near 0 or 1.
 */
function growTree(
  X: Rows,
  g: readonly number[],
  hess: readonly number[],
  depth: number,
  minLeaf: number,
  loss: Loss,
): Tree {
  let leaves = 0;
  const grow = (rows: number[], level: number): TreeNode => {
    const split = level < depth ? bestSplit(X, g, rows, minLeaf) : null;
    if (split === null) {
      const sumG = rows.reduce((s, r) => s + g[r]!, 0);
      const denom =
        loss === 'squared'
          ? rows.length
          : Math.max(
              rows.reduce((s, r) => s + hess[r]!, 0),
              1e-12,
            );
      return { kind: 'leaf', value: sumG / denom, leaf: leaves++ };
    }
    const goesLeft = (r: number) => X[r]![split.feature]! <= split.threshold;
    // left is grown first, so leaf numbers run left to right
    const left = grow(rows.filter(goesLeft), level + 1);
    const right = grow(
      rows.filter((r) => !goesLeft(r)),
      level + 1,
    );
    return { kind: 'split', feature: split.feature, threshold: split.threshold, left, right };
  };
  const root = grow(
    X.map((_, i) => i),
    0,
  );
  return { root, leaves };
}

/** The leaf a sample lands in. */
export function leafOf(tree: Tree, x: readonly number[]): Extract<TreeNode, { kind: 'leaf' }> {
  let node = tree.root;
  while (node.kind === 'split') node = x[node.feature]! <= node.threshold ? node.left : node.right;
  return node;
}
// #endregion

// #region boost
/** Fit F_m = F_{m-1} + eta * tree_m, each tree fitted to the negative gradient at F_{m-1}. */
export function fitGbdt(X: Rows, y: readonly number[], opts: GbdtOptions): { model: GbdtModel; lossHistory: number[] } {
  if (X.length === 0 || X.length !== y.length) throw new RangeError('X and y must be non-empty and of equal length');
  if (!Number.isInteger(opts.rounds) || opts.rounds < 0)
    throw new RangeError(`rounds must be a non-negative integer, got ${opts.rounds}`);
  if (!(opts.learningRate > 0 && opts.learningRate <= 1))
    throw new RangeError(`learningRate must be in (0, 1], got ${opts.learningRate}`);
  if (opts.loss === 'logistic' && y.some((v) => v !== 0 && v !== 1))
    throw new RangeError('y must be 0 or 1 for log loss');
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  if (opts.loss === 'logistic' && (mean === 0 || mean === 1))
    throw new RangeError('y must contain both classes for log loss');
  const base = opts.loss === 'squared' ? mean : Math.log(mean / (1 - mean));
  const F = y.map(() => base);
  const model: GbdtModel = { loss: opts.loss, base, learningRate: opts.learningRate, trees: [] };
  const lossHistory = [meanLoss(opts.loss, y, F)];
  for (let m = 0; m < opts.rounds; m++) {
    const g = negativeGradient(opts.loss, y, F);
    const hess = F.map((f) => (opts.loss === 'squared' ? 1 : sigmoid(f) * (1 - sigmoid(f))));
    const tree = growTree(X, g, hess, opts.depth, opts.minLeaf ?? 1, opts.loss);
    model.trees.push(tree);
    X.forEach((x, i) => (F[i]! += opts.learningRate * leafOf(tree, x).value));
    lossHistory.push(meanLoss(opts.loss, y, F));
  }
  return { model, lossHistory };
}

/** Raw score F(x): a prediction for squared loss, a logit for log loss. */
export function predictRaw(model: GbdtModel, x: readonly number[]): number {
  return model.trees.reduce((s, t) => s + model.learningRate * leafOf(t, x).value, model.base);
}
// #endregion

// #region leaves
/**
 * Facebook's GBDT + LR features: each tree is one categorical feature whose value is the leaf
 * the sample falls into. Concatenating one one-hot block per tree gives a sparse binary vector
 * with exactly one 1 per tree; a linear model on it learns a weight per leaf, i.e. per
 * conjunction of the conditions on the path to that leaf.
 */
export function leafOneHot(model: GbdtModel, x: readonly number[]): number[] {
  const out: number[] = [];
  for (const tree of model.trees) {
    const block = new Array<number>(tree.leaves).fill(0);
    block[leafOf(tree, x).leaf] = 1;
    out.push(...block);
  }
  return out;
}
// #endregion

// #region lr
/** Plain logistic regression by full-batch gradient descent, for the GBDT + LR comparison. */
export function fitLogistic(
  X: Rows,
  y: readonly number[],
  opts: { epochs: number; learningRate: number; l2?: number },
): { weights: number[]; bias: number; predict: (x: readonly number[]) => number } {
  const d = X[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const l2 = opts.l2 ?? 0;
  const p = (x: readonly number[]) => sigmoid(x.reduce((s, xi, j) => s + w[j]! * xi, b));
  for (let e = 0; e < opts.epochs; e++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    X.forEach((x, i) => {
      const r = p(x) - y[i]!;
      gb += r;
      x.forEach((xi, j) => (gw[j]! += r * xi));
    });
    for (let j = 0; j < d; j++) w[j]! -= opts.learningRate * (gw[j]! / X.length + l2 * w[j]!);
    b -= (opts.learningRate * gb) / X.length;
  }
  return { weights: w, bias: b, predict: p };
}
// #endregion
