/**
 * Semantic IDs for generative retrieval, on small vectors: k-means, a residual quantiser that
 * turns each item's content embedding into a short tuple of codes (the non-neural core of
 * RQ-VAE), collision handling, a prefix tree of valid codes, and beam search over code tokens,
 * optionally constrained to that tree.
 *
 * Sources: Rajput et al., Recommender Systems with Generative Retrieval (TIGER, NeurIPS 2023),
 * §3.1 (semantic IDs by residual quantisation, collisions); Lee et al., Autoregressive Image
 * Generation using Residual Quantization (CVPR 2022) (residual quantisation); De Cao et al.,
 * Autoregressive Entity Retrieval (ICLR 2021) (beam search constrained by a prefix tree).
 */
import { mulberry32, normal, randomInt, type Rng } from '../shared/random.ts';
import { logSumExp } from '../training/stable.ts';

export type Matrix = number[][];

function checkPoints(points: readonly (readonly number[])[], who: string): number {
  const d = points[0]?.length ?? 0;
  if (points.length === 0 || d === 0) throw new RangeError(`${who}: points must be a non-empty matrix`);
  points.forEach((p, i) => {
    if (p.length !== d) throw new RangeError(`${who}: every point must have ${d} entries`);
    for (const v of p) if (!Number.isFinite(v)) throw new RangeError(`${who}: points[${i}] has a non-finite entry`);
  });
  return d;
}

/** The largest |entry| of the given vectors (0 if all are zero). */
function maxAbs(vectors: readonly (readonly number[])[]): number {
  let s = 0;
  for (const v of vectors) for (const x of v) s = Math.max(s, Math.abs(x));
  return s;
}

/**
 * ||a - b||^2 / s^2, computed on a / s and b / s: with s the largest entry in play, the squares
 * neither overflow (entries of 1e200) nor underflow to 0 (entries of 1e-200).
 */
function scaledSqDist(a: readonly number[], b: readonly number[], s: number): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) {
    const diff = a[j]! / s - b[j]! / s;
    sum += diff * diff;
  }
  return sum;
}

/** Index of the codeword nearest to v (lowest index on ties). */
export function nearest(v: readonly number[], codebook: Matrix): number {
  const s = Math.max(maxAbs([v]), maxAbs(codebook)) || 1;
  return nearestIn(
    v.map((x) => x / s),
    codebook.map((c) => c.map((x) => x / s)),
  );
}

/** Squared Euclidean distance, for vectors already scaled to entries of at most about 1. */
function sqDist(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) {
    const diff = a[j]! - b[j]!;
    sum += diff * diff;
  }
  return sum;
}

function nearestIn(v: readonly number[], codebook: Matrix): number {
  let best = 0;
  let bestDist = Infinity;
  for (let k = 0; k < codebook.length; k++) {
    const c = codebook[k]!;
    let dist = 0;
    // stop summing once this codeword is already no closer than the best one (same answer, faster)
    for (let j = 0; j < v.length && dist < bestDist; j++) {
      const diff = v[j]! - c[j]!;
      dist += diff * diff;
    }
    if (dist < bestDist) {
      bestDist = dist;
      best = k;
    }
  }
  return best;
}

// #region kmeans
/**
 * Lloyd's k-means with k-means++ seeding (each new seed drawn with probability proportional to
 * its squared distance to the nearest seed so far). Stops when no point changes cluster
 * (`converged` is then true) or after `maxIterations` updates; an empty cluster keeps its old
 * centroid. The last step is always an assignment to the final centroids, and those are means of
 * the previous assignment, so the squared error is never above sum ||x||^2: what the residual
 * quantiser relies on. `points` is n x d (finite entries, any scale: they are divided by their
 * largest |entry| first); returns k x d centroids and one cluster index per point.
 * Source: Lloyd (1982); k-means++ seeding, Arthur & Vassilvitskii (2007).
 */
