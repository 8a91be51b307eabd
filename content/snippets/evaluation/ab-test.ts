/**
 * The statistics of a click-through A/B test: the normal CDF and its inverse, the two-proportion
 * z-test with a pooled standard error, the sample size for a minimal detectable relative lift,
 * a sample-ratio-mismatch check, and a simulation of what peeking does to the false-positive rate.
 */
import type { Rng } from '../shared/random.ts';

// #region normal
/**
 * 1 / R(x), with R(x) = P(Z > x) / pdf(x) the Mills ratio, from Laplace's continued fraction
 * x + 1/(x + 2/(x + 3/(x + ...))) (Abramowitz and Stegun 26.2.14), evaluated from the 60th term
 * up: below 1e-15 relative error for x >= 3.
 */
function inverseMillsRatio(x: number): number {
  let cf = x;
  for (let k = 60; k >= 1; k--) cf = x + k / cf;
  return cf;
}

/** log P(Z > x) for x >= 3: -x^2/2 - log(sqrt(2 pi) / R(x)), finite long after P underflows. */
function logUpperTail(x: number): number {
  return (-x * x) / 2 - Math.log(inverseMillsRatio(x) * 2.5066282746310002);
}

/**
 * Standard normal CDF. It works on |x| and reflects, so a small tail probability is computed
 * directly instead of as 1 minus a number close to 1. For |x| < 3: Hart's rational
 * approximation as laid out by West (2005), about 1e-14 relative error there. Beyond: the tail
 * P(Z > x) = pdf(x) R(x) with the Mills ratio R from its continued fraction, in logs. So Phi(x)
 * keeps ~13 significant digits down to Phi(-37.5) = 4.6e-308, and returns 0 only where the true
 * value leaves the double range (x below -38.5). Throws a RangeError for NaN.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new RangeError('normalCdf: x is NaN');
  const ax = Math.abs(x);
  let tail: number; // P(Z > |x|)
  if (ax < 3) {
    const e = Math.exp((-ax * ax) / 2);
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
    // pdf(x) R(x) in one exp: exp(-x^2 / 2) alone would underflow before the product does
    tail = Math.exp(logUpperTail(ax));
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * Inverse of the standard normal CDF: Acklam's rational approximation (relative error ~1e-9),
 * polished by one Halley step on normalCdf, which brings it to near machine precision.
 * The upper half is taken by symmetry, -normalQuantile(1 - p), where 1 - p is exact: a p such
 * as 1 - 1e-16 then keeps all its digits. Throws a RangeError unless 0 < p < 1.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  if (p > 0.5) return -normalQuantile(1 - p);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -7.784894002430293e-3, -0.3223964580411365, -2.400758277161838, -2.549671010250417, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  let x: number;
  if (p < 0.02425) {
    // Lower tail: a rational function of sqrt(-2 log p).
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  }
  if (p < 1e-300) {
    // Phi(x) is near the subnormal range and too coarse to refine against: Newton steps on
    // log Phi(x) = log p instead, with d log Phi / dx = pdf(x) / Phi(x) = 1 / R(-x).
    for (let i = 0; i < 2; i++) x += (Math.log(p) - logUpperTail(-x)) / inverseMillsRatio(-x);
    return x;
  }
  // Halley refinement with u = (Phi(x) - p) / pdf(x), written as the relative error times
  // p / pdf(x) and the latter taken in logs: pdf(x) itself underflows in the far tail.
  const relErr = normalCdf(x) / p - 1;
  const u = relErr * Math.exp(Math.log(p) + (x * x) / 2 + 0.5 * Math.log(2 * Math.PI));
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
  /** (rateB - rateA) / rateA; Infinity when rateA is 0 and rateB is not. */
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
 * Counts are integers below 2^53 (RangeError otherwise); the test is undefined, and throws, when
 * both arms convert nobody or everybody.
 */
