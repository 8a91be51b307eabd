/**
 * Unbiased learning to rank from clicks under the position-based model (PBM): a click at position
 * k needs the slot to be examined, with probability θ_k, and the item to be relevant, with
 * probability γ_i: P(click) = θ_k γ_i.
 *
 * - Inverse propensity scoring (Joachims, Swaminathan and Schnabel, WSDM 2017): divide each click
 *   by θ_k; the pointwise form is the unbiased loss of Saito et al. (WSDM 2020).
 * - Propensities from randomised traffic (swap or shuffle interventions: Joachims et al. 2017;
 *   Wang et al., SIGIR 2016), and from ordinary logs by EM over the PBM (Wang et al., WSDM 2018).
 *
 * Logs are kept as counts per (item, position), which is all these estimators need.
 */
import { type Rng, normal, shuffle } from '../shared/random.ts';

export type Vector = readonly number[];

/** impressions[i][k] and clicks[i][k]: item i shown / clicked at position k + 1. */
export interface ClickCounts {
  readonly impressions: number[][];
  readonly clicks: number[][];
}

/** A logging policy: the items to show, top first, for one request. */
export type Policy = (rng: Rng) => number[];

// #region simulate
/**
 * Simulates `sessions` requests: the policy orders the items, and the item at position k + 1 is
 * clicked with probability propensity[k] · relevance[item] (the PBM). Throws a RangeError on a
 * probability outside [0, 1] or a list longer than the propensity table.
 */
export function simulateClicks(
  relevance: Vector,
  propensity: Vector,
  policy: Policy,
  sessions: number,
  rng: Rng,
): ClickCounts {
  [...relevance, ...propensity].forEach((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`simulateClicks: probabilities must lie in [0, 1], got ${p}`);
  });
  const zeros = (): number[][] => relevance.map(() => propensity.map(() => 0));
  const counts: ClickCounts = { impressions: zeros(), clicks: zeros() };
  for (let s = 0; s < sessions; s++) {
    const shown = policy(rng);
    if (shown.length > propensity.length)
      throw new RangeError(
        `simulateClicks: the policy showed ${shown.length} items for ${propensity.length} positions`,
      );
    shown.forEach((item, k) => {
      counts.impressions[item]![k]!++;
      if (rng() < propensity[k]! * relevance[item]!) counts.clicks[item]![k]!++;
    });
  }
  return counts;
}

/** A production ranker's order: by `scores` plus Gaussian noise of sd `noise`, highest first. */
export const noisyRanker =
  (scores: Vector, noise: number): Policy =>
  (rng) => {
    const keys = scores.map((s) => s + noise * normal(rng));
    return keys.map((_, item) => item).sort((a, b) => keys[b]! - keys[a]!);
  };

/** Result randomisation: every order of the items equally likely. */
export const uniformShuffle =
  (items: number): Policy =>
  (rng) =>
    shuffle(
      rng,
      Array.from({ length: items }, (_, i) => i),
    );
// #endregion

function sum(xs: Vector): number {
  return xs.reduce((a, b) => a + b, 0);
}

// #region ips
/**
 * Naive relevance estimate: each item's click-through rate over all its impressions. Under the
 * PBM its expectation is γ_i times the average examination of the slots the item happened to get.
 */
export function naiveCtr(counts: ClickCounts): number[] {
  return counts.impressions.map((row, i) => {
    const n = sum(row);
    if (n === 0) throw new RangeError(`naiveCtr: item ${i} has no impressions`);
    return sum(counts.clicks[i]!) / n;
  });
}

/**
 * IPS relevance estimate: each click counts 1 / max(θ_k, clip), averaged over the item's
 * impressions. With clip = 0 its expectation is exactly γ_i (every θ_k > 0); with a clip it is
 * γ_i · mean(θ_k / max(θ_k, clip)) over the item's impressions: biased low, with bounded weights.
 * Throws a RangeError on a propensity <= 0 that is not clipped, or an item with no impressions.
 */
export function ipsRelevance(counts: ClickCounts, propensity: Vector, clip = 0): number[] {
  const weight = propensity.map((p, k) => {
    const q = Math.max(p, clip);
    if (!(q > 0)) throw new RangeError(`ipsRelevance: propensity[${k}] = ${p} needs a clip > 0`);
    return 1 / q;
  });
  return counts.impressions.map((row, i) => {
    const n = sum(row);
    if (n === 0) throw new RangeError(`ipsRelevance: item ${i} has no impressions`);
    return counts.clicks[i]!.reduce((s, c, k) => s + c * weight[k]!, 0) / n;
  });
}

// #endregion

