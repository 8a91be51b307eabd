/**
 * Matrix factorisation for explicit ratings: r_ui ~ p_u . q_i, fitted on the observed entries
 * only, with L2 regularisation applied per observed rating (the form in Koren, Bell & Volinsky
 * 2009, where the penalty sits inside the sum over ratings):
 *
 *   J = sum_{(u,i) observed} (r_ui - p_u . q_i)^2 + lambda (|p_u|^2 + |q_i|^2)
 *
 * Two ways to minimise it: SGD (one rating at a time) and ALS (alternately solve for all user
 * vectors, then all item vectors, each an exact ridge regression; Zhou et al. 2008, ALS-WR).
 */
import { normal, shuffle, type Rng } from '../shared/random.ts';

export interface Rating {
  readonly u: number;
  readonly i: number;
  readonly r: number;
}

export interface MfModel {
  /** User factors, one row of length k per user. */
  readonly P: number[][];
  /** Item factors, one row of length k per item. */
  readonly Q: number[][];
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let f = 0; f < a.length; f++) s += a[f]! * b[f]!;
  return s;
}

/**
 * Small random factors, N(0, scale^2) entries: all-zero factors would give zero gradients and
 * never move. Returns nUsers x k and nItems x k matrices.
 */
export function initMf(nUsers: number, nItems: number, k: number, rng: Rng, scale = 0.1): MfModel {
  const rows = (n: number) => Array.from({ length: n }, () => Array.from({ length: k }, () => scale * normal(rng)));
  return { P: rows(nUsers), Q: rows(nItems) };
}

export function predict(m: MfModel, u: number, i: number): number {
  return dot(m.P[u]!, m.Q[i]!);
}

// #region objective
/**
 * J above: squared error on observed entries plus a per-rating L2 penalty (Koren et al. 2009,
 * Eq. 2). A sum of squares: it is Infinity only when J itself exceeds the double range (~1.8e308).
 */
export function objective(m: MfModel, ratings: readonly Rating[], lambda: number): number {
  let j = 0;
  for (const { u, i, r } of ratings) {
    const p = m.P[u]!;
    const q = m.Q[i]!;
    const e = r - dot(p, q);
    j += e * e + lambda * (dot(p, p) + dot(q, q));
  }
  return j;
}

/**
 * Root mean squared error over the given ratings. The errors are divided by the largest one before
 * squaring (as Math.hypot does), so errors of 1e200 do not overflow and errors of 1e-200 do not
 * underflow to an RMSE of 0.
 */
export function rmse(m: MfModel, ratings: readonly Rating[]): number {
  if (ratings.length === 0) throw new RangeError('rmse: ratings must not be empty');
  const errors = ratings.map(({ u, i, r }) => r - predict(m, u, i));
  const scale = errors.reduce((a, e) => Math.max(a, Math.abs(e)), 0);
  if (scale === 0 || !Number.isFinite(scale)) return scale; // all exact, or an error that is Infinity/NaN
  const meanSquare = errors.reduce((a, e) => a + (e / scale) ** 2, 0) / errors.length;
  return scale * Math.sqrt(meanSquare);
}
// #endregion

// #region sgd
/**
 * One SGD step on one rating. The gradient of e^2 + lambda(|p|^2 + |q|^2) w.r.t. p is
 * -2 e q + 2 lambda p; the factor 2 is folded into the learning rate. Both updates use the old
 * p and q, so the step is a true gradient step.
 */
export function sgdStep(m: MfModel, { u, i, r }: Rating, lr: number, lambda: number): number {
  const p = m.P[u]!;
  const q = m.Q[i]!;
  const e = r - dot(p, q);
  for (let f = 0; f < p.length; f++) {
    const pf = p[f]!;
    const qf = q[f]!;
    p[f] = pf + lr * (e * qf - lambda * pf);
    q[f] = qf + lr * (e * pf - lambda * qf);
  }
  return e;
}

/** One pass over the ratings in a fresh random order (a fixed order biases the last users seen). */
export function sgdEpoch(m: MfModel, ratings: readonly Rating[], lr: number, lambda: number, rng: Rng): void {
  for (const rating of shuffle(rng, ratings)) sgdStep(m, rating, lr, lambda);
}
// #endregion

// #region als
/** Solve A x = b for a symmetric positive definite k x k matrix A by Cholesky (A = L L^T). */
export function solveSpd(A: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i]![j]!;
      for (let t = 0; t < j; t++) s -= L[i]![t]! * L[j]![t]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError('solveSpd: A must be symmetric positive definite');
        L[i]![i] = Math.sqrt(s);
      } else L[i]![j] = s / L[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0); // L y = b
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let t = 0; t < i; t++) s -= L[i]![t]! * y[t]!;
    y[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(n).fill(0); // L^T x = y
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let t = i + 1; t < n; t++) s -= L[t]![i]! * x[t]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

/**
 * With Q fixed, J is a ridge regression in each p_u. Setting its gradient to zero gives
 *   (sum_{i in K_u} q_i q_i^T + lambda n_u I) p_u = sum_{i in K_u} r_ui q_i,
 * n_u = |K_u| because the penalty is paid once per rating (ALS-WR's weighted lambda).
 */
