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
  for (const row of x) if (row.length !== d) throw new RangeError(`${who}: every row of x must have ${d} features`);
  return [m, d];
}

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
 * Training-mode BN. Each feature j is standardised with the mean and (biased) variance of this
 * batch, then scaled and shifted: y = gamma_j * (x - mu_j) / sqrt(var_j + eps) + beta_j.
 * Returns the output and the state with updated running statistics (the input state is untouched).
 */
export function batchNormTrain(x: Matrix, state: BatchNormState): { y: Matrix; state: BatchNormState } {
  const [m, d] = shape(x, 'batchNormTrain');
  if (m < 2) throw new RangeError('batchNormTrain: a batch of one example has no variance to normalise by');
  if (state.gamma.length !== d)
    throw new RangeError(`batchNormTrain: state has ${state.gamma.length} features, x has ${d}`);
  const mean = new Array<number>(d).fill(0);
  const variance = new Array<number>(d).fill(0);
  for (const row of x) row.forEach((v, j) => (mean[j]! += v / m));
  for (const row of x) row.forEach((v, j) => (variance[j]! += (v - mean[j]!) ** 2 / m));

  const y = x.map((row) =>
    row.map((v, j) => state.gamma[j]! * ((v - mean[j]!) / Math.sqrt(variance[j]! + state.eps)) + state.beta[j]!),
  );

  // Running averages for inference. The variance is stored unbiased (times m / (m - 1)), as in
  // the paper and in PyTorch: it estimates the population variance, not this batch's.
  const a = state.momentum;
  const next: BatchNormState = {
    ...state,
    runningMean: state.runningMean.map((r, j) => (1 - a) * r + a * mean[j]!),
    runningVar: state.runningVar.map((r, j) => (1 - a) * r + a * variance[j]! * (m / (m - 1))),
  };
  return { y, state: next };
}

/** Inference-mode BN: the running statistics replace the batch's, so each row is treated alone. */
export function batchNormInfer(x: Matrix, state: BatchNormState): Matrix {
  shape(x, 'batchNormInfer');
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
 * Layer norm: each example (row) is standardised over its own d features, then
 * y_j = gamma_j * xhat_j + beta_j. No batch statistics, so training and inference are the same
 * computation and a batch of one (or a sequence of any length) is fine.
 */
export function layerNorm(x: Matrix, gamma: readonly number[], beta: readonly number[], eps = 1e-5): Matrix {
  const [, d] = shape(x, 'layerNorm');
  if (gamma.length !== d || beta.length !== d) throw new RangeError(`layerNorm: gamma and beta must have ${d} entries`);
  return x.map((row) => {
    const mu = row.reduce((s, v) => s + v, 0) / d;
    const variance = row.reduce((s, v) => s + (v - mu) ** 2, 0) / d;
    const inv = 1 / Math.sqrt(variance + eps);
    return row.map((v, j) => gamma[j]! * (v - mu) * inv + beta[j]!);
  });
}
// #endregion

/** Mean and biased variance of each column: what the tests check the outputs against. */
export function columnStats(x: Matrix): { mean: number[]; variance: number[] } {
  const [m, d] = shape(x, 'columnStats');
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, row) => s + row[j]!, 0) / m);
  const variance = Array.from({ length: d }, (_, j) => x.reduce((s, row) => s + (row[j]! - mean[j]!) ** 2, 0) / m);
  return { mean, variance };
}