export function twoProportionZTest(a: Arm, b: Arm, alternative: Alternative = 'two-sided'): ZTestResult {
  for (const [name, arm] of [
    ['a', a],
    ['b', b],
  ] as const) {
    if (!Number.isSafeInteger(arm.n) || arm.n < 1)
      throw new RangeError(`twoProportionZTest: ${name}.n must be a positive integer below 2^53, got ${arm.n}`);
    if (!Number.isSafeInteger(arm.conversions) || arm.conversions < 0 || arm.conversions > arm.n)
      throw new RangeError(
        `twoProportionZTest: ${name}.conversions must be an integer in [0, n], got ${arm.conversions}`,
      );
  }
  const rateA = a.conversions / a.n;
  const rateB = b.conversions / b.n;
  const pooled = (a.conversions + b.conversions) / (a.n + b.n);
  // Rates near 1 are held as 1 - tiny, with only ~16 digits between them: take 1 - rate from the
  // counts of non-conversions instead, for the pooled variance and for the difference itself.
  const missA = (a.n - a.conversions) / a.n;
  const missB = (b.n - b.conversions) / b.n;
  const pooledMiss = (a.n - a.conversions + b.n - b.conversions) / (a.n + b.n);
  const se = Math.sqrt(pooled * pooledMiss) * Math.sqrt(1 / a.n + 1 / b.n);
  if (se === 0) throw new RangeError('twoProportionZTest: both arms have rate 0 or both 1, the test is undefined');
  const z = (pooled <= 0.5 ? rateB - rateA : missA - missB) / se;
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
 * What both the sample size and the power need: the two rates, their complements and the
 * critical value. The difference p2 - p1 is kept as p1 * lift and the complements as 1 - p1
 * minus it, so a tiny lift or a rate near 0 or 1 is not lost to rounding; z_(1 - alpha/2) is
 * taken as -Phi^-1(alpha/2), so that alpha = 1e-17 does not round 1 - alpha/2 to 1.
 */
function design(name: string, { baseline, relativeLift, alpha = 0.05, twoSided = true }: SampleSizeInput) {
  const p1 = baseline;
  if (!(p1 > 0 && p1 < 1)) throw new RangeError(`${name}: baseline must be in (0, 1), got ${p1}`);
  const delta = p1 * relativeLift; // p2 - p1
  const q1 = 1 - p1;
  const p2 = p1 + delta;
  const q2 = q1 - delta;
  if (!(relativeLift !== 0 && p2 > 0 && q2 > 0))
    throw new RangeError(
      `${name}: relativeLift must be non-zero and keep baseline * (1 + lift) in (0, 1), got ${relativeLift}`,
    );
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${name}: alpha must be in (0, 1), got ${alpha}`);
  const zAlpha = -normalQuantile(twoSided ? alpha / 2 : alpha);
  return { p1, q1, p2, q2, pBar: p1 + delta / 2, qBar: q1 - delta / 2, zAlpha };
}

/**
 * Units per arm for the pooled z-test. Under H0 the difference of rates has SD sqrt(2 pbar qbar / n);
 * under H1 it has SD sqrt((p1 q1 + p2 q2) / n). Requiring the rejection threshold z_alpha * SD0 to
 * sit z_beta * SD1 below the true difference gives
 *   n = (z_alpha sqrt(2 pbar qbar) + z_beta sqrt(p1 q1 + p2 q2))^2 / (p2 - p1)^2,
 * with z_alpha = Phi^-1(1 - alpha/2) (two-sided) and z_beta = Phi^-1(power). Throws a RangeError
 * naming the argument for rates, alpha or power outside (0, 1), and when n exceeds the double range.
 */
export function sampleSizePerArm(input: SampleSizeInput): number {
  const { power = 0.8 } = input;
  const { p1, q1, p2, q2, pBar, qBar, zAlpha } = design('sampleSizePerArm', input);
  if (!(power > 0 && power < 1)) throw new RangeError(`sampleSizePerArm: power must be in (0, 1), got ${power}`);
  const zBeta = normalQuantile(power);
  const root = zAlpha * Math.sqrt(2 * pBar * qBar) + zBeta * Math.sqrt(p1 * q1 + p2 * q2);
  // root / (p2 - p1), dividing by p1 and by the lift in turn: p1 * lift itself may underflow.
  const ratio = root / p1 / Math.abs(input.relativeLift);
  const n = Math.ceil(ratio * ratio);
  if (!Number.isFinite(n))
    throw new RangeError(
      `sampleSizePerArm: n per arm exceeds 1.8e308; relativeLift ${input.relativeLift} is too small for baseline ${p1}`,
    );
  return n;
}

/** The power that n units per arm give (the far rejection tail ignored, as in the formula above). */
export function powerPerArm(n: number, spec: Omit<SampleSizeInput, 'power'>): number {
  if (!(n > 0 && n < Infinity)) throw new RangeError(`powerPerArm: n must be finite and > 0, got ${n}`);
  const { p1, q1, p2, q2, pBar, qBar, zAlpha } = design('powerPerArm', spec);
  // (|p2 - p1| - z_alpha SD0) / SD1 with both SDs multiplied by sqrt(n): no 1e-600 products.
  const gap = p1 * Math.abs(spec.relativeLift) * Math.sqrt(n);
  return normalCdf((gap - zAlpha * Math.sqrt(2 * pBar * qBar)) / Math.sqrt(p1 * q1 + p2 * q2));
}
// #endregion

// #region srm
/**
 * Sample ratio mismatch: were units really split in the planned ratio? A z-test of the observed
 * share of arm A against `expectedShareA`. A tiny p-value means the assignment or the logging is
 * broken, and no metric from the experiment can be trusted until that is fixed.
 */
export function sampleRatioPValue(nA: number, nB: number, expectedShareA = 0.5): number {
  for (const [name, v] of [
    ['nA', nA],
    ['nB', nB],
  ] as const)
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`sampleRatioPValue: ${name} must be an integer in [0, 2^53), got ${v}`);
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
  if (!Number.isInteger(unitsPerLook) || unitsPerLook < 1)
    throw new RangeError(`peekingFalsePositiveRate: unitsPerLook must be a positive integer, got ${unitsPerLook}`);
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`peekingFalsePositiveRate: rate must be in [0, 1], got ${rate}`);
  if (!(alpha > 0 && alpha < 1))
    throw new RangeError(`peekingFalsePositiveRate: alpha must be in (0, 1), got ${alpha}`);
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
      // No conversions at all, or nothing but conversions: the z-test is undefined, keep going.
      const conversions = a.conversions + b.conversions;
      if (conversions === 0 || conversions === a.n + b.n) continue;
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

// #region peeking-exact
/**
 * The same false-positive rates for normally distributed data, computed instead of simulated:
 * the z-test after each of `looks` equal batches, stopping at the first |z| > c = z_(1 - alpha/2).
 * Let S_m be the sum of the m standardised batch differences (z at look m is S_m / sqrt(m)). A
 * test still running after look m has |S_m| <= c sqrt(m); the density f_m of S_m on that interval
 * is carried to the next look by f_(m+1)(s) = integral f_m(u) pdf(s - u) du, and the mass that
 * crosses at look m + 1 is integral f_m(u) [Phi(-c sqrt(m+1) - u) + Phi(-c sqrt(m+1) + u)] du.
 * Both integrals use Simpson's rule on `steps` intervals (even). This recursion is how Armitage,
 * McPherson and Rowe (1969) computed repeated-test error rates. Returns the cumulative rate for
 * 1..looks looks, like peekingFalsePositiveRate.
 */
export function peekingFalsePositiveRateNormal(looks: number, alpha = 0.05, steps = 400): number[] {
  if (!Number.isInteger(looks) || looks < 1)
    throw new RangeError(`peekingFalsePositiveRateNormal: looks must be a positive integer, got ${looks}`);
  if (!(alpha > 0 && alpha < 1))
    throw new RangeError(`peekingFalsePositiveRateNormal: alpha must be in (0, 1), got ${alpha}`);
  if (!Number.isInteger(steps) || steps < 2 || steps % 2 !== 0)
    throw new RangeError(`peekingFalsePositiveRateNormal: steps must be an even integer >= 2, got ${steps}`);
  const c = -normalQuantile(alpha / 2);
  const pdf = (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  /** Grid and Simpson weights on [-b, b]. */
  const grid = (b: number) => {
    const h = (2 * b) / steps;
    const u = Array.from({ length: steps + 1 }, (_, i) => -b + i * h);
    const w = u.map((_, i) => ((i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2) * h) / 3);
    return { u, w };
  };
  let { u, w } = grid(c);
  let f = u.map(pdf); // S_1 is N(0, 1), cut to the non-rejected interval
  let cumulative = 2 * normalCdf(-c); // = alpha: the first look
  const out = [cumulative];
  for (let m = 1; m < looks; m++) {
    const bNext = c * Math.sqrt(m + 1);
    for (let i = 0; i <= steps; i++)
      cumulative += w[i]! * f[i]! * (normalCdf(-bNext - u[i]!) + normalCdf(-bNext + u[i]!));
    out.push(cumulative);
    const next = grid(bNext);
    f = next.u.map((v) => u.reduce((acc, ui, i) => acc + w[i]! * f[i]! * pdf(v - ui), 0));
    ({ u, w } = next);
  }
  return out;
}
// #endregion