function solveSide(
  target: number[][],
  fixed: readonly (readonly number[])[],
  rows: readonly { other: number; r: number }[][],
  lambda: number,
): void {
  target.forEach((vec, a) => {
    const obs = rows[a]!;
    if (obs.length === 0) return; // no data: leave the vector where it is
    const k = vec.length;
    const A = Array.from({ length: k }, (_, f) =>
      Array.from({ length: k }, (_, g) => (f === g ? lambda * obs.length : 0)),
    );
    const b = new Array<number>(k).fill(0);
    for (const { other, r } of obs) {
      const q = fixed[other]!;
      for (let f = 0; f < k; f++) {
        b[f]! += r * q[f]!;
        for (let g = 0; g < k; g++) A[f]![g]! += q[f]! * q[g]!;
      }
    }
    target[a] = solveSpd(A, b);
  });
}

/**
 * One ALS sweep: solve every user vector with Q fixed, then every item vector with P fixed. Each
 * half-step minimises J exactly over its half of the variables, so J never increases; it can still
 * stop at a poor stationary point, since J is not convex in (P, Q) jointly.
 */
export function alsSweep(m: MfModel, ratings: readonly Rating[], lambda: number): void {
  if (!(lambda > 0)) throw new RangeError(`alsSweep: lambda must be > 0, got ${lambda}`);
  const byUser = m.P.map(() => [] as { other: number; r: number }[]);
  const byItem = m.Q.map(() => [] as { other: number; r: number }[]);
  for (const { u, i, r } of ratings) {
    byUser[u]!.push({ other: i, r });
    byItem[i]!.push({ other: u, r });
  }
  solveSide(m.P, m.Q, byUser, lambda);
  solveSide(m.Q, m.P, byItem, lambda);
}
// #endregion

// #region fm-view
/** Biased MF (Koren et al.): global mean + user bias + item bias + interaction. */
export function biasedMfPredict(
  mu: number,
  bu: number,
  bi: number,
  p: readonly number[],
  q: readonly number[],
): number {
  return mu + bu + bi + dot(p, q);
}

/** A factorisation machine, naive O(k n^2): w0 + sum_i w_i x_i + sum_{i<j} <v_i, v_j> x_i x_j. */
export function fmPredict(
  w0: number,
  w: readonly number[],
  V: readonly (readonly number[])[],
  x: readonly number[],
): number {
  let y = w0;
  for (let i = 0; i < x.length; i++) y += w[i]! * x[i]!;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === 0) continue;
    for (let j = i + 1; j < x.length; j++) if (x[j] !== 0) y += dot(V[i]!, V[j]!) * x[i]! * x[j]!;
  }
  return y;
}
// #endregion

// #region toy
/**
 * A toy rating matrix with known structure: ratings are exactly p*_u . q*_i for random rank-k
 * factors, each entry observed with probability `density`; the rest are held out to test whether
 * the fitted factors generalise to entries they never saw.
 */
export function lowRankRatings(
  nUsers: number,
  nItems: number,
  k: number,
  density: number,
  rng: Rng,
): { train: Rating[]; test: Rating[] } {
  const P = Array.from({ length: nUsers }, () => Array.from({ length: k }, () => normal(rng)));
  const Q = Array.from({ length: nItems }, () => Array.from({ length: k }, () => normal(rng)));
  const train: Rating[] = [];
  const test: Rating[] = [];
  for (let u = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++) {
      const rating = { u, i, r: dot(P[u]!, Q[i]!) };
      (rng() < density ? train : test).push(rating);
    }
  }
  return { train, test };
}
// #endregion

/** The toy comparison on the page: 40 users x 30 items, exact rank 2, half the entries observed. */
export const TOY = { nUsers: 40, nItems: 30, k: 2, density: 0.5, lambda: 0.01, lr: 0.03 } as const;

export interface ToyRun {
  /** Ratings observed (train) and held out (test). */
  nTrain: number;
  nTest: number;
  /** RMSE after 0, 1, ..., epochs passes, on observed and held-out entries. */
  sgd: { train: number[]; test: number[] };
  als: { train: number[]; test: number[] };
  /** The objective J at the end, for each method. */
  finalJ: { sgd: number; als: number };
}

/**
 * One seeded run of the toy comparison: data from mulberry32-style `dataRng`, both methods from the
 * same random start (`initRng`), SGD shuffled by `orderRng`; `epochs` SGD epochs and ALS sweeps.
 */
export function toyRun(dataRng: Rng, initRng: Rng, orderRng: Rng, epochs: number): ToyRun {
  const { nUsers, nItems, k, density, lambda, lr } = TOY;
  const { train, test } = lowRankRatings(nUsers, nItems, k, density, dataRng);
  const start = initMf(nUsers, nItems, k, initRng);
  const copy = (m: MfModel): MfModel => ({ P: m.P.map((r) => [...r]), Q: m.Q.map((r) => [...r]) });
  const sgd = copy(start);
  const als = copy(start);
  const run: ToyRun = {
    nTrain: train.length,
    nTest: test.length,
    sgd: { train: [], test: [] },
    als: { train: [], test: [] },
    finalJ: { sgd: 0, als: 0 },
  };
  for (let epoch = 0; epoch <= epochs; epoch++) {
    if (epoch > 0) {
      sgdEpoch(sgd, train, lr, lambda, orderRng);
      alsSweep(als, train, lambda);
    }
    run.sgd.train.push(rmse(sgd, train));
    run.sgd.test.push(rmse(sgd, test));
    run.als.train.push(rmse(als, train));
    run.als.test.push(rmse(als, test));
  }
  run.finalJ = { sgd: objective(sgd, train, lambda), als: objective(als, train, lambda) };
  return run;
}
