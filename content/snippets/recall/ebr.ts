/**
 * Embedding-based retrieval as Facebook search trains it (Huang et al., KDD 2020): a triplet loss
 * on cosine distance, negatives taken from a band of ranks of the model's own retrieval instead of
 * the very top, easy (random) negatives blended with the hard ones, and a factorization machine
 * whose user-item part is served as one inner product so that it can run as a recall channel.
 */
import { pairwiseFast } from '../ranking/fm.ts';
import { mulberry32, normal, randomInt, type Rng } from '../shared/random.ts';

function finiteVector(v: readonly number[], name: string): void {
  if (v.length === 0) throw new RangeError(`${name} must be a non-empty vector`);
  v.forEach((x, i) => {
    if (!Number.isFinite(x)) throw new RangeError(`${name}[${i}] must be finite, got ${x}`);
  });
}

// #region triplet
/**
 * cos(a, b) for two vectors of the same length. Each vector is divided by its largest absolute
 * entry first, so [1e-200, 1e-200] and [1e200, 1e200] have exact cosines instead of 0/0 or inf/inf.
 * Throws a RangeError for mismatched lengths, non-finite entries or a zero vector (no direction).
 */
export function cosine(a: readonly number[], b: readonly number[]): number {
  finiteVector(a, 'a');
  finiteVector(b, 'b');
  if (a.length !== b.length) throw new RangeError(`a and b must have the same length (${a.length} vs ${b.length})`);
  const sa = Math.max(...a.map(Math.abs));
  const sb = Math.max(...b.map(Math.abs));
  if (sa === 0) throw new RangeError('a is the zero vector: its cosine is undefined');
  if (sb === 0) throw new RangeError('b is the zero vector: its cosine is undefined');
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! / sa;
    const y = b[i]! / sb;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb)));
}

/**
 * Triplet loss of one (query, positive, negative) triple with cosine distance D = 1 - cos
 * (Huang et al. 2020, §2.2, Eq. 2): max(0, D(q, d+) - D(q, d-) + m). In similarities this is
 * max(0, cos(q, d-) - cos(q, d+) + m): zero once the positive beats the negative by the margin m.
 * Throws a RangeError for a similarity outside [-1, 1] or a negative or non-finite margin.
 */
export function tripletLoss(cosPositive: number, cosNegative: number, margin: number): number {
  if (!(cosPositive >= -1 && cosPositive <= 1))
    throw new RangeError(`cosPositive must be a cosine in [-1, 1], got ${cosPositive}`);
  if (!(cosNegative >= -1 && cosNegative <= 1))
    throw new RangeError(`cosNegative must be a cosine in [-1, 1], got ${cosNegative}`);
  if (!(margin >= 0) || !Number.isFinite(margin)) throw new RangeError(`margin must be finite and >= 0, got ${margin}`);
  return Math.max(0, cosNegative - cosPositive + margin);
}
// #endregion

// #region rank-window
/**
 * Hard negatives by rank window (Huang et al. 2020, §6.1, offline hard negative mining): rank one
 * query's candidates by the current model's score, highest first, drop its known positives, and
 * return the ids at ranks lo..hi (1-based, inclusive) of what is left. Ties go to the lower id, so
 * the result is deterministic. A window past the end is cut short (possibly to nothing).
 *   scores: one score per candidate id 0..n-1 (finite).
 * Throws a RangeError for non-finite scores, a positive id out of range, or a bad window.
 */
export function rankWindow(scores: readonly number[], positives: readonly number[], lo: number, hi: number): number[] {
  scores.forEach((s, i) => {
    if (!Number.isFinite(s)) throw new RangeError(`scores[${i}] must be finite, got ${s}`);
  });
  for (const p of positives)
    if (!Number.isInteger(p) || p < 0 || p >= scores.length)
      throw new RangeError(`positives: ${p} is not a candidate id in [0, ${scores.length})`);
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo)
    throw new RangeError(`the window needs integers 1 <= lo <= hi, got lo=${lo}, hi=${hi}`);
  const skip = new Set(positives);
  const ranked = scores
    .map((s, id) => ({ s, id }))
    .filter(({ id }) => !skip.has(id))
    .sort((x, y) => y.s - x.s || x.id - y.id);
  return ranked.slice(lo - 1, hi).map(({ id }) => id);
}

/**
 * k distinct ids drawn uniformly from `pool` (a partial Fisher-Yates shuffle of a copy), or the
 * whole pool in random order when it holds fewer than k. Throws a RangeError for a bad k.
 */
