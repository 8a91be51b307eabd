/**
 * PCA by power iteration with deflation: enough to project a few thousand embeddings to 2-d and
 * look at them, with no linear-algebra library.
 */
import type { Rng } from '../shared/random.ts';

type Matrix = number[][];

// #region covariance
/** Column means of the rows of X (n rows of d finite numbers). */
export function columnMeans(X: readonly (readonly number[])[]): number[] {
  const first = X[0];
  if (first === undefined) throw new RangeError('X must have at least one row');
  const mean = new Array<number>(first.length).fill(0);
  for (const row of X) {
    if (row.length !== first.length) throw new RangeError('X: all rows must have the same length');
    if (!row.every(Number.isFinite)) throw new RangeError('X: every entry must be a finite number');
    // x / n before adding: a sum of entries near 1e308 would overflow.
    row.forEach((x, j) => (mean[j]! += x / X.length));
  }
  return mean;
}

/**
 * The covariance of X divided by s^2, and s: the sample covariance is C = s^2 * scaled. The
 * centred data is divided by its largest |x - mean| = s first, so the products lie in [-1, 1]:
 * deviations of 1e-200 do not square to 0, nor deviations of 1e200 to Infinity.
 */
export function scaledCovariance(X: readonly (readonly number[])[]): { scaled: Matrix; scale: number } {
  if (X.length < 2) throw new RangeError('covariance: X needs at least two rows');
  const mean = columnMeans(X);
  const d = mean.length;
  const centred = X.map((row) => row.map((x, j) => x - mean[j]!));
  const s = centred.reduce((m, row) => row.reduce((mm, x) => Math.max(mm, Math.abs(x)), m), 0);
  const scale = s > 0 && s < Infinity ? s : 1; // all rows equal: C = 0 at any scale
  const C: Matrix = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const row of centred) {
    const c = row.map((x) => x / scale);
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) C[a]![b]! += (c[a]! * c[b]!) / (X.length - 1);
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) C[a]![b] = C[b]![a]!;
  return { scaled: C, scale };
}

/** Sample covariance C = (X - mean)^T (X - mean) / (n - 1), d x d. */
export function covariance(X: readonly (readonly number[])[]): Matrix {
  const { scaled, scale } = scaledCovariance(X);
  // (c * s) * s rather than c * s^2: s^2 alone would overflow for s = 1e200 even when C does not.
  return scaled.map((row) => row.map((c) => c * scale * scale));
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
 * Leading eigenpair of a symmetric positive semi-definite d x d matrix: repeat v <- Cv / |Cv|. The
 * component of v along the top eigenvector grows by lambda_1 per step, the others by smaller
 * lambdas, so v turns towards the top eigenvector at rate lambda_2 / lambda_1. `orthogonalTo`
 * keeps v clear of already-found directions, which deflation alone lets round-off undo.
 * Returns a unit vector and its eigenvalue (Rayleigh quotient v^T C v).
 */
export function powerIteration(
  C: Matrix,
  rng: Rng,
  opts: PowerOptions = {},
  orthogonalTo: readonly (readonly number[])[] = [],
): { vector: number[]; value: number } {
  const maxIterations = opts.maxIterations ?? 1000;
  const tolerance = opts.tolerance ?? 1e-10;
  // Work on C / max|C_ab| (same eigenvectors, eigenvalues divided by it): entries of 1e-300 or
  // 1e300 cannot underflow or overflow in C v.
  const cMax = C.reduce((m, row) => row.reduce((mm, x) => Math.max(mm, Math.abs(x)), m), 0);
  if (!Number.isFinite(cMax)) throw new RangeError('powerIteration: C must have finite entries');
  const cScale = cMax > 0 ? cMax : 1;
  const M = C.map((row) => row.map((x) => x / cScale));
  const project = (v: number[]): number[] => {
    for (const u of orthogonalTo) {
      const c = dot(v, u);
      v = v.map((x, i) => x - c * u[i]!);
    }
    return v;
  };
  const normalise = (v: number[]): number[] | null => {
    const n = norm(v);
    return n > 1e-300 ? v.map((x) => x / n) : null;
  };
  let v = normalise(project(M.map(() => rng() - 0.5)));
  if (v === null) throw new RangeError('powerIteration: no direction left to search (orthogonalTo spans the space)');
  for (let it = 0; it < maxIterations; it++) {
    const next = normalise(project(matVec(M, v)));
    if (next === null) return { vector: v, value: 0 }; // C is zero on what is left: eigenvalue 0
    const moved = norm(next.map((x, i) => x - v![i]!));
    v = next;
    if (moved < tolerance) break;
  }
  // Fix the sign (largest coordinate positive) so repeated runs agree.
  const big = v.reduce((best, x, i) => (Math.abs(x) > Math.abs(v![best]!) ? i : best), 0);
  if (v[big]! < 0) v = v.map((x) => -x);
  return { vector: v, value: dot(v, matVec(M, v)) * cScale };
}

/** Euclidean length, scaled by the largest |x| first so that tiny or huge entries stay exact. */
function norm(v: readonly number[]): number {
  const m = v.reduce((mm, x) => Math.max(mm, Math.abs(x)), 0);
  if (m === 0 || !Number.isFinite(m)) return m;
  return m * Math.sqrt(v.reduce((s, x) => s + (x / m) * (x / m), 0));
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
  /**
   * Share of the total variance along each component, lambda_c / tr C, computed on the scaled
   * covariance so it stays exact even where the variances themselves underflow or overflow.
   */
  explainedRatio: number[];
}

// #region pca
/**
 * The top k principal components of X (n rows of d numbers), found one at a time: power
 * iteration, then deflate C. The work is done on the covariance of the data divided by its
 * largest deviation s (see scaledCovariance); variances are multiplied back by s^2 at the end.
 */
export function pca(X: readonly (readonly number[])[], k: number, rng: Rng, opts: PowerOptions = {}): PcaResult {
  const mean = columnMeans(X);
  if (!Number.isInteger(k) || k < 1 || k > mean.length)
    throw new RangeError(`pca: k must be an integer in [1, ${mean.length}], got ${k}`);
  const { scaled, scale } = scaledCovariance(X);
  let C = scaled;
  const trace = C.reduce((s, row, i) => s + row[i]!, 0);
  const components: number[][] = [];
  const values: number[] = [];
  for (let c = 0; c < k; c++) {
    const { vector, value } = powerIteration(C, rng, opts, components);
    components.push(vector);
    values.push(value);
    // Deflation: C <- C - lambda v v^T removes the found direction, so the next power
    // iteration converges to the next-largest one.
    C = C.map((row, a) => row.map((x, b) => x - value * vector[a]! * vector[b]!));
  }
  return {
    mean,
    components,
    eigenvalues: values.map((l) => l * scale * scale),
    totalVariance: trace * scale * scale,
    explainedRatio: values.map((l) => (trace > 0 ? l / trace : 0)),
  };
}

/** Coordinates of each row along the components: (x - mean) . w_c. */
export function project(X: readonly (readonly number[])[], model: PcaResult): number[][] {
  return X.map((row) => model.components.map((w) => row.reduce((s, x, j) => s + (x - model.mean[j]!) * w[j]!, 0)));
}
// #endregion
