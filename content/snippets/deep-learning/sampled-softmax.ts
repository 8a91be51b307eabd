/**
 * Training a softmax over a huge catalogue without scoring all of it.
 *
 * Sampled softmax scores the true class plus a few classes drawn from a proposal Q and
 * subtracts log Q from each logit, so that the small softmax estimates the full one. NCE turns
 * the problem into binary classification: is this item the data, or one of k noise draws?
 *
 * Scores s(y) are the model's logits (for a two-tower model, the dot product of the user and item
 * vectors). `q` is the probability that the sampler proposes the item.
 */
import type { Rng } from '../shared/random.ts';
import { bceWithLogits, logSumExp } from '../training/stable.ts';

/** A candidate class: its id, its logit and the probability the sampler proposes it. */
export interface Candidate {
  id: number;
  score: number;
  q: number;
}

function checkQ(q: number): void {
  if (!(q > 0 && q <= 1)) throw new RangeError(`q must be a probability in (0, 1], got ${q}`);
}

function checkScore(s: number): void {
  if (!Number.isFinite(s)) throw new RangeError(`scores must be finite numbers, got ${s}`);
}

// #region full
/**
 * The exact loss the sampled versions approximate: -log softmax(scores)[target], computed as
 * logSumExp(scores) - scores[target] (never the log of a probability, which underflows to 0 at a
 * score gap of about 745). `scores`: one finite logit per class.
 */
export function fullSoftmaxLoss(scores: readonly number[], target: number): number {
  const s = scores[target];
  if (s === undefined || !Number.isInteger(target)) throw new RangeError(`target must index scores, got ${target}`);
  scores.forEach(checkScore);
  return logSumExp(scores) - s;
}
// #endregion

// #region sampled
/**
 * Logits of the small softmax: index 0 is the true class, then the sampled ones, each corrected
 * by - log q. A sampled copy of the true class (an "accidental hit") would count it as its own
 * negative, so it is masked out with -Infinity.
 */
export function sampledSoftmaxLogits(
  target: Candidate,
  sampled: readonly Candidate[],
  removeAccidentalHits = true,
): number[] {
  return [target, ...sampled].map((c, i) => {
    checkQ(c.q);
    checkScore(c.score);
    if (i > 0 && removeAccidentalHits && c.id === target.id) return -Infinity;
    return c.score - Math.log(c.q);
  });
}

/** Cross-entropy of the small softmax, with the true class at index 0. */
export function sampledSoftmaxLoss(
  target: Candidate,
  sampled: readonly Candidate[],
  removeAccidentalHits = true,
): number {
  const logits = sampledSoftmaxLogits(target, sampled, removeAccidentalHits);
  return logSumExp(logits) - logits[0]!;
}
// #endregion

// #region gradient
/**
 * Gradient of the sampled loss with respect to the full score vector (what training applies).
 * `correct = false` drops the - log q term: raw logits over the candidates, as in DSSM.
 * With the correction and many draws it approaches softmax(scores) - onehot(target) on the
 * negatives; masking the target's sampled copies leaves a residue equal to the target's own
 * softmax probability, small in a large catalogue.
 */
export function sampledSoftmaxGrad(
  scores: readonly number[],
  target: number,
  sampledIds: readonly number[],
  q: readonly number[],
  correct = true,
): number[] {
  const ids = [target, ...sampledIds];
  const logits = ids.map((id, i) => {
    const s = scores[id];
    const qi = q[id];
    if (!Number.isInteger(id) || s === undefined || qi === undefined)
      throw new RangeError(`id ${id} is outside scores or q`);
    checkScore(s);
    checkQ(qi);
    if (i > 0 && id === target) return -Infinity; // accidental hit
    return correct ? s - Math.log(qi) : s;
  });
  const lse = logSumExp(logits);
  const grad = new Array<number>(scores.length).fill(0);
  // Each candidate gets its softmax probability; the target's p - 1 is written as minus the
  // negatives' total, which keeps its precision when p is within 1e-16 of 1.
  let negatives = 0;
  ids.forEach((id, i) => {
    if (i === 0) return;
    const p = Math.exp(logits[i]! - lse);
    grad[id]! += p;
    negatives += p;
  });
  grad[target]! -= negatives;
  return grad;
}

