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
import { buildAlias, drawAlias } from './alias.ts';

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

/*
 * BPR (Rendle, Freudenthaler, Gantner & Schmidt-Thieme, UAI 2009): MF trained on implicit
 * feedback with a pairwise ranking objective. For a user u, an item i the user interacted with
 * and an item j the user did not, x_uij = x_ui - x_uj with x_ui = p_u . q_i, and BPR-Opt
 * maximises sum over (u, i, j) of ln σ(x_uij) - λ ||Θ||^2 (§4.1), by SGD on triples drawn with
 * replacement (LearnBPR, §4.2).
 */

/** Implicit feedback: for each user, the items they interacted with (no ratings, no negatives). */
export interface ImplicitData {
  nUsers: number;
  nItems: number;
  /** positives[u] = the items user u interacted with (a training set). */
  positives: number[][];
}

/** A BPR training triple: user u prefers observed item i to unobserved item j. */
export interface Triple {
  readonly u: number;
  readonly i: number;
  readonly j: number;
}

/** σ(x) in two branches so that exp never overflows. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

// #region bpr
/**
 * The BPR loss of one triple, -ln σ(x_uij), as softplus(-x_uij) = max(-x, 0) + log1p(e^-|x|):
 * finite for every finite x (the naive -log(σ(-1000)) is -log(0) = Infinity; this gives 1000).
 * Throws a RangeError for a non-finite score gap.
 */
export function bprTripleLoss(xuij: number): number {
  if (!Number.isFinite(xuij)) throw new RangeError(`bprTripleLoss: x_uij must be finite, got ${xuij}`);
  return Math.max(-xuij, 0) + Math.log1p(Math.exp(-Math.abs(xuij)));
}

/**
 * One LearnBPR step on a triple (Rendle et al. 2009, §4.2 and §4.3.1 for MF). The gradient of
 * ln σ(x) is σ(-x), so every update is scaled by w = σ(-x_uij): close to 1 for a pair ranked the
 * wrong way round, close to 0 for one already ranked right. With the old p_u, q_i, q_j:
 *   p_u += lr (w (q_i - q_j) - λ p_u),  q_i += lr (w p_u - λ q_i),  q_j += lr (-w p_u - λ q_j).
 * Returns x_uij before the step. Since 0 < w < 1, a huge score gap cannot make the step blow up.
 */
export function bprStep(m: MfModel, { u, i, j }: Triple, lr: number, lambda: number): number {
  if (i === j) throw new RangeError(`bprStep: i and j must differ, got ${i} twice`);
  const p = m.P[u]!;
  const qi = m.Q[i]!;
  const qj = m.Q[j]!;
  const xuij = dot(p, qi) - dot(p, qj);
  if (!Number.isFinite(xuij)) throw new RangeError(`bprStep: x_uij must be finite, got ${xuij}`);
  const w = sigmoid(-xuij); // d ln σ(x) / dx = 1 - σ(x) = σ(-x), computed without cancellation
  for (let f = 0; f < p.length; f++) {
    const pf = p[f]!;
    const qif = qi[f]!;
    const qjf = qj[f]!;
    p[f] = pf + lr * (w * (qif - qjf) - lambda * pf);
    qi[f] = qif + lr * (w * pf - lambda * qif);
    qj[f] = qjf + lr * (-w * pf - lambda * qjf);
  }
  return xuij;
}
// #endregion

// #region bpr-sampling
/**
 * Draw one (u, i, j): an observed pair (u, i) uniformly from all observed pairs, then a negative
 * j from `negatives` (a sampler over all items), redrawn until it is not one of u's positives.
 * With a uniform sampler this is LearnBPR's uniform draw with replacement, up to a per-user
 * weight (see the page). `pairs` lists every observed (u, i) once; `isPositive[u]` is u's set.
 */
export function drawTriple(
  rng: Rng,
  pairs: readonly (readonly [number, number])[],
  isPositive: readonly ReadonlySet<number>[],
  negatives: () => number,
): Triple {
  const [u, i] = pairs[Math.floor(rng() * pairs.length)]!;
  let j = negatives();
  for (let tries = 0; isPositive[u]!.has(j); tries++) {
    if (tries > 10_000) throw new RangeError(`drawTriple: user ${u} has (almost) no unobserved item`);
    j = negatives();
  }
  return { u, i, j };
}

/**
 * Negative samplers over n items: 'uniform' (LearnBPR), or proportional to popularity^alpha
 * (count + 1 smooths items never seen), drawn in O(1) from an alias table.
 */
