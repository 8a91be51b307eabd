/**
 * Off-policy evaluation: estimating what a new recommendation policy would earn from the logs of
 * the old one. Replay (Li et al. 2011), inverse propensity scoring (Horvitz and Thompson 1952),
 * its self-normalised form SNIPS (Swaminathan and Joachims 2015), the direct method and the
 * doubly robust estimator (Dudik, Langford and Li 2011), with a small contextual-bandit world to
 * simulate logs in and compute every policy's true value.
 */
import type { Rng } from '../shared/random.ts';

/** One logged impression: who came, what the old policy showed, what happened, and how likely that choice was. */
export interface LoggedEvent {
  /** Context index (a user segment, a request type). */
  context: number;
  /** The action the logging policy took (the item shown). */
  action: number;
  /** The observed reward, e.g. 1 for a click and 0 otherwise. */
  reward: number;
  /** pi_0(action | context): the probability with which the logging policy took that action, recorded when it did. */
  propensity: number;
}

/** A stochastic policy: for a context, the probability of each action (non-negative, summing to 1). */
export type Policy = (context: number) => readonly number[];

/** A reward model: the predicted reward of an action in a context. */
export type RewardModel = (context: number, action: number) => number;

function checkLog(name: string, log: readonly LoggedEvent[]): void {
  if (log.length === 0) throw new RangeError(`${name}: log must not be empty`);
  for (const e of log) {
    if (!(e.propensity > 0 && e.propensity <= 1))
      throw new RangeError(`${name}: propensity must be in (0, 1], got ${e.propensity}`);
    if (!Number.isFinite(e.reward)) throw new RangeError(`${name}: reward must be finite, got ${e.reward}`);
  }
}

/** The target policy's distribution for a context, checked: entries in [0, 1] summing to 1. */
function distribution(name: string, policy: Policy, context: number): readonly number[] {
  const p = policy(context);
  let sum = 0;
  for (const v of p) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name}: target probabilities must be in [0, 1], got ${v}`);
    sum += v;
  }
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`${name}: target probabilities must sum to 1, got ${sum}`);
  return p;
}

/**
 * Importance weights w_i = pi(a_i | x_i) / pi_0(a_i | x_i), returned divided by their largest
 * value together with that value, so that sums of 1e300-sized weights cannot overflow.
 */
function scaledWeights(name: string, log: readonly LoggedEvent[], target: Policy) {
  const raw = log.map((e) => {
    const p = distribution(name, target, e.context)[e.action];
    if (p === undefined) throw new RangeError(`${name}: action ${e.action} is outside the target's action set`);
    return p / e.propensity;
  });
  let scale = 0;
  for (const v of raw) scale = Math.max(scale, v);
  return { w: scale > 0 ? raw.map((v) => v / scale) : raw, scale };
}

// #region replay
export interface ReplayResult {
  /** Mean reward over the kept events; NaN when none was kept. */
  value: number;
  /** Events where the target's choice matched the logged action. */
  matched: number;
}

/**
 * Replay (Li, Chu, Langford and Wang 2011, WSDM): run the deterministic target policy over the
 * log and keep only the events where it picks the action that was logged; their mean reward is
 * the estimate. Unbiased when the logging policy chose uniformly at random (as they prove), so
 * that every action had the same chance of being the logged one; otherwise it over-represents
 * the actions the old policy liked. Expect about n / K kept events for K actions.
 */
export function replay(log: readonly LoggedEvent[], choose: (context: number) => number): ReplayResult {
  checkLog('replay', log);
  let sum = 0;
  let matched = 0;
  for (const e of log) {
    if (choose(e.context) !== e.action) continue;
    sum += e.reward;
    matched++;
  }
  return { value: matched > 0 ? sum / matched : Number.NaN, matched };
}
// #endregion

// #region ips
/**
 * Inverse propensity scoring: V_IPS = (1/n) sum_i w_i r_i with w_i = pi(a_i | x_i) / p_i, the
 * Horvitz-Thompson estimator applied to the log. Unbiased whenever every action the target may
 * take had a positive logging probability and p_i is the probability actually used; its
 * variance grows with the weights. Throws a RangeError for an empty log, a propensity outside
 * (0, 1] or a target distribution that is not one.
 */
