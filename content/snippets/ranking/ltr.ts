/**
 * Learning-to-rank losses on raw scores (logits): point-wise BCE, pair-wise RankNet (Burges et al.
 * 2005, in the σ-parameterised form of Burges 2010, §2) and BPR (Rendle et al. 2009, §4), list-wise
 * ListNet (Cao et al. 2007, top-one probabilities), and LambdaRank's |ΔNDCG|-weighted lambdas
 * (Burges 2010, §4). Every loss is written with softplus or log-softmax, so scores of ±1000 and
 * score gaps of 800 give finite, accurate values. Non-finite scores are rejected with a RangeError.
 */

export type Vector = readonly number[];

function checkFinite(name: string, what: string, v: Vector): void {
  v.forEach((x, i) => {
    if (!Number.isFinite(x)) throw new RangeError(`${name}: ${what}[${i}] must be finite, got ${x}`);
  });
}

/** log(1 + e^x) without overflow: for large x it is x, for very negative x it is e^x. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

// #region pointwise
/** Point-wise: each item alone, -[y log σ(s) + (1 - y) log(1 - σ(s))], written on the logit. */
export function pointwiseBce(score: number, label: 0 | 1): number {
  checkFinite('pointwiseBce', 'score', [score]);
  // -log σ(s) = softplus(-s) and -log(1 - σ(s)) = softplus(s).
  return label === 1 ? softplus(-score) : softplus(score);
}
// #endregion

// #region pairwise
/**
 * RankNet: P_ij = σ(sigma (s_i - s_j)) is the modelled probability that i beats j; the loss is
 * the cross-entropy against the target probability (1 if i is preferred, 0.5 for a tie).
 * With x = sigma (s_i - s_j): -log P = softplus(-x) and -log(1 - P) = softplus(x), so
 * C = Pbar softplus(-x) + (1 - Pbar) softplus(x), finite for any finite x.
 */
export function ranknetLoss(si: number, sj: number, target = 1, sigma = 1): number {
  if (!(target >= 0 && target <= 1)) throw new RangeError(`ranknetLoss: target must be in [0, 1], got ${target}`);
  if (!(sigma > 0)) throw new RangeError(`ranknetLoss: sigma must be > 0, got ${sigma}`);
  const x = sigma * (si - sj);
  if (!Number.isFinite(x)) throw new RangeError(`ranknetLoss: sigma * (s_i - s_j) must be finite, got ${x}`);
  return target * softplus(-x) + (1 - target) * softplus(x);
}

/** BPR: -ln σ(x_ui - x_uj) for an observed item i and an unobserved item j of the same user. */
export function bprLoss(xui: number, xuj: number): number {
  const gap = xui - xuj;
  if (!Number.isFinite(gap)) throw new RangeError(`bprLoss: x_ui - x_uj must be finite, got ${gap}`);
  return softplus(-gap);
}
// #endregion

// #region listnet
/** log softmax(v)_i = v_i - log sum_j e^{v_j}, shifted by the max so exp never overflows. */
export function logSoftmax(v: Vector): number[] {
  if (v.length === 0) throw new RangeError('logSoftmax: v is empty');
  checkFinite('logSoftmax', 'v', v);
  const m = v.reduce((a, b) => Math.max(a, b));
  const lse = m + Math.log(v.reduce((s, x) => s + Math.exp(x - m), 0));
  return v.map((x) => x - lse);
}

/**
 * ListNet with top-one probabilities: P(j) = exp(s_j) / sum_k exp(s_k) for scores and for
 * labels alike; the loss is the cross-entropy -sum_j P_y(j) log P_s(j).
 */
export function listnetLoss(scores: Vector, labels: Vector): number {
  if (scores.length !== labels.length || scores.length === 0) {
    throw new RangeError('listnetLoss: scores and labels need the same non-zero length');
  }
  const target = logSoftmax(labels).map(Math.exp);
  const logP = logSoftmax(scores);
  return -target.reduce((s, t, j) => s + t * logP[j]!, 0);
}
// #endregion

// #region lambdarank
/** Positions (0-based) of each item when sorted by descending score; ties keep index order. */
export function positionsByScore(scores: Vector): number[] {
  checkFinite('positionsByScore', 'scores', scores);
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const pos = new Array<number>(scores.length);
  order.forEach((item, p) => (pos[item] = p));
  return pos;
}

const gain = (label: number): number => 2 ** label - 1;
const discount = (position: number): number => 1 / Math.log2(position + 2); // position 0 -> 1/log2(2)

/**
 * The best possible DCG of these labels (graded relevance in [0, 1024)): the normaliser of NDCG.
 * Gains are 2^label - 1, so a few labels near 1023 would sum past the largest double; that
 * throws a RangeError instead of returning Infinity (which would turn every |ΔNDCG| into 0 or NaN).
 */
export function idcg(labels: Vector): number {
  labels.forEach((l, i) => {
    if (!(l >= 0 && l < 1024)) throw new RangeError(`idcg: labels[${i}] must be in [0, 1024), got ${l}`);
  });
  const ideal = [...labels].sort((a, b) => b - a).reduce((s, l, p) => s + gain(l) * discount(p), 0);
  if (ideal === Infinity) throw new RangeError('idcg: labels too large, the ideal DCG overflows');
  return ideal;
}

/**
 * LambdaRank lambdas, the gradient of the implicit cost (Burges' sign: descend, s -= eta * lambda).
 * For every pair with label_i > label_j:
 *   lambda_ij = -sigma / (1 + e^{sigma (s_i - s_j)}) * |ΔNDCG_ij|,
 * added to i and subtracted from j. |ΔNDCG_ij| is the change in NDCG if i and j swapped places.
 */
export function lambdaRankLambdas(scores: Vector, labels: Vector, sigma = 1): number[] {
  if (scores.length !== labels.length) throw new RangeError('lambdaRankLambdas: scores and labels differ in length');
  if (!(sigma > 0 && sigma < Infinity)) throw new RangeError(`lambdaRankLambdas: sigma must be > 0, got ${sigma}`);
  const lambdas = new Array<number>(scores.length).fill(0);
  const ideal = idcg(labels);
  if (ideal === 0) return lambdas; // no relevant item: nothing to reorder
  const pos = positionsByScore(scores);
  for (let i = 0; i < scores.length; i++) {
    for (let j = 0; j < scores.length; j++) {
      if (!(labels[i]! > labels[j]!)) continue;
      const deltaNdcg =
        Math.abs((gain(labels[i]!) - gain(labels[j]!)) * (discount(pos[i]!) - discount(pos[j]!))) / ideal;
      // 1 / (1 + e^x) = σ(-x): 0 when i is far ahead, 1 when far behind; exp(+1000) = Infinity gives 0.
      const rho = 1 / (1 + Math.exp(sigma * (scores[i]! - scores[j]!)));
      const lambdaIj = -sigma * rho * deltaNdcg;
      lambdas[i]! += lambdaIj;
      lambdas[j]! -= lambdaIj;
    }
  }
  return lambdas;
}
// #endregion

/** NDCG of the ranking the scores induce (for checking |ΔNDCG| by brute force). */
export function ndcg(scores: Vector, labels: Vector): number {
  const ideal = idcg(labels);
  if (ideal === 0) return 0;
  const pos = positionsByScore(scores);
  return labels.reduce((s, l, i) => s + gain(l) * discount(pos[i]!), 0) / ideal;
}
