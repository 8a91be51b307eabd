/** UCB1 (Auer, Cesa-Bianchi and Fischer, 2002): optimism in the face of uncertainty. */
import { argmaxRandomTie, type Policy } from './bandit.ts';

// #region ucb1-score
/**
 * The UCB1 index of an arm: its mean reward plus an exploration bonus that shrinks as the arm
 * is pulled (nArm) and grows slowly with the total number of pulls (n). An untried arm is
 * infinitely optimistic, so every arm is tried once before any is repeated.
 */
export function ucb1Score(mean: number, nArm: number, n: number): number {
  if (nArm === 0) return Infinity;
  return mean + Math.sqrt((2 * Math.log(n)) / nArm);
}
// #endregion

// #region ucb1
export function ucb1(nArms: number): Policy {
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
      total += 1;
      pulls[arm]! += 1;
      means[arm]! += (reward - means[arm]!) / pulls[arm]!;
    },
  };
}
// #endregion

/**
 * The finite-time bound of Auer et al. (2002, Theorem 1) on UCB1's expected regret after n pulls:
 * 8 * sum_{j: gap_j > 0} ln(n) / gap_j + (1 + pi^2 / 3) * sum_j gap_j.
 */
export function ucb1RegretBound(probs: readonly number[], n: number): number {
  const best = Math.max(...probs);
  let bound = 0;
  for (const p of probs) {
    const gap = best - p;
    if (gap > 0) bound += (8 * Math.log(n)) / gap + (1 + Math.PI ** 2 / 3) * gap;
  }
  return bound;
}
