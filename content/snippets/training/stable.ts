/**
 * Numerically stable building blocks that keep a loss finite, plus two training-loop tools:
 * gradient clipping by global norm, and gradient descent (with momentum) on a quadratic, which
 * shows the two optimiser reasons a loss goes up.
 */

// #region naive
/** log(sum(exp(x))) as written: overflows to Infinity once any x exceeds ~709.78. */
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
 * log(sum(exp(x))) = m + log(sum(exp(x - m))) with m = max(x): every exponent is <= 0, so
 * nothing overflows, and the largest term is exactly 1, so the sum cannot underflow to 0.
 */
export function logSumExp(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('xs must not be empty');
  let m = -Infinity;
  for (const x of xs) {
    if (Number.isNaN(x)) throw new RangeError('xs must not contain NaN');
    if (x > m) m = x;
  }
  // All -Infinity (every probability 0) or some +Infinity: the answer is m itself, and x - m
  // would be NaN.
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}
// #endregion

// #region bce
/**
 * Binary cross-entropy from a logit, never forming sigmoid(z):
 * max(z, 0) - z y + log(1 + exp(-|z|)). The exponent is always <= 0 and log1p keeps precision
 * when exp(-|z|) is tiny. `y` may be a soft label in [0, 1].
 */
export function bceWithLogits(z: number, y: number): number {
  if (!(y >= 0 && y <= 1)) throw new RangeError(`y must be in [0, 1], got ${y}`);
  if (Number.isNaN(z)) throw new RangeError('z must not be NaN');
  return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}
// #endregion

// #region clip
/**
 * Rescale all gradients together so their joint L2 norm is at most `maxNorm` (the direction is
 * kept). Returns the clipped copies and the norm before clipping, which is worth logging: a
 * spike in it is the first sign of an explosion.
 */
export function clipByGlobalNorm(
  grads: readonly (readonly number[])[],
  maxNorm: number,
): { clipped: number[][]; norm: number } {
  if (!(maxNorm > 0)) throw new RangeError(`maxNorm must be positive, got ${maxNorm}`);
  let sq = 0;
  for (const g of grads) for (const x of g) sq += x * x;
  const norm = Math.sqrt(sq);
  if (!Number.isFinite(norm))
    throw new RangeError('grads contain a non-finite value: clipping cannot repair NaN/Infinity');
  const scale = norm > maxNorm ? maxNorm / norm : 1;
  return { clipped: grads.map((g) => g.map((x) => x * scale)), norm };
}
// #endregion

// #region quadratic
/**
 * Heavy-ball gradient descent on f(x) = curvature * x^2 / 2, returning f after each step
 * (index 0 is the start). v <- momentum * v - lr * f'(x); x <- x + v. Without momentum it
 * converges iff lr < 2 / curvature; with momentum the loss can rise for a while and still
 * converge.
 */
export function quadraticLossCurve(curvature: number, lr: number, momentum: number, steps: number, x0 = 1): number[] {
  if (!(curvature > 0)) throw new RangeError(`curvature must be positive, got ${curvature}`);
  if (!(lr > 0)) throw new RangeError(`lr must be positive, got ${lr}`);
  if (!(momentum >= 0 && momentum < 1)) throw new RangeError(`momentum must be in [0, 1), got ${momentum}`);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
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
