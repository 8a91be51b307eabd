/**
 * Gradient boosting with small regression trees (Friedman 2001) on squared loss or log loss, and
 * the leaf-index encoding that turns a trained forest into one-hot features for logistic
 * regression (He et al., Facebook, ADKDD 2014, §3.1). Also the seeded data set the page, its
 * tests and its figure share, and a logistic regression fitted to convergence by Newton's method.
 */
import type { Rng } from '../shared/random.ts';

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
  /** Shrinkage eta in (0, 1]: each tree's output is scaled by it. */
  learningRate: number;
  /** Fewest samples a leaf may hold (default 1). */
  minLeaf?: number;
}

/** The logistic function, in two branches so that exp never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow for large z or loss of digits for very negative z. */
export const softplus = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));

/**
 * The click data of the page, tests and figure: x uniform in [0, 1]^3, and a click with
 * probability 0.85 when exactly one of (x0 > 0.4) and (x1 > 0.6) holds, 0.15 otherwise. The
 * label is an XOR of two thresholds flipped with probability 0.15; x2 is noise.
 */
export function xorClickData(rng: Rng, n: number): { X: number[][]; y: number[] } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  const X = Array.from({ length: n }, () => [rng(), rng(), rng()]);
  const y = X.map((x) => (rng() < (x[0]! > 0.4 !== x[1]! > 0.6 ? 0.85 : 0.15) ? 1 : 0));
  return { X, y };
}

/**
 * The lowest expected log loss any model can reach on `xorClickData`: the entropy of the label
 * given x, -(0.15 ln 0.15 + 0.85 ln 0.85) = 0.4227 nats. A held-out loss below it is impossible.
 */
export const XOR_BAYES_LOG_LOSS = -(0.15 * Math.log(0.15) + 0.85 * Math.log(0.85));

// #region loss
/** Mean loss of raw scores F against labels y (F is a logit for log loss). */
export function meanLoss(loss: Loss, y: readonly number[], F: readonly number[]): number {
  if (y.length === 0 || F.length !== y.length) throw new RangeError('y and F must be non-empty and of equal length');
  let s = 0;
  y.forEach((yi, i) => {
    const f = F[i]!;
    // log loss written in the logit, log(1 + e^F) - yF, with a softplus that is stable for any F
    s += loss === 'squared' ? 0.5 * (yi - f) ** 2 : softplus(f) - yi * f;
  });
  return s / y.length;
}

/** The negative gradient -dL/dF per sample: the residual y - F, or y - sigmoid(F) for log loss. */
export function negativeGradient(loss: Loss, y: readonly number[], F: readonly number[]): number[] {
  if (loss === 'squared') return y.map((yi, i) => yi - F[i]!);
  // 1 - sigmoid(F) is written sigmoid(-F) so that it keeps its digits when sigmoid(F) is near 1
  return y.map((yi, i) => (yi === 1 ? sigmoid(-F[i]!) : yi - sigmoid(F[i]!)));
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
/**
 * Fit F_m = F_{m-1} + eta * tree_m, each tree fitted to the negative gradient at F_{m-1}.
 * `lossHistory[m]` is the mean training loss after m trees (index 0: the constant F_0).
 */
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
    // p(1 - p) written sigmoid(F) sigmoid(-F): 1 - sigmoid(F) would round to 0 for F above about 37
    const hess = F.map((f) => (opts.loss === 'squared' ? 1 : sigmoid(f) * sigmoid(-f)));
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

/**
 * Mean loss on any (e.g. held-out) set after 0, 1, ..., M trees: the curve to watch when choosing
 * the number of rounds, since the training loss keeps falling.
 */
export function stagedLoss(model: GbdtModel, X: Rows, y: readonly number[]): number[] {
  const F = X.map(() => model.base);
  const history = [meanLoss(model.loss, y, F)];
  for (const tree of model.trees) {
    X.forEach((x, i) => (F[i]! += model.learningRate * leafOf(tree, x).value));
    history.push(meanLoss(model.loss, y, F));
  }
  return history;
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

export interface LogisticFit {
  bias: number;
  weights: number[];
  /** Newton iterations taken. */
  iterations: number;
  /** Euclidean norm of the objective's gradient at the returned weights. */
  gradientNorm: number;
  /** True when gradientNorm fell below the tolerance. */
  converged: boolean;
  /**
   * Objective after 0, 1, ... iterations; it never rises by more than rounding (1e-12 relative):
   * the step is halved until it does not.
   */
  objectiveHistory: number[];
  logit: (x: readonly number[]) => number;
}

/** Solve A s = b for a symmetric positive definite A by Cholesky factorisation A = L L^T. */
function solveSpd(A: number[][], b: number[]): number[] {
  const n = b.length;
  const L = A.map(() => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let diag = A[j]![j]!;
    for (let k = 0; k < j; k++) diag -= L[j]![k]! ** 2;
    if (!(diag > 0)) throw new RangeError('fitLogistic: the Hessian is singular (collinear features); use l2 > 0');
    L[j]![j] = Math.sqrt(diag);
    for (let i = j + 1; i < n; i++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = s / L[j]![j]!;
    }
  }
  const z = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * z[k]!;
    z[i] = s / L[i]![i]!;
  }
  const out = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k]![i]! * out[k]!;
    out[i] = s / L[i]![i]!;
  }
  return out;
}