export function negativeSampler(
  rng: Rng,
  data: ImplicitData,
  kind: 'uniform' | { popularityPower: number },
): () => number {
  if (kind === 'uniform') return () => Math.floor(rng() * data.nItems);
  const counts = new Array<number>(data.nItems).fill(1);
  for (const items of data.positives) for (const i of items) counts[i]!++;
  const table = buildAlias(counts.map((c) => c ** kind.popularityPower));
  return () => drawAlias(table, rng);
}
// #endregion

// #region user-auc
/**
 * Per-user AUC, averaged over users (Rendle et al. 2009, §4.1.1 and §6.2): for each user, the
 * share of (positive, negative) pairs the model orders correctly, ties counting one half.
 * `evalPositives[u]` are the items to score as positives (held out, or the training set); every
 * item in neither `evalPositives[u]` nor `exclude[u]` is a negative. Users with no positive or
 * no negative are skipped. Returns a number in [0, 1].
 */
export function meanUserAuc(
  m: MfModel,
  evalPositives: readonly (readonly number[])[],
  exclude: readonly (readonly number[])[],
): number {
  let sum = 0;
  let users = 0;
  evalPositives.forEach((pos, u) => {
    if (pos.length === 0) return;
    const skip = new Set([...pos, ...(exclude[u] ?? [])]);
    const negScores: number[] = [];
    for (let j = 0; j < m.Q.length; j++) if (!skip.has(j)) negScores.push(predict(m, u, j));
    if (negScores.length === 0) return;
    let correct = 0;
    for (const i of pos) {
      const s = predict(m, u, i);
      for (const t of negScores) correct += s > t ? 1 : s === t ? 0.5 : 0;
    }
    sum += correct / (pos.length * negScores.length);
    users++;
  });
  if (users === 0) throw new RangeError('meanUserAuc: no user has both a positive and a negative');
  return sum / users;
}

// #endregion

// #region bpr-train
/**
 * LearnBPR: `epochs` passes of |observed pairs| triples each, drawn with replacement, one SGD
 * step per triple. Returns the mean BPR loss of the triples seen in each epoch (before their step).
 */
export function trainBpr(
  m: MfModel,
  data: ImplicitData,
  opts: { epochs: number; lr: number; lambda: number; negatives: () => number },
  rng: Rng,
): number[] {
  const pairs = data.positives.flatMap((items, u) => items.map((i) => [u, i] as const));
  if (pairs.length === 0) throw new RangeError('trainBpr: there is no observed pair to learn from');
  const isPositive = data.positives.map((items) => new Set(items));
  const history: number[] = [];
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    let loss = 0;
    for (let s = 0; s < pairs.length; s++) {
      const triple = drawTriple(rng, pairs, isPositive, opts.negatives);
      loss += bprTripleLoss(bprStep(m, triple, opts.lr, opts.lambda));
    }
    history.push(loss / pairs.length);
  }
  return history;
}
// #endregion

/** The BPR toy of the page: 100 users, 60 items, k = 4 factors, 50 epochs of LearnBPR. */
export const BPR_TOY = { nUsers: 100, nItems: 60, k: 4, lr: 0.05, lambda: 0.03, epochs: 50 } as const;

/**
 * The page's implicit-feedback toy: users and items with random rank-2 tastes and a skewed item
 * popularity; user u interacts with item i with probability σ(2 a_u . b_i + c_i - 3), where c_i is
 * the item's popularity offset. For each user with at least two interactions, one is held out
 * (the leave-one-out split of Rendle et al. 2009, §6.2).
 */
export function implicitToy(
  rng: Rng,
  nUsers = BPR_TOY.nUsers,
  nItems = BPR_TOY.nItems,
): { train: ImplicitData; heldOut: number[][] } {
  const a = Array.from({ length: nUsers }, () => [normal(rng), normal(rng)]);
  const b = Array.from({ length: nItems }, () => [normal(rng), normal(rng)]);
  const c = Array.from({ length: nItems }, () => 1.5 * normal(rng));
  const positives: number[][] = [];
  const heldOut: number[][] = [];
  for (let u = 0; u < nUsers; u++) {
    const items: number[] = [];
    for (let i = 0; i < nItems; i++) if (rng() < sigmoid(2 * dot(a[u]!, b[i]!) + c[i]! - 3)) items.push(i);
    if (items.length >= 2) {
      const k = Math.floor(rng() * items.length);
      heldOut.push([items[k]!]);
      items.splice(k, 1);
    } else heldOut.push([]);
    positives.push(items);
  }
  return { train: { nUsers, nItems, positives }, heldOut };
}
