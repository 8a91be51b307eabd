/**
 * Cold-start CTR estimates: shrink a young item's observed click-through rate toward a prior, and
 * fit that prior (a Beta distribution) to the items that already have history.
 */

/** Click counts of one item. */
export interface ItemStats {
  readonly clicks: number;
  readonly impressions: number;
}

function checkCounts(clicks: number, impressions: number): void {
  if (!Number.isFinite(impressions) || impressions < 0) {
    throw new RangeError(`impressions must be a non-negative number, got ${impressions}`);
  }
  if (!Number.isFinite(clicks) || clicks < 0 || clicks > impressions) {
    throw new RangeError(`clicks must be in [0, impressions], got ${clicks} of ${impressions}`);
  }
}

function checkPrior(priorCtr: number, m: number): void {
  if (!(priorCtr >= 0 && priorCtr <= 1)) throw new RangeError(`priorCtr must be in [0, 1], got ${priorCtr}`);
  if (!(m >= 0 && m < Infinity)) throw new RangeError(`m must be a finite number >= 0, got ${m}`);
}

// #region smoothed-ctr
/**
 * (clicks + m * prior) / (impressions + m): the prior counts as m pseudo-impressions at the prior
 * CTR. Equivalently a blend w * observed + (1 - w) * prior with weight w = n / (n + m) on the
 * observed CTR, so the weight grows with exposure: a new item starts at the prior and an item with
 * n >> m keeps its own CTR. m = 0 is the raw CTR; with m = 0 and no impressions there is nothing
 * to go on (0 / 0), and the function throws a RangeError.
 */
export function smoothedCtr(clicks: number, impressions: number, priorCtr: number, m: number): number {
  checkCounts(clicks, impressions);
  checkPrior(priorCtr, m);
  if (impressions + m === 0) throw new RangeError('m = 0 and no impressions: the CTR is 0 / 0, give m > 0');
  return (clicks + m * priorCtr) / (impressions + m);
}
// #endregion

// #region top-exposed-prior
/**
 * A default CTR for new items: the mean CTR of the `fraction` most exposed items (top 20% by
 * default). Heavily exposed items have reliable CTRs; items with a handful of impressions would
 * drag the mean around with CTRs like 1/2 or 0/3. Because exposure itself goes to items that
 * click well, this prior leans optimistic, which gives new items a fair first chance. Throws a
 * RangeError for fraction outside (0, 1], impossible counts, or no item with impressions.
 */
export function topExposedPriorCtr(items: readonly ItemStats[], fraction = 0.2): number {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  const shown = items.filter((it) => {
    checkCounts(it.clicks, it.impressions);
    return it.impressions > 0;
  });
  if (shown.length === 0) throw new RangeError('items: need at least one item with impressions');
  // Most exposed first; at least one item even when fraction * length < 1.
  const top = [...shown]
    .sort((a, b) => b.impressions - a.impressions)
    .slice(0, Math.max(1, Math.ceil(fraction * shown.length)));
  return top.reduce((s, it) => s + it.clicks / it.impressions, 0) / top.length;
}
// #endregion

/**
 * A Beta with mean mu and strength alpha + beta = strength. The strength must be a finite number > 0:
 * strength 0 would put all mass on 0 and 1, an infinite one is a point mass at mu.
 */
function betaFromStrength(mean: number, strength: number): BetaParams {
  if (!(strength > 0)) {
    throw new RangeError(`variance must be below mean (1 - mean) = ${mean * (1 - mean)}: no Beta spreads more`);
  }
  if (!(strength < Infinity)) throw new RangeError('variance too small: alpha + beta overflows');
  return { alpha: mean * strength, beta: (1 - mean) * strength };
}

function checkMean(mean: number): void {
  if (!(mean > 0 && mean < 1)) {
    throw new RangeError(`mean must be strictly between 0 and 1 (a Beta cannot have mean 0 or 1), got ${mean}`);
  }
}

// #region beta-moments
/** A Beta(alpha, beta) prior; alpha + beta is its strength in pseudo-impressions. */
export interface BetaParams {
  readonly alpha: number;
  readonly beta: number;
}

/**
 * Method of moments: a Beta(alpha, beta) has mean mu = alpha / (alpha + beta) and variance
 * mu (1 - mu) / (alpha + beta + 1). Solving for the parameters given a mean and a variance:
 * alpha + beta = mu (1 - mu) / variance - 1. Only 0 < mu < 1 and 0 < variance < mu (1 - mu) fit
 * a Beta; anything else throws a RangeError (variance 0 is a point mass, of infinite strength).
 */
