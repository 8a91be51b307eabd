/**
 * Statistics for the A/B tests a recommender actually runs: the difference of two means (watch
 * time per user), ratio metrics such as clicks over impressions with a delta-method variance,
 * a user-level bootstrap to check it, CUPED variance reduction with a pre-experiment covariate,
 * and team-draft interleaving of two rankings with a simulation of how many users each design
 * needs to see the same ranking change.
 */
import { normalCdf, normalQuantile } from './ab-test.ts';
import { normal, type Rng } from '../shared/random.ts';

/** Largest absolute value of a list, for scaling sums so that 1e200-sized values cannot overflow. */
function maxAbs(values: readonly number[]): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m;
}

function checkValues(name: string, values: readonly number[], min = 2): void {
  if (values.length < min) throw new RangeError(`${name} must hold at least ${min} values, got ${values.length}`);
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`${name} must hold finite numbers, got ${v}`);
}

function checkLevels(name: string, alpha: number, power?: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${name}: alpha must be in (0, 1), got ${alpha}`);
  if (power !== undefined && !(power > 0 && power < 1))
    throw new RangeError(`${name}: power must be in (0, 1), got ${power}`);
}

// #region mean-test
export interface MeanSummary {
  /** Units (users) in the group. */
  n: number;
  mean: number;
  /** Standard deviation of one unit's value (sample, n - 1 in the denominator). */
  sd: number;
}

/**
 * Mean and standard deviation of per-unit values, such as minutes watched per user. Both are
 * taken on the values divided by their largest magnitude and scaled back, so values of 1e-200
 * or 1e200 neither underflow nor overflow (the variance itself would; the SD is returned).
 * Throws a RangeError for fewer than two values or a non-finite one.
 */
export function summarize(values: readonly number[]): MeanSummary {
  checkValues('summarize: values', values);
  const s = maxAbs(values) || 1;
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v / s / n;
  let ss = 0;
  for (const v of values) ss += (v / s - mean) ** 2;
  return { n, mean: mean * s, sd: Math.sqrt(ss / (n - 1)) * s };
}

export interface DifferenceTest {
  /** Treatment minus control. */
  diff: number;
  /** Standard error of diff. */
  se: number;
  z: number;
  /** Two-sided p-value from the normal approximation. */
  pValue: number;
}

/**
 * Two independent groups: diff = mean_B - mean_A with SE sqrt(sd_A^2 / n_A + sd_B^2 / n_B)
 * (unpooled, Welch's standard error) and a two-sided normal p-value; with thousands of users
 * per arm the t and normal distributions agree to the digits anyone reads.
 */
export function meanDifferenceTest(a: MeanSummary, b: MeanSummary): DifferenceTest {
  const diff = b.mean - a.mean;
  const se = Math.hypot(a.sd / Math.sqrt(a.n), b.sd / Math.sqrt(b.n));
  if (!(se > 0)) throw new RangeError('meanDifferenceTest: both groups have zero variance, the test is undefined');
  const z = diff / se;
  return { diff, se, z, pValue: 2 * normalCdf(-Math.abs(z)) };
}
// #endregion

// #region delta-ratio
export interface RatioEstimate {
  /** Randomisation units (users) behind the ratio. */
  n: number;
  /** sum(numerators) / sum(denominators), e.g. clicks / impressions. */
  ratio: number;
  /** Delta-method standard error of the ratio, users treated as the independent units. */
  se: number;
  /** What the binomial formula sqrt(R (1 - R) / sum(denominators)) would claim, for comparison. */
  naiveSe: number;
}

/**
 * A ratio metric over users: R = sum y_i / sum x_i = ybar / xbar (clicks y_i over impressions
 * x_i of user i). By the delta method (first-order Taylor expansion of ybar / xbar around the
 * means), Var(R) ~ Var(Y - R X) / (n xbar^2): the sample variance of the per-user residuals
 * e_i = y_i - R x_i, which sum to exactly zero, divided by n xbar^2. Written this way there is
 * no cancellation between the three terms Var(Y), Cov(X, Y), Var(X) of the textbook form.
 * Source: Deng, Knoblich and Lu (2018), KDD, "Applying the Delta Method in Metric Analytics".
 * Throws a RangeError unless there are >= 2 users, all values finite, denominators >= 0 with
 * a positive total.
 */
export function ratioMetric(numerators: readonly number[], denominators: readonly number[]): RatioEstimate {
  const n = numerators.length;
  if (denominators.length !== n)
    throw new RangeError(`ratioMetric: denominators must have length ${n}, got ${denominators.length}`);
  checkValues('ratioMetric: numerators', numerators);
  checkValues('ratioMetric: denominators', denominators);
  if (denominators.some((x) => x < 0)) throw new RangeError('ratioMetric: denominators must be >= 0');
  const sy = maxAbs(numerators) || 1;
  const sx = maxAbs(denominators);
  if (!(sx > 0)) throw new RangeError('ratioMetric: denominators must not all be 0');
  let ySum = 0; // sums of scaled values: y / sy and x / sx stay within [-1, 1]
  let xSum = 0;
  for (let i = 0; i < n; i++) {
    ySum += numerators[i]! / sy;
    xSum += denominators[i]! / sx;
  }
  const r = ySum / xSum; // ratio in scaled units; R = r * sy / sx
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (numerators[i]! / sy - r * (denominators[i]! / sx)) ** 2;
  const sdResidual = Math.sqrt(ss / (n - 1)); // in units of sy
  const xBar = xSum / n; // in units of sx
  const ratio = (r * sy) / sx;
  const se = (sdResidual / (Math.sqrt(n) * xBar)) * (sy / sx);
  // Binomial SE: sum x_i impressions treated as independent trials.
  const naiveSe = Math.sqrt(Math.max(0, ratio * (1 - ratio)) / xSum / sx);
  return { n, ratio, se, naiveSe };
}

/** Treatment ratio minus control ratio, with the two delta-method SEs combined. */
export function ratioDifferenceTest(a: RatioEstimate, b: RatioEstimate): DifferenceTest {
  const diff = b.ratio - a.ratio;
  const se = Math.hypot(a.se, b.se);
  if (!(se > 0)) throw new RangeError('ratioDifferenceTest: both ratios have zero variance, the test is undefined');
  const z = diff / se;
  return { diff, se, z, pValue: 2 * normalCdf(-Math.abs(z)) };
}
// #endregion

// #region bootstrap
/**
 * Standard error of sum(y) / sum(x) by the bootstrap over users: resample n users with
 * replacement, recompute the ratio, take the SD of the `resamples` ratios. Users, not
 * impressions, are resampled, because users are what was randomised.
 */
export function bootstrapRatioSe(
  rng: Rng,
  numerators: readonly number[],
  denominators: readonly number[],
  resamples = 500,
): number {
  const n = numerators.length;
  if (n < 2 || denominators.length !== n)
    throw new RangeError('bootstrapRatioSe: need >= 2 users and as many denominators as numerators');
  if (!Number.isInteger(resamples) || resamples < 2)
    throw new RangeError(`bootstrapRatioSe: resamples must be an integer >= 2, got ${resamples}`);
  const ratios: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let y = 0;
    let x = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng() * n);
      y += numerators[j]!;
      x += denominators[j]!;
    }
    ratios.push(y / x);
  }
  return summarize(ratios).sd;
}
// #endregion

// #region aa-ratio
export interface ClickPopulation {
  /** Mean impressions per user; impressions are log-normal with log-SD impressionSigma, at least 1. */
  meanImpressions: number;
  impressionSigma: number;
  /** Median click-through rate, and the log-odds SD of users' own CTRs around it. */
  ctr: number;
  ctrSigma: number;
}

/**
 * Clicks and impressions of `users` users: heavy and light users, keen and indifferent clickers.
 * Throws a RangeError for a CTR outside (0, 1) or a non-positive mean of impressions.
 */
export function simulateClickUsers(rng: Rng, users: number, pop: ClickPopulation) {
  if (!(pop.ctr > 0 && pop.ctr < 1)) throw new RangeError(`simulateClickUsers: ctr must be in (0, 1), got ${pop.ctr}`);
  if (!(pop.meanImpressions > 0 && pop.meanImpressions < Infinity))
    throw new RangeError(`simulateClickUsers: meanImpressions must be finite and > 0, got ${pop.meanImpressions}`);
  const clicks: number[] = [];
  const impressions: number[] = [];
  const logit = Math.log(pop.ctr) - Math.log1p(-pop.ctr); // log-odds, exact for a CTR of 1e-300 or 1 - 1e-16
  for (let u = 0; u < users; u++) {
    const s = pop.impressionSigma;
    const n = Math.max(1, Math.round(pop.meanImpressions * Math.exp(s * normal(rng) - (s * s) / 2)));
    const p = 1 / (1 + Math.exp(-(logit + pop.ctrSigma * normal(rng)))); // exp overflow gives p = 0, not NaN
    let c = 0;
    for (let i = 0; i < n; i++) if (rng() < p) c++;
    clicks.push(c);
    impressions.push(n);
  }
  return { clicks, impressions };
}

/**
 * A/A tests on CTR (both arms drawn from the same population, so every "significant" result is
 * a false positive), each analysed twice at level alpha: with the binomial z-test that counts
 * impressions as independent trials, and with the delta-method SE that counts users. Returns
 * the share of tests each one declared significant.
 */
export function aaRatioFalsePositives(
  rng: Rng,
  experiments: number,
  usersPerArm: number,
  pop: ClickPopulation,
  alpha = 0.05,
): { naive: number; delta: number } {
  checkLevels('aaRatioFalsePositives', alpha);
  const crit = -normalQuantile(alpha / 2);
  let naive = 0;
  let delta = 0;
  for (let e = 0; e < experiments; e++) {
    const a = simulateClickUsers(rng, usersPerArm, pop);
    const b = simulateClickUsers(rng, usersPerArm, pop);
    const ra = ratioMetric(a.clicks, a.impressions);
    const rb = ratioMetric(b.clicks, b.impressions);
    const diff = Math.abs(rb.ratio - ra.ratio);
    if (diff > crit * Math.hypot(ra.naiveSe, rb.naiveSe)) naive++;
    if (diff > crit * Math.hypot(ra.se, rb.se)) delta++;
  }
  return { naive: naive / experiments, delta: delta / experiments };
}
// #endregion

// #region cuped
export interface CupedGroup {
  /** The metric during the experiment, one value per user. */
  y: readonly number[];
  /** The same user's covariate, measured before the experiment started. */
  x: readonly number[];
}

export interface CupedResult {
  /** theta = Cov(X, Y) / Var(X), estimated on both groups pooled (may overflow when Y and X differ by 1e300 in scale; the adjusted means do not). */
  theta: number;
  /** Sample correlation of X and Y on the pooled data. */
  rho: number;
  /** The plain test on Y. */
  plain: DifferenceTest;
  /** The same test on Y - theta (X - mean X): same expected difference, smaller SE. */
  cuped: DifferenceTest;
}

/** Covariance and the two SDs of paired values, computed on values scaled to at most 1. */
function moments(x: readonly number[], y: readonly number[]) {
  const sx = maxAbs(x) || 1;
  const sy = maxAbs(y) || 1;
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]! / sx / n;
    my += y[i]! / sy / n;
  }
  let cxx = 0;
  let cyy = 0;
  let cxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! / sx - mx;
    const dy = y[i]! / sy - my;
    cxx += dx * dx;
    cyy += dy * dy;
    cxy += dx * dy;
  }
  // slope in scaled units; theta = slope * sy / sx in the original ones. rho is unit-free.
  return { slope: cxy / cxx, rho: cxy / Math.sqrt(cxx * cyy), sx, sy, mx };
}

/**
 * CUPED (Deng, Xu, Kohavi and Walker 2013, WSDM, §3.2): analyse Y_cv = Y - theta (X - mean X)
 * instead of Y, with X a pre-experiment covariate (usually the same metric in the weeks before).
 * X cannot be moved by the treatment, so E[X] is the same in both groups and the difference of
 * the adjusted means stays unbiased; with theta = Cov(X, Y) / Var(X) the variance of each mean
 * is multiplied by 1 - rho^2. One theta, estimated on both groups pooled, is used for both
 * groups (their §3.2.2: a different theta per group would bias the difference). Throws a
 * RangeError for mismatched lengths, fewer than 2 users per group, or a constant covariate.
 */
export function cupedTest(control: CupedGroup, treatment: CupedGroup): CupedResult {
  for (const [name, g] of [
    ['control', control],
    ['treatment', treatment],
  ] as const) {
    if (g.x.length !== g.y.length)
      throw new RangeError(`cupedTest: ${name}.x must have length ${g.y.length}, got ${g.x.length}`);
    checkValues(`cupedTest: ${name}.y`, g.y);
    checkValues(`cupedTest: ${name}.x`, g.x);
  }
  const x = [...control.x, ...treatment.x];
  const y = [...control.y, ...treatment.y];
  const { slope, rho, sx, sy, mx } = moments(x, y);
  if (!Number.isFinite(slope)) throw new RangeError('cupedTest: the covariate x is constant, theta is undefined');
  // y - theta (x - mean x), evaluated in scaled units so that theta itself may be huge or tiny
  const adjust = (g: CupedGroup) => g.y.map((v, i) => sy * (v / sy - slope * (g.x[i]! / sx - mx)));
  return {
    theta: (slope * sy) / sx,
    rho,
    plain: meanDifferenceTest(summarize(control.y), summarize(treatment.y)),
    cuped: meanDifferenceTest(summarize(adjust(control)), summarize(adjust(treatment))),
  };
}
// #endregion

// #region simulate-watch
export interface WatchPopulation {
  /** Median minutes watched per user in each period. */
  median: number;
  /** Log-SD of a user's lasting appetite, shared by both periods: what makes X predict Y. */
  appetiteSigma: number;
  /** Log-SD of the period-to-period fluctuation, drawn afresh for each period. */
  noiseSigma: number;
}

/**
 * Minutes watched by `users` users before (x) and during (y) the experiment, log-normal with a
 * shared per-user appetite; `lift` multiplies the experiment period only (the treatment effect).
 */
export function simulateWatchTime(rng: Rng, users: number, pop: WatchPopulation, lift = 1): CupedGroup {
  const x: number[] = [];
  const y: number[] = [];
  for (let u = 0; u < users; u++) {
    const appetite = pop.appetiteSigma * normal(rng);
    x.push(pop.median * Math.exp(appetite + pop.noiseSigma * normal(rng)));
    y.push(lift * pop.median * Math.exp(appetite + pop.noiseSigma * normal(rng)));
  }
  return { x, y };
}
// #endregion

// #region team-draft
export type Team = 'A' | 'B';

export interface Interleaving<T> {
  /** The merged list shown to the user. */
  list: T[];
  /** Which ranker contributed each shown item. */
  teams: Team[];
}

/**
 * Team-draft interleaving (Radlinski, Kurup and Joachims 2008, CIKM). Like two captains picking
 * players: the team with fewer picks so far picks next, a coin decides when they are level, and
 * each pick is that ranker's highest-ranked item not already shown. Every prefix of the list is
 * then split between the two rankers as evenly as possible, and which ranker gets the better
 * slot is decided by the coin, never by the rankers. Stops at `length` items or when a ranker
 * has nothing left to add. Throws a RangeError for a negative or non-integer length.
 */
export function teamDraftInterleave<T>(rng: Rng, a: readonly T[], b: readonly T[], length: number): Interleaving<T> {
  if (!Number.isInteger(length) || length < 0)
    throw new RangeError(`teamDraftInterleave: length must be a non-negative integer, got ${length}`);
  const shown = new Set<T>();
  const list: T[] = [];
  const teams: Team[] = [];
  let pickedA = 0;
  let pickedB = 0;
  let ia = 0; // next position to look at in each ranking
  let ib = 0;
  while (list.length < length) {
    while (ia < a.length && shown.has(a[ia]!)) ia++;
    while (ib < b.length && shown.has(b[ib]!)) ib++;
    if (ia >= a.length || ib >= b.length) break;
    const aPicks = pickedA < pickedB || (pickedA === pickedB && rng() < 0.5);
    const item = aPicks ? a[ia]! : b[ib]!;
    shown.add(item);
    list.push(item);
    teams.push(aPicks ? 'A' : 'B');
    if (aPicks) pickedA++;
    else pickedB++;
  }
  return { list, teams };
}

/** The ranker whose team collected more clicks in one impression of the list, or a tie. */
export function interleavingWinner(teams: readonly Team[], clicked: readonly boolean[]): Team | 'tie' {
  if (clicked.length !== teams.length)
    throw new RangeError(`interleavingWinner: clicked must have length ${teams.length}, got ${clicked.length}`);
  let score = 0;
  for (let i = 0; i < teams.length; i++) if (clicked[i]) score += teams[i] === 'A' ? 1 : -1;
  return score > 0 ? 'A' : score < 0 ? 'B' : 'tie';
}
// #endregion

// #region click-model
export interface RankingWorld {
  /** Candidate items per request. */
  candidates: number;
  /** Items shown. */
  slots: number;
  /** SD of the noise each ranker adds to the true relevance; the smaller, the better the ranker. */
  noiseA: number;
  noiseB: number;
  /** Median and log-SD of a user's click propensity: the user-to-user spread A/B tests fight. */
  activityMedian: number;
  activitySigma: number;
}

/** One request: relevances in [0, 1), the user's propensity, and each ranker's order. */
export function sampleRequest(rng: Rng, w: RankingWorld) {
  const rel = Array.from({ length: w.candidates }, () => rng() ** 2); // few items are very relevant
  const activity = w.activityMedian * Math.exp(w.activitySigma * normal(rng));
  const rank = (noise: number) => {
    const score = rel.map((r) => r + noise * normal(rng));
    return score.map((_, i) => i).sort((i, j) => score[j]! - score[i]!);
  };
  return { rel, activity, a: rank(w.noiseA), b: rank(w.noiseB) };
}

/** Position-based click model: slot k (from 0) is examined with probability 1 / (k + 1). */
export function clickProbabilities(items: readonly number[], rel: readonly number[], activity: number): number[] {
  return items.map((d, k) => Math.min(1, (activity * rel[d]!) / (k + 1)));
}

/**
 * For independent clicks with probabilities p, and slots owned by A or B: the probabilities that
 * A's team collects more clicks than B's and the reverse, from the exact distribution of
 * (A's clicks - B's clicks), built one slot at a time.
 */
export function winProbabilities(p: readonly number[], teams: readonly Team[]): { a: number; b: number } {
  const m = p.length;
  let dist = new Array<number>(2 * m + 1).fill(0); // index m + d holds P(difference = d)
  dist[m] = 1;
  for (let k = 0; k < m; k++) {
    const step = teams[k] === 'A' ? 1 : -1;
    const next = new Array<number>(2 * m + 1).fill(0);
    for (let i = 0; i <= 2 * m; i++) {
      if (dist[i] === 0) continue;
      next[i] = next[i]! + dist[i]! * (1 - p[k]!);
      next[i + step] = next[i + step]! + dist[i]! * p[k]!;
    }
    dist = next;
  }
  let a = 0;
  let b = 0;
  for (let i = 0; i <= 2 * m; i++) {
    if (i > m) a += dist[i]!;
    if (i < m) b += dist[i]!;
  }
  return { a, b };
}

// #endregion

// #region sensitivity
export interface Sensitivity {
  /** Mean and SD of clicks per user when everyone sees A, or B. */
  abA: MeanSummary;
  abB: MeanSummary;
  /** Mean and SD of the per-user interleaving outcome: +1 if B's team got more clicks, -1 if A's, 0 on a tie. */
  interleaving: MeanSummary;
  /** Users (both arms together) an A/B test on clicks per user needs for the given power. */
  usersAB: number;
  /** Users an interleaving test needs for the same power. */
  usersInterleaving: number;
}

/**
 * Per-user moments of both designs and the users each needs to detect B's advantage with a
 * two-sided z-test at level alpha and the given power. A/B compares two groups and needs
 * 2 (z_(1-alpha/2) + z_power)^2 (sd_A^2 + sd_B^2) / (mean_B - mean_A)^2 users in total;
 * interleaving compares one group's mean outcome with 0 and needs (z + z)^2 sd^2 / mean^2.
 * The moments average, over `requests` simulated requests, the exact conditional moments given
 * the request (sums of click probabilities, win probabilities), not sampled clicks: the same
 * expectations, with far less simulation noise. Each request is scored under A, under B and
 * interleaved, which changes no expectation.
 */
export function interleavingSensitivity(
  rng: Rng,
  world: RankingWorld,
  requests: number,
  alpha = 0.05,
  power = 0.8,
): Sensitivity {
  if (!Number.isInteger(requests) || requests < 2)
    throw new RangeError(`interleavingSensitivity: requests must be an integer >= 2, got ${requests}`);
  checkLevels('interleavingSensitivity', alpha, power);
  let mA = 0; // running sums of E[c | request] and E[c^2 | request] under A and B, and of E[s], E[s^2]
  let qA = 0;
  let mB = 0;
  let qB = 0;
  let mS = 0;
  let qS = 0;
  const clickMoments = (p: number[]) => {
    const mean = p.reduce((s, v) => s + v, 0);
    const variance = p.reduce((s, v) => s + v * (1 - v), 0);
    return [mean, variance + mean * mean] as const;
  };
  for (let r = 0; r < requests; r++) {
    const q = sampleRequest(rng, world);
    const [a1, a2] = clickMoments(clickProbabilities(q.a.slice(0, world.slots), q.rel, q.activity));
    const [b1, b2] = clickMoments(clickProbabilities(q.b.slice(0, world.slots), q.rel, q.activity));
    const { list, teams } = teamDraftInterleave(rng, q.a, q.b, world.slots);
    const win = winProbabilities(clickProbabilities(list, q.rel, q.activity), teams);
    mA += a1;
    qA += a2;
    mB += b1;
    qB += b2;
    mS += win.b - win.a;
    qS += win.b + win.a;
  }
  const summary = (m: number, q: number): MeanSummary => {
    const mean = m / requests;
    return { n: requests, mean, sd: Math.sqrt(Math.max(0, q / requests - mean * mean)) };
  };
  const abA = summary(mA, qA);
  const abB = summary(mB, qB);
  const interleaving = summary(mS, qS);
  const k = (-normalQuantile(alpha / 2) + normalQuantile(power)) ** 2;
  return {
    abA,
    abB,
    interleaving,
    usersAB: Math.ceil((2 * k * (abA.sd ** 2 + abB.sd ** 2)) / (abB.mean - abA.mean) ** 2),
    usersInterleaving: Math.ceil((k * interleaving.sd ** 2) / interleaving.mean ** 2),
  };
}
// #endregion
