/**
 * Activation functions and their derivatives, scalar in, scalar out. Each derivative is written
 * in closed form (what backpropagation multiplies by); the tests compare every one against a
 * central finite difference.
 */
import type { Rng } from '../shared/random.ts';

/** An activation: its value f(x) and its derivative f'(x). */
export interface Activation {
  readonly name: string;
  f(x: number): number;
  df(x: number): number;
}

// #region sigmoid-tanh
/** Logistic sigmoid 1 / (1 + e^-x), written so that e^(large) never overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * sigma'(x) = sigma(x) (1 - sigma(x)): at most 1/4, reached at x = 0. Computed as
 * sigma(x) sigma(-x), the same number: 1 - sigma(x) would round to 0 from x = 37 on, where the
 * true derivative is still e^-37 = 8.5e-17.
 */
export function sigmoidGrad(x: number): number {
  return sigmoid(x) * sigmoid(-x);
}

/**
 * tanh, a rescaled sigmoid: tanh(x) = 2 sigma(2x) - 1 = (1 - e^-2x) / (1 + e^-2x), zero-centred
 * with range (-1, 1). Evaluated in the second form with expm1 on |x|: 2 sigma(2x) - 1 would
 * cancel near x = 0 (tanh(1e-10) would keep only 6 digits), and e^-2|x| never overflows.
 */
export function tanh(x: number): number {
  const e = Math.expm1(-2 * Math.abs(x)); // e^(-2|x|) - 1, in (-1, 0]
  return Math.sign(x) * (-e / (2 + e));
}

/**
 * tanh'(x) = 1 - tanh(x)^2 = 1 / cosh(x)^2: at most 1, at x = 0. The second form keeps the tiny
 * derivative of large |x| (4 e^-2|x|), which 1 - tanh^2 rounds to 0 from |x| = 19 on.
 */
export function tanhGrad(x: number): number {
  const sech = 1 / Math.cosh(x); // cosh overflows to Infinity past |x| = 710: sech is then 0
  return sech * sech;
}
// #endregion

// #region relu-family
/** ReLU max(0, x). The derivative at 0 is taken as 0, as the frameworks do. */
export function relu(x: number): number {
  return x > 0 ? x : 0;
}
export function reluGrad(x: number): number {
  return x > 0 ? 1 : 0;
}

/** Leaky ReLU: slope `a` (fixed, e.g. 0.01) for x < 0, so a negative unit still gets a gradient. */
export function leakyRelu(x: number, a = 0.01): number {
  return x > 0 ? x : a * x;
}
export function leakyReluGrad(x: number, a = 0.01): number {
  return x > 0 ? 1 : a;
}

/** PReLU: the same shape, but `a` is a learned parameter (one per channel in He et al.). */
export const prelu = leakyRelu;
export const preluGrad = leakyReluGrad;
/** d PReLU / d a: the gradient the slope itself receives (x on the negative side, else 0). */
export function preluGradA(x: number): number {
  return x > 0 ? 0 : x;
}

/**
 * Randomised leaky ReLU: in training the negative slope is drawn uniformly from
 * [lower, upper] per call; at inference (no rng) the fixed mean slope (lower + upper) / 2 is used,
 * much as dropout averages its random masks at test time.
 */
export function rrelu(x: number, rng?: Rng, lower = 1 / 8, upper = 1 / 3): number {
  if (!(lower >= 0 && lower <= upper)) throw new RangeError(`rrelu: need 0 <= lower <= upper, got ${lower}, ${upper}`);
  if (x > 0) return x;
  const a = rng ? lower + (upper - lower) * rng() : (lower + upper) / 2;
  return a * x;
}
// #endregion

// #region elu-selu
/** ELU: x for x > 0, alpha (e^x - 1) below: smooth, saturates at -alpha, mean activation near 0. */
export function elu(x: number, alpha = 1): number {
  return x > 0 ? x : alpha * Math.expm1(x);
}
export function eluGrad(x: number, alpha = 1): number {
  return x > 0 ? 1 : alpha * Math.exp(x);
}

/**
 * SELU's constants (Klambauer et al. 2017): the unique alpha, lambda for which N(0, 1) inputs give
 * outputs with mean 0 and variance 1, so (with LeCun-normal weights) that is a stable fixed point.
 */
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_LAMBDA = 1.0507009873554805;

export function selu(x: number): number {
  return SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x));
}
export function seluGrad(x: number): number {
  return SELU_LAMBDA * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x));
}
// #endregion

