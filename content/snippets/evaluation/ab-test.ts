/**
 * The statistics of a click-through A/B test: the normal CDF and its inverse, the two-proportion
 * z-test with a pooled standard error, the sample size for a minimal detectable relative lift,
 * a sample-ratio-mismatch check, and a simulation of what peeking does to the false-positive rate.
 */
import type { Rng } from '../shared/random.ts';

// #region normal
/**
 * Standard normal CDF, Hart's double-precision rational approximation as laid out by West
 * (2005): about 1e-14 absolute error. It works on |x| and reflects, so the far tail is computed
 * directly instead of as 1 minus a number close to 1.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('normalCdf: x is NaN');
  const ax = Math.abs(x);
  let tail: number; // P(Z > |x|)
  if (ax > 37) tail = 0;
  else {
    const e = Math.exp((-ax * ax) / 2);
    if (ax < 7.07106781186547) {
      let num = 3.52624965998911e-2 * ax + 0.700383064443688;
      num = num * ax + 6.37396220353165;
      num = num * ax + 33.912866078383;
      num = num * ax + 112.079291497871;
      num = num * ax + 221.213596169931;
      num = num * ax + 220.206867912376;
      let den = 8.83883476483184e-2 * ax + 1.75566716318264;
      den = den * ax + 16.064177579207;
      den = den * ax + 86.7807322029461;
      den = den * ax + 296.564248779674;
      den = den * ax + 637.333633378831;
      den = den * ax + 793.826512519948;
      den = den * ax + 440.413735824752;
      tail = (e * num) / den;
    } else {
      // Continued fraction for the far tail.
      let cf = ax + 0.65;
      cf = ax + 4 / cf;
      cf = ax + 3 / cf;
      cf = ax + 2 / cf;
      cf = ax + 1 / cf;
      tail = e / cf / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * Inverse of the standard normal CDF: Acklam's rational approximation (relative error ~1e-9),
 * polished by one Halley step on normalCdf, which brings it to near machine precision.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -7.784894002430293e-3, -0.3223964580411365, -2.400758277161838, -2.549671010250417, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low || p > 1 - low) {
    // Tails: a rational function of sqrt(-2 log q), q the smaller tail area.
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    if (p > 1 - low) x = -x;
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  }
  // Halley refinement: e is the CDF error, u = e / pdf(x).
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
// #endregion

// #region z-test
export interface Arm {
  /** Units in the arm (users, devices or impressions: whatever was randomised and counted). */
  n: number;
  /** Units that converted (clicked). */
  conversions: number;
}

export type Alternative = 'two-sided' | 'greater' | 'less';

export interface ZTestResult {
  rateA: number;
  rateB: number;
  /** (rateB - rateA) / rateA. */
  relativeLift: number;
  /** Pooled rate under H0: both arms share one rate. */
  pooled: number;
  /** Standard error of rateB - rateA under H0. */
  se: number;
  z: number;
  pValue: number;
}

/**
 * H0: both arms have the same rate. Under H0 the best estimate of that rate pools both arms, so
 * SE = sqrt(p(1 - p)(1/nA + 1/nB)) and z = (rateB - rateA) / SE is approximately N(0, 1).
 */
export function twoProportionZTest(a: Arm, b: Arm, alternative: Alternative = 'two-sided'): ZTestResult {
  for (const [name, arm] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (!Number.isInteger(arm.n) || arm.n < 1)
      throw new RangeError(`twoProportionZTest: ${name}.n must be a positive integer, got ${arm.n}`);
    if (!Number.isInteger(arm.conversions) || arm.conversions < 0 || arm.conversions > arm.n)
      throw new RangeError(
        `twoProportionZTest: ${name}.conversions must be an integer in [0, n], got ${arm.conversions}`,
      );
  }
  const rateA = a.conversions / a.n;
  const rateB = b.conversions / b.n;
  const pooled = (a.conversions + b.conversions) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  if (se === 0) throw new RangeError('twoProportionZTest: both arms have rate 0 or both 1, the test is undefined');
  const z = (rateB - rateA) / se;
  const pValue =
    alternative === 'two-sided'
      ? 2 * normalCdf(-Math.abs(z))
      : alternative === 'greater'
        ? normalCdf(-z)
        : normalCdf(z);
  return { rateA, rateB, relativeLift: (rateB - rateA) / rateA, pooled, se, z, pValue };
}
// #endregion

// #region sample-size
export interface SampleSizeInput {
  /** Control conversion rate p1, e.g. 0.1. */
  baseline: number;
  /** Smallest relative lift worth detecting, e.g. 0.1 for +10 % (p2 = p1 (1 + lift)). */
  relativeLift: number;
  /** False-positive rate, usually 0.05. */
  alpha?: number;
  /** Chance of detecting a true lift of that size, usually 0.8. */
  power?: number;
  twoSided?: boolean;
}