// #region lr
/**
 * Logistic regression fitted to convergence by Newton's method (iteratively reweighted least
 * squares). It minimises the mean log loss plus (l2 / 2) ||w||^2 (the bias is not penalised):
 *   gradient  g = (1/n) sum_i (p_i - y_i) [1, x_i] + l2 [0, w]
 *   Hessian   H = (1/n) sum_i p_i (1 - p_i) [1, x_i][1, x_i]^T + l2 diag(0, 1, ..., 1)
 * and steps by H^{-1} g, halving the step while the objective rises by more than its rounding
 * error, until ||g|| < tol. There is no learning rate to tune, and the stopping rule certifies
 * convergence. Throws a RangeError when the Hessian is singular (collinear columns with l2 = 0).
 */
export function fitLogistic(
  X: Rows,
  y: readonly number[],
  opts: { l2: number; tol?: number; maxIterations?: number },
): LogisticFit {
  if (X.length === 0 || X.length !== y.length) throw new RangeError('X and y must be non-empty and of equal length');
  if (y.some((v) => v !== 0 && v !== 1)) throw new RangeError('y must be 0 or 1');
  if (!(opts.l2 >= 0 && Number.isFinite(opts.l2))) throw new RangeError(`l2 must be finite and >= 0, got ${opts.l2}`);
  const n = X.length;
  const rows = X.map((x) => [1, ...x]); // a constant 1 carries the bias
  const d = rows[0]!.length;
  const penalty = (t: readonly number[]) => (opts.l2 / 2) * t.reduce((s, v, j) => s + (j === 0 ? 0 : v * v), 0);
  const scores = (t: readonly number[]) => rows.map((r) => r.reduce((s, v, j) => s + v * t[j]!, 0));
  const objective = (t: readonly number[]) => meanLoss('logistic', y, scores(t)) + penalty(t);
  let theta = new Array<number>(d).fill(0);
  const history = [objective(theta)];
  let gradientNorm = Infinity;
  let iterations = 0;
  for (; iterations < (opts.maxIterations ?? 50); iterations++) {
    const z = scores(theta);
    const g = theta.map((t, j) => (j === 0 ? 0 : opts.l2 * t));
    const H = theta.map((_, j) => theta.map((_, k) => (j === k && j > 0 ? opts.l2 : 0)));
    rows.forEach((r, i) => {
      const residual = y[i] === 1 ? -sigmoid(-z[i]!) : sigmoid(z[i]!); // p - y, without cancellation
      const curvature = sigmoid(z[i]!) * sigmoid(-z[i]!); // p (1 - p)
      for (let j = 0; j < d; j++) {
        if (r[j] === 0) continue; // one-hot rows are mostly zeros
        g[j]! += (residual * r[j]!) / n;
        for (let k = 0; k <= j; k++) H[j]![k]! += (curvature * r[j]! * r[k]!) / n;
      }
    });
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) H[k]![j] = H[j]![k]!; // fill the upper triangle
    gradientNorm = Math.hypot(...g);
    if (gradientNorm < (opts.tol ?? 1e-9)) break;
    const step = solveSpd(H, g);
    let scale = 1;
    let next = theta.map((t, j) => t - step[j]!);
    // Near the optimum a Newton step lowers the objective by about g.step / 2, less than the
    // rounding error of a mean over n terms; a strict "must fall" test would then reject good
    // steps and stall with ||g|| just above tol. So a rise within rounding is accepted.
    const slack = 1e-12 * Math.max(1, Math.abs(history.at(-1)!));
    while (objective(next) > history.at(-1)! + slack && scale > 1e-10) {
      scale /= 2;
      next = theta.map((t, j) => t - scale * step[j]!);
    }
    theta = next;
    history.push(objective(theta));
  }
  const [bias, ...weights] = theta as [number, ...number[]];
  return {
    bias,
    weights,
    iterations,
    gradientNorm,
    converged: gradientNorm < (opts.tol ?? 1e-9),
    objectiveHistory: history,
    logit: (x) => x.reduce((s, v, j) => s + v * weights[j]!, bias),
  };
}
// #endregion