export function sampleWithoutReplacement(rng: Rng, pool: readonly number[], k: number): number[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  const a = pool.slice();
  const m = Math.min(k, a.length);
  for (let i = 0; i < m; i++) {
    const j = i + randomInt(rng, a.length - i);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.slice(0, m);
}
// #endregion

// #region semi-hard
/**
 * Semi-hard negatives in the sense of FaceNet (Schroff et al. 2015, §3.2): candidates that score
 * below the positive but by less than the margin, cos(q, d+) - m < cos(q, d-) < cos(q, d+). They
 * still have a positive triplet loss, yet none outranks the positive, which keeps out most of the
 * unlabelled positives that sit at the very top. Known positives are skipped; ids come back
 * ordered by score, highest first (ties: lower id first).
 */
export function semiHardNegatives(
  scores: readonly number[],
  positives: readonly number[],
  positiveScore: number,
  margin: number,
): number[] {
  if (!Number.isFinite(positiveScore)) throw new RangeError(`positiveScore must be finite, got ${positiveScore}`);
  if (!(margin > 0) || !Number.isFinite(margin)) throw new RangeError(`margin must be finite and > 0, got ${margin}`);
  const all = rankWindow(scores, positives, 1, Math.max(1, scores.length));
  return all.filter((id) => scores[id]! < positiveScore && scores[id]! > positiveScore - margin);
}
// #endregion

// #region blend
/** A negative and where it came from. */
export interface Negative {
  id: number;
  kind: 'easy' | 'hard';
}

/**
 * Blend easy and hard negatives (Huang et al. 2020, §6.1, who found recall still rising at
 * easy:hard = 100:1): every hard id is kept, and `ratio` easy negatives per hard one are drawn
 * uniformly from the corpus 0..corpusSize-1, never a known positive (drawn with replacement: at
 * corpus scale a repeat is rare and harmless). Throws a RangeError for bad sizes or if every id is
 * a positive.
 */
export function blendNegatives(
  rng: Rng,
  corpusSize: number,
  positives: readonly number[],
  hard: readonly number[],
  ratio: number,
): Negative[] {
  if (!Number.isInteger(corpusSize) || corpusSize <= 0)
    throw new RangeError(`corpusSize must be a positive integer, got ${corpusSize}`);
  if (!Number.isInteger(ratio) || ratio < 0) throw new RangeError(`ratio must be a non-negative integer, got ${ratio}`);
  const skip = new Set(positives);
  if (skip.size >= corpusSize && ratio > 0 && hard.length > 0)
    throw new RangeError('positives: every corpus id is a positive, no easy negative can be drawn');
  const out: Negative[] = hard.map((id) => ({ id, kind: 'hard' }));
  for (let i = 0; i < hard.length * ratio; i++) {
    let id = randomInt(rng, corpusSize);
    while (skip.has(id)) id = randomInt(rng, corpusSize);
    out.push({ id, kind: 'easy' });
  }
  return out;
}
// #endregion

// #region fm-recall
/**
 * A factorization machine (Rendle 2010) whose features split into a user part x_u and an item
 * part x_i. Its pairwise sum splits into user-user, item-item and user-item pairs, and the
 * user-item pairs sum to one inner product:
 *   sum_{a in u, b in i} <v_a, v_b> x_a x_b = < sum_a v_a x_a , sum_b v_b x_b >.
 * For one request the user-only terms (w0, the user's linear and user-user terms) are the same for
 * every item, so the ranking of items is the ranking by < [p_u, 1], [q_i, b_i] > with
 *   p_u = sum_a v_a x_a,  q_i = sum_b v_b x_b,  b_i = sum_b w_b x_b + item-item pairs.
 * fmUserVector returns [p_u, 1] (length k + 1); V rows have length k.
 */
export function fmUserVector(x: readonly number[], V: readonly (readonly number[])[]): number[] {
  if (V.length !== x.length) throw new RangeError(`V must have one row per user feature (${V.length} vs ${x.length})`);
  const k = V[0]?.length ?? 0;
  if (k === 0) throw new RangeError('V must have factor rows of length k >= 1');
  const p = Array.from({ length: k }, (_, f) => x.reduce((s, xa, a) => s + V[a]![f]! * xa, 0));
  return [...p, 1];
}

/** [q_i, b_i] for an item (length k + 1), with w the item features' linear weights. See fmUserVector. */
export function fmItemVector(x: readonly number[], w: readonly number[], V: readonly (readonly number[])[]): number[] {
  if (w.length !== x.length)
    throw new RangeError(`w must have one weight per item feature (${w.length} vs ${x.length})`);
  const q = fmUserVector(x, V).slice(0, -1);
  const bias = x.reduce((s, xb, b) => s + w[b]! * xb, 0) + pairwiseFast(x, V);
  return [...q, bias];
}
// #endregion

// #region simulate
/** How negatives drawn from one band of ranks look in the toy world of simulateRankWindows. */
export interface WindowStats {
  /** The band, 1-based ranks among the non-positive candidates (or 'random' for uniform draws). */
  window: string;
  /** Share of the drawn negatives that are in truth relevant (unlabelled positives). */
  falseNegativeShare: number;
  /** Share of (positive, negative) pairs with a non-zero triplet loss: negatives that still teach. */
  activeShare: number;
}

/** The toy world of simulateRankWindows; every field has a default. */
export interface WindowWorld {
  /** Candidates per query. */
  corpus: number;
  /** Truly relevant candidates per query, and the chance that each one is labelled (clicked). */
  relevant: number;
  labelRate: number;
  /** Candidates that match the query in part (same name, same topic, wrong entity). */
  partial: number;
  /** Mean cosine of each class under the current model, and the spread around it. */
  meanRelevant: number;
  meanPartial: number;
  meanIrrelevant: number;
  spread: number;
  /** Triplet margin. */
  margin: number;
  /** Queries to average over. */
  queries: number;
}

export const DEFAULT_WORLD: WindowWorld = {
  corpus: 2000,
  relevant: 20,
  labelRate: 0.25,
  partial: 300,
  meanRelevant: 0.6,
  meanPartial: 0.35,
  meanIrrelevant: 0,
  spread: 0.12,
  margin: 0.2,
  queries: 200,
};

/**
 * This page's own toy (not an experiment of the paper): per query, `relevant` truly relevant
 * candidates of which each is labelled with probability labelRate, `partial` near misses, and the
 * rest unrelated, each with cosine = class mean + spread * N(0, 1) (clipped to [-1, 1]). For every
 * band of ranks and for uniform draws it reports what share of the negatives are unlabelled
 * positives and what share of (labelled positive, negative) pairs have a non-zero triplet loss.
 */
export function simulateRankWindows(
  seed: number,
  windows: readonly (readonly [number, number])[],
  world: Partial<WindowWorld> = {},
): WindowStats[] {
  const w = { ...DEFAULT_WORLD, ...world };
  const rng = mulberry32(seed);
  const acc = [...windows.map(([lo, hi]) => `${lo}-${hi}`), 'random'].map((window) => ({
    window,
    negatives: 0,
    falseNegatives: 0,
    pairs: 0,
    active: 0,
  }));
  for (let q = 0; q < w.queries; q++) {
    const clip = (c: number) => Math.min(1, Math.max(-1, c));
    const cls = Array.from({ length: w.corpus }, (_, id) =>
      id < w.relevant ? 'relevant' : id < w.relevant + w.partial ? 'partial' : 'irrelevant',
    );
    const mean = { relevant: w.meanRelevant, partial: w.meanPartial, irrelevant: w.meanIrrelevant };
    const scores = cls.map((c) => clip(mean[c as keyof typeof mean] + w.spread * normal(rng)));
    const positives = cls.flatMap((c, id) => (c === 'relevant' && rng() < w.labelRate ? [id] : []));
    if (positives.length === 0) continue; // a query with no click gives no training triplet
    const nonPositive = cls.map((_, id) => id).filter((id) => !positives.includes(id));
    // rank once, then cut every band out of the same order
    const ranked = rankWindow(scores, positives, 1, w.corpus);
    const bands = [
      ...windows.map(([lo, hi]) => ranked.slice(lo - 1, hi)),
      sampleWithoutReplacement(rng, nonPositive, 100),
    ];
    bands.forEach((band, b) => {
      const a = acc[b]!;
      for (const id of band) {
        a.negatives++;
        if (cls[id] === 'relevant') a.falseNegatives++;
        for (const p of positives) {
          a.pairs++;
          if (tripletLoss(scores[p]!, scores[id]!, w.margin) > 0) a.active++;
        }
      }
    });
  }
  return acc.map((a) => ({
    window: a.window,
    falseNegativeShare: a.negatives === 0 ? 0 : a.falseNegatives / a.negatives,
    activeShare: a.pairs === 0 ? 0 : a.active / a.pairs,
  }));
}
// #endregion
