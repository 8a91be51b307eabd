/**
 * Four regularisers used when training ranking models: inverted dropout, R-Drop's symmetric KL,
 * the FGM adversarial perturbation on embeddings, and mixup.
 */
import type { Rng } from '../shared/random.ts';
import { sampleBeta } from '../bandits/beta.ts';
import { klDivergence, softmaxT } from './distillation.ts';

// #region dropout
/**
 * Inverted dropout at training time: zero each unit with probability p and scale the survivors by
 * 1 / (1 - p), so E[output] = input. At inference the layer is the identity, with no rescaling:
 * that is the point of doing the scaling during training.
 */
export function dropout(x: readonly number[], p: number, rng: Rng): { out: number[]; mask: number[] } {
  if (!(p >= 0 && p < 1)) throw new RangeError(`dropout: p must be in [0, 1), got ${p}`);
  const keep = 1 - p;
  const mask = x.map(() => (rng() < keep ? 1 : 0));
  const out = x.map((v, i) => (v * mask[i]!) / keep);
  return { out, mask };
}
// #endregion

// #region r-drop
/** Symmetric KL: (KL(p || q) + KL(q || p)) / 2, zero only when p = q, and the same both ways. */
export function symmetricKL(p: readonly number[], q: readonly number[]): number {
  return 0.5 * (klDivergence(p, q) + klDivergence(q, p));
}

/**
 * R-Drop loss for one example: run the same input through the network twice (two different
 * dropout masks give two logit vectors), take both cross-entropies and add alpha times the
 * symmetric KL between the two predicted distributions (Liang et al. 2021, eq. 3).
 */
export function rDropLoss(
  logits1: readonly number[],
  logits2: readonly number[],
  label: number,
  alpha: number,
): number {
  if (logits1.length !== logits2.length)
    throw new RangeError('rDropLoss: logits1 and logits2 must have the same length');
  if (!Number.isInteger(label) || label < 0 || label >= logits1.length) {
    throw new RangeError(`rDropLoss: label must be a class index, got ${label}`);
  }
  if (!(alpha >= 0)) throw new RangeError(`rDropLoss: alpha must be >= 0, got ${alpha}`);
  const p1 = softmaxT(logits1);
  const p2 = softmaxT(logits2);
  const nll = -Math.log(p1[label]!) - Math.log(p2[label]!);
  return nll + alpha * symmetricKL(p1, p2);
}
// #endregion

// #region fgm
/**
 * FGM (Miyato et al. 2017): the perturbation of an embedding that most increases the loss to
 * first order under an L2 budget eps is r = eps * g / ||g||_2, g the loss gradient with respect
 * to the embedding. Normalising by the L2 norm (not taking sign(g) as FGSM does) keeps the
 * direction of g exactly.
 */
export function fgmPerturbation(grad: readonly number[], eps: number): number[] {
  if (!(eps >= 0)) throw new RangeError(`fgmPerturbation: eps must be >= 0, got ${eps}`);
  const norm = Math.sqrt(grad.reduce((a, g) => a + g * g, 0));
  // A zero gradient has no ascent direction; return no perturbation instead of 0/0 = NaN.
  if (norm === 0) return grad.map(() => 0);
  return grad.map((g) => (eps * g) / norm);
}
// #endregion

// #region mixup
/** A convex combination lambda * a + (1 - lambda) * b, used for features and for labels alike. */
export function mix(a: readonly number[], b: readonly number[], lambda: number): number[] {
  if (a.length !== b.length) throw new RangeError('mix: a and b must have the same length');
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`mix: lambda must be in [0, 1], got ${lambda}`);
  return a.map((v, i) => lambda * v + (1 - lambda) * b[i]!);
}

/** lambda ~ Beta(alpha, alpha), symmetric around 1/2: drawn as X / (X + Y) from two Gamma draws. */
export function sampleMixupLambda(alpha: number, rng: Rng): number {
  if (!(alpha > 0)) throw new RangeError(`sampleMixupLambda: alpha must be > 0, got ${alpha}`);
  return sampleBeta(alpha, alpha, rng);
}

/**
 * One mixup example (Zhang et al. 2018): draw lambda ~ Beta(alpha, alpha) and mix both the inputs
 * and the (one-hot or soft) labels of two examples with the same lambda. Small alpha puts most
 * lambdas near 0 or 1, so most mixed examples stay close to a real one.
 */
export function mixup(
  rng: Rng,
  alpha: number,
  x1: readonly number[],
  y1: readonly number[],
  x2: readonly number[],
  y2: readonly number[],
): { x: number[]; y: number[]; lambda: number } {
  const lambda = sampleMixupLambda(alpha, rng);
  return { x: mix(x1, x2, lambda), y: mix(y1, y2, lambda), lambda };
}
// #endregion
