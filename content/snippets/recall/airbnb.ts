/**
 * Airbnb listing embeddings (Grbovic & Cheng, KDD 2018): the data-side pieces that differ from
 * plain word2vec. Click logs are cut into sessions; a booked session adds the booked listing as a
 * global context and same-market listings as extra negatives; a new listing borrows the mean of
 * nearby similar listings' vectors.
 */

/** One listing click of one user; `time` in seconds since any fixed origin. */
export interface Click {
  readonly listing: string;
  readonly time: number;
}

// #region sessions
/**
 * Cut one user's clicks into sessions: a new session starts whenever the gap between consecutive
 * clicks exceeds `gapSeconds` (30 minutes by default). A gap of exactly 30 minutes stays in the
 * session. Clicks are sorted by time first, since logs rarely arrive in order.
 */
export function splitSessions(clicks: readonly Click[], gapSeconds = 30 * 60): string[][] {
  if (!(gapSeconds > 0)) throw new RangeError(`splitSessions: gapSeconds must be positive, got ${gapSeconds}`);
  const sorted = [...clicks].sort((a, b) => a.time - b.time);
  const sessions: string[][] = [];
  let previous = -Infinity;
  for (const click of sorted) {
    if (!Number.isFinite(click.time)) throw new RangeError(`splitSessions: time must be finite, got ${click.time}`);
    if (sessions.length === 0 || click.time - previous > gapSeconds) sessions.push([]);
    sessions[sessions.length - 1]!.push(click.listing);
    previous = click.time;
  }
  return sessions;
}
// #endregion

/** A listing with the side information cold start matches on; x, y are map coordinates in km. */
export interface ListingInfo {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly type: string;
  readonly priceBucket: number;
}

// #region coldstart
/**
 * Cold start: the mean embedding of the `k` (= 3) listings nearest to the new one on the map
 * that have an embedding, share its listing type and price bucket, and lie within `radiusKm`.
 * Returns undefined when fewer than `k` qualify: better no vector than one borrowed from a
 * listing across town or in another price range.
 */
export function coldStartEmbedding(
  fresh: ListingInfo,
  known: readonly ListingInfo[],
  embeddings: ReadonlyMap<string, readonly number[]>,
  radiusKm: number,
  k = 3,
): number[] | undefined {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`coldStartEmbedding: k must be a positive integer, got ${k}`);
  if (!(radiusKm >= 0)) throw new RangeError(`coldStartEmbedding: radiusKm must be non-negative, got ${radiusKm}`);
  const candidates = known
    .filter((l) => l.id !== fresh.id && embeddings.has(l.id))
    .filter((l) => l.type === fresh.type && l.priceBucket === fresh.priceBucket)
    .map((l) => ({ id: l.id, dist: Math.hypot(l.x - fresh.x, l.y - fresh.y) }))
    .filter((c) => c.dist <= radiusKm)
    .sort((a, b) => a.dist - b.dist)
    .slice(0, k);
  if (candidates.length < k) return undefined;
  const dim = embeddings.get(candidates[0]!.id)!.length;
  const mean = new Array<number>(dim).fill(0);
  for (const c of candidates) {
    const v = embeddings.get(c.id)!;
    for (let d = 0; d < dim; d++) mean[d]! += v[d]! / k;
  }
  return mean;
}
// #endregion

// #region objective
/** The vectors that enter the loss of one centre listing l. */
export interface CentreExample {
  /** v_l: input vector of the centre listing. */
  readonly centre: readonly number[];
  /** v'_c of clicked listings inside the sliding window (set D_p). */
  readonly positives: readonly (readonly number[])[];
  /** v'_c of negatives drawn from the whole corpus (set D_n). */
  readonly negatives: readonly (readonly number[])[];
  /** v'_{l_b} of the booked listing, for a booked session only: a context whatever the window. */
  readonly booked?: readonly number[];
  /** v'_{m_n} of negatives drawn from the centre listing's own market (set D_mn). */
  readonly marketNegatives: readonly (readonly number[])[];
}

/**
 * The negative log-likelihood of the modified skip-gram objective for one centre listing
 * (Grbovic & Cheng 2018, Eq. 5; without `booked` it is the exploratory-session objective with
 * market negatives; vectors of one common dimension d, loss in nats):
 *   - sum_{D_p} log sigma(v'_c . v_l) - sum_{D_n} log sigma(-v'_c . v_l)
 *   - log sigma(v'_{l_b} . v_l) - sum_{D_mn} log sigma(-v'_{m_n} . v_l).
 * Minimising it pulls window neighbours and the booked listing towards v_l and pushes random and
 * same-market listings away.
 */
export function airbnbLoss(ex: CentreExample): number {
  const pull = (c: readonly number[]) => logSigmoidLoss(dot(c, ex.centre));
  const push = (c: readonly number[]) => logSigmoidLoss(-dot(c, ex.centre));
  let loss = 0;
  for (const c of ex.positives) loss += pull(c);
  for (const c of ex.negatives) loss += push(c);
  if (ex.booked !== undefined) loss += pull(ex.booked);
  for (const c of ex.marketNegatives) loss += push(c);
  return loss;
}

/**
 * -log sigma(z) = log(1 + e^{-z}), arranged so that it neither overflows nor loses precision:
 * e^{-|z|} lies in (0, 1], and log1p keeps log(1 + 1e-20) = 1e-20 instead of rounding it to 0.
 */
export function logSigmoidLoss(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('logSigmoidLoss: z is NaN');
  return Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}
// #endregion

// #region pairs
/**
 * The positive (centre, context) pairs of one session: window neighbours as in word2vec, plus,
 * when the session ended in a booking, (centre, booked listing) for every other centre, so the
 * booking signal reaches listings clicked long before it. The booked listing is the session's
 * last click. As in the objective, a centre near the end meets the booked listing twice: once in
 * its window and once as the global context.
 */
export function sessionPositivePairs(session: readonly string[], window: number, booked: boolean): [string, string][] {
  if (!Number.isInteger(window) || window < 1)
    throw new RangeError(`sessionPositivePairs: window must be a positive integer, got ${window}`);
  const pairs: [string, string][] = [];
  const last = session.length - 1;
  for (let i = 0; i < session.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(last, i + window); j++) {
      if (j !== i) pairs.push([session[i]!, session[j]!]);
    }
    if (booked && i < last) pairs.push([session[i]!, session[last]!]);
  }
  return pairs;
}
// #endregion

function dot(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new RangeError('dot: vectors must have the same length');
  // Scale each vector by its largest |entry| first: the products then lie in [-1, 1], so
  // [1e200, -1e200] . [1e200, 1e200] is 0, not Infinity - Infinity = NaN, and nothing underflows
  // on the way. Only a result beyond 1.8e308, which no logit can use, is an error.
  const sx = x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const sy = y.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (sx === 0 || sy === 0) return 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i]! / sx) * (y[i]! / sy);
  const result = sum * sx * sy;
  if (!Number.isFinite(result)) throw new RangeError('airbnbLoss: an inner product of the vectors is not finite');
  return result;
}
