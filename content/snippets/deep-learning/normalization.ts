/**
 * Batch normalisation and layer normalisation on a batch stored as rows: `x[i][j]` is feature j of
 * example i. BN normalises each column (one feature across the batch); LN normalises each row
 * (one example across its features). Both then apply a learned scale gamma and shift beta.
 */

export type Matrix = number[][];

function shape(x: readonly (readonly number[])[], who: string): [number, number] {
  const m = x.length;
  const d = x[0]?.length ?? 0;
  if (m === 0 || d === 0) throw new RangeError(`${who}: x must be a non-empty matrix`);
  for (const row of x) {
    if (row.length !== d) throw new RangeError(`${who}: every row of x must have ${d} features`);
    for (const v of row) if (!Number.isFinite(v)) throw new RangeError(`${who}: x must hold finite numbers, got ${v}`);
  }
  return [m, d];
}

function checkEps(eps: number, who: string): void {
  if (!(eps >= 0) || !Number.isFinite(eps))
    throw new RangeError(`${who}: eps must be a finite number >= 0, got ${eps}`);
}

// #region standardize
/**
 * Root mean square of `values`, as a scaled norm: dividing by the largest |value| first keeps the
 * squares in range, so deviations of 1e200 (whose squares overflow to Infinity) and of 1e-200
 * (whose squares underflow to 0) both give the right answer. Math.hypot does the same for two.
 */
export function rms(values: readonly number[]): number {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, Math.abs(v));
  if (scale === 0 || !Number.isFinite(scale)) return scale; // all zero, or an Infinity / NaN
  let sum = 0;
  for (const v of values) sum += (v / scale) ** 2;
  return scale * Math.sqrt(sum / values.length);
}

/**
 * Standardise `values` by their own mean and biased variance: (v - mu) / sqrt(var + eps), with
 * sqrt(var + eps) = hypot(rms of the deviations, sqrt(eps)) so it neither overflows nor underflows.
 * A constant input (every deviation 0) maps to 0s, also when eps = 0. Returns the standardised
 * values, the mean and the variance (which overflows to Infinity beyond |deviations| ~ 1e154).
 * Entries must be finite and below ~1e307 in size (their deviations must be representable).
 */
export function standardize(
  values: readonly number[],
  eps: number,
): { xhat: number[]; mean: number; variance: number } {
  const n = values.length;
  if (n === 0) throw new RangeError('standardize: values must not be empty');
  const mean = values.reduce((s, v) => s + v / n, 0); // v / n first: the sum of 1e308s would overflow
  const dev = values.map((v) => v - mean);
  const sd = rms(dev);
  const denom = Math.hypot(sd, Math.sqrt(eps)); // sqrt(sd^2 + eps) without squaring sd
  return { xhat: dev.map((d) => (d === 0 ? 0 : d / denom)), mean, variance: sd * sd };
}
// #endregion

/** The learned and tracked parameters of a BN layer over d features. */
export interface BatchNormState {
  gamma: number[];
  beta: number[];
  runningMean: number[];
  runningVar: number[];
  /** Weight of the new batch in the running averages (PyTorch's convention; Keras uses 1 - this). */
  momentum: number;
  eps: number;
}

/** gamma = 1, beta = 0, running mean 0 and variance 1: the usual initialisation. */
export function initBatchNorm(d: number, momentum = 0.1, eps = 1e-5): BatchNormState {
  if (!Number.isInteger(d) || d <= 0) throw new RangeError(`initBatchNorm: d must be a positive integer, got ${d}`);
  if (!(momentum > 0 && momentum <= 1))
    throw new RangeError(`initBatchNorm: momentum must be in (0, 1], got ${momentum}`);
  checkEps(eps, 'initBatchNorm');
  return {
    gamma: new Array<number>(d).fill(1),
    beta: new Array<number>(d).fill(0),
    runningMean: new Array<number>(d).fill(0),
    runningVar: new Array<number>(d).fill(1),
    momentum,
    eps,
  };
}

// #region batch-norm
/**
 * Training-mode BN (Ioffe & Szegedy 2015, Algorithm 1). Each feature j is standardised with the
 * mean and (biased) variance of this batch, then scaled and shifted:
 * y = gamma_j * (x - mu_j) / sqrt(var_j + eps) + beta_j. `standardize` computes the root as a
 * scaled norm, so features of size 1e200 or 1e-200 are standardised correctly.
 * Returns the output and the state with updated running statistics (the input state is untouched).
 */
export function batchNormTrain(x: Matrix, state: BatchNormState): { y: Matrix; state: BatchNormState } {
  const [m, d] = shape(x, 'batchNormTrain');
  if (m < 2) throw new RangeError('batchNormTrain: a batch of one example has no variance to normalise by');
  if (state.gamma.length !== d)
    throw new RangeError(`batchNormTrain: state has ${state.gamma.length} features, x has ${d}`);
  checkEps(state.eps, 'batchNormTrain');
  const columns = Array.from({ length: d }, (_, j) =>
    standardize(
      x.map((row) => row[j]!),
      state.eps,
    ),
  );
  const y = x.map((row, i) => row.map((_, j) => state.gamma[j]! * columns[j]!.xhat[i]! + state.beta[j]!));

  // Running averages for inference. The variance is stored unbiased (times m / (m - 1)), as in
  // the paper and in PyTorch: it estimates the population variance, not this batch's.
  const a = state.momentum;
  const next: BatchNormState = {
    ...state,
    runningMean: state.runningMean.map((r, j) => (1 - a) * r + a * columns[j]!.mean),
    runningVar: state.runningVar.map((r, j) => (1 - a) * r + a * columns[j]!.variance * (m / (m - 1))),
  };
  return { y, state: next };
}

