/**
 * Retrieval over a long behaviour sequence, as in the general search unit of SIM (Pi et al., CIKM
 * 2020) and the hash-based search of ETA (Chen et al., 2021): SimHash signatures (Charikar, STOC
 * 2002) compared by Hamming distance, exact cosine top-k for reference, and SIM's hard search by
 * category.
 *
 * Shapes: embeddings are d-vectors; a signature of m bits is a Uint32Array of ceil(m / 32) words.
 */
import { normal, type Rng } from '../shared/random.ts';

export type Vector = readonly number[];

/** Divide by a power of two near max |v_i| (exact): signs and angles are unchanged, overflow is not possible. */
function rescaled(v: Vector, where: string): number[] {
  if (!v.every(Number.isFinite)) throw new RangeError(`${where}: the vector has a non-finite entry`);
  const max = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  if (max === 0) throw new RangeError(`${where}: the zero vector has no direction`);
  const s = 2 ** Math.floor(Math.log2(max));
  return v.map((x) => x / s);
}

// #region simhash
/** m random hyperplanes through the origin in R^d: standard normal normals r_1, ..., r_m (m x d). */
export function randomHyperplanes(rng: Rng, m: number, d: number): number[][] {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`randomHyperplanes: m must be a positive integer, got ${m}`);
  return Array.from({ length: m }, () => Array.from({ length: d }, () => normal(rng)));
}

/**
 * SimHash (Charikar 2002, §3): bit b is 1 when r_b . v >= 0. Two vectors at angle theta disagree on
 * each bit with probability theta / pi, so the Hamming distance of their signatures estimates the
 * angle. v is rescaled first, so tiny and huge vectors get the signature of their direction.
 * Throws a RangeError for a zero or non-finite v or a plane of the wrong length.
 */
export function simhash(v: Vector, planes: readonly Vector[]): Uint32Array {
  const u = rescaled(v, 'simhash');
  const words = new Uint32Array(Math.ceil(planes.length / 32));
  planes.forEach((r, b) => {
    if (r.length !== u.length) throw new RangeError(`simhash: plane ${b} has length ${r.length}, expected ${u.length}`);
    let dot = 0;
    for (let i = 0; i < u.length; i++) dot += r[i]! * u[i]!;
    if (dot >= 0) words[b >>> 5]! |= 1 << (b & 31); // bit b lives in word b / 32, position b mod 32
  });
  return words;
}
// #endregion

// #region hamming
/** Number of one bits in a 32-bit word (the classic SWAR count; hardware has a popcnt instruction). */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Hamming distance of two signatures: XOR, then count the ones, one word at a time. */
export function hamming(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError(`hamming: signatures of ${a.length} and ${b.length} words`);
  let d = 0;
  for (let w = 0; w < a.length; w++) d += popcount32((a[w]! ^ b[w]!) >>> 0);
  return d;
}

/**
 * Indices of the k signatures nearest to the query in Hamming distance. Distances are integers in
 * [0, m], so a counting sort by distance replaces the heap: O(L m / 32 + L + m) for L behaviours.
 * Ties keep the sequence order (earlier index first). m is the signature length in bits; throws a
 * RangeError if m or k is not a non-negative integer, or if two signatures differ in more than m
 * bits (signatures longer than m: truncate them first with truncateSignature).
 */
export function hammingTopK(query: Uint32Array, sigs: readonly Uint32Array[], m: number, k: number): number[] {
  if (!Number.isInteger(m) || m < 0) throw new RangeError(`hammingTopK: m must be a non-negative integer, got ${m}`);
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`hammingTopK: k must be a non-negative integer, got ${k}`);
  const buckets: number[][] = Array.from({ length: m + 1 }, () => []);
  sigs.forEach((s, i) => {
    const d = hamming(query, s);
    if (d > m) throw new RangeError(`hammingTopK: signature ${i} differs in ${d} bits, more than m = ${m}`);
    buckets[d]!.push(i);
  });
  return buckets.flat().slice(0, k);
}
// #endregion