/**
 * Draw m ids with replacement from the proposal q (inverse CDF; fine for a small catalogue).
 * `q`: probabilities >= 0 summing to 1 (within 1e-9). If rounding leaves the running sum just
 * short of u, the draw falls back to the last id with q > 0, never to an id that q rules out.
 */
export function drawFromProposal(rng: Rng, q: readonly number[], m: number): number[] {
  if (!Number.isInteger(m) || m < 0) throw new RangeError(`m must be a non-negative integer, got ${m}`);
  let total = 0;
  let lastPositive = -1;
  q.forEach((qi, i) => {
    if (!(qi >= 0)) throw new RangeError(`q must hold probabilities >= 0, got ${qi}`);
    total += qi;
    if (qi > 0) lastPositive = i;
  });
  if (!(Math.abs(total - 1) <= 1e-9)) throw new RangeError(`q must sum to 1, got ${total}`);
  const out: number[] = [];
  for (let k = 0; k < m; k++) {
    let u = rng();
    let id = lastPositive;
    for (let i = 0; i < q.length; i++) {
      u -= q[i]!;
      if (u < 0) {
        id = i;
        break;
      }
    }
    out.push(id);
  }
  return out;
}
// #endregion

// #region nce
/**
 * NCE with k noise draws: classify "data" against "noise" with the logit
 * delta(y) = s(y) - log(k q(y)), i.e. P(data | y) = p(y) / (p(y) + k q(y)) with p(y) = e^s(y).
 * Loss = -log sigmoid(delta(target)) - sum over noise of log(1 - sigmoid(delta(n))).
 */
export function nceLoss(target: Candidate, noise: readonly Candidate[]): number {
  const k = noise.length;
  if (k === 0) throw new RangeError('noise must hold at least one sample');
  const delta = (c: Candidate) => {
    checkQ(c.q);
    checkScore(c.score);
    return c.score - Math.log(k * c.q);
  };
  let loss = bceWithLogits(delta(target), 1);
  for (const n of noise) loss += bceWithLogits(delta(n), 0);
  return loss;
}

/** word2vec's negative sampling: the same binary loss with the bare score as the logit. */
export function negativeSamplingLoss(targetScore: number, noiseScores: readonly number[]): number {
  checkScore(targetScore);
  noiseScores.forEach(checkScore);
  return bceWithLogits(targetScore, 1) + noiseScores.reduce((s, z) => s + bceWithLogits(z, 0), 0);
}

/**
 * The NCE objective in expectation (no sampling): data y ~ p, k noise draws ~ q. Its minimiser
 * over the scores is s(y) = log p(y): NCE learns normalised log-probabilities.
 */
export function expectedNceLoss(
  scores: readonly number[],
  p: readonly number[],
  q: readonly number[],
  k: number,
): number {
  if (scores.length !== p.length || p.length !== q.length)
    throw new RangeError('scores, p and q must have the same length');
  if (!(k > 0) || !Number.isFinite(k)) throw new RangeError(`k must be a positive number, got ${k}`);
  let loss = 0;
  scores.forEach((s, y) => {
    checkScore(s);
    checkQ(q[y]!); // NCE needs noise wherever there is data: q = 0 would make delta infinite
    if (!(p[y]! >= 0)) throw new RangeError(`p must hold probabilities >= 0, got ${p[y]}`);
    const delta = s - Math.log(k * q[y]!);
    loss += p[y]! * bceWithLogits(delta, 1) + k * q[y]! * bceWithLogits(delta, 0);
  });
  return loss;
}
// #endregion
