/**
 * GES and EGES: one item vector from the item's own embedding and its side-information
 * embeddings (category, shop, brand, price band, ...), as in Alibaba's billion-scale commodity
 * embedding. Index 0 is the item-id embedding by convention; 1..n are side information.
 */

// #region mean
/** Plain mean of equally long vectors: GES, and the cold-start vector from side info alone. */
export function meanVector(vectors: readonly (readonly number[])[]): number[] {
  const first = vectors[0];
  if (first === undefined) throw new RangeError('meanVector: vectors must not be empty');
  const out = new Array<number>(first.length).fill(0);
  for (const v of vectors) {
    if (v.length !== first.length) throw new RangeError('meanVector: vectors must all have the same length');
    for (let d = 0; d < v.length; d++) out[d]! += v[d]! / vectors.length;
  }
  return out;
}
// #endregion

// #region softmax
/**
 * softmax(a)_j = e^{a_j} / sum_k e^{a_k}, computed after subtracting max(a): the ratio is
 * unchanged, and the largest exponent becomes e^0 = 1, so nothing overflows to Infinity.
 * a: finite logits (any magnitude); returns weights in [0, 1] that sum to 1.
 */
export function softmax(a: readonly number[]): number[] {
  if (a.length === 0) throw new RangeError('softmax: a must not be empty');
  if (!a.every(Number.isFinite)) throw new RangeError('softmax: every logit in a must be finite');
  const max = Math.max(...a);
  const exps = a.map((x) => Math.exp(x - max));
  const total = exps.reduce((s, x) => s + x, 0);
  return exps.map((x) => x / total);
}
// #endregion

// #region eges
/**
 * EGES (Wang et al. 2018, Eq. 7): H_v = sum_j e^{a_v^j} W_v^j / sum_j e^{a_v^j}. `embeddings[j]` is W_v^j (j = 0 the
 * item itself, j >= 1 its side information) and `a[j]` the item's own learned weight logit a_v^j.
 * Equal logits give GES, the plain mean.
 */
export function egesAggregate(embeddings: readonly (readonly number[])[], a: readonly number[]): number[] {
  if (a.length !== embeddings.length) {
    throw new RangeError(`egesAggregate: a has ${a.length} weights but there are ${embeddings.length} embeddings`);
  }
  const weights = softmax(a);
  const dim = embeddings[0]!.length;
  const h = new Array<number>(dim).fill(0);
  embeddings.forEach((w, j) => {
    if (w.length !== dim) throw new RangeError('egesAggregate: embeddings must all have the same length');
    for (let d = 0; d < dim; d++) h[d]! += weights[j]! * w[d]!;
  });
  return h;
}
// #endregion

// #region gradient
/**
 * Gradient of the skip-gram logistic loss L = -[y log s + (1-y) log(1-s)], s = sigma(H_v . Z_u),
 * with respect to the logits a_v^j (Wang et al. 2018, Eq. 10). The chain rule gives
 * dL/dH = (s - y) Z_u and, for the softmax-weighted sum, dH/da^j = w_j (W^j - H); so
 * dL/da^j = (s - y) w_j Z_u . (W^j - H). A side-info vector that points the way Z_u wants gains
 * weight; one already at H gets none. Returns one number per embedding.
 */
export function egesLogitGradient(
  embeddings: readonly (readonly number[])[],
  a: readonly number[],
  context: readonly number[],
  label: 0 | 1,
): number[] {
  const h = egesAggregate(embeddings, a);
  const weights = softmax(a);
  const z = dot(h, context);
  // s - y without cancellation: for y = 1 it is -sigma(-z), so at z = 40 the residual is
  // -4.2e-18 rather than sigma(40) - 1, which rounds to 0.
  const residual = label === 1 ? -sigmoid(-z) : sigmoid(z);
  return embeddings.map((w, j) => {
    const diff = w.map((x, d) => x - h[d]!);
    return residual * weights[j]! * dot(context, diff);
  });
}

/** sigma(x) = 1 / (1 + e^{-x}): e^{-x} overflows to Infinity only where sigma is below 1e-308. */
function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
// #endregion

/**
 * Skip-gram logistic loss of one (item, context, label) example (Eq. 8), in nats; the gradient
 * above is its derivative.
 */
export function egesLoss(
  embeddings: readonly (readonly number[])[],
  a: readonly number[],
  context: readonly number[],
  label: 0 | 1,
): number {
  const z = dot(egesAggregate(embeddings, a), context);
  // log(1 + e^{-z}) and log(1 + e^{z}) written so that neither overflows for large |z|.
  const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  return label === 1 ? softplus(-z) : softplus(z);
}

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
  if (!Number.isFinite(result)) throw new RangeError('eges: an inner product of the vectors is not finite');
  return result;
}