// #region ips-loss
/** log(1 + e^x), finite for any finite x. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * Pointwise IPS loss of one impression with logit z (nats): (c/θ) softplus(-z) + (1 - c/θ) softplus(z),
 * computed as softplus(z) - (c/θ) z (the two are equal because softplus(-z) - softplus(z) = -z), so
 * a weight of 1e300 does not cancel. Over the click c ~ Bernoulli(θ γ) its expectation is
 * γ softplus(-z) + (1 - γ) softplus(z), the cross-entropy against the relevance itself. When
 * c/θ > 1 the loss falls without bound as z grows, like (1 - c/θ) z: the price of unbiasedness.
 * Throws a RangeError on θ outside (0, 1] or a non-finite logit.
 */
export function ipsPointwiseLoss(z: number, click: 0 | 1, propensity: number): number {
  if (!(propensity > 0 && propensity <= 1))
    throw new RangeError(`ipsPointwiseLoss: propensity must lie in (0, 1], got ${propensity}`);
  if (!Number.isFinite(z)) throw new RangeError(`ipsPointwiseLoss: logit must be finite, got ${z}`);
  return click === 0 ? softplus(z) : softplus(z) - z / propensity;
}

/**
 * Joachims et al.'s IPS estimate of a rank metric for one query: sum over clicked results of
 * λ(rank of the result under the new ranking) / θ(position it was shown at). With λ(r) = r it
 * estimates the sum of the ranks of the relevant results, unbiased when every θ > 0.
 */
export function ipsRankMetric(
  newRanks: Vector,
  clicks: readonly (0 | 1)[],
  propensities: Vector,
  lambda: (rank: number) => number = (r) => r,
): number {
  if (newRanks.length !== clicks.length || propensities.length !== clicks.length)
    throw new RangeError('ipsRankMetric: newRanks, clicks and propensities must have the same length');
  return clicks.reduce((s: number, c, j) => {
    if (c === 0) return s;
    if (!(propensities[j]! > 0))
      throw new RangeError(`ipsRankMetric: propensities[${j}] must be > 0 for a clicked result`);
    return s + lambda(newRanks[j]!) / propensities[j]!;
  }, 0);
}
// #endregion

// #region randomised
/**
 * Relative propensities θ_k / θ_1 from traffic whose order was randomised (every item equally
 * likely in every slot): the expected relevance is then the same in every position, so the
 * click-through rate of position k is θ_k times a constant. Throws a RangeError when position 1
 * has no clicks or a position has no impressions.
 */
export function propensityFromRandomised(counts: ClickCounts): number[] {
  const K = counts.impressions[0]?.length ?? 0;
  const ctr = Array.from({ length: K }, (_, k) => {
    const n = sum(counts.impressions.map((row) => row[k]!));
    if (n === 0) throw new RangeError(`propensityFromRandomised: position ${k + 1} has no impressions`);
    return sum(counts.clicks.map((row) => row[k]!)) / n;
  });
  if (!(ctr[0]! > 0)) throw new RangeError('propensityFromRandomised: position 1 has no clicks');
  return ctr.map((c) => c / ctr[0]!);
}
// #endregion

// #region em
/** PBM log-likelihood of the counts: sum of c log(θγ) + (n - c) log(1 - θγ), in nats. */
export function pbmLogLikelihood(counts: ClickCounts, theta: Vector, gamma: Vector): number {
  let ll = 0;
  counts.impressions.forEach((row, i) =>
    row.forEach((n, k) => {
      const [t, g, c] = [theta[k]!, gamma[i]!, counts.clicks[i]![k]!];
      // 1 - θγ as (1 - θ) + θ(1 - γ): two non-negative terms, no cancellation near θ = γ = 1.
      if (c > 0) ll += c * (Math.log(t) + Math.log(g));
      if (n > c) ll += (n - c) * Math.log(1 - t + t * (1 - g));
    }),
  );
  return ll;
}

/**
 * Expectation-maximisation for the PBM on ordinary (non-randomised) logs. A click means examined
 * and relevant; a non-click at position k of item i was "examined, not relevant" with probability
 * θ_k(1 - γ_i)/(1 - θ_kγ_i) and "not examined, relevant" with (1 - θ_k)γ_i/(1 - θ_kγ_i) (E-step);
 * θ_k and γ_i are then the expected shares of examined and of relevant impressions (M-step). The
 * log-likelihood never falls from one iteration to the next. Items must be seen at several
 * positions for θ and γ to be told apart; only θ_k / θ_1 is identified by the data.
 */
