/**
 * Multi-interest user representations: MIND's behaviour-to-interest dynamic routing and
 * label-aware attention, ComiRec's self-attentive extractor and its controllable aggregation.
 *
 * Shapes: a user's history is n behaviour embeddings of dimension d (number[n][d]); K interests are
 * number[K][d']. Sources: C. Li et al., "Multi-Interest Network with Dynamic Routing for
 * Recommendation at Tmall", CIKM 2019 (MIND); S. Sabour, N. Frosst, G. Hinton, "Dynamic Routing
 * Between Capsules", NeurIPS 2017; Y. Cen et al., "Controllable Multi-Interest Framework for
 * Recommendation", KDD 2020 (ComiRec).
 */
import { normal, type Rng } from '../shared/random.ts';

type Matrix = readonly (readonly number[])[];

/** Largest |entry| of a vector (0 for the zero vector). */
function maxAbs(v: readonly number[]): number {
  return v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
}

/** Euclidean norm, scaled by the largest entry first so that [1e200, 1e200] and [1e-200, 1e-200] stay exact. */
export function norm(v: readonly number[]): number {
  const m = maxAbs(v);
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (const x of v) s += (x / m) ** 2;
  return m * Math.sqrt(s);
}

/**
 * a . b, computed on the vectors divided by their largest entries, so huge or tiny components
 * neither overflow nor underflow on the way. Throws a RangeError when the true value is beyond
 * the double range or the lengths differ.
 */
export function dot(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`dot: lengths differ (${a.length} vs ${b.length})`);
  const sa = maxAbs(a);
  const sb = maxAbs(b);
  if (sa === 0 || sb === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! / sa) * (b[i]! / sb);
  const r = s * sa * sb;
  if (!Number.isFinite(r)) throw new RangeError('dot: the inner product is beyond the double range');
  return r;
}

/** softmax(x) with the maximum subtracted first: logits of +-1000 or gaps of 800 give exact 1 and 0. */
export function softmax(x: readonly number[]): number[] {
  if (x.length === 0) throw new RangeError('softmax: x must not be empty');
  const m = Math.max(...x);
  if (Number.isNaN(m)) throw new RangeError('softmax: x contains NaN');
  if (m === Infinity) {
    // The limit of softmax as some logits grow without bound: share equally among the largest.
    const top = x.filter((v) => v === Infinity).length;
    return x.map((v) => (v === Infinity ? 1 / top : 0));
  }
  const e = x.map((v) => Math.exp(v - m));
  const z = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / z);
}

// #region squash
/**
 * Capsule squash (Sabour et al. 2017, eq. 1): squash(z) = |z|^2 / (1 + |z|^2) * z / |z|. Keeps the
 * direction of z and maps its length into [0, 1): short vectors shrink towards 0, long ones
 * approach length 1. `scale` says that the true vector is scale * z (routing passes vectors
 * divided by their largest entry, so sums cannot overflow). Written as (z / |z|) / (1 + 1 / |z|^2)
 * so that huge and tiny norms give the exact limit instead of Infinity / Infinity.
 */
export function squash(z: readonly number[], scale = 1): number[] {
  const nz = norm(z);
  if (nz === 0) return z.map(() => 0);
  const n = nz * scale; // the true length; may be Infinity, which gives length 1 below
  const length = 1 / (1 + 1 / (n * n)); // |z|^2 / (1 + |z|^2)
  return z.map((x) => (x / nz) * length);
}
// #endregion

function matVec(S: Matrix, x: readonly number[]): number[] {
  return S.map((row) => dot(row, x));
}

/** Routing logits b_ij ~ N(0, sigma^2), n behaviours by K interests: MIND's random initialisation. */
export function gaussianLogits(n: number, K: number, sigma: number, rng: Rng): number[][] {
  if (!(sigma >= 0) || !Number.isFinite(sigma))
    throw new RangeError(`gaussianLogits: sigma must be >= 0, got ${sigma}`);
  return Array.from({ length: n }, () => Array.from({ length: K }, () => sigma * normal(rng)));
}

/**
 * MIND's adaptive number of interests, K'_u = max(1, min(K, log2 |I_u|)), for a history of n
 * behaviours. The paper does not say how log2 is rounded; this takes the floor.
 */