export function betaFromMoments(mean: number, variance: number): BetaParams {
  checkMean(mean);
  if (!(variance > 0)) throw new RangeError(`variance must be > 0 (0 is a point mass), got ${variance}`);
  return betaFromStrength(mean, (mean * (1 - mean)) / variance - 1);
}

/**
 * Fit a Beta to a sample of rates in [0, 1] that are themselves exact (e.g. true CTRs): the same
 * formula with the sample mean and variance, computed so that extreme rates keep their digits.
 * Deviations are taken relative to the mean, r / mu - 1 (relVar = variance / mu^2), because for
 * rates near 1e-300 the plain (r - mu)^2 underflows to 0; dividing the formula by mu^2 gives
 * alpha + beta = (1 - mu) / (mu * relVar) - 1. A sample whose mean is above 1/2 is fitted through
 * its complements 1 - r (exact there) with alpha and beta swapped, so rates such as 1 - 1e-16 are
 * handled as well as 1e-16. Throws a RangeError for fewer than two rates, a rate outside [0, 1],
 * a mean of 0 or 1, or a sample with no spread.
 */
export function fitBetaMoments(rates: readonly number[]): BetaParams {
  if (rates.length < 2) throw new RangeError(`rates: need at least two values, got ${rates.length}`);
  rates.forEach((r, i) => {
    if (!(r >= 0 && r <= 1)) throw new RangeError(`rates[${i}] must be in [0, 1], got ${r}`);
  });
  const n = rates.length;
  const mean = rates.reduce((s, r) => s + r, 0) / n;
  checkMean(mean);
  if (mean > 0.5) {
    const flipped = fitLowMean(rates.map((r) => 1 - r));
    return { alpha: flipped.beta, beta: flipped.alpha };
  }
  return fitLowMean(rates);
}

function fitLowMean(rates: readonly number[]): BetaParams {
  const n = rates.length;
  const mean = rates.reduce((s, r) => s + r, 0) / n;
  checkMean(mean);
  const relVar = rates.reduce((s, r) => s + (r / mean - 1) ** 2, 0) / (n - 1); // variance / mean^2
  if (!(relVar > 0)) throw new RangeError('rates: all equal (variance 0), a point mass that no Beta fits');
  return betaFromStrength(mean, (1 - mean) / (mean * relVar) - 1);
}
// #endregion

// #region beta-from-counts
/**
 * Fit the prior to observed CTRs c_i / n_i. Each observed CTR adds binomial noise to the item's
 * true CTR: Var(c_i / n_i) = s2 + (mu (1 - mu) - s2) / n_i for a prior with mean mu and variance
 * s2. Averaging over items and solving for s2 removes the noise, with h = mean(1 / n_i):
 * s2 = (observed variance - mu (1 - mu) h) / (1 - h).
 * Fitting the raw CTRs instead would mistake the noise for real spread and give a prior far too
 * weak (alpha + beta too small). Empirical Bayes in the sense of Morris (1983), with a moment fit.
 * Throws a RangeError for impossible counts, fewer than two items with impressions, a mean CTR of
 * 0 or 1, or observed CTRs that vary no more than binomial noise alone.
 */
export function fitBetaFromCounts(items: readonly ItemStats[]): BetaParams {
  const shown = items.filter((it) => {
    checkCounts(it.clicks, it.impressions);
    return it.impressions > 0;
  });
  if (shown.length < 2) throw new RangeError('items: need at least two items with impressions');
  const k = shown.length;
  const rates = shown.map((it) => it.clicks / it.impressions);
  const mean = rates.reduce((s, r) => s + r, 0) / k;
  checkMean(mean);
  const observedVar = rates.reduce((s, r) => s + (r - mean) ** 2, 0) / (k - 1);
  const h = shown.reduce((s, it) => s + 1 / it.impressions, 0) / k;
  if (h >= 1)
    throw new RangeError('items: every item has a single impression; the spread cannot be separated from noise');
  const priorVar = (observedVar - mean * (1 - mean) * h) / (1 - h);
  if (!(priorVar > 0)) {
    throw new RangeError('items: observed CTRs vary no more than binomial noise; no spread left to fit a prior to');
  }
  return betaFromMoments(mean, priorVar);
}
// #endregion