export function ips(log: readonly LoggedEvent[], target: Policy): number {
  checkLog('ips', log);
  const { w, scale } = scaledWeights('ips', log, target);
  let sum = 0;
  for (let i = 0; i < log.length; i++) sum += w[i]! * log[i]!.reward;
  return (sum / log.length) * scale;
}

/**
 * Self-normalised IPS: V_SNIPS = sum_i w_i r_i / sum_i w_i (Swaminathan and Joachims 2015,
 * NeurIPS). The weights have expectation 1, so dividing by their sample mean cancels much of
 * their noise: biased for small n (consistent as n grows), always inside the range of the
 * rewards, and unchanged if every weight is multiplied by a constant. NaN when the target puts
 * no probability on any logged action.
 */
export function snips(log: readonly LoggedEvent[], target: Policy): number {
  checkLog('snips', log);
  const { w } = scaledWeights('snips', log, target);
  let num = 0;
  let den = 0;
  for (let i = 0; i < log.length; i++) {
    num += w[i]! * log[i]!.reward;
    den += w[i]!;
  }
  return den > 0 ? num / den : Number.NaN;
}
// #endregion

// #region dr
/** Direct method: V_DM = (1/n) sum_i sum_a pi(a | x_i) rhat(x_i, a). No weights, but only as good as rhat. */
export function directMethod(log: readonly LoggedEvent[], target: Policy, model: RewardModel): number {
  checkLog('directMethod', log);
  let sum = 0;
  for (const e of log) {
    const p = distribution('directMethod', target, e.context);
    for (let a = 0; a < p.length; a++) if (p[a]! > 0) sum += p[a]! * model(e.context, a);
  }
  return sum / log.length;
}

/**
 * Doubly robust (Dudik, Langford and Li 2011, ICML): the direct method plus an IPS correction of
 * the model's error on the logged action,
 *   V_DR = (1/n) sum_i [ sum_a pi(a | x_i) rhat(x_i, a) + w_i (r_i - rhat(x_i, a_i)) ].
 * The correction has expectation equal to minus the model's bias, so V_DR is unbiased when the
 * propensities are right, however wrong rhat is; and when rhat is good, the residuals
 * r_i - rhat are small and so is the variance the weights multiply.
 */
export function doublyRobust(log: readonly LoggedEvent[], target: Policy, model: RewardModel): number {
  checkLog('doublyRobust', log);
  const { w, scale } = scaledWeights('doublyRobust', log, target);
  let correction = 0;
  for (let i = 0; i < log.length; i++) {
    const e = log[i]!;
    correction += w[i]! * (e.reward - model(e.context, e.action));
  }
  return directMethod(log, target, model) + (correction / log.length) * scale;
}
// #endregion

// #region diagnostics
/**
 * Kish's effective sample size of the importance weights, (sum w)^2 / sum w^2: how many
 * equally weighted events the weighted log is worth. Far below n means a few events with huge
 * weights carry the estimate, and IPS will be noisy. Scale-free, so computed on scaled weights.
 */
export function effectiveSampleSize(log: readonly LoggedEvent[], target: Policy): number {
  checkLog('effectiveSampleSize', log);
  const { w } = scaledWeights('effectiveSampleSize', log, target);
  let s1 = 0;
  let s2 = 0;
  for (const v of w) {
    s1 += v;
    s2 += v * v;
  }
  return s2 > 0 ? (s1 * s1) / s2 : 0;
}
// #endregion

// #region world
/** A contextual bandit: how often each context occurs, and the true click rate of each action in it. */
export interface BanditWorld {
  contextProbs: readonly number[];
  /** ctr[x][a]: the true expected reward of action a in context x. */
  ctr: readonly (readonly number[])[];
}