/*
 * XGBoost's second-order split finding (Chen & Guestrin, KDD 2016, §2.2): each round expands the
 * loss to second order around the current scores, with g_i = dl/dF and h_i = d2l/dF2 per sample,
 * and adds the penalty γ T + (λ / 2) sum_j w_j^2 over the T leaf weights w_j. With G_j, H_j the
 * sums of g and h in leaf j, the best weight is w_j = -G_j / (H_j + λ) (Eq. 5), the objective
 * -1/2 sum_j G_j^2 / (H_j + λ) + γ T (Eq. 6), and a split is worth Eq. 7 below.
 */

/** Per-sample gradient g = dl/dF and Hessian h = d2l/dF2 of the loss at raw scores F. */
export function xgbGradients(loss: Loss, y: readonly number[], F: readonly number[]): { g: number[]; h: number[] } {
  if (y.length !== F.length) throw new RangeError('xgbGradients: y and F must have equal length');
  if (loss === 'squared') return { g: F.map((f, i) => f - y[i]!), h: F.map(() => 1) };
  // log loss in the logit: g = σ(F) - y, h = σ(F) σ(-F); 1 - σ(F) is written σ(-F) to keep its digits
  return {
    g: F.map((f, i) => (y[i] === 1 ? -sigmoid(-f) : sigmoid(f))),
    h: F.map((f) => sigmoid(f) * sigmoid(-f)),
  };
}

// #region xgb-gain
function checkGH(who: string, G: number, H: number, lambda: number): void {
  if (!Number.isFinite(G)) throw new RangeError(`${who}: G must be finite, got ${G}`);
  if (!(H >= 0 && H < Infinity)) throw new RangeError(`${who}: H must be finite and >= 0, got ${H}`);
  if (!(lambda >= 0 && lambda < Infinity))
    throw new RangeError(`${who}: lambda must be finite and >= 0, got ${lambda}`);
  if (!(H + lambda > 0)) throw new RangeError(`${who}: H + lambda must be > 0 (an empty leaf with lambda = 0)`);
}

/** The best weight of a leaf, w = -G / (H + λ) (Chen & Guestrin 2016, Eq. 5). */
export function xgbLeafWeight(G: number, H: number, lambda: number): number {
  checkGH('xgbLeafWeight', G, H, lambda);
  return -G / (H + lambda);
}

/**
 * A leaf's score G^2 / (H + λ): twice the drop in the second-order objective that the leaf's best
 * weight buys. Written G * (G / (H + λ)), so that G = 1e200 with H = 1e200 gives 1e200 instead of
 * squaring G to Infinity first.
 */
export function xgbLeafScore(G: number, H: number, lambda: number): number {
  checkGH('xgbLeafScore', G, H, lambda);
  return G * (G / (H + lambda));
}

/**
 * The gain of splitting a leaf into L and R (Chen & Guestrin 2016, Eq. 7):
 *   1/2 [G_L^2/(H_L+λ) + G_R^2/(H_R+λ) - (G_L+G_R)^2/(H_L+H_R+λ)] - γ.
 * Positive: the split lowers the regularised objective. The γ per extra leaf is what prunes.
 */
