/**
 * Contextual bandits with a linear reward model: LinUCB with disjoint per-arm ridge regressions
 * (Li, Chu, Langford and Schapire 2010, Algorithm 1), kept up to date with Sherman-Morrison
 * rank-one updates; linear Thompson sampling on the same statistics (Agrawal and Goyal 2013); a
 * simulated click environment whose CTR is linear in the user's features; and the replay method
 * that evaluates a bandit policy offline on uniformly random logs (Li et al. 2010, section 4).
 *
 * Shapes: a context x is a vector of d numbers (for Li et al.'s disjoint model, the user's
 * features, the same for every arm); a policy sees one context per arm each round.
 */
import { argmaxRandomTie } from './bandit.ts';
import { normal, randomInt, type Rng } from '../shared/random.ts';

/**
 * The largest x^T A^{-1} x a single update may have. Sherman-Morrison subtracts two numbers whose
 * ratio is q / (1 + q), so about log10(1 + q) digits of A^{-1} are lost in the direction of x; at
 * 1e8 half of the 16 are gone, and a larger context is refused: rescale the features.
 */
export const MAX_QUADRATIC_FORM = 1e8;

function checkDim(d: number): void {
  if (!(Number.isInteger(d) && d >= 1)) throw new RangeError(`d must be an integer >= 1, got ${d}`);
}

function checkContext(x: readonly number[], d: number, who: string): void {
  if (x.length !== d) throw new RangeError(`${who}: x must have ${d} entries, got ${x.length}`);
  for (let i = 0; i < d; i++)
    if (!Number.isFinite(x[i])) throw new RangeError(`${who}: x[${i}] must be finite, got ${x[i]}`);
}

function dot(u: readonly number[], v: readonly number[]): number {
  let acc = 0;
  for (let i = 0; i < u.length; i++) acc += u[i]! * v[i]!;
  return acc;
}

/** max |x_i|, the scale every context is divided by before it is squared. */
function maxAbs(x: readonly number[]): number {
  let s = 0;
  for (const v of x) s = Math.max(s, Math.abs(v));
  return s;
}

// #region sherman-morrison
/**
 * In place, in O(d^2): aInv, the inverse of a symmetric positive definite d x d matrix A (row-major),
 * becomes (A + x x^T)^{-1} = A^{-1} - (A^{-1} x)(A^{-1} x)^T / (1 + x^T A^{-1} x)
 * (Sherman and Morrison 1950). The code divides x by s = max |x_i| first (z = x / s) and subtracts
 * u u^T / (1 / s^2 + z^T u) with u = A^{-1} z: the same number, but no square overflows and a
 * context of 1e-200 changes nothing instead of giving 0 / 0. It writes the mean of A^{-1}[i][j] and
 * A^{-1}[j][i] back to both, so rounding never lets the matrix drift from symmetry. Returns aInv.
 * Throws a RangeError for an x of the wrong length, with a non-finite entry, or with
 * x^T A^{-1} x > MAX_QUADRATIC_FORM (see there).
 */
export function shermanMorrison(aInv: Float64Array, x: readonly number[]): Float64Array {
  const d = x.length;
  if (aInv.length !== d * d) throw new RangeError(`shermanMorrison: aInv must hold d x d = ${d * d} entries`);
  checkContext(x, d, 'shermanMorrison');
  const s = maxAbs(x);
  if (s === 0) return aInv;
  const u = new Float64Array(d); // A^{-1} z
  let q = 0; // z^T A^{-1} z, so that x^T A^{-1} x = s^2 q
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) u[i]! += aInv[i * d + j]! * (x[j]! / s);
    q += (x[i]! / s) * u[i]!;
  }
  if (s * s * q > MAX_QUADRATIC_FORM)
    throw new RangeError(`shermanMorrison: x^T A^-1 x = ${s * s * q} is too large for a rank-one update; rescale x`);
  const denom = 1 / (s * s) + q; // (1 + x^T A^{-1} x) / s^2; 1 / s^2 is Infinity for a tiny s
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) {
      const v = 0.5 * (aInv[i * d + j]! + aInv[j * d + i]!) - (u[i]! * u[j]!) / denom;
      aInv[i * d + j] = v;
      aInv[j * d + i] = v;
    }
  return aInv;
}
// #endregion

