/** Gamma and Beta samplers from a seeded uniform source. */
import { normal, type Rng } from '../shared/random.ts';

// #region gamma
/**
 * Gamma(shape, 1) by Marsaglia and Tsang (2000): a fast rejection sampler for shape >= 1;
 * smaller shapes use Gamma(shape + 1) * U^(1/shape).
 */
export function sampleGamma(shape: number, rng: Rng): number {
  if (!(shape > 0)) throw new RangeError(`sampleGamma: shape must be > 0, got ${shape}`);
  if (shape < 1) return sampleGamma(shape + 1, rng) * Math.pow(rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
// #endregion

// #region beta
/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(a: number, b: number, rng: Rng): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`sampleBeta: a and b must be > 0, got a=${a}, b=${b}`);
  const x = sampleGamma(a, rng);
  const y = sampleGamma(b, rng);
  return x / (x + y);
}

/** Mean of Beta(a, b): a / (a + b). */
export const betaMean = (a: number, b: number): number => a / (a + b);

/** Variance of Beta(a, b): ab / ((a + b)^2 (a + b + 1)); it shrinks as a + b grows. */
export const betaVariance = (a: number, b: number): number => (a * b) / ((a + b) ** 2 * (a + b + 1));
// #endregion
