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
/**
 * R(Q, D): cosine of the two towers' outputs, two vectors of equal length. Throws a RangeError
 * if a vector is all zeros (no direction) or has a non-finite entry.
 */
export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`cosine: lengths differ (${a.length} vs ${b.length})`);
  // Divide each vector by its largest |x| first (the cosine does not change): the squares then
  // lie in [0, 1], so [1e-200, 1e-200] does not underflow to length 0, nor 1e200 overflow.
  const x = unitScale(a, 'a');
  const y = unitScale(b, 'b');
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = 0; i < x.length; i++) {
    xy += x[i]! * y[i]!;
    xx += x[i]! * x[i]!;
    yy += y[i]! * y[i]!;
  }
  return xy / (Math.sqrt(xx) * Math.sqrt(yy));
}

/** v divided by max |v_i|, so its largest entry is +-1. */
function unitScale(v: readonly number[], name: string): number[] {
  const scale = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  if (!Number.isFinite(scale)) throw new RangeError(`cosine: ${name} must have finite entries`);
  if (scale === 0) throw new RangeError(`cosine: ${name} is the zero vector, which has no direction`);
  return v.map((x) => x / scale);
}

/** gamma * R for every candidate, after checking the arguments. */
function scaledLogits(relevances: readonly number[], gamma: number): number[] {
  if (relevances.length < 2) throw new RangeError('relevances needs the clicked document and at least one negative');
  if (!(gamma > 0 && gamma < Infinity)) throw new RangeError(`gamma must be positive and finite, got ${gamma}`);
  if (!relevances.every(Number.isFinite)) throw new RangeError('relevances must be finite numbers');
  const z = relevances.map((r) => gamma * r);
  if (!z.every(Number.isFinite)) throw new RangeError('gamma * relevance overflows: gamma is too large');
  return z;
}

/**
 * Posterior P(D | Q) = exp(gamma R(Q, D)) / sum over the candidate set of exp(gamma R(Q, D')).
 * `relevances[0]` is the clicked document, the rest are sampled unclicked ones. gamma is the
 * smoothing factor: cosine lives in [-1, 1], so without it the softmax could never be confident.
 */
export function clickPosterior(relevances: readonly number[], gamma: number): number[] {
  const z = scaledLogits(relevances, gamma);
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

/**
 * Training loss for one query: -log P(D+ | Q) = log sum_j e^{gamma R_j} - gamma R_0, computed as
 * a log-sum-exp, never as the log of a probability: with gamma = 1000 and the clicked document
 * behind by 0.8, P(D+ | Q) = e^{-800} underflows to 0 and its log would be -Infinity.
 */
export function dssmLoss(relevances: readonly number[], gamma: number): number {
  const [clicked, ...unclicked] = scaledLogits(relevances, gamma);
  // log(1 + sum_{j>0} e^{z_j - z_0}) = softplus(lse(unclicked) - clicked): finite and accurate
  // both when the clicked document is far behind (loss ~ the gap) and far ahead (loss ~ e^-gap).
  const m = Math.max(...unclicked);
  const lse = m + Math.log(unclicked.reduce((s, v) => s + Math.exp(v - m), 0));
  const x = lse - clicked!;
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}
// #endregion

/** Cosine of two sparse bags, e.g. the raw word-hash vectors of two texts. */
export function bagCosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const grams = [...new Set([...a.keys(), ...b.keys()])];
  if (a.size === 0 || b.size === 0) throw new RangeError('bagCosine: a bag is empty');
  return cosine(toDense(a, grams), toDense(b, grams));
}