// #region linear-arm
/** One arm's ridge regression: A^{-1} (row-major) with A = lambda I + sum x x^T, b = sum r x, theta = A^{-1} b. */
export interface LinearArm {
  readonly d: number;
  readonly aInv: Float64Array;
  readonly b: Float64Array;
  readonly theta: Float64Array;
  pulls: number;
}

/** A fresh arm: A = lambda I (Li et al. use lambda = 1), b = 0. Throws for lambda not finite and > 0. */
export function linearArm(d: number, lambda = 1): LinearArm {
  checkDim(d);
  if (!(lambda > 0 && lambda < Infinity)) throw new RangeError(`lambda must be a finite number > 0, got ${lambda}`);
  const aInv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) aInv[i * d + i] = 1 / lambda;
  return { d, aInv, b: new Float64Array(d), theta: new Float64Array(d), pulls: 0 };
}

/**
 * The predicted reward x.theta, with theta = A^{-1} b the ridge estimate (Li et al. 2010, eq. 3),
 * and the width sqrt(x^T A^{-1} x) of the confidence ellipsoid in the direction of x. Both are
 * computed on z = x / max|x_i| and scaled back, so a huge or a tiny context is safe.
 */
export function armScore(arm: LinearArm, x: readonly number[]): { mean: number; width: number } {
  const d = arm.d;
  checkContext(x, d, 'armScore');
  const s = maxAbs(x);
  if (s === 0) return { mean: 0, width: 0 };
  let mean = 0;
  let q = 0; // z^T A^{-1} z, > 0 because A^{-1} is positive definite
  for (let i = 0; i < d; i++) {
    let row = 0;
    for (let j = 0; j < d; j++) row += arm.aInv[i * d + j]! * (x[j]! / s);
    q += (x[i]! / s) * row;
    mean += arm.theta[i]! * (x[i]! / s);
  }
  return { mean: s * mean, width: s * Math.sqrt(Math.max(0, q)) };
}

/** Record reward r for context x: A^{-1} by Sherman-Morrison, b += r x, theta = A^{-1} b. Throws as shermanMorrison does, or for a non-finite r. */
export function armUpdate(arm: LinearArm, x: readonly number[], reward: number): void {
  if (!Number.isFinite(reward)) throw new RangeError(`armUpdate: reward must be finite, got ${reward}`);
  const d = arm.d;
  shermanMorrison(arm.aInv, x);
  for (let i = 0; i < d; i++) arm.b[i]! += reward * x[i]!;
  for (let i = 0; i < d; i++) {
    let t = 0;
    for (let j = 0; j < d; j++) t += arm.aInv[i * d + j]! * arm.b[j]!;
    arm.theta[i] = t;
  }
  arm.pulls += 1;
}
// #endregion

/** A contextual bandit policy: sees one context per arm, picks an arm, learns from its reward. */
export interface ContextualPolicy {
  readonly name: string;
  select(contexts: readonly (readonly number[])[], rng: Rng): number;
  update(arm: number, x: readonly number[], reward: number): void;
}

function checkArmsAndContexts(arms: readonly LinearArm[], contexts: readonly (readonly number[])[]): void {
  if (contexts.length !== arms.length)
    throw new RangeError(`contexts: need one context per arm (${arms.length}), got ${contexts.length}`);
}

/** A policy built on one ridge regression per arm, whose estimates can be inspected. */
export interface LinearPolicy extends ContextualPolicy {
  /** Each arm's predicted reward and confidence width for its context, without choosing. */
  estimates(contexts: readonly (readonly number[])[]): { mean: number; width: number }[];
}

function linearPolicy(
  name: string,
  nArms: number,
  d: number,
  lambda: number,
  index: (mean: number, width: number, rng: Rng) => number,
): LinearPolicy {
  if (!(Number.isInteger(nArms) && nArms >= 1)) throw new RangeError(`nArms must be an integer >= 1, got ${nArms}`);
  const arms = Array.from({ length: nArms }, () => linearArm(d, lambda));
  return {
    name,
    select(contexts, rng) {
      checkArmsAndContexts(arms, contexts);
      const scores = new Array<number>(nArms);
      for (let a = 0; a < nArms; a++) {
        const { mean, width } = armScore(arms[a]!, contexts[a]!);
        scores[a] = index(mean, width, rng);
      }
      return argmaxRandomTie(scores, rng);
    },
    update(arm, x, reward) {
      if (!(Number.isInteger(arm) && arm >= 0 && arm < nArms))
        throw new RangeError(`arm must be an integer in [0, ${nArms - 1}], got ${arm}`);
      armUpdate(arms[arm]!, x, reward);
    },
    estimates(contexts) {
      checkArmsAndContexts(arms, contexts);
      return arms.map((arm, a) => armScore(arm, contexts[a]!));
    },
  };
}

