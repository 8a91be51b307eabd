/** UCB1 (Auer, Cesa-Bianchi and Fischer, 2002): optimism in the face of uncertainty. */
import { argmaxRandomTie, checkArms, checkObservation, checkProbs, type Policy } from './bandit.ts';

function checkScoreArgs(mean: number, nArm: number, n: number): void {
  if (!(mean >= 0 && mean <= 1)) throw new RangeError(`ucb1Score: mean must be in [0, 1], got ${mean}`);
  if (!(Number.isInteger(nArm) && nArm >= 0)) {
    throw new RangeError(`ucb1Score: nArm must be an integer >= 0, got ${nArm}`);
  }
  if (!(Number.isInteger(n) && n >= nArm)) {
    throw new RangeError(`ucb1Score: n (total pulls) must be an integer >= nArm = ${nArm}, got ${n}`);
  }
}

// #region ucb1-score
/**
 * The UCB1 index of an arm (Auer et al. 2002, Figure 1): its mean reward in [0, 1] plus an
 * exploration bonus sqrt(2 ln n / nArm) that shrinks as the arm is pulled (nArm pulls) and grows
 * slowly with the total number of pulls n >= nArm. An untried arm (nArm = 0) has no mean and an
 * unbounded bonus: its index is +Infinity, so every arm is tried once before any is repeated.
 * Throws a RangeError for a mean outside [0, 1], or counts that are not integers with n >= nArm.
 */
export function ucb1Score(mean: number, nArm: number, n: number): number {
  checkScoreArgs(mean, nArm, n);
  if (nArm === 0) return Infinity;
  return mean + Math.sqrt((2 * Math.log(n)) / nArm);
}
// #endregion

// #region ucb1
/**
 * The UCB1 policy (Auer et al. 2002, Figure 1) for nArms arms with rewards in [0, 1]: keep each
 * arm's pull count and running mean, and pull the arm with the largest ucb1Score (untried arms
 * first, ties at random). Throws a RangeError for nArms < 1 or an observation of an arm or
 * reward that does not exist.
 */
export function ucb1(nArms: number): Policy {
  checkArms(nArms);
  const pulls = new Array<number>(nArms).fill(0);
  const means = new Array<number>(nArms).fill(0);
  let total = 0;
  return {
    name: 'UCB1',
    select(rng) {
      const scores = means.map((m, j) => ucb1Score(m, pulls[j]!, total));
      return argmaxRandomTie(scores, rng);
    },
    update(arm, reward) {
      checkObservation(nArms, arm, reward);
      total += 1;
      pulls[arm]! += 1;
      means[arm]! += (reward - means[arm]!) / pulls[arm]!;
    },
  };
}
// #endregion

/**
 * The finite-time bound of Auer et al. (2002, Theorem 1) on UCB1's expected regret after n >= 1
 * pulls, for rewards in [0, 1] with means `probs`:
 * 8 * sum_{j: gap_j > 0} ln(n) / gap_j + (1 + pi^2 / 3) * sum_j gap_j. It is 0 when all means are
 * equal (no arm has a gap) and grows without bound as a positive gap shrinks toward 0 (Infinity once
 * it exceeds the largest double, for gaps below about 1e-307). Throws a RangeError for probabilities
 * outside [0, 1] or n not in [1, Infinity).
 */
export function ucb1RegretBound(probs: readonly number[], n: number): number {
  checkProbs(probs);
  if (!(n >= 1 && n < Infinity)) throw new RangeError(`ucb1RegretBound: n must be a finite number >= 1, got ${n}`);
  const best = Math.max(...probs);
  let bound = 0;
  for (const p of probs) {
    const gap = best - p;
    if (gap > 0) bound += (8 * Math.log(n)) / gap + (1 + Math.PI ** 2 / 3) * gap;
  }
  return bound;
}