export function kMeans(
  points: Matrix,
  k: number,
  rng: Rng,
  maxIterations = 300,
): { centroids: Matrix; assignment: number[]; converged: boolean } {
  checkPoints(points, 'kMeans');
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`kMeans: k must be a positive integer, got ${k}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1)
    throw new RangeError(
      `kMeans: maxIterations must be a positive integer (one update at least), got ${maxIterations}`,
    );
  const s = maxAbs(points) || 1;
  const x = points.map((p) => p.map((v) => v / s)); // in units of the largest entry: no overflow
  const centroids: Matrix = [x[randomInt(rng, x.length)]!.slice()];
  const d2 = x.map((p) => sqDist(p, centroids[0]!));
  while (centroids.length < k) {
    const total = d2.reduce((a, b) => a + b, 0);
    let pick = randomInt(rng, x.length); // every point is already a seed: take any
    if (total > 0) {
      let u = rng() * total;
      pick = d2.findIndex((w) => (u -= w) < 0);
      if (pick < 0) pick = d2.length - 1;
    }
    const seed = x[pick]!.slice();
    centroids.push(seed);
    x.forEach((p, i) => (d2[i] = Math.min(d2[i]!, sqDist(p, seed))));
  }
  const assignment = x.map((p) => nearestIn(p, centroids));
  const d = x[0]!.length;
  let converged = false;
  for (let it = 0; it < maxIterations; it++) {
    // update: each centroid becomes the mean of its points (an empty cluster keeps its centroid)
    const sums = centroids.map(() => new Array<number>(d).fill(0));
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < x.length; i++) {
      const a = assignment[i]!;
      counts[a]! += 1;
      for (let t = 0; t < d; t++) sums[a]![t]! += x[i]![t]!;
    }
    for (let j = 0; j < k; j++)
      if (counts[j]! > 0) for (let t = 0; t < d; t++) centroids[j]![t] = sums[j]![t]! / counts[j]!;
    // assignment: each point to its nearest centroid
    let changed = false;
    for (let i = 0; i < x.length; i++) {
      const a = nearestIn(x[i]!, centroids);
      if (a !== assignment[i]) changed = true;
      assignment[i] = a;
    }
    if (!changed) {
      converged = true;
      break;
    }
  }
  return { centroids: centroids.map((c) => c.map((v) => v * s)), assignment, converged };
}
// #endregion

// #region residual
/**
 * Residual quantisation: level 1 clusters the vectors, level 2 clusters what level 1 left over,
 * and so on. Item i gets the code tuple (c_1, ..., c_L); its reconstruction is the sum of the
 * chosen codewords. `relativeErrors[l]` is sum ||x - x_hat||^2 / sum ||x||^2 after l levels
 * (entry 0 is 1: nothing reconstructed yet); it never rises from one level to the next.
 * `converged` is true when every level's k-means stopped because no point moved. `points` is
 * n x d; returns `levels` codebooks of `codebookSize` x d and one code tuple of length `levels`
 * per point. TIGER (§3.1) learns an encoder, decoder and codebooks jointly (RQ-VAE); this is the
 * non-neural core.
 */
export function fitResidualQuantizer(
  points: Matrix,
  levels: number,
  codebookSize: number,
  rng: Rng,
  maxIterations = 300,
): { codebooks: Matrix[]; codes: number[][]; relativeErrors: number[]; converged: boolean } {
  checkPoints(points, 'fitResidualQuantizer');
  if (!Number.isInteger(levels) || levels < 1) throw new RangeError(`fitResidualQuantizer: levels must be >= 1`);
  const s = maxAbs(points) || 1;
  let residual = points.map((p) => p.map((v) => v / s)); // work in units of the largest entry
  const sse = (r: Matrix) => r.reduce((a, v) => a + v.reduce((b, x) => b + x * x, 0), 0);
  const total = sse(residual);
  const codebooks: Matrix[] = [];
  const codes: number[][] = points.map(() => []);
  const relativeErrors = [1];
  let converged = true;
  for (let l = 0; l < levels; l++) {
    const level = kMeans(residual, codebookSize, rng, maxIterations);
    const { centroids, assignment } = level;
    converged &&= level.converged;
    codebooks.push(centroids.map((c) => c.map((v) => v * s)));
    assignment.forEach((c, i) => codes[i]!.push(c));
    residual = residual.map((r, i) => r.map((v, j) => v - centroids[assignment[i]!]![j]!));
    relativeErrors.push(total > 0 ? sse(residual) / total : 0);
  }
  return { codebooks, codes, relativeErrors, converged };
}

/** The code tuple of a vector: the nearest codeword at each level, applied to what is left. */
export function encode(v: readonly number[], codebooks: Matrix[]): number[] {
  let residual = v.slice();
  return codebooks.map((cb) => {
    const c = nearest(residual, cb);
    residual = residual.map((x, j) => x - cb[c]![j]!);
    return c;
  });
}

/** The reconstruction of a code tuple (or a prefix of one): the sum of its codewords. */
export function decode(code: readonly number[], codebooks: Matrix[]): number[] {
  const d = codebooks[0]?.[0]?.length ?? 0;
  const out = new Array<number>(d).fill(0);
  code.forEach((c, l) => {
    const w = codebooks[l]?.[c];
    if (w === undefined) throw new RangeError(`decode: no codeword ${c} at level ${l}`);
    w.forEach((x, j) => (out[j]! += x));
  });
  return out;
}
// #endregion

// #region collisions
/** Items that share a full code tuple, grouped (only groups of two or more). */
export function collisionGroups(codes: readonly (readonly number[])[]): number[][] {
  const groups = new Map<string, number[]>();
  codes.forEach((c, i) => {
    const key = c.join(',');
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * TIGER's fix (§3.1): append one more token, the item's index among the items that share its
 * tuple (0 for an item with a tuple of its own), so every ID is unique. The extra token carries
 * no meaning: the decoder has to memorise it.
 */
export function appendCollisionIndex(codes: readonly (readonly number[])[]): number[][] {
  const seen = new Map<string, number>();
  return codes.map((c) => {
    const key = c.join(',');
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    return [...c, index];
  });
}
// #endregion

// #region trie
/** A prefix tree over code tuples: the children of a prefix are the tokens that can follow it. */
export interface CodeTrie {
  children: Map<number, CodeTrie>;
  /** The items whose tuple ends here (more than one only if tuples collide). */
  items: number[];
}

export function buildTrie(codes: readonly (readonly number[])[]): CodeTrie {
  const root: CodeTrie = { children: new Map(), items: [] };
  codes.forEach((code, item) => {
    let node = root;
    for (const c of code) {
      let child = node.children.get(c);
      if (!child) {
        child = { children: new Map(), items: [] };
        node.children.set(c, child);
      }
      node = child;
    }
    node.items.push(item);
  });
  return root;
}

/** The items a full code tuple names ([] for an invalid tuple). */
export function lookup(trie: CodeTrie, code: readonly number[]): number[] {
  let node: CodeTrie | undefined = trie;
  for (const c of code) node = node?.children.get(c);
  return node?.items ?? [];
}
// #endregion

/** The decoder's next-token logits given the tokens generated so far (one per codeword). */
export type NextTokenLogits = (prefix: readonly number[]) => readonly number[];

// #region beam-search
/**
 * Beam search over `depth` code tokens. At each step every beam is extended by every allowed
 * token, scored by its cumulative log-probability, and the best `beamWidth` survive (ties by
 * the lexicographic order of the tuples, so the result is deterministic). With a trie, only
 * tokens that continue a valid tuple are allowed, and the softmax is taken over them alone
 * (masking the other logits to -Infinity, as in GENRE). Without one, the search may return
 * tuples that name no item.
 */
export function beamSearch(
  logitsOf: NextTokenLogits,
  depth: number,
  beamWidth: number,
  trie?: CodeTrie,
): { code: number[]; logProb: number }[] {
  if (!Number.isInteger(beamWidth) || beamWidth < 1) throw new RangeError(`beamSearch: beamWidth must be >= 1`);
  let beams = [{ code: [] as number[], logProb: 0, node: trie }];
  for (let step = 0; step < depth; step++) {
    const next: typeof beams = [];
    for (const beam of beams) {
      const logits = logitsOf(beam.code);
      const allowed = beam.node ? [...beam.node.children.keys()] : logits.map((_, c) => c);
      if (allowed.length === 0) continue;
      for (const c of allowed)
        if (!Number.isFinite(logits[c])) throw new RangeError(`beamSearch: logit of token ${c} is not finite`);
      const lse = logSumExp(allowed.map((c) => logits[c]!)); // normaliser over the allowed tokens only
      for (const c of allowed)
        next.push({
          code: [...beam.code, c],
          logProb: beam.logProb + logits[c]! - lse,
          node: beam.node?.children.get(c),
        });
    }
    next.sort((a, b) => b.logProb - a.logProb || compareCodes(a.code, b.code));
    beams = next.slice(0, beamWidth);
  }
  return beams.map(({ code, logProb }) => ({ code, logProb }));
}

function compareCodes(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
// #endregion

// #region oracle-decoder
/**
 * A stand-in for a trained decoder that knows the vector q of the item the user wants next:
 * the logit of token c after a prefix is -||(q - decode(prefix)) - codebook[c]||^2 / temperature.
 * Greedy decoding (beam 1) then reproduces encode(q); a wider beam keeps runners-up at each
 * level, which is approximate nearest-neighbour search down the residual tree. Logits that
 * exceed the float64 range (vectors beyond ~1e150 at temperature 1) make beamSearch throw.
 */
export function residualLogits(query: readonly number[], codebooks: Matrix[], temperature = 1): NextTokenLogits {
  if (!(temperature > 0)) throw new RangeError(`residualLogits: temperature must be > 0, got ${temperature}`);
  return (prefix) => {
    const cb = codebooks[prefix.length];
    if (!cb) throw new RangeError(`residualLogits: no level ${prefix.length}`);
    const base = decode(prefix, codebooks);
    const r = query.map((x, j) => x - base[j]!);
    const s = Math.max(maxAbs([r]), maxAbs(cb)) || 1;
    // squared distance = s^2 * (squared distance in units of s), multiplied in an order that
    // overflows only when the logit itself is beyond the float64 range
    return cb.map((w) => -(s * scaledSqDist(r, w, s)) * (s / temperature));
  };
}
// #endregion

/**
 * Toy item content embeddings: `clusters` topic centres drawn from N(0, I) in d dimensions, and
 * each item a centre plus N(0, spread^2 I) noise. Shared by the tests, the figure and the page.
 */
export function clusteredEmbeddings(n: number, d: number, clusters: number, spread: number, rng: Rng): Matrix {
  const centres = Array.from({ length: clusters }, () => Array.from({ length: d }, () => normal(rng)));
  return Array.from({ length: n }, () => {
    const c = centres[randomInt(rng, clusters)]!;
    return c.map((v) => v + spread * normal(rng));
  });
}

/**
 * The page's toy catalogue for a seed: 600 items in 8 dimensions around 8 topics (spread 0.3);
 * the first 500 are quantised, the last 100 play new items. Returns the generator too, so the
 * quantiser fitted next draws from the same stream in the tests, the figure and the page.
 */
export function toyCatalogue(seed: number): { items: Matrix; fresh: Matrix; rng: Rng } {
  const rng = mulberry32(seed);
  const all = clusteredEmbeddings(600, 8, 8, 0.3, rng);
  return { items: all.slice(0, 500), fresh: all.slice(500), rng };
}