// #region linucb
/**
 * LinUCB with disjoint linear models (Li et al. 2010, Algorithm 1): each arm keeps its own ridge
 * regression and the policy plays argmax_a x_a.theta_a + alpha sqrt(x_a^T A_a^{-1} x_a).
 * alpha = 0 is the greedy policy on the same estimates. Throws a RangeError for nArms or d not an
 * integer >= 1, alpha not finite and >= 0, lambda not finite and > 0, or bad observations.
 */
export function linUcb(nArms: number, d: number, alpha: number, lambda = 1): LinearPolicy {
  if (!(alpha >= 0 && alpha < Infinity)) throw new RangeError(`alpha must be a finite number >= 0, got ${alpha}`);
  return linearPolicy(`LinUCB (α = ${alpha})`, nArms, d, lambda, (mean, width) => mean + alpha * width);
}

/** Li et al.'s alpha = 1 + sqrt(ln(2 / delta) / 2) for confidence 1 - delta (section 3.1). Throws for delta outside (0, 1). */
export function linUcbAlpha(delta: number): number {
  if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
  return 1 + Math.sqrt(Math.log(2 / delta) / 2);
}
// #endregion

// #region linear-thompson
/**
 * Linear Thompson sampling on the same statistics (Agrawal and Goyal 2013): draw
 * theta~_a ~ N(theta_a, v^2 A_a^{-1}) and play argmax_a x_a.theta~_a. Only x_a.theta~_a matters,
 * and it is exactly N(x_a.theta_a, v^2 x_a^T A_a^{-1} x_a), so the code draws that one normal:
 * LinUCB's fixed alpha becomes v times a standard normal. Throws like linUcb, for v not finite and >= 0.
 */
export function linearThompson(nArms: number, d: number, v: number, lambda = 1): LinearPolicy {
  if (!(v >= 0 && v < Infinity)) throw new RangeError(`v must be a finite number >= 0, got ${v}`);
  return linearPolicy(`linear Thompson (v = ${v})`, nArms, d, lambda, (mean, width, rng) => {
    return mean + v * width * normal(rng);
  });
}
// #endregion

/**
 * A policy that sees only the constant feature: every context is replaced by [1] before `policy`
 * sees it. With linUcb(nArms, 1, alpha) it is a context-free UCB on each arm's mean reward.
 */
export function interceptOnly(policy: ContextualPolicy): ContextualPolicy {
  return {
    name: `${policy.name}, no features`,
    select: (contexts, rng) =>
      policy.select(
        contexts.map(() => [1]),
        rng,
      ),
    update: (arm, _x, reward) => policy.update(arm, [1], reward),
  };
}

/** The uniformly random policy (Li et al.'s logging policy). */
export function uniformPolicy(nArms: number): ContextualPolicy {
  if (!(Number.isInteger(nArms) && nArms >= 1)) throw new RangeError(`nArms must be an integer >= 1, got ${nArms}`);
  return { name: 'uniform random', select: (_contexts, rng) => randomInt(rng, nArms), update: () => {} };
}

// #region environment
/**
 * A click environment whose CTR is linear in the user's features x = [1, f_1, ..., f_m]: f_k is
 * the user's share of interest in topic k (the shares sum to 1), and article a is clicked with
 * probability theta_a . x. Every arm sees the same user vector (Li et al.'s disjoint model with
 * user features; their users were described by memberships in five clusters plus a constant).
 */
export interface CtrEnvironment {
  readonly thetas: readonly (readonly number[])[];
  /** Draw the next user's feature vector. */
  user(rng: Rng): number[];
}

/**
 * nArms articles over `topics` topics, drawn from `rng`: article a is about topic a mod topics
 * (affinity uniform on [0.10, 0.20]), has small affinities to the others (uniform on [0, 0.02])
 * and a base CTR uniform on [0.01, 0.03]. A user's interest shares are u_k^3 normalised, u_k
 * uniform: most users lean towards one or two topics. CTRs lie between 0.01 and 0.23, and the best
 * article depends on the user.
 */
