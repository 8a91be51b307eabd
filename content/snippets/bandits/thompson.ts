/** Thompson sampling for Bernoulli rewards with Beta priors. */
import { argmaxRandomTie, type Policy } from './bandit.ts';
import { sampleBeta } from './beta.ts';

export interface BetaPrior {
  /** Pseudo-clicks before any data. */
  alpha: number;
  /** Pseudo-non-clicks before any data. */
  beta: number;
}

// #region thompson
/**
 * Keep a Beta(alpha + clicks, beta + non-clicks) posterior per arm; each round draw one CTR from
 * every posterior and pull the arm whose draw is largest. Uncertain arms draw widely, so they
 * still win sometimes; as evidence piles up the posteriors narrow and the best arm dominates.
 */
export function thompson(
  nArms: number,
  prior: BetaPrior = { alpha: 1, beta: 1 },
): Policy & {
  posterior(arm: number): BetaPrior;
} {
  if (!(prior.alpha > 0 && prior.beta > 0)) throw new RangeError('thompson: prior alpha and beta must be > 0');
  const wins = new Array<number>(nArms).fill(0);
  const losses = new Array<number>(nArms).fill(0);
  return {
    name: `Thompson (Beta(${prior.alpha}, ${prior.beta}) prior)`,
    select(rng) {
      const draws = wins.map((w, j) => sampleBeta(prior.alpha + w, prior.beta + losses[j]!, rng));
      return argmaxRandomTie(draws, rng);
    },
    update(arm, reward) {
      if (reward === 1) wins[arm]! += 1;
      else losses[arm]! += 1;
    },
    posterior(arm) {
      return { alpha: prior.alpha + wins[arm]!, beta: prior.beta + losses[arm]! };
    },
  };
}
// #endregion