/**
 * Inference-mode BN: the running statistics replace the batch's, so each row is treated alone.
 * Throws if a running variance is not a finite number >= 0 (a batch whose deviations exceeded
 * ~1e154 overflows it: its square root would fit in a float64, the variance does not).
 */
export function batchNormInfer(x: Matrix, state: BatchNormState): Matrix {
  const [, d] = shape(x, 'batchNormInfer');
  if (state.gamma.length !== d)
    throw new RangeError(`batchNormInfer: state has ${state.gamma.length} features, x has ${d}`);
  checkEps(state.eps, 'batchNormInfer');
  state.runningVar.forEach((v, j) => {
    if (!(v >= 0) || !Number.isFinite(v))
      throw new RangeError(`batchNormInfer: state.runningVar[${j}] must be a finite number >= 0, got ${v}`);
  });
  return x.map((row) =>
    row.map(
      (v, j) =>
        state.gamma[j]! * ((v - state.runningMean[j]!) / Math.sqrt(state.runningVar[j]! + state.eps)) + state.beta[j]!,
    ),
  );
}
// #endregion

// #region layer-norm
/**
 * Layer norm (Ba, Kiros & Hinton 2016, §3): each example (row) is standardised over its own d
 * features, then y_j = gamma_j * xhat_j + beta_j. No batch statistics, so training and inference
 * are the same computation and a batch of one (or a sequence of any length) is fine. x is m x d,
 * gamma and beta have d entries; returns m x d. Throws a RangeError for an empty, ragged or
 * non-finite x, parameters of the wrong length, or eps that is negative or not finite.
 */
export function layerNorm(x: Matrix, gamma: readonly number[], beta: readonly number[], eps = 1e-5): Matrix {
  const [, d] = shape(x, 'layerNorm');
  if (gamma.length !== d || beta.length !== d) throw new RangeError(`layerNorm: gamma and beta must have ${d} entries`);
  checkEps(eps, 'layerNorm');
  return x.map((row) => standardize(row, eps).xhat.map((v, j) => gamma[j]! * v + beta[j]!));
}
// #endregion

/** Mean and biased variance of each column: what the tests check the outputs against. */
export function columnStats(x: Matrix): { mean: number[]; variance: number[] } {
  const [m, d] = shape(x, 'columnStats');
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, row) => s + row[j]!, 0) / m);
  const variance = Array.from({ length: d }, (_, j) => x.reduce((s, row) => s + (row[j]! - mean[j]!) ** 2, 0) / m);
  return { mean, variance };
}

// #region rms-norm
/**
 * RMSNorm (Zhang & Sennrich 2019, §4): y_j = g_j * x_j / sqrt(mean(x^2) + eps) per row, with no
 * mean subtraction and no shift. The root is hypot(rms(x), sqrt(eps)) with rms a scaled norm, so a
 * row of 1e200s (whose squares overflow) and one of 1e-200s (whose squares underflow to 0) are
 * both normalised correctly. An all-zero row maps to zeros. x is m x d (m rows of d features),
 * gain has d entries; returns m x d. Throws a RangeError for an empty or ragged x, a non-finite
 * entry, a gain of the wrong length, or eps that is negative or not finite.
 */
export function rmsNorm(x: Matrix, gain: readonly number[], eps = 1e-6): Matrix {
  const [, d] = shape(x, 'rmsNorm');
  if (gain.length !== d) throw new RangeError(`rmsNorm: gain must have ${d} entries`);
  checkEps(eps, 'rmsNorm');
  return x.map((row) => {
    const denom = Math.hypot(rms(row), Math.sqrt(eps));
    return row.map((v, j) => (v === 0 ? 0 : gain[j]! * (v / denom)));
  });
}
// #endregion

// #region pre-post-ln
/**
 * One residual stream through L sub-layers F_l(v) = W_l v (W_l a d x d matrix), with the
 * normalisation placed as in the original Transformer (Post-LN) or inside the branch (Pre-LN), as
 * in Xiong et al. 2020, Table 1:
 *   Post-LN: x_{l+1} = LN(x_l + F_l(x_l)),    Pre-LN: x_{l+1} = x_l + F_l(LN(x_l)).
 * LN here has gamma = 1, beta = 0 and eps = 0. x0 has d >= 2 finite entries; weights holds L
 * matrices of d x d. Returns the L + 1 squared norms ||x_l||^2 for l = 0..L: Post-LN holds them at
 * d (an LN output has mean 0 and variance 1), Pre-LN adds about ||F_l(LN(x_l))||^2 every layer.
 * Throws a RangeError for a shorter or non-finite x0 or a weight matrix that is not d x d.
 */
export function residualStreamNorms(
  x0: readonly number[],
  weights: readonly Matrix[],
  placement: 'post' | 'pre',
): number[] {
  const d = x0.length;
  if (d < 2 || !x0.every(Number.isFinite))
    throw new RangeError('residualStreamNorms: x0 must hold at least 2 finite numbers');
  for (const w of weights)
    if (w.length !== d || w.some((row) => row.length !== d))
      throw new RangeError(`residualStreamNorms: every W must be ${d} x ${d}`);
  const ln = (v: readonly number[]) => standardize(v, 0).xhat;
  const apply = (w: Matrix, v: readonly number[]) => w.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0));
  const sq = (v: readonly number[]) => v.reduce((s, a) => s + a * a, 0);
  let x = [...x0];
  const norms = [sq(x)];
  for (const w of weights) {
    const branch = placement === 'post' ? apply(w, x) : apply(w, ln(x));
    const sum = x.map((v, j) => v + branch[j]!);
    x = placement === 'post' ? ln(sum) : sum;
    norms.push(sq(x));
  }
  return norms;
}
// #endregion
