/**
 * A Bernoulli multi-armed bandit and the policy interface every bandit page uses.
 * Arm = item, reward = click (1) or no click (0), true CTR unknown to the policy.
 */
import { randomInt, type Rng } from '../shared/random.ts';

// #region policy
/** A bandit policy: picks an arm, then learns from the reward it got. */
export interface Policy {
  readonly name: string;
  select(rng: Rng): number;
  update(arm: number, reward: number): void;
}
// #endregion

/** Validate a list of true click-through rates. */
export function checkProbs(probs: readonly number[]): void {
  if (probs.length < 1) throw new RangeError('probs: need at least one arm');
  probs.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probs[${i}] must be in [0, 1], got ${p}`);
  });
}

/** Index of the largest value; ties are broken uniformly at random so no arm is favoured by position. */
export function argmaxRandomTie(values: readonly number[], rng: Rng): number {
  let best = -Infinity;
  let ties: number[] = [];
  values.forEach((v, i) => {
    if (v > best) {
      best = v;
      ties = [i];
    } else if (v === best) ties.push(i);
  });
  return ties.length === 1 ? ties[0]! : ties[randomInt(rng, ties.length)]!;
}

// #region epsilon-greedy
/** Epsilon-greedy: explore a uniform arm with probability epsilon, else exploit the best mean. */
export function epsilonGreedy(nArms: number, epsilon: number): Policy {
  if (!(epsilon >= 0 && epsilon <= 1)) throw new RangeError(`epsilon must be in [0, 1], got ${epsilon}`);
  const pulls = new Array<number>(nArms).fill(0);
  const means = new Array<number>(nArms).fill(0);
  return {
    name: `ε-greedy (ε = ${epsilon})`,
    select(rng) {
      if (rng() < epsilon) return randomInt(rng, nArms);
      return argmaxRandomTie(means, rng);
    },
    update(arm, reward) {
      pulls[arm]! += 1;
      // Incremental mean: no need to keep every reward.
      means[arm]! += (reward - means[arm]!) / pulls[arm]!;
    },
  };
}
// #endregion

// #region simulate
export interface SimulationResult {
  /** Expected (pseudo-)regret after each step: sum over steps of (best CTR - CTR of the arm pulled). */
  cumulativeRegret: number[];
  /** How often each arm was pulled. */
  pulls: number[];
  /** Total clicks collected. */
  clicks: number;
}

/** Run a policy for `steps` rounds against arms with true click probabilities `probs`. */
export function simulate(probs: readonly number[], policy: Policy, steps: number, rng: Rng): SimulationResult {
  checkProbs(probs);
  const best = Math.max(...probs);
  const pulls = new Array<number>(probs.length).fill(0);
  const cumulativeRegret: number[] = [];
  let regret = 0;
  let clicks = 0;
  for (let t = 0; t < steps; t++) {
    const arm = policy.select(rng);
    const p = probs[arm];
    if (p === undefined) throw new RangeError(`${policy.name} chose arm ${arm}, which does not exist`);
    const reward = rng() < p ? 1 : 0;
    policy.update(arm, reward);
    pulls[arm]! += 1;
    clicks += reward;
    regret += best - p;
    cumulativeRegret.push(regret);
  }
  return { cumulativeRegret, pulls, clicks };
}
// #endregion
