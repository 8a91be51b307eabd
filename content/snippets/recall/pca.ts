/**
 * PCA by power iteration with deflation: enough to project a few thousand embeddings to 2-d and
 * look at them, with no linear-algebra library.
 */
import type { Rng } from '../shared/random.ts';

type Matrix = number[][];

// #region covariance
/** Column means of the rows of X. */
export function columnMeans(X: readonly (readonly number[])[]): number[] {
  const first = X[0];
  if (first === undefined) throw new RangeError('X must have at least one row');
  const mean = new Array<number>(first.length).fill(0);
  for (const row of X) {
    if (row.length !== first.length) throw new RangeError('X: all rows must have the same length');
    row.forEach((x, j) => (mean[j]! += x / X.length));
  }
  return mean;
}

/** Sample covariance C = (X - mean)^T (X - mean) / (n - 1). */
export function covariance(X: readonly (readonly number[])[]): Matrix {
  if (X.length < 2) throw new RangeError('covariance: X needs at least two rows');
  const mean = columnMeans(X);
  const d = mean.length;
  const C: Matrix = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const row of X) {
    const c = row.map((x, j) => x - mean[j]!);
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) C[a]![b]! += (c[a]! * c[b]!) / (X.length - 1);
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) C[a]![b] = C[b]![a]!;
  return C;
}
// #endregion

const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const matVec = (M: Matrix, v: readonly number[]): number[] => M.map((row) => dot(row, v));

export interface PowerOptions {
  maxIterations?: number;
  /** Stop when the direction moves less than this between two iterations. */
  tolerance?: number;
}

// #region power
/**
 * Leading eigenpair of a symmetric positive semi-definite matrix: repeat v <- Cv / |Cv|. The
 * component of v along the top eigenvector grows by lambda_1 per step, the others by smaller
 * lambdas, so v turns towards the top eigenvector at rate lambda_2 / lambda_1. `orthogonalTo`
 * keeps v clear of already-found directions, which deflation alone lets round-off undo.
 */
export function powerIteration(
  C: Matrix,
  rng: Rng,
  opts: PowerOptions = {},
  orthogonalTo: readonly (readonly number[])[] = [],
): { vector: number[]; value: number } {
  const maxIterations = opts.maxIterations ?? 1000;
  const tolerance = opts.tolerance ?? 1e-10;
  const project = (v: number[]): number[] => {
    for (const u of orthogonalTo) {
      const c = dot(v, u);
      v = v.map((x, i) => x - c * u[i]!);
    }
    return v;
  };
  const normalise = (v: number[]): number[] | null => {
    const n = Math.sqrt(dot(v, v));
    return n > 1e-300 ? v.map((x) => x / n) : null;
  };
  let v = normalise(project(C.map(() => rng() - 0.5)));
  if (v === null) throw new RangeError('powerIteration: no direction left to search (orthogonalTo spans the space)');
  for (let it = 0; it < maxIterations; it++) {
    const next = normalise(project(matVec(C, v)));
    if (next === null) return { vector: v, value: 0 }; // C is zero on what is left: eigenvalue 0
    const moved = Math.sqrt(next.reduce((s, x, i) => s + (x - v![i]!) ** 2, 0));
    v = next;
    if (moved < tolerance) break;
  }
  // Fix the sign (largest coordinate positive) so repeated runs agree.
  const big = v.reduce((best, x, i) => (Math.abs(x) > Math.abs(v![best]!) ? i : best), 0);
  if (v[big]! < 0) v = v.map((x) => -x);
  return { vector: v, value: dot(v, matVec(C, v)) };
}
// #endregion

export interface PcaResult {
  mean: number[];
  /** Unit principal directions, one per row, by decreasing variance. */
  components: number[][];
  /** Variance along each component (eigenvalues of the covariance), decreasing. */
  eigenvalues: number[];
  /** Total variance (trace of the covariance), for explained-variance ratios. */
  totalVariance: number;
}

// #region pca
/** The top k principal components, found one at a time: power iteration, then deflate C. */
export function pca(X: readonly (readonly number[])[], k: number, rng: Rng, opts: PowerOptions = {}): PcaResult {
  const mean = columnMeans(X);
  if (!Number.isInteger(k) || k < 1 || k > mean.length)
    throw new RangeError(`pca: k must be an integer in [1, ${mean.length}], got ${k}`);
  let C = covariance(X);
  const totalVariance = C.reduce((s, row, i) => s + row[i]!, 0);
  const components: number[][] = [];
  const eigenvalues: number[] = [];
  for (let c = 0; c < k; c++) {
    const { vector, value } = powerIteration(C, rng, opts, components);
    components.push(vector);
    eigenvalues.push(value);
    // Deflation: C <- C - lambda v v^T removes the found direction, so the next power
    // iteration converges to the next-largest one.
    C = C.map((row, a) => row.map((x, b) => x - value * vector[a]! * vector[b]!));
  }
  return { mean, components, eigenvalues, totalVariance };
}

/** Coordinates of each row along the components: (x - mean) . w_c. */
export function project(X: readonly (readonly number[])[], model: PcaResult): number[][] {
  return X.map((row) => model.components.map((w) => row.reduce((s, x, j) => s + (x - model.mean[j]!) * w[j]!, 0)));
}
// #endregion
