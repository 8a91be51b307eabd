/**
 * The GAN objective on discrete distributions, where every expectation is an exact sum.
 *
 * V(D, G) = E_{x~p_data}[log D(x)] + E_{x~p_g}[log(1 - D(x))]. The discriminator D maximises
 * it, the generator G (through p_g) minimises it. For a fixed G the best D is
 * p_data / (p_data + p_g), and plugging it in gives V = -log 4 + 2 JSD(p_data || p_g).
 */
import { sigmoid, softmax } from './losses.ts';

function checkPair(pData: readonly number[], pG: readonly number[]): void {
  if (pData.length === 0 || pData.length !== pG.length) {
    throw new RangeError('pData and pG must be non-empty and of the same length');
  }
  for (const [name, p] of [
    ['pData', pData],
    ['pG', pG],
  ] as const) {
    let total = 0;
    for (const x of p) {
      if (!(x >= 0)) throw new RangeError(`${name} must hold probabilities >= 0, got ${x}`);
      total += x;
    }
    if (!(Math.abs(total - 1) <= 1e-9)) throw new RangeError(`${name} must sum to 1, got ${total}`);
  }
}

/** x log y with the convention 0 log 0 = 0 (an outcome with no mass contributes nothing). */
function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

/** x log(1 - y), with log1p so that y = 1e-300 still counts, and 0 log 0 = 0. */
function xlog1my(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log1p(-y);
}

/** softplus(z) = log(1 + e^z), never overflowing: -log sigmoid(a) = softplus(-a), -log(1 - sigmoid(a)) = softplus(a). */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

// #region value
/**
 * V(D, G) from a batch of discriminator outputs (probabilities in [0, 1]) on real samples and on
 * generated samples (Goodfellow et al. 2014, eq. 1). log(1 - D) is log1p(-D): D = 1e-300 on a
 * fake costs 1e-300, not 0; D = 1 on a fake gives -Infinity, the honest value.
 */
export function ganValueFromOutputs(dReal: readonly number[], dFake: readonly number[]): number {
  if (dReal.length === 0 || dFake.length === 0) throw new RangeError('dReal and dFake must not be empty');
  for (const d of [...dReal, ...dFake]) {
    if (!(d >= 0 && d <= 1)) throw new RangeError(`discriminator outputs must be in [0, 1], got ${d}`);
  }
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return mean(dReal.map(Math.log)) + mean(dFake.map((d) => Math.log1p(-d)));
}

/** V(D, G) in exact expectation over discrete outcomes: sum p_data log D + p_g log(1 - D). */
export function ganValue(pData: readonly number[], pG: readonly number[], d: readonly number[]): number {
  checkPair(pData, pG);
  if (d.length !== pData.length) throw new RangeError('d must have one output per outcome');
  return pData.reduce((v, pd, x) => v + xlogy(pd, d[x]!) + xlog1my(pG[x]!, d[x]!), 0);
}

/**
 * The best discriminator for a fixed generator, outcome by outcome: maximising
 * a log D + b log(1 - D) over D gives D = a / (a + b). Where neither puts mass, D is irrelevant;
 * 1/2 is returned.
 */
export function optimalDiscriminator(pData: readonly number[], pG: readonly number[]): number[] {
  checkPair(pData, pG);
  return pData.map((pd, x) => {
    const pg = pG[x]!;
    return pd + pg === 0 ? 0.5 : pd / (pd + pg);
  });
}

/**
 * Jensen-Shannon divergence: the mean KL of p and q to their midpoint m = (p + q) / 2; between 0
 * and log 2. Per outcome, log(p / m) = log(2p / (p + q)) = log1p(r) with r = (p - q) / (p + q), and
 * log(q / m) = log1p(-r): m itself is never formed (p = 5e-324, q = 0 would halve it to 0, an
 * infinite KL), and log1p keeps the divergence of nearly equal distributions.
 */
export function jsDivergence(p: readonly number[], q: readonly number[]): number {
  checkPair(p, q);
  let d = 0;
  p.forEach((pi, i) => {
    const qi = q[i]!;
    if (pi + qi === 0) return;
    const r = (pi - qi) / (pi + qi);
    d += (pi === 0 ? 0 : pi * Math.log1p(r)) + (qi === 0 ? 0 : qi * Math.log1p(-r));
  });
  return d / 2;
}
// #endregion

// #region generator-losses
/**
 * Gradient of each generator loss with respect to the discriminator's logit a on a generated
 * sample (D = sigmoid(a)); the chain rule multiplies it by da/dx to reach G's parameters.
 * Minimax loss log(1 - D): gradient -D, which vanishes when D rejects the sample (D ~ 0).
 * Non-saturating loss -log D: gradient -(1 - D), which is largest exactly then.
 */
export function minimaxGeneratorGrad(logit: number): number {
  return -sigmoid(logit);
}

/** -(1 - sigmoid(a)), written -sigmoid(-a): the same number, without rounding 1 - D for large a. */
export function nonSaturatingGeneratorGrad(logit: number): number {
  return -sigmoid(-logit);
}
// #endregion

// #region training
export interface ToyGanOptions {
  /** Discriminator ascent steps per generator step (the k of k:1 alternation). */
  k: number;
  /** Generator steps to run. */
  iterations: number;
  lrD: number;
  lrG: number;
  /** Use -log D (true) or the minimax log(1 - D) (false) for the generator. */
  nonSaturating: boolean;
  /** Initial generator logits (p_g = softmax); defaults to uniform. */
  initialLogits?: readonly number[];
}

/**
 * Alternating GAN training on a discrete outcome space with exact gradients: D is a table of
 * logits (one per outcome), G a softmax over outcomes. Returns JSD(p_data || p_g) after each
 * generator step and the final p_g and D.
 */
export function trainToyGan(
  pData: readonly number[],
  { k, iterations, lrD, lrG, nonSaturating, initialLogits }: ToyGanOptions,
): { jsd: number[]; pG: number[]; d: number[] } {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  let theta = initialLogits ? initialLogits.slice() : pData.map(() => 0);
  if (theta.length !== pData.length) throw new RangeError('initialLogits must have one logit per outcome');
  let phi = pData.map(() => 0);
  const jsd: number[] = [];
  for (let it = 0; it < iterations; it++) {
    // k ascent steps on V for D with G fixed: dV/dphi_x = p_data(x)(1 - D_x) - p_g(x) D_x.
    const pGfixed = softmax(theta);
    for (let j = 0; j < k; j++) {
      phi = phi.map((a, x) => a + lrD * (pData[x]! * sigmoid(-a) - pGfixed[x]! * sigmoid(a)));
    }
    // One descent step for G with D fixed. The loss is sum_x p_g(x) c_x with a per-outcome
    // cost c_x; through the softmax its gradient is p_j (c_j - mean cost). From the logit a:
    // -log D = softplus(-a), log(1 - D) = -softplus(a), finite even when D rounds to 0 or 1.
    const pG = softmax(theta);
    const cost = phi.map((a) => (nonSaturating ? softplus(-a) : -softplus(a)));
    const meanCost = pG.reduce((s, p, x) => s + p * cost[x]!, 0);
    theta = theta.map((t, j) => t - lrG * pG[j]! * (cost[j]! - meanCost));
    jsd.push(jsDivergence(pData, softmax(theta)));
  }
  return { jsd, pG: softmax(theta), d: phi.map(sigmoid) };
}
// #endregion