// #region exact
/** Cosine similarity, computed on rescaled copies so that no norm overflows or underflows. */
export function cosine(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new RangeError(`cosine: lengths ${a.length} and ${b.length}`);
  const u = rescaled(a, 'cosine');
  const v = rescaled(b, 'cosine');
  const dot = u.reduce((s, x, i) => s + x * v[i]!, 0);
  return Math.max(-1, Math.min(1, dot / (Math.hypot(...u) * Math.hypot(...v))));
}

/** Indices of the k vectors with the largest cosine to q: the exact answer the hashes approximate. */
export function cosineTopK(q: Vector, X: readonly Vector[], k: number): number[] {
  return X.map((x, i) => ({ i, c: cosine(q, x) }))
    .sort((a, b) => b.c - a.c || a.i - b.i)
    .slice(0, k)
    .map(({ i }) => i);
}
// #endregion

// #region hard-search
/**
 * SIM's hard search (Pi et al. 2020, the general search unit): keep only the behaviours whose category equals the
 * target's, most recent first, at most k of them. categories[i] is behaviour i's category, oldest
 * first. With an index from category to behaviours (SIM's user behaviour tree) this is one lookup.
 */
export function hardSearch(categories: readonly number[], target: number, k: number): number[] {
  const out: number[] = [];
  for (let i = categories.length - 1; i >= 0 && out.length < k; i--) if (categories[i] === target) out.push(i);
  return out;
}
// #endregion

/** Expected share of differing bits for two vectors at angle theta (radians): theta / pi. */
export const bitDisagreement = (theta: number): number => theta / Math.PI;

/** The angle a Hamming distance h out of m bits estimates: pi h / m. */
export const angleFromHamming = (h: number, m: number): number => (Math.PI * h) / m;

/**
 * A seeded long-sequence toy for the page and its figure: L behaviours drawn around `clusters`
 * random interest centres (Gaussian noise of standard deviation `spread` per coordinate), and a
 * target near centre 0. For each signature length in `bits`, the Hamming top-k is compared with
 * the exact cosine top-k (`overlap`, the share of the exact top-k retrieved) and with the target's
 * interest (`precision`, the share of retrieved behaviours from cluster 0). Longer signatures use
 * the first m planes of one set, so the lengths are nested.
 */
export function retrievalAgreement(
  rng: Rng,
  opts: { L: number; d: number; clusters: number; spread: number; k: number; bits: readonly number[] },
): { m: number; overlap: number; precision: number }[] {
  const { L, d, clusters, spread, k, bits } = opts;
  const centres = Array.from({ length: clusters }, () => Array.from({ length: d }, () => normal(rng)));
  const labels = Array.from({ length: L }, (_, i) => i % clusters);
  const X = labels.map((c) => centres[c]!.map((x) => x + spread * normal(rng)));
  const target = centres[0]!.map((x) => x + spread * normal(rng));
  const exact = new Set(cosineTopK(target, X, k));
  const planes = randomHyperplanes(rng, Math.max(...bits), d);
  const query = simhash(target, planes);
  const sigs = X.map((x) => simhash(x, planes));
  return bits.map((m) => {
    const top = hammingTopK(
      truncateSignature(query, m),
      sigs.map((sg) => truncateSignature(sg, m)),
      m,
      k,
    );
    return {
      m,
      overlap: top.filter((i) => exact.has(i)).length / k,
      precision: top.filter((i) => labels[i] === 0).length / k,
    };
  });
}

/** The first m bits of a signature: a valid m-bit SimHash from the first m planes. */
export function truncateSignature(sig: Uint32Array, m: number): Uint32Array {
  if (!Number.isInteger(m) || m < 1 || m > 32 * sig.length)
    throw new RangeError(`truncateSignature: m must be an integer in [1, ${32 * sig.length}], got ${m}`);
  const out = sig.slice(0, Math.ceil(m / 32));
  const rest = m & 31;
  if (rest !== 0) out[out.length - 1]! &= (1 << rest) - 1;
  return out;
}