export function xgbSplitGain(GL: number, HL: number, GR: number, HR: number, lambda: number, gamma = 0): number {
  if (!(gamma >= 0 && gamma < Infinity))
    throw new RangeError(`xgbSplitGain: gamma must be finite and >= 0, got ${gamma}`);
  const children = xgbLeafScore(GL, HL, lambda) + xgbLeafScore(GR, HR, lambda);
  return 0.5 * (children - xgbLeafScore(GL + GR, HL + HR, lambda)) - gamma;
}
// #endregion

export interface XgbSplitOptions {
  /** L2 penalty on leaf weights (XGBoost's `lambda`, default 1). */
  lambda: number;
  /** Cost of each extra leaf (XGBoost's `gamma`, default 0). */
  gamma: number;
  /** Smallest sum of h a child may hold (XGBoost's `min_child_weight`, default 1). */
  minChildWeight: number;
}

export interface XgbSplit {
  feature: number;
  threshold: number;
  gain: number;
  GL: number;
  HL: number;
  GR: number;
  HR: number;
}

// #region xgb-exact
/**
 * Exact greedy split finding (Chen & Guestrin 2016, Algorithm 1) over the given rows: sort each
 * feature, scan left to right accumulating G_L and H_L, and score every threshold between two
 * distinct values by Eq. 7. Returns the best split with positive gain, or null.
 */
export function xgbBestSplit(
  X: Rows,
  g: readonly number[],
  h: readonly number[],
  rows: readonly number[],
  opts: XgbSplitOptions,
): XgbSplit | null {
  const G = rows.reduce((s, r) => s + g[r]!, 0);
  const H = rows.reduce((s, r) => s + h[r]!, 0);
  let best: XgbSplit | null = null;
  const d = X[rows[0] ?? 0]?.length ?? 0;
  for (let f = 0; f < d; f++) {
    const sorted = [...rows].sort((a, b) => X[a]![f]! - X[b]![f]!);
    let GL = 0;
    let HL = 0;
    for (let k = 0; k < sorted.length - 1; k++) {
      GL += g[sorted[k]!]!;
      HL += h[sorted[k]!]!;
      const here = X[sorted[k]!]![f]!;
      const next = X[sorted[k + 1]!]![f]!;
      if (here === next || HL < opts.minChildWeight || H - HL < opts.minChildWeight) continue;
      const gain = xgbSplitGain(GL, HL, G - GL, H - HL, opts.lambda, opts.gamma);
      if (gain > 0 && (best === null || gain > best.gain))
        best = { feature: f, threshold: (here + next) / 2, gain, GL, HL, GR: G - GL, HR: H - HL };
    }
  }
  return best;
}
// #endregion

// #region histogram-bins
/**
 * Histogram split finding (as in LightGBM; XGBoost's approximate algorithm, §3.2, works on
 * bucketed statistics too): map each value of a feature to one of B bins once, by cut points at
 * its quantiles, then per node sum g and h per bin in O(rows) and scan B bins instead of the
 * sorted rows. `cuts` are the upper edges of bins 0..B-2; bin b holds cuts[b-1] < x <= cuts[b].
 */
export function quantileCuts(values: readonly number[], bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 2)
    throw new RangeError(`quantileCuts: bins must be an integer >= 2, got ${bins}`);
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  if (distinct.length <= bins) return distinct.slice(0, -1); // one bin per distinct value
  const sorted = [...values].sort((a, b) => a - b);
  const cuts = new Set<number>();
  for (let b = 1; b < bins; b++) cuts.add(sorted[Math.floor((b * sorted.length) / bins) - 1]!);
  return [...cuts].filter((c) => c < distinct.at(-1)!).sort((a, b) => a - b);
}

// #endregion