/**
 * Units per arm for the pooled z-test. Under H0 the difference of rates has SD sqrt(2 pbar qbar / n);
 * under H1 it has SD sqrt((p1 q1 + p2 q2) / n). Requiring the rejection threshold z_alpha * SD0 to
 * sit z_beta * SD1 below the true difference gives
 *   n = (z_alpha sqrt(2 pbar qbar) + z_beta sqrt(p1 q1 + p2 q2))^2 / (p2 - p1)^2,
 * with z_alpha = Phi^-1(1 - alpha/2) (two-sided) and z_beta = Phi^-1(power).
 */
export function sampleSizePerArm({
  baseline,
  relativeLift,
  alpha = 0.05,
  power = 0.8,
  twoSided = true,
}: SampleSizeInput): number {
  const p1 = baseline;
  const p2 = baseline * (1 + relativeLift);
  if (!(p1 > 0 && p1 < 1)) throw new RangeError(`sampleSizePerArm: baseline must be in (0, 1), got ${p1}`);
  if (!(relativeLift !== 0 && p2 > 0 && p2 < 1))
    throw new RangeError(
      `sampleSizePerArm: relativeLift must be non-zero and keep baseline * (1 + lift) in (0, 1), got ${relativeLift}`,
    );
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`sampleSizePerArm: alpha must be in (0, 1), got ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`sampleSizePerArm: power must be in (0, 1), got ${power}`);
  const zAlpha = normalQuantile(1 - (twoSided ? alpha / 2 : alpha));
  const zBeta = normalQuantile(power);
  const pBar = (p1 + p2) / 2;
  const root = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((root * root) / ((p2 - p1) * (p2 - p1)));
}

/** The power that n units per arm give (the far rejection tail ignored, as in the formula above). */
export function powerPerArm(
  n: number,
  { baseline, relativeLift, alpha = 0.05, twoSided = true }: Omit<SampleSizeInput, 'power'>,
): number {
  if (!(n > 0)) throw new RangeError(`powerPerArm: n must be > 0, got ${n}`);
  const p1 = baseline;
  const p2 = baseline * (1 + relativeLift);
  const zAlpha = normalQuantile(1 - (twoSided ? alpha / 2 : alpha));
  const pBar = (p1 + p2) / 2;
  const sd0 = Math.sqrt((2 * pBar * (1 - pBar)) / n);
  const sd1 = Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n);
  return normalCdf((Math.abs(p2 - p1) - zAlpha * sd0) / sd1);
}
// #endregion

// #region srm
/**
 * Sample ratio mismatch: were units really split in the planned ratio? A z-test of the observed
 * share of arm A against `expectedShareA`. A tiny p-value means the assignment or the logging is
 * broken, and no metric from the experiment can be trusted until that is fixed.
 */
export function sampleRatioPValue(nA: number, nB: number, expectedShareA = 0.5): number {
  const n = nA + nB;
  if (!(n > 0)) throw new RangeError(`sampleRatioPValue: nA + nB must be > 0, got ${n}`);
  if (!(expectedShareA > 0 && expectedShareA < 1))
    throw new RangeError(`sampleRatioPValue: expectedShareA must be in (0, 1), got ${expectedShareA}`);
  const z = (nA - n * expectedShareA) / Math.sqrt(n * expectedShareA * (1 - expectedShareA));
  return 2 * normalCdf(-Math.abs(z));
}
// #endregion

// #region peeking
export interface PeekingOptions {
  /** Simulated A/A experiments. */
  experiments: number;
  /** Interim looks per experiment, evenly spaced. */
  looks: number;
  /** New units per arm between looks. */
  unitsPerLook: number;
  /** The shared true rate (A/A: no real difference). */
  rate: number;
  alpha?: number;
}

/**
 * A/A experiments where the analyst runs the z-test after every batch and stops at the first
 * p < alpha. Returns, for each number of looks m = 1..looks, the share of experiments that
 * declared a winner at or before look m: the false-positive rate of "peek m times".
 */
export function peekingFalsePositiveRate(rng: Rng, opts: PeekingOptions): number[] {
  const { experiments, looks, unitsPerLook, rate, alpha = 0.05 } = opts;
  if (!Number.isInteger(experiments) || experiments < 1)
    throw new RangeError(`peekingFalsePositiveRate: experiments must be a positive integer, got ${experiments}`);
  if (!Number.isInteger(looks) || looks < 1)
    throw new RangeError(`peekingFalsePositiveRate: looks must be a positive integer, got ${looks}`);
  const firstRejection = new Array<number>(looks).fill(0);
  for (let e = 0; e < experiments; e++) {
    const a: Arm = { n: 0, conversions: 0 };
    const b: Arm = { n: 0, conversions: 0 };
    for (let m = 0; m < looks; m++) {
      for (let i = 0; i < unitsPerLook; i++) {
        if (rng() < rate) a.conversions++;
        if (rng() < rate) b.conversions++;
      }
      a.n += unitsPerLook;
      b.n += unitsPerLook;
      if (a.conversions + b.conversions === 0) continue;
      if (twoProportionZTest(a, b).pValue < alpha) {
        firstRejection[m]!++;
        break;
      }
    }
  }
  // Cumulative share: stopped at or before look m.
  let cum = 0;
  return firstRejection.map((c) => (cum += c) / experiments);
}
// #endregion