/** The true value of a policy: sum_x P(x) sum_a pi(a | x) ctr[x][a]. */
export function policyValue(world: BanditWorld, policy: Policy): number {
  let v = 0;
  world.contextProbs.forEach((px, x) => {
    const p = distribution('policyValue', policy, x);
    p.forEach((pa, a) => (v += px * pa * world.ctr[x]![a]!));
  });
  return v;
}

/** Index drawn from a discrete distribution. */
function draw(rng: Rng, p: readonly number[]): number {
  let u = rng();
  for (let i = 0; i < p.length; i++) {
    u -= p[i]!;
    if (u < 0) return i;
  }
  // Rounding left u a hair above 0: take the last action with positive probability.
  for (let i = p.length - 1; i >= 0; i--) if (p[i]! > 0) return i;
  throw new RangeError('draw: the distribution has no positive entry');
}

/** n events logged by `logging`: context drawn from the world, action from the policy, Bernoulli reward. */
export function simulateLog(rng: Rng, world: BanditWorld, logging: Policy, n: number): LoggedEvent[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`simulateLog: n must be a positive integer, got ${n}`);
  const log: LoggedEvent[] = [];
  for (let i = 0; i < n; i++) {
    const context = draw(rng, world.contextProbs);
    const p = distribution('simulateLog', logging, context);
    const action = draw(rng, p);
    const reward = rng() < world.ctr[context]![action]! ? 1 : 0;
    log.push({ context, action, reward, propensity: p[action]! });
  }
  return log;
}

/**
 * A softmax policy over per-context scores, pi(a | x) = exp(s_xa / T) / sum_b exp(s_xb / T),
 * computed with the largest score subtracted first: every exponent is <= 0 and the sum is >= 1,
 * so logits of +-1000 give exact 0s and 1s, never NaN.
 */
export function softmaxPolicy(scores: readonly (readonly number[])[], temperature = 1): Policy {
  if (!(temperature > 0)) throw new RangeError(`softmaxPolicy: temperature must be > 0, got ${temperature}`);
  const table = scores.map((row) => {
    const z = row.map((s) => s / temperature);
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const sum = e.reduce((acc, v) => acc + v, 0);
    return e.map((v) => v / sum);
  });
  return (x) => table[x]!;
}

/** The deterministic policy that always takes the best-scored action. */
export function greedyPolicy(scores: readonly (readonly number[])[]): Policy {
  const table = scores.map((row) => {
    const best = row.indexOf(Math.max(...row));
    return row.map((_, a) => (a === best ? 1 : 0));
  });
  return (x) => table[x]!;
}
// #endregion

// #region moments
export interface EstimatorMoments {
  /** Expected value of the estimator on a log of n events (first order for SNIPS and replay). */
  mean: number;
  /** Its standard deviation over logs of n events (first order for SNIPS and replay). */
  sd: number;
}

/**
 * The exact mean and SD of each estimator on logs of n events, computed from the world rather
 * than simulated. Each of IPS, DM and DR is an average of n independent per-event terms Z, so
 * its SD is sqrt((E[Z^2] - E[Z]^2) / n), with E over the context, the logged action and the
 * Bernoulli reward. SNIPS and replay are ratios of such averages; for them the first-order
 * (delta-method) values: SNIPS centres on V with variance E[w^2 (r - V)^2] / n, and replay on
 * E[m r] / E[m] with m = 1{logged action = target's action}. `choose` is the target's
 * deterministic choice, used by replay; `recorded(x, a)` is the propensity written in the log,
 * pi_0(a | x) unless a mistake is being studied. The SNIPS values assume E[w] = 1, that is correct
 * propensities and support; with a wrong `recorded` only the IPS, DM and DR moments are exact.
 */