// #region histogram
/** The bin of x for the given cuts: the number of cuts strictly below x (binary search). */
export function binOf(cuts: readonly number[], x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Histogram {
  G: number[];
  H: number[];
}

/** Sum g and h per bin over the given rows: O(rows). */
export function buildHistogram(
  bins: readonly number[],
  g: readonly number[],
  h: readonly number[],
  rows: readonly number[],
  nBins: number,
): Histogram {
  const hist: Histogram = { G: new Array<number>(nBins).fill(0), H: new Array<number>(nBins).fill(0) };
  for (const r of rows) {
    hist.G[bins[r]!]! += g[r]!;
    hist.H[bins[r]!]! += h[r]!;
  }
  return hist;
}

/** A sibling's histogram for free: parent minus the other child, O(bins) (LightGBM's subtraction). */
export function subtractHistogram(parent: Histogram, child: Histogram): Histogram {
  return { G: parent.G.map((v, b) => v - child.G[b]!), H: parent.H.map((v, b) => v - child.H[b]!) };
}

/**
 * Best split of one histogram: left = bins 0..b, right = bins b+1..B-1, scored by Eq. 7.
 * Returns the bin b to split after and the gain, or null when no split has positive gain.
 */
export function histogramBestSplit(hist: Histogram, opts: XgbSplitOptions): { bin: number; gain: number } | null {
  const G = hist.G.reduce((a, b) => a + b, 0);
  const H = hist.H.reduce((a, b) => a + b, 0);
  let GL = 0;
  let HL = 0;
  let best: { bin: number; gain: number } | null = null;
  for (let b = 0; b < hist.G.length - 1; b++) {
    GL += hist.G[b]!;
    HL += hist.H[b]!;
    if (HL < opts.minChildWeight || H - HL < opts.minChildWeight) continue;
    const gain = xgbSplitGain(GL, HL, G - GL, H - HL, opts.lambda, opts.gamma);
    if (gain > 0 && (best === null || gain > best.gain)) best = { bin: b, gain };
  }
  return best;
}
// #endregion

// #region leaf-wise
export interface XgbLeaf {
  rows: number[];
  depth: number;
  /** w = -G / (H + λ) */
  weight: number;
}

/**
 * Grow one tree on (g, h) up to `maxLeaves` leaves, with exact splits scored by Eq. 7.
 * 'level-wise' (depth-wise, XGBoost's default) splits every leaf of a level before going deeper,
 * up to `maxDepth`; 'leaf-wise' (best-first, LightGBM's) always splits the leaf whose best split
 * gains most, wherever it is. Returns the leaves and the tree's regularised second-order objective
 * -1/2 sum_j G_j^2/(H_j + λ) + γ T (Eq. 6): lower is better.
 */
export function growXgbTree(
  X: Rows,
  g: readonly number[],
  h: readonly number[],
  opts: XgbSplitOptions & { policy: 'level-wise' | 'leaf-wise'; maxLeaves: number; maxDepth: number },
): { leaves: XgbLeaf[]; objective: number } {
  type Open = { rows: number[]; depth: number; split: XgbSplit | null };
  const open = (rows: number[], depth: number): Open => ({
    rows,
    depth,
    split: depth < opts.maxDepth ? xgbBestSplit(X, g, h, rows, opts) : null,
  });
  let leaves: Open[] = [
    open(
      X.map((_, i) => i),
      0,
    ),
  ];
  const splitLeaf = (leaf: Open): Open[] => {
    const { feature, threshold } = leaf.split!;
    const left = leaf.rows.filter((r) => X[r]![feature]! <= threshold);
    const right = leaf.rows.filter((r) => X[r]![feature]! > threshold);
    return [open(left, leaf.depth + 1), open(right, leaf.depth + 1)];
  };
  if (opts.policy === 'leaf-wise') {
    while (leaves.length < opts.maxLeaves) {
      let best = -1;
      leaves.forEach((l, k) => {
        if (l.split && (best < 0 || l.split.gain > leaves[best]!.split!.gain)) best = k;
      });
      if (best < 0) break; // no leaf has a split with positive gain
      leaves.splice(best, 1, ...splitLeaf(leaves[best]!));
    }
  } else {
    for (let depth = 0; depth < opts.maxDepth; depth++) {
      const next = leaves.flatMap((l) => (l.split && l.depth === depth ? splitLeaf(l) : [l]));
      if (next.length > opts.maxLeaves || next.length === leaves.length) break;
      leaves = next;
    }
  }
  let objective = opts.gamma * leaves.length;
  const out = leaves.map((l) => {
    const G = l.rows.reduce((s, r) => s + g[r]!, 0);
    const H = l.rows.reduce((s, r) => s + h[r]!, 0);
    objective -= 0.5 * xgbLeafScore(G, H, opts.lambda);
    return { rows: l.rows, depth: l.depth, weight: xgbLeafWeight(G, H, opts.lambda) };
  });
  return { leaves: out, objective };
}
// #endregion
