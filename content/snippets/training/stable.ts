/**
 * Numerically stable building blocks that keep a loss finite, plus two training-loop tools:
 * gradient clipping by global norm, and gradient descent (with momentum) on a quadratic, which
 * shows the two optimiser reasons a loss goes up.
 *
 * Sources: Goodfellow, Bengio and Courville, Deep Learning (2016), §4.1 (overflow, underflow and
 * the shifted softmax); Blanchard, Higham and Higham (2021) on the accuracy of shifted log-sum-exp;
 * Pascanu, Mikolov and Bengio (2013), Algorithm 1 (clipping by norm).
 */

// #region naive
/**
 * log(sum(exp(x))) as written: exp overflows to Infinity once any x exceeds ~709.78, and every
 * term underflows to 0 (so the log is -Infinity) once all x are below ~-745.1.
 */
export function naiveLogSumExp(xs: readonly number[]): number {
  return Math.log(xs.reduce((s, x) => s + Math.exp(x), 0));
}

/** BCE of a logit z as written: -[y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))]. */
export function naiveBceWithLogits(z: number, y: number): number {
  const p = 1 / (1 + Math.exp(-z));
  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
}
// #endregion

// #region lse
/**
 * log(sum_i exp(x_i)) for a non-empty array, e.g. the log-normaliser of a softmax over logits.
 * Shifted by m = max(x): every exponent is <= 0, so nothing overflows, and the largest term is
 * exactly 1, so the sum cannot underflow to 0. The other terms are summed apart and added with
 * log1p, which keeps them when they are far below 1 (log(1 + 1e-20) would round to log 1 = 0).
 * Entries of -Infinity (probability 0) are allowed: all -Infinity gives -Infinity, and any
 * +Infinity gives +Infinity. Throws a RangeError for an empty array (the sum of no terms is 0,
 * whose log is not a usable normaliser) and for NaN.
 */
export function logSumExp(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('logSumExp: xs must not be empty');
  let k = 0; // index of the largest entry
  for (let i = 0; i < xs.length; i++) {
    if (Number.isNaN(xs[i])) throw new RangeError(`logSumExp: xs[${i}] is NaN`);
    if (xs[i]! > xs[k]!) k = i;
  }
  const m = xs[k]!;
  // All -Infinity or some +Infinity: the answer is m itself, and x - m would be NaN.
  if (!Number.isFinite(m)) return m;
  let rest = 0; // sum of exp(x_i - m) over i != k, every term in [0, 1]
  for (let i = 0; i < xs.length; i++) if (i !== k) rest += Math.exp(xs[i]! - m);
  return m + Math.log1p(rest);
}
// #endregion

// #region bce
/**
 * Binary cross-entropy (nats) of a finite logit z against a label y in [0, 1] (soft labels
 * allowed), never forming sigmoid(z): max(z, 0) - z y + log(1 + exp(-|z|)). The exponent is
 * always <= 0, and log1p keeps precision when exp(-|z|) is tiny. The first two terms are written
 * z (1 - y) for z >= 0 and -z y for z < 0, the same value without the cancellation of
 * 1000 - 1000 y when y is close to 1. Throws a RangeError for a non-finite z or y outside [0, 1].
 */
export function bceWithLogits(z: number, y: number): number {
  if (!(y >= 0 && y <= 1)) throw new RangeError(`bceWithLogits: y must be in [0, 1], got ${y}`);
  if (!Number.isFinite(z)) throw new RangeError(`bceWithLogits: z must be a finite logit, got ${z}`);
  const linear = z >= 0 ? z * (1 - y) : -z * y; // = max(z, 0) - z y
  return linear + Math.log1p(Math.exp(-Math.abs(z)));
}
// #endregion

/**
 * The logistic sigmoid 1 / (1 + e^-z), exponentiating only non-positive numbers: for z < 0 it
 * uses e^z / (1 + e^z). Accurate to rounding for every z, including z < -709, where
 * 1 / (1 + e^-z) would give 0 instead of a tiny positive value. Throws a RangeError for NaN.
 */
export function sigmoid(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('sigmoid: z must not be NaN');
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * The L2 norm sqrt(sum x_i^2) of a vector, scaled by its largest |x_i| first: squaring 1e200
 * overflows to Infinity and squaring 1e-200 underflows to 0, while (x_i / max)^2 is in [0, 1].
 * The result is Infinity only if the norm itself exceeds the largest double. Throws a RangeError
 * for a non-finite entry.
 */
export function l2Norm(xs: readonly number[]): number {
  let big = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (!Number.isFinite(x)) throw new RangeError(`l2Norm: xs[${i}] must be finite, got ${x}`);
    big = Math.max(big, Math.abs(x));
  }
  if (big === 0) return 0;
  let sq = 0;
  for (const x of xs) sq += (x / big) ** 2;
  return big * Math.sqrt(sq);
}

// #region clip
/**
 * Rescale all gradients together so their joint L2 norm is at most `maxNorm` (the direction is
 * kept). Returns the clipped copies and the norm before clipping, which is worth logging: a spike
 * in it is the first sign of an explosion. The norm is scaled (see l2Norm), so gradients of 1e200
 * or 1e-200 per component are measured correctly. Throws a RangeError if `maxNorm` is not
 * positive or a gradient is NaN or infinite.
 */
export function clipByGlobalNorm(
  grads: readonly (readonly number[])[],
  maxNorm: number,
): { clipped: number[][]; norm: number } {
  if (!(maxNorm > 0)) throw new RangeError(`clipByGlobalNorm: maxNorm must be positive, got ${maxNorm}`);
  if (grads.some((g) => g.some((x) => !Number.isFinite(x)))) {
    throw new RangeError('clipByGlobalNorm: grads contain a non-finite value: clipping cannot repair NaN/Infinity');
  }
  const norm = l2Norm(grads.flat());
  if (!(norm > maxNorm)) return { clipped: grads.map((g) => [...g]), norm };
  // (x / norm) * maxNorm rather than x * (maxNorm / norm): the factor alone could underflow to 0.
  return { clipped: grads.map((g) => g.map((x) => (x / norm) * maxNorm)), norm };
}
// #endregion

// #region quadratic
/**
 * Heavy-ball gradient descent on f(x) = curvature * x^2 / 2, returning f after each step
 * (index 0 is the start, so steps + 1 values). v <- momentum * v - lr * f'(x); x <- x + v.
 * Without momentum it converges iff lr < 2 / curvature; with momentum the loss can rise for a
 * while and still converge. A diverging run grows until it overflows to Infinity, as a real one
 * would.
 */
export function quadraticLossCurve(curvature: number, lr: number, momentum: number, steps: number, x0 = 1): number[] {
  if (!(curvature > 0)) throw new RangeError(`curvature must be positive, got ${curvature}`);
  if (!(lr > 0)) throw new RangeError(`lr must be positive, got ${lr}`);
  if (!(momentum >= 0 && momentum < 1)) throw new RangeError(`momentum must be in [0, 1), got ${momentum}`);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  if (!Number.isFinite(x0)) throw new RangeError(`x0 must be finite, got ${x0}`);
  let x = x0;
  let v = 0;
  const losses = [(curvature * x * x) / 2];
  for (let t = 0; t < steps; t++) {
    v = momentum * v - lr * curvature * x;
    x += v;
    losses.push((curvature * x * x) / 2);
  }
  return losses;
}
// #endregion
