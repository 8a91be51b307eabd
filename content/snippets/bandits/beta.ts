/**
 * Gamma and Beta samplers from a seeded uniform source. They work in log space, so tiny shapes,
 * whose draws underflow to 0, never give 0 / 0. Source: Marsaglia and Tsang (2000), ACM TOMS 26(3).
 */
import { normal, type Rng } from '../shared/random.ts';

/**
 * The smallest shape the samplers accept. ln U is at least ln(2^-32) = -22.2 for the 32-bit
 * generator, so ln(U) / shape (see sampleLogGamma) stays above -1.8e308 for shapes down to about
 * 1.3e-307; below that even the log of a draw is no longer a double. 1e-300 leaves a margin.
 */
export const MIN_SHAPE = 1e-300;

function checkShape(name: string, shape: number): void {
  if (!(shape >= MIN_SHAPE && shape < Infinity)) {
    throw new RangeError(`${name} must be a finite number >= ${MIN_SHAPE}, got ${shape}`);
  }
}

function checkParam(name: string, x: number): void {
  if (!(x > 0 && x < Infinity)) throw new RangeError(`${name} must be a finite number > 0, got ${x}`);
}

// #region gamma
/** ln(1 + w) - w without cancellation: for tiny w both terms agree to many digits, so use the series. */
function log1pMinusW(w: number): number {
  return Math.abs(w) < 1e-4 ? w * w * (-1 / 2 + w * (1 / 3 - w / 4)) : Math.log1p(w) - w;
}

/**
 * ln X for X ~ Gamma(shape, 1), by Marsaglia and Tsang (2000); throws a RangeError unless
 * MIN_SHAPE (1e-300) <= shape < Infinity.
 * For shape >= 1: with d = shape - 1/3, c = 1/sqrt(9d) and a standard normal x, propose
 * X = d v with v = (1 + w)^3, w = c x, and accept it when ln U < x^2/2 + d - d v + d ln v.
 * The last three terms are written d (3 (ln(1 + w) - w) - 3 w^2 - w^3): as printed they are
 * numbers of size d that cancel, and from shapes of about 1e15 on their rounding error (d times
 * 1e-16) rejected good proposals at random.
 * For shape < 1 their boost Gamma(a) = Gamma(a + 1) U^(1/a) is taken in logs: U^(1/a)
 * underflows to 0 once a is below about 0.01, while ln(U) / a is an ordinary number.
 */
export function sampleLogGamma(shape: number, rng: Rng): number {
  checkShape('sampleLogGamma: shape', shape);
  if (shape < 1) return sampleLogGamma(shape + 1, rng) + Math.log(1 - rng()) / shape; // 1 - rng() > 0
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const w = c * x;
    if (w <= -1) continue; // v = (1 + w)^3 must be positive
    const logAccept = 0.5 * x * x + d * (3 * log1pMinusW(w) - w * w * (3 + w)); // = x^2/2 + d - d v + d ln v
    if (Math.log(rng()) < logAccept) return Math.log(d) + 3 * Math.log1p(w);
  }
}

/** X ~ Gamma(shape, 1): exp of sampleLogGamma; 0 where the draw is below the smallest double. */
export function sampleGamma(shape: number, rng: Rng): number {
  return Math.exp(sampleLogGamma(shape, rng));
}
// #endregion

// #region beta
/**
 * Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), for a, b >= MIN_SHAPE. With
 * t = ln X - ln Y it is 1 / (1 + e^-t), the logistic sigmoid of t, evaluated on the side where
 * the exponential cannot overflow. For tiny a and b both Gamma draws underflow to 0 and
 * X / (X + Y) would be 0 / 0 = NaN; their logs stay finite, and the result is a number in
 * [0, 1] (often within 1e-300 of 0 or 1, which is where Beta(0.001, 0.001) puts half its mass).
 * Above shapes of about 1e28 the spread of ln X, 1/sqrt(shape), falls below the spacing of
 * doubles near ln X, so draws come back within a few units in the last place of the mean.
 * Throws a RangeError unless both parameters are in [1e-300, Infinity).
 */
export function sampleBeta(a: number, b: number, rng: Rng): number {
  checkShape('sampleBeta: a', a);
  checkShape('sampleBeta: b', b);
  const t = sampleLogGamma(a, rng) - sampleLogGamma(b, rng);
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

/**
 * Mean of Beta(a, b): a / (a + b), written 1 / (1 + b / a) so that a + b cannot overflow.
 * Throws a RangeError unless a and b are finite and > 0.
 */
export function betaMean(a: number, b: number): number {
  checkParam('betaMean: a', a);
  checkParam('betaMean: b', b);
  return 1 / (1 + b / a);
}

/**
 * Variance of Beta(a, b): ab / ((a + b)^2 (a + b + 1)) = mean (1 - mean) / (a + b + 1); it shrinks
 * as a + b grows. The second form never multiplies a by b (0 for a = b = 1e-200, Infinity for
 * 1e200), and 1 - mean is b / (a + b), computed without cancelling. Where a + b overflows (both
 * near 1e308) the sum is halved first. Throws a RangeError unless a and b are finite and > 0.
 */
export function betaVariance(a: number, b: number): number {
  const mean = betaMean(a, b);
  const oneMinusMean = 1 / (1 + a / b);
  const strength = a + b + 1;
  if (strength < Infinity) return (mean * oneMinusMean) / strength;
  return (mean * oneMinusMean) / 2 / (a / 2 + b / 2); // the + 1 is below the rounding of a + b here
}
// #endregion
