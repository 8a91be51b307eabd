/**
 * Four regularisers used when training ranking models: inverted dropout, R-Drop's symmetric KL,
 * the FGM adversarial perturbation on embeddings, and mixup.
 */
import type { Rng } from '../shared/random.ts';
import { sampleGamma } from '../bandits/beta.ts';
import { klDivergence, klFromLogProbs, logSoftmaxT } from './distillation.ts';
import { sigmoid } from './stable.ts';

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
/**
 * Symmetric KL of two probability vectors: (KL(p || q) + KL(q || p)) / 2, zero only when p = q,
 * and the same both ways.
 */
export function symmetricKL(p: readonly number[], q: readonly number[]): number {
  return 0.5 * (klDivergence(p, q) + klDivergence(q, p));
}

/**
 * R-Drop loss for one example: run the same input through the network twice (two different
 * dropout masks give two logit vectors of the same length), take both cross-entropies and add
 * alpha times the symmetric KL between the two predicted distributions (Liang et al. 2021, the
 * R-Drop training objective). Everything comes from log-softmax, so two passes that disagree by a logit gap of 800
 * give a large finite loss, not NaN.
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
  const logP1 = logSoftmaxT(logits1);
  const logP2 = logSoftmaxT(logits2);
  const nll = -logP1[label]! - logP2[label]!;
  const symKl = 0.5 * (klFromLogProbs(logP1, logP2) + klFromLogProbs(logP2, logP1));
  return nll + alpha * symKl;
}
// #endregion

// #region fgm
/**
 * FGM (Miyato et al. 2017, §3): the perturbation of an embedding that most increases the loss to
 * first order under an L2 budget eps is r = eps * g / ||g||_2, g the loss gradient with respect
 * to the embedding (one example's embeddings, concatenated). Normalising by the L2 norm (not
 * taking sign(g) as FGSM does) keeps the direction of g exactly. Returns a vector of g's length
 * with norm eps (zeros for a zero gradient). Throws a RangeError for a negative or non-finite eps
 * or a non-finite gradient.
 */
export function fgmPerturbation(grad: readonly number[], eps: number): number[] {
  if (!(eps >= 0) || !Number.isFinite(eps))
    throw new RangeError(`fgmPerturbation: eps must be finite and >= 0, got ${eps}`);
  if (grad.some((g) => !Number.isFinite(g))) throw new RangeError('fgmPerturbation: grad must be finite');
  // Divide by the largest |g| first: squaring 1e200 overflows and squaring 1e-200 underflows to 0.
  // A loop, not Math.max(...grad): spreading a whole table's gradient overflows the call stack.
  const big = grad.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
  // A zero gradient has no ascent direction; return no perturbation instead of 0/0 = NaN.
  if (big === 0) return grad.map(() => 0);
  const unit = grad.map((g) => g / big);
  const norm = Math.sqrt(unit.reduce((a, u) => a + u * u, 0));
  return unit.map((u) => eps * (u / norm));
}
// #endregion

// #region mixup
/** A convex combination lambda * a + (1 - lambda) * b, used for features and for labels alike. */
export function mix(a: readonly number[], b: readonly number[], lambda: number): number[] {
  if (a.length !== b.length) throw new RangeError('mix: a and b must have the same length');
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`mix: lambda must be in [0, 1], got ${lambda}`);
  return a.map((v, i) => lambda * v + (1 - lambda) * b[i]!);
}

/**
 * lambda ~ Beta(alpha, alpha), symmetric around 1/2, drawn as X / (X + Y) with X, Y ~ Gamma(alpha).
 * For alpha < 1 a Gamma draw is Gamma(alpha + 1) * U^(1/alpha), and U^(1/alpha) underflows to 0
 * when alpha is tiny (U^1000 for alpha = 0.001), which would make X / (X + Y) = 0 / 0. So the
 * draws stay in logs: X / (X + Y) = sigmoid(ln X - ln Y).
 */
export function sampleMixupLambda(alpha: number, rng: Rng): number {
  // Below 1e-300, ln(U) / alpha can pass the largest double and the log-draws become -Infinity.
  if (!(alpha >= 1e-300) || !Number.isFinite(alpha)) {
    throw new RangeError(`sampleMixupLambda: alpha must be a finite number >= 1e-300, got ${alpha}`);
  }
  return sigmoid(logGammaDraw(alpha, rng) - logGammaDraw(alpha, rng));
}

/** ln of a Gamma(shape, 1) draw; for shape < 1, ln Gamma(shape + 1) + ln(U) / shape. */
function logGammaDraw(shape: number, rng: Rng): number {
  if (shape >= 1) return Math.log(sampleGamma(shape, rng));
  // 1 - rng() is in (0, 1], so its log is finite.
  return Math.log(sampleGamma(shape + 1, rng)) + Math.log(1 - rng()) / shape;
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