export function interestCount(n: number, K: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`interestCount: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(K) || K < 1) throw new RangeError(`interestCount: K must be a positive integer, got ${K}`);
  if (n < 2) return 1;
  return Math.max(1, Math.min(K, Math.floor(Math.log2(n))));
}

export interface RoutingOptions {
  /** Initial routing logits b (n x K): K is their row length. MIND draws them at random (`gaussianLogits`). */
  initLogits: Matrix;
  /** Routing iterations r >= 1 (MIND's Algorithm 1; 3 in the released ComiRec code). Default 3. */
  iterations?: number;
  /** Shared bilinear map S (d' x d) applied to every behaviour; the identity when omitted. */
  S?: Matrix;
}

export interface RoutingResult {
  /** The K interest capsules c_j (K x d'), each of length below 1. */
  interests: number[][];
  /** Routing weights w_ij (n x K) that produced the returned capsules; each row sums to 1. */
  weights: number[][];
  /** Routing logits after the last update (n x K). */
  logits: number[][];
  /** trace[t]: the routing weights (n x K) used in iteration t + 1, so trace.at(-1) is `weights`. */
  trace: number[][][];
}

// #region routing
/**
 * Behaviour-to-interest dynamic routing (MIND, Algorithm 1). Each behaviour i splits itself over
 * the K interests with weights w_i = softmax_j(b_ij); interest j is the squashed weighted sum of
 * the mapped behaviours S e_i; each logit then grows by the agreement c_j . S e_i, so a behaviour
 * moves its weight towards the interests it already resembles. Throws a RangeError for an empty
 * history, a ragged logit matrix or iterations < 1.
 */
export function dynamicRouting(behaviours: Matrix, opts: RoutingOptions): RoutingResult {
  const n = behaviours.length;
  const r = opts.iterations ?? 3;
  if (n === 0) throw new RangeError('dynamicRouting: behaviours must not be empty');
  if (!Number.isInteger(r) || r < 1) throw new RangeError(`dynamicRouting: iterations must be >= 1, got ${r}`);
  if (opts.initLogits.length !== n) throw new RangeError('dynamicRouting: initLogits needs one row per behaviour');
  const K = opts.initLogits[0]!.length;
  if (K < 1 || opts.initLogits.some((row) => row.length !== K))
    throw new RangeError('dynamicRouting: initLogits rows must all have the same length K >= 1');
  // S is shared by all interests (MIND's first change to capsule routing), so S e_i is computed once.
  const u = behaviours.map((e) => (opts.S ? matVec(opts.S, e) : [...e]));
  const scale = Math.max(...u.map(maxAbs)) || 1; // sums below run on u / scale: no overflow
  const b = opts.initLogits.map((row) => [...row]);
  let weights: number[][] = [];
  let interests: number[][] = [];
  const trace: number[][][] = [];
  for (let it = 0; it < r; it++) {
    weights = b.map(softmax); // each behaviour's weights over the K interests sum to 1
    trace.push(weights);
    interests = Array.from({ length: K }, (_, j) => {
      const z = u[0]!.map((_, d) => u.reduce((s, ui, i) => s + weights[i]![j]! * (ui[d]! / scale), 0));
      return squash(z, scale); // c_j = squash(sum_i w_ij S e_i)
    });
    for (let i = 0; i < n; i++) for (let j = 0; j < K; j++) b[i]![j]! += dot(interests[j]!, u[i]!);
  }
  return { interests, weights, logits: b, trace };
}
// #endregion

// #region label-aware
/**
 * MIND's label-aware attention: v_u = sum_k a_k v_k with a = softmax(pow(V^T e, p)) for the target
 * item embedding e. p = 0 averages the interests, p = 1 is ordinary dot-product attention, larger
 * p sharpens it, and p = Infinity picks the interest with the largest score (hard attention, which
 * ComiRec uses in training). p must be 0, a positive integer or Infinity: a fractional power of a
 * negative score is undefined, so anything else throws a RangeError naming p.
 */
export function labelAwareAttention(
  interests: Matrix,
  target: readonly number[],
  p: number,
): { weights: number[]; user: number[] } {
  if (interests.length === 0) throw new RangeError('labelAwareAttention: interests must not be empty');
  if (!(p === Infinity || (Number.isInteger(p) && p >= 0)))
    throw new RangeError(`labelAwareAttention: p must be 0, a positive integer or Infinity, got ${p}`);
  const scores = interests.map((v) => dot(v, target));
  let weights: number[];
  if (p === Infinity) {
    const best = scores.indexOf(Math.max(...scores));
    weights = scores.map((_, k) => (k === best ? 1 : 0));
  } else {
    weights = softmax(scores.map((s) => s ** p)); // an overflowing power is +-Infinity, handled by softmax
  }
  const user = interests[0]!.map((_, d) => interests.reduce((s, v, k) => s + weights[k]! * v[d]!, 0));
  return { weights, user };
}

/** Serving score of an item for a multi-interest user: max_k v_k . e (MIND §3.1, ComiRec f(u, i)). */
export function multiInterestScore(interests: Matrix, item: readonly number[]): number {
  if (interests.length === 0) throw new RangeError('multiInterestScore: interests must not be empty');
  return Math.max(...interests.map((v) => dot(v, item)));
}
// #endregion

// #region self-attentive
/**
 * ComiRec-SA's extractor: A = softmax(W2^T tanh(W1 H)) over the n behaviours, one attention
 * distribution per interest, and V_u = H A (K interests, each a convex combination of the
 * behaviour embeddings). H is given as n rows of dimension d; W1 is d_a x d, W2 is K x d_a (its
 * rows are the K query vectors). Returns the n x K attention matrix, whose columns sum to 1.
 */
export function selfAttentiveInterests(
  H: Matrix,
  W1: Matrix,
  W2: Matrix,
): { attention: number[][]; interests: number[][] } {
  if (H.length === 0) throw new RangeError('selfAttentiveInterests: H must not be empty');
  const hidden = H.map((h) => matVec(W1, h).map(Math.tanh)); // n x d_a
  const logits = W2.map((w) => hidden.map((x) => dot(w, x))); // K x n
  const perInterest = logits.map(softmax); // normalised over behaviours, not over interests
  const interests = perInterest.map((a) => H[0]!.map((_, d) => H.reduce((s, h, t) => s + a[t]! * h[d]!, 0)));
  const attention = H.map((_, t) => perInterest.map((a) => a[t]!));
  return { attention, interests };
}
// #endregion

export interface Candidate {
  item: number;
  /** f(u, i): the item's best score over the user's interests. */
  score: number;
  category: number;
}

/**
 * ComiRec's value of a recommended set: Q(u, S) = sum_{i in S} f(u, i) + lambda sum_{i in S}
 * sum_{j in S} [CATE(i) != CATE(j)], the double sum over ordered pairs.
 */
export function aggregationValue(set: readonly Candidate[], lambda: number): number {
  let q = 0;
  for (const a of set) {
    q += a.score;
    for (const b of set) if (a.category !== b.category) q += lambda;
  }
  return q;
}

// #region aggregate
/**
 * ComiRec's greedy inference: start from the empty set and N times add the candidate with the
 * largest gain Q(S + x) - Q(S) = f(u, x) + 2 lambda * #{j in S : CATE(j) != CATE(x)}. lambda = 0
 * keeps the N best scores; a large lambda fills the list category by category. Candidates are the
 * union of the K per-interest top-N lists (deduplicated by the caller). Ties go to the earlier
 * candidate. Throws a RangeError for lambda < 0 or N < 0.
 */
export function greedyAggregate(candidates: readonly Candidate[], N: number, lambda: number): Candidate[] {
  if (!(lambda >= 0) || !Number.isFinite(lambda))
    throw new RangeError(`greedyAggregate: lambda must be finite and >= 0, got ${lambda}`);
  if (!Number.isInteger(N) || N < 0)
    throw new RangeError(`greedyAggregate: N must be a non-negative integer, got ${N}`);
  const pool = [...candidates];
  const chosen: Candidate[] = [];
  const perCategory = new Map<number, number>();
  while (chosen.length < N && pool.length > 0) {
    let best = 0;
    let bestGain = -Infinity;
    pool.forEach((c, k) => {
      const differ = chosen.length - (perCategory.get(c.category) ?? 0);
      const gain = c.score + 2 * lambda * differ;
      if (gain > bestGain) [best, bestGain] = [k, gain];
    });
    const [pick] = pool.splice(best, 1);
    chosen.push(pick!);
    perCategory.set(pick!.category, (perCategory.get(pick!.category) ?? 0) + 1);
  }
  return chosen;
}
// #endregion

/** Share of pairs in a list whose categories differ (ComiRec's diversity metric); 0 for fewer than 2 items. */
export function categoryDiversity(list: readonly Candidate[]): number {
  const n = list.length;
  if (n < 2) return 0;
  let differ = 0;
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (list[a]!.category !== list[b]!.category) differ++;
  return differ / ((n * (n - 1)) / 2);
}

/**
 * A toy history for tests and figures: `per` behaviours around each of two directions in the
 * plane (angles a1 and a2 in radians, jittered by N(0, spread^2)), all of length `length`.
 * labels[i] says which direction behaviour i came from.
 */
export function twoClusterHistory(
  rng: Rng,
  per: number,
  length: number,
  a1 = Math.PI / 9,
  a2 = (11 * Math.PI) / 18,
  spread = 0.15,
): { behaviours: number[][]; labels: number[] } {
  const behaviours: number[][] = [];
  const labels: number[] = [];
  [a1, a2].forEach((a, k) => {
    for (let i = 0; i < per; i++) {
      const t = a + spread * normal(rng);
      behaviours.push([length * Math.cos(t), length * Math.sin(t)]);
      labels.push(k);
    }
  });
  return { behaviours, labels };
}

/**
 * For two clusters routed to two interests: the mean routing weight of a behaviour on the
 * interest matched to its cluster, under the better of the two matchings. 0.5 means no
 * separation on average, 1 a clean split.
 */
export function ownClusterShare(weights: Matrix, labels: readonly number[]): number {
  const share = (match: readonly number[]) =>
    weights.reduce((s, w, i) => s + w[match[labels[i]!]!]!, 0) / weights.length;
  return Math.max(share([0, 1]), share([1, 0]));
}