export function pbmEm(
  counts: ClickCounts,
  { iterations = 500, init = 0.5 } = {},
): { theta: number[]; gamma: number[]; logLikelihood: number[] } {
  if (!(init > 0 && init < 1)) throw new RangeError(`pbmEm: init must lie in (0, 1), got ${init}`);
  const items = counts.impressions.length;
  const K = counts.impressions[0]?.length ?? 0;
  let theta = Array.from({ length: K }, () => init);
  let gamma = Array.from({ length: items }, () => init);
  const logLikelihood = [pbmLogLikelihood(counts, theta, gamma)];
  for (let it = 0; it < iterations; it++) {
    const examined = Array.from({ length: K }, () => 0);
    const shownAt = Array.from({ length: K }, () => 0);
    const relevant = Array.from({ length: items }, () => 0);
    const shown = Array.from({ length: items }, () => 0);
    counts.impressions.forEach((row, i) =>
      row.forEach((n, k) => {
        if (n === 0) return;
        const [t, g, c] = [theta[k]!, gamma[i]!, counts.clicks[i]![k]!];
        const noClick = 1 - t + t * (1 - g); // 1 - θγ, > 0 while θ, γ < 1 or the cell has no non-click
        examined[k]! += c + (n > c ? ((n - c) * t * (1 - g)) / noClick : 0);
        relevant[i]! += c + (n > c ? ((n - c) * (1 - t) * g) / noClick : 0);
        shownAt[k]! += n;
        shown[i]! += n;
      }),
    );
    theta = examined.map((e, k) => (shownAt[k]! > 0 ? e / shownAt[k]! : theta[k]!));
    gamma = relevant.map((r, i) => (shown[i]! > 0 ? r / shown[i]! : gamma[i]!));
    logLikelihood.push(pbmLogLikelihood(counts, theta, gamma));
  }
  return { theta, gamma, logLikelihood };
}
// #endregion

/** Kendall's tau between two score vectors (no ties expected): +1 same order, -1 reversed. */
export function kendallTau(a: Vector, b: Vector): number {
  let s = 0;
  let pairs = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = i + 1; j < a.length; j++) {
      s += Math.sign(a[i]! - a[j]!) * Math.sign(b[i]! - b[j]!);
      pairs++;
    }
  return pairs === 0 ? 1 : s / pairs;
}

// #region experiment
/** A simulated world and logging setup for the page's experiment. */
export interface UltrSetup {
  /** γ_i of each item. */
  readonly relevance: Vector;
  /** θ_k of each position. */
  readonly propensity: Vector;
  /** The production ranker's score of each item, before its noise. */
  readonly loggingScores: Vector;
  readonly loggingNoise: number;
  readonly loggedSessions: number;
  readonly randomisedSessions: number;
}

/** The page's simulation: 10 items, 10 slots, examination 1/k, and a production ranker that favours the wrong items. */
export const ULTR_SETUP: UltrSetup = {
  relevance: Array.from({ length: 10 }, (_, i) => 0.1 + 0.08 * i),
  propensity: Array.from({ length: 10 }, (_, k) => 1 / (k + 1)),
  // The old ranker prefers the items that are in truth the least relevant.
  loggingScores: Array.from({ length: 10 }, (_, i) => -i),
  loggingNoise: 2,
  loggedSessions: 50_000,
  randomisedSessions: 20_000,
};

export interface UltrRun {
  readonly naive: number[];
  /** IPS with the true propensities. */
  readonly ipsTrue: number[];
  /** Propensities θ_k / θ_1 from the randomised slice, and IPS with them. */
  readonly randomisedPropensity: number[];
  readonly ipsRandomised: number[];
  /** Propensities θ_k / θ_1 from EM on the ordinary log (null when EM was skipped). */
  readonly emPropensity: number[] | null;
}

/** One seeded run of the page's simulation: the ordinary log, a randomised slice, and every estimate. */
export function runUltrExperiment(
  seed: number,
  rngOf: (seed: number) => Rng,
  setup: UltrSetup = ULTR_SETUP,
  { em = true } = {},
): UltrRun {
  const rng = rngOf(seed);
  const { relevance, propensity } = setup;
  const ranker = noisyRanker(setup.loggingScores, setup.loggingNoise);
  const logged = simulateClicks(relevance, propensity, ranker, setup.loggedSessions, rng);
  const randomised = simulateClicks(
    relevance,
    propensity,
    uniformShuffle(relevance.length),
    setup.randomisedSessions,
    rng,
  );
  const randomisedPropensity = propensityFromRandomised(randomised);
  const theta = em ? pbmEm(logged).theta : null;
  return {
    naive: naiveCtr(logged),
    ipsTrue: ipsRelevance(logged, propensity),
    randomisedPropensity,
    ipsRandomised: ipsRelevance(logged, randomisedPropensity),
    emPropensity: theta && theta.map((t) => t / theta[0]!),
  };
}
// #endregion