// #region erf
/** erf by its Maclaurin series, accurate to ~1e-16 for |x| < 2.5 (the terms peak near 12 at 2.5). */
function erfSeries(x: number): number {
  // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
  let term = x; // (-1)^n x^(2n+1) / n!
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/**
 * The complementary error function erfc(x) = 1 - erf(x), to near machine precision in relative
 * terms, also in the far tail (erfc(10) = 2.1e-45, erfc(26) = 5.7e-296) where 1 - erf(x) is 0.
 * For x >= 1 the continued fraction
 *   erfc(x) = e^(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
 * is evaluated from the tail (200 levels: enough at x = 1, far more than enough beyond); below 1,
 * erfc >= 0.157, so 1 - erf(x) from the series loses nothing; negative x use erfc(-x) = 2 - erfc(x).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 1) return 1 - erfSeries(x);
  let k = x;
  for (let n = 200; n >= 1; n--) k = x + n / 2 / k;
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * k);
}

/**
 * The error function (JavaScript has no Math.erf): the series for |x| < 2.5, 1 - erfc beyond
 * (erf itself is within 4e-4 of +-1 there, so nothing is lost).
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < 2.5) return erfSeries(x);
  return Math.sign(x) * (1 - erfc(Math.abs(x)));
}

/**
 * Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2 (through erfc, so that Phi(-10) = 7.6e-24
 * keeps its digits instead of becoming 0.5 (1 + erf(-7.07)) = 0) and density phi.
 */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}
// #endregion

// #region gelu-swish
/** GELU, exact: x Phi(x), the input weighted by the probability that a standard normal is below it. */
export function gelu(x: number): number {
  return x * normalCdf(x);
}
/** d/dx [x Phi(x)] = Phi(x) + x phi(x). */
export function geluGrad(x: number): number {
  return normalCdf(x) + x * normalPdf(x);
}

const GELU_C = Math.sqrt(2 / Math.PI);
/**
 * GELU's tanh approximation (Hendrycks & Gimpel, §2; used by BERT and GPT-2):
 * 0.5 x (1 + tanh(u)) with u = sqrt(2/pi)(x + 0.044715 x^3). Since 1 + tanh(u) = 2 sigma(2u) it is
 * evaluated as x sigma(2u): for x = -10 the tanh form gives 0.5 x (1 - 1) = 0, this one -1.2e-37.
 */
export function geluTanh(x: number): number {
  const u = GELU_C * (x + 0.044715 * x ** 3);
  return x * sigmoid(2 * u);
}
/**
 * d/dx of x sigma(2u): sigma(2u) + x * 2 sigma(2u) sigma(-2u) * du/dx. Where the gate is saturated
 * (sigma(2u) sigma(-2u) = 0, |x| beyond about 10) the second term is 0 and is skipped: for
 * |x| > 1e154, x^2 would overflow and 0 * Infinity would give NaN.
 */
export function geluTanhGrad(x: number): number {
  const u = GELU_C * (x + 0.044715 * x ** 3);
  const s = sigmoid(2 * u);
  const gate = s * sigmoid(-2 * u);
  return gate === 0 ? s : s + 2 * x * gate * GELU_C * (1 + 3 * 0.044715 * x * x);
}

/** Swish x sigma(beta x); beta = 1 is SiLU. Non-monotone: it dips below 0 for negative x. */
export function swish(x: number, beta = 1): number {
  return x * sigmoid(beta * x);
}
/** swish'(x) = sigma(bx) + b x sigma(bx) (1 - sigma(bx)), with 1 - sigma(bx) written sigma(-bx). */
export function swishGrad(x: number, beta = 1): number {
  const s = sigmoid(beta * x);
  return s + beta * x * s * sigmoid(-beta * x);
}
// #endregion

/** Every activation with default parameters, in the order the page and the figure use. */
export const ACTIVATIONS: readonly Activation[] = [
  { name: 'sigmoid', f: sigmoid, df: sigmoidGrad },
  { name: 'tanh', f: tanh, df: tanhGrad },
  { name: 'ReLU', f: relu, df: reluGrad },
  { name: 'Leaky ReLU (a = 0.1)', f: (x) => leakyRelu(x, 0.1), df: (x) => leakyReluGrad(x, 0.1) },
  { name: 'ELU', f: (x) => elu(x), df: (x) => eluGrad(x) },
  { name: 'SELU', f: selu, df: seluGrad },
  { name: 'GELU', f: gelu, df: geluGrad },
  { name: 'GELU (tanh approx.)', f: geluTanh, df: geluTanhGrad },
  { name: 'Swish (beta = 1)', f: (x) => swish(x), df: (x) => swishGrad(x) },
];
