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

/** Validate the number of arms a policy is built for. */
export function checkArms(nArms: number): void {
  if (!(Number.isInteger(nArms) && nArms >= 1)) throw new RangeError(`nArms must be an integer >= 1, got ${nArms}`);
}

/** Validate one observation: an existing arm and a reward in [0, 1] (a click is 1, no click 0). */
export function checkObservation(nArms: number, arm: number, reward: number): void {
  if (!(Number.isInteger(arm) && arm >= 0 && arm < nArms)) {
    throw new RangeError(`arm must be an integer in [0, ${nArms - 1}], got ${arm}`);
  }
  if (!(reward >= 0 && reward <= 1)) throw new RangeError(`reward must be in [0, 1], got ${reward}`);
}

/**
 * Index of the largest value; ties are broken uniformly at random so no arm is favoured by position.
 * NaN entries never win; a RangeError is thrown when there is nothing to choose from (an empty
 * list, or only NaN).
 */
export function argmaxRandomTie(values: readonly number[], rng: Rng): number {
  let best = -Infinity;
  let ties: number[] = [];
  values.forEach((v, i) => {
    if (v > best) {
      best = v;
      ties = [i];
    } else if (v === best) ties.push(i);
  });
  if (ties.length === 0) throw new RangeError('values: need at least one number that is not NaN');
  return ties.length === 1 ? ties[0]! : ties[randomInt(rng, ties.length)]!;
}

// #region epsilon-greedy
/**
 * Epsilon-greedy (Sutton and Barto 2018, section 2.2): explore a uniform arm with probability
 * epsilon, else exploit the best mean. An arm not yet pulled has no mean (0 clicks / 0 pulls); it
 * starts at 0, so until the first click all arms tie and are drawn uniformly. Throws a RangeError
 * for nArms < 1, epsilon outside [0, 1], or an observation of an arm or reward that does not exist.
 */
export function epsilonGreedy(nArms: number, epsilon: number): Policy {
  checkArms(nArms);
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
      checkObservation(nArms, arm, reward);
      pulls[arm]! += 1;
      // Incremental mean: no need to keep every reward; pulls[arm] >= 1 here, so no 0 / 0.
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

/**
 * Run a policy for `steps` rounds against arms with true click probabilities `probs` (one per arm,
 * each in [0, 1]); every array in the result has one entry per step or per arm. Throws a
 * RangeError for invalid probabilities, a step count that is not a whole number >= 0, or a policy
 * that picks an arm that does not exist.
 */
export function simulate(probs: readonly number[], policy: Policy, steps: number, rng: Rng): SimulationResult {
  checkProbs(probs);
  if (!(Number.isInteger(steps) && steps >= 0)) throw new RangeError(`steps must be an integer >= 0, got ${steps}`);
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