export function randomCtrEnvironment(rng: Rng, nArms: number, topics: number): CtrEnvironment {
  if (!(Number.isInteger(nArms) && nArms >= 1)) throw new RangeError(`nArms must be an integer >= 1, got ${nArms}`);
  if (!(Number.isInteger(topics) && topics >= 1)) throw new RangeError(`topics must be an integer >= 1, got ${topics}`);
  const thetas = Array.from({ length: nArms }, (_, a) => [
    0.01 + 0.02 * rng(),
    ...Array.from({ length: topics }, (_, k) => (k === a % topics ? 0.1 + 0.1 * rng() : 0.02 * rng())),
  ]);
  const user = (r: Rng) => {
    const x = new Array<number>(topics + 1);
    x[0] = 1;
    let total = 0;
    for (let k = 1; k <= topics; k++) total += x[k] = r() ** 3;
    for (let k = 1; k <= topics; k++) x[k] = total > 0 ? x[k]! / total : 0; // all-zero draws: no interest
    return x;
  };
  return { thetas, user };
}

/** The CTR of every arm for user x. */
export function ctrs(env: CtrEnvironment, x: readonly number[]): number[] {
  return env.thetas.map((theta) => dot(theta, x));
}

/**
 * Run `policy` for `steps` rounds: each round a user arrives, the policy picks an article, the
 * user clicks with its CTR. Regret charges the CTR the best article would have had for this user
 * minus the CTR of the one shown (pseudo-regret, no click noise). Returns the cumulative regret
 * after every step and the total clicks.
 */
export function simulateContextual(
  env: CtrEnvironment,
  policy: ContextualPolicy,
  steps: number,
  rng: Rng,
): { cumulativeRegret: number[]; clicks: number } {
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`steps must be an integer >= 1, got ${steps}`);
  const cumulativeRegret = new Array<number>(steps);
  const contexts = new Array<number[]>(env.thetas.length);
  let regret = 0;
  let clicks = 0;
  for (let t = 0; t < steps; t++) {
    const x = env.user(rng);
    const p = ctrs(env, x);
    const a = policy.select(contexts.fill(x), rng); // every article sees this user's features
    const click = rng() < p[a]! ? 1 : 0;
    policy.update(a, x, click);
    clicks += click;
    regret += Math.max(...p) - p[a]!;
    cumulativeRegret[t] = regret;
  }
  return { cumulativeRegret, clicks };
}
// #endregion

// #region replay
/** One logged impression: the contexts shown to the logging policy, the arm it played, the click. */
export interface LoggedEvent {
  contexts: number[][];
  arm: number;
  reward: number;
}

/** `steps` impressions logged by the uniformly random policy in `env` (what a random bucket records). */
export function logUniform(env: CtrEnvironment, steps: number, rng: Rng): LoggedEvent[] {
  const k = env.thetas.length;
  return Array.from({ length: steps }, () => {
    const x = env.user(rng);
    const arm = randomInt(rng, k);
    return { contexts: env.thetas.map(() => x), arm, reward: rng() < dot(env.thetas[arm]!, x) ? 1 : 0 };
  });
}

/**
 * The replay evaluator (Li et al. 2010, section 4, Algorithm 3): walk through uniformly random
 * logs in time order; where `policy` picks the logged arm, count the logged reward and let the
 * policy learn from it; otherwise skip the event as if it never happened. With K arms about one
 * event in K is kept, and the kept events are distributed exactly as a live run of the policy
 * would see them (their Theorem 1). Stops after `maxMatched` kept events if given. Returns the
 * clicks, the number of kept and of examined events, and the estimated CTR (NaN when nothing
 * was kept).
 */
export function replay(
  events: readonly LoggedEvent[],
  policy: ContextualPolicy,
  rng: Rng,
  maxMatched = Infinity,
): { clicks: number; matched: number; examined: number; ctr: number } {
  let clicks = 0;
  let matched = 0;
  let examined = 0;
  for (const e of events) {
    if (matched >= maxMatched) break;
    examined += 1;
    if (policy.select(e.contexts, rng) !== e.arm) continue; // not what the policy would show: skip
    policy.update(e.arm, e.contexts[e.arm]!, e.reward);
    clicks += e.reward;
    matched += 1;
  }
  return { clicks, matched, examined, ctr: matched > 0 ? clicks / matched : NaN };
}
// #endregion
