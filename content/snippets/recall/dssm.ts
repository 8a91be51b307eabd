/**
 * DSSM (Huang et al., CIKM 2013): word hashing into letter trigrams, a tanh MLP tower per side,
 * cosine relevance, and a softmax over one clicked and a few unclicked documents.
 */

// #region hashing
/** Letter trigrams of one word, with '#' marking both word boundaries: good -> #go goo ood od#. */
export function letterTrigrams(word: string): string[] {
  if (word.length === 0) throw new RangeError('letterTrigrams: word must not be empty');
  const marked = `#${word}#`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= marked.length; i++) grams.push(marked.slice(i, i + 3));
  return grams;
}

/** Word hashing of a text: the bag (trigram -> count) over all its lower-cased words. */
export function wordHash(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const word of text
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0)) {
    for (const g of letterTrigrams(word)) bag.set(g, (bag.get(g) ?? 0) + 1);
  }
  return bag;
}
// #endregion

/** The bag as a dense vector over a fixed trigram vocabulary; unknown trigrams are dropped. */
export function toDense(bag: ReadonlyMap<string, number>, vocabulary: readonly string[]): number[] {
  return vocabulary.map((g) => bag.get(g) ?? 0);
}

// #region tower
export interface DenseLayer {
  /** weights[o][i]: from input i to output o. */
  weights: readonly (readonly number[])[];
  bias: readonly number[];
}

/** One tower: y = tanh(W_l ... tanh(W_1 x + b_1) ... + b_l), as in the paper (tanh everywhere). */
export function tower(x: readonly number[], layers: readonly DenseLayer[]): number[] {
  let h = [...x];
  for (const { weights, bias } of layers) {
    if (weights.length !== bias.length) throw new RangeError('tower: a layer needs one bias per output');
    h = weights.map((row, o) => {
      if (row.length !== h.length)
        throw new RangeError(`tower: weight row has ${row.length} inputs, expected ${h.length}`);
      return Math.tanh(row.reduce((s, w, i) => s + w * h[i]!, bias[o]!));
    });
  }
  return h;
}
// #endregion

// #region relevance
/** R(Q, D): cosine of the two towers' outputs. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`cosine: lengths differ (${a.length} vs ${b.length})`);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  if (aa === 0 || bb === 0) throw new RangeError('cosine: a vector has zero length');
  return ab / Math.sqrt(aa * bb);
}

/**
 * Posterior P(D | Q) = exp(gamma R(Q, D)) / sum over the candidate set of exp(gamma R(Q, D')).
 * `relevances[0]` is the clicked document, the rest are sampled unclicked ones. gamma is the
 * smoothing factor: cosine lives in [-1, 1], so without it the softmax could never be confident.
 */
export function clickPosterior(relevances: readonly number[], gamma: number): number[] {
  if (relevances.length < 2) throw new RangeError('relevances needs the clicked document and at least one negative');
  if (!(gamma > 0)) throw new RangeError(`gamma must be positive, got ${gamma}`);
  const z = relevances.map((r) => gamma * r);
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

/** Training loss for one query: -log P(D+ | Q). */
export function dssmLoss(relevances: readonly number[], gamma: number): number {
  return -Math.log(clickPosterior(relevances, gamma)[0]!);
}
// #endregion

/** Cosine of two sparse bags, e.g. the raw word-hash vectors of two texts. */
export function bagCosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let ab = 0;
  for (const [g, x] of a) ab += x * (b.get(g) ?? 0);
  const norm = (m: ReadonlyMap<string, number>) => Math.sqrt([...m.values()].reduce((s, x) => s + x * x, 0));
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) throw new RangeError('bagCosine: a bag is empty');
  return ab / (na * nb);
}
