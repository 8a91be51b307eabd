/** Thompson sampling for Bernoulli rewards with Beta priors. */
import { argmaxRandomTie, checkArms, checkObservation, type Policy } from './bandit.ts';
import { MIN_SHAPE, sampleBeta } from './beta.ts';

export interface BetaPrior {
  /** Pseudo-clicks before any data. */
  alpha: number;
  /** Pseudo-non-clicks before any data. */
  beta: number;
}

function checkPrior(prior: BetaPrior): void {
  for (const key of ['alpha', 'beta'] as const) {
    if (!(prior[key] >= MIN_SHAPE && prior[key] < Infinity)) {
      throw new RangeError(`thompson: prior ${key} must be a finite number >= ${MIN_SHAPE}, got ${prior[key]}`);
    }
  }
}

function checkClick(nArms: number, arm: number, reward: number): void {
  checkObservation(nArms, arm, reward);
  if (reward !== 0 && reward !== 1) throw new RangeError(`reward must be a click (1) or not (0), got ${reward}`);
}

// #region thompson
/**
 * Keep a Beta(alpha + clicks, beta + non-clicks) posterior per arm; each round draw one CTR from
 * every posterior and pull the arm whose draw is largest. Uncertain arms draw widely, so they
 * still win sometimes; as evidence piles up the posteriors narrow and the best arm dominates.
 * Rewards must be clicks (1) or non-clicks (0). Throws a RangeError for nArms < 1 or a prior
 * parameter outside [1e-300, Infinity) (the range sampleBeta can draw from). Source: Thompson
 * (1933); this is Algorithm 2 of Chapelle and Li (2011).
 */
export function thompson(
  nArms: number,
  prior: BetaPrior = { alpha: 1, beta: 1 },
): Policy & {
  posterior(arm: number): BetaPrior;
} {
  checkArms(nArms);
  checkPrior(prior);
  const wins = new Array<number>(nArms).fill(0);
  const losses = new Array<number>(nArms).fill(0);
  return {
    name: `Thompson (Beta(${prior.alpha}, ${prior.beta}) prior)`,
    select(rng) {
      const draws = wins.map((w, j) => sampleBeta(prior.alpha + w, prior.beta + losses[j]!, rng));
      return argmaxRandomTie(draws, rng);
    },
    update(arm, reward) {
      checkClick(nArms, arm, reward);
      if (reward === 1) wins[arm]! += 1;
      else losses[arm]! += 1;
    },
    posterior(arm) {
      checkObservation(nArms, arm, 0);
      return { alpha: prior.alpha + wins[arm]!, beta: prior.beta + losses[arm]! };
    },
  };
}
// #endregion