export function estimatorMoments(
  world: BanditWorld,
  logging: Policy,
  target: Policy,
  model: RewardModel,
  n: number,
  recorded: (context: number, action: number) => number = (x, a) => logging(x)[a]!,
): Record<'ips' | 'snips' | 'directMethod' | 'doublyRobust' | 'replay' | 'truth', EstimatorMoments> {
  const truth = policyValue(world, target);
  const acc = { ips: [0, 0], dm: [0, 0], dr: [0, 0], snips2: 0, m: 0, mr: 0 };
  const rows: { px: number; p0: readonly number[]; p: readonly number[]; mu: readonly number[]; x: number }[] = [];
  world.contextProbs.forEach((px, x) => rows.push({ px, p0: logging(x), p: target(x), mu: world.ctr[x]!, x }));
  for (const { px, p0, p, mu, x } of rows) {
    const d = p.reduce((s, pa, a) => s + pa * model(x, a), 0); // the DM term of this context
    acc.dm[0]! += px * d;
    acc.dm[1]! += px * d * d;
    for (let a = 0; a < p0.length; a++) {
      const q = px * p0[a]!; // P(context x and logged action a)
      if (q === 0) continue;
      const w = p[a]! / recorded(x, a);
      const u = mu[a]!; // P(reward = 1)
      acc.ips[0]! += q * w * u;
      acc.ips[1]! += q * w * w * u;
      const r1 = d + w * (1 - model(x, a)); // DR term when r = 1, and when r = 0
      const r0 = d - w * model(x, a);
      acc.dr[0]! += q * (u * r1 + (1 - u) * r0);
      acc.dr[1]! += q * (u * r1 * r1 + (1 - u) * r0 * r0);
      acc.snips2 += q * w * w * (u * (1 - truth) ** 2 + (1 - u) * truth ** 2);
      if (p[a] === 1) {
        acc.m += q;
        acc.mr += q * u;
      }
    }
  }
  const fromSums = ([m1, m2]: number[]) => ({ mean: m1!, sd: Math.sqrt(Math.max(0, m2! - m1! * m1!) / n) });
  const limit = acc.mr / acc.m;
  let replayVar = 0; // E[m (r - limit)^2]
  for (const { px, p0, p, mu } of rows)
    for (let a = 0; a < p0.length; a++)
      if (p[a] === 1) replayVar += px * p0[a]! * (mu[a]! * (1 - limit) ** 2 + (1 - mu[a]!) * limit ** 2);
  return {
    truth: { mean: truth, sd: 0 },
    ips: fromSums(acc.ips),
    directMethod: fromSums(acc.dm),
    doublyRobust: fromSums(acc.dr),
    snips: { mean: truth, sd: Math.sqrt(acc.snips2 / n) },
    replay: { mean: limit, sd: Math.sqrt(replayVar / (n * acc.m * acc.m)) },
  };
}
// #endregion

// #region example
/**
 * The page's worked example: three user segments (shares 0.5, 0.3, 0.2) and four items, with
 * the true rate at which each segment watches each item to the end.
 */
export const EXAMPLE_WORLD: BanditWorld = {
  contextProbs: [0.5, 0.3, 0.2],
  ctr: [
    [0.1, 0.3, 0.05, 0.15],
    [0.2, 0.05, 0.4, 0.1],
    [0.05, 0.1, 0.15, 0.5],
  ],
};

/** The old model's scores; the logging policy showed items with probability softmax(score). */
export const EXAMPLE_OLD_SCORES = [
  [2, 1, 0, 0.5],
  [2, 0, 1, 0.5],
  [1, 0.5, 2, 0],
];

/** The new policy to evaluate: item 1, 2 and 3 for segments 0, 1 and 2. */
export const EXAMPLE_CHOICE = [1, 2, 3];

export const exampleLogging = softmaxPolicy(EXAMPLE_OLD_SCORES);
export const exampleTarget: Policy = (x) => [0, 1, 2, 3].map((a) => (a === EXAMPLE_CHOICE[x] ? 1 : 0));

/** A decent reward model: the true rates pulled a quarter of the way towards 0.2. */
export const goodModel: RewardModel = (x, a) => 0.75 * EXAMPLE_WORLD.ctr[x]![a]! + 0.25 * 0.2;

/** A poor one: each item's average rate over all segments, blind to who is asking. */
export const badModel: RewardModel = (_x, a) =>
  EXAMPLE_WORLD.contextProbs.reduce((s, px, x) => s + px * EXAMPLE_WORLD.ctr[x]![a]!, 0);
// #endregion
