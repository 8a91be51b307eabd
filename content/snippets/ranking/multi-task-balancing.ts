/**
 * Beyond MMoE: the parts of a multi-task ranker that decide how tasks share parameters and how
 * their losses are weighed.
 *
 * - PLE (Tang et al., RecSys 2020, §4): task-specific experts next to shared ones (CGC), stacked
 *   into extraction levels whose shared branch mixes every expert of the level below.
 * - ESM² (Wen et al., SIGIR 2020): CVR decomposed through a purchase-related "deterministic
 *   action" (add to cart, wish list) between click and purchase; every loss is over impressions.
 * - Loss weighting: homoscedastic uncertainty weighting (Kendall, Gal and Cipolla, CVPR 2018,
 *   §3.2), GradNorm (Chen et al., ICML 2018, Eqs. 1-2) and the two-task min-norm combination of
 *   gradients used for Pareto-stationary steps (Sener and Koltun, NeurIPS 2018, Algorithm 1).
 *
 * Every loss is computed from logits in log space, so it stays finite and accurate at ±1000.
 */
import {
  expertForward,
  logAddExp,
  sigmoid,
  softmax,
  softplus,
  type Expert,
  type Matrix,
  type Tower,
} from './multi-task.ts';

export type Vector = readonly number[];

function dot(a: Vector, b: Vector): number {
  return a.reduce((s, x, i) => s + x * b[i]!, 0);
}

function matVec(M: Matrix, v: Vector, name: string): number[] {
  return M.map((row, i) => {
    if (row.length !== v.length)
      throw new RangeError(`${name}: row ${i} has ${row.length} columns, input has ${v.length}`);
    return dot(row, v);
  });
}

/** sum_i w_i * outs[i]: the gate-weighted mixture of expert outputs of one width. */
function mix(weights: Vector, outs: readonly Vector[], name: string): number[] {
  const width = outs[0]!.length;
  outs.forEach((o, i) => {
    if (o.length !== width) throw new RangeError(`${name}: expert ${i} has width ${o.length}, expert 0 ${width}`);
  });
  return Array.from({ length: width }, (_, j) => outs.reduce((s, o, i) => s + weights[i]! * o[j]!, 0));
}

// #region ple
/** One extraction level of PLE. With a single level and no shared gate it is CGC. */
export interface ExtractionLevel {
  /** taskExperts[k]: the experts only task k reads (m_k of them, possibly none). */
  readonly taskExperts: readonly (readonly Expert[])[];
  /** The m_s experts every task reads. */
  readonly sharedExperts: readonly Expert[];
  /** taskGates[k]: (m_k + m_s) x d matrix; softmax over [task k's experts, shared experts]. */
  readonly taskGates: readonly Matrix[];
  /** Every level but the last: the shared branch's gate over all experts of the level. */
  readonly sharedGate?: Matrix;
}

export interface PleOutput {
  /** Last level: gateWeights[k] = task k's softmax weights over its own and the shared experts. */
  readonly gateWeights: number[][];
  readonly predictions: number[];
}

/**
 * PLE forward pass for input x (d numbers). At level j, task k's experts read task k's output of
 * level j-1 and the shared experts read the shared branch's output (all read x at level 1); task
 * k's gate mixes its own and the shared experts, and the shared gate mixes every expert of the
 * level. The towers read the last level's task outputs. Throws a RangeError on shape errors, on a
 * missing shared gate below the last level, or when the counts of gates, towers and task expert
 * groups differ.
 */
export function pleForward(levels: readonly ExtractionLevel[], towers: readonly Tower[], x: Vector): PleOutput {
  if (levels.length === 0) throw new RangeError('pleForward: at least one extraction level is required');
  const K = towers.length;
  let taskIn: Vector[] = Array.from({ length: K }, () => x);
  let sharedIn: Vector = x;
  let gateWeights: number[][] = [];
  levels.forEach((level, j) => {
    const last = j === levels.length - 1;
    if (level.taskExperts.length !== K || level.taskGates.length !== K)
      throw new RangeError(`pleForward: level ${j} needs expert groups and gates for ${K} tasks`);
    if (!last && !level.sharedGate) throw new RangeError(`pleForward: level ${j} needs a shared gate`);
    const shared = level.sharedExperts.map((e) => expertForward(e, sharedIn));
    const own = level.taskExperts.map((group, k) => group.map((e) => expertForward(e, taskIn[k]!)));
    gateWeights = level.taskGates.map((W, k) => {
      if (W.length !== own[k]!.length + shared.length)
        throw new RangeError(
          `pleForward: level ${j} gate ${k} has ${W.length} rows for ${own[k]!.length + shared.length} experts`,
        );
      return softmax(matVec(W, taskIn[k]!, `level ${j} gate ${k}`));
    });
    const nextTask = gateWeights.map((g, k) => mix(g, [...own[k]!, ...shared], `level ${j} task ${k}`));
    if (!last) {
      // The shared branch sees every expert of the level: this is where tasks exchange information.
      const all = [...own.flat(), ...shared];
      const g = softmax(matVec(level.sharedGate!, sharedIn, `level ${j} shared gate`));
      if (g.length !== all.length)
        throw new RangeError(`pleForward: level ${j} shared gate has ${g.length} rows for ${all.length} experts`);
      sharedIn = mix(g, all, `level ${j} shared branch`);
    }
    taskIn = nextTask;
  });
  const predictions = towers.map((t, k) => {
    if (t.w.length !== taskIn[k]!.length)
      throw new RangeError(`pleForward: tower ${k} has ${t.w.length} weights for width ${taskIn[k]!.length}`);
    return sigmoid(dot(t.w, taskIn[k]!) + t.b);
  });
  return { gateWeights, predictions };
}
// #endregion

// #region esm2
/** log σ(x) = -softplus(-x) and log(1 - σ(x)) = -softplus(x), finite for any finite x. */
const logSig = (x: number): number => -softplus(-x);
const logOneMinusSig = (x: number): number => -softplus(x);

/** The four logits of ESM²'s decomposed prediction module. */
export interface Esm2Logits {
  /** pCTR = σ(ctr) = p(click | impression). */
  readonly ctr: number;
  /** y2 = σ(action) = p(DAction | click): add to cart or wish list. */
  readonly action: number;
  /** y3 = σ(buyAfterAction) = p(buy | DAction). */
  readonly buyAfterAction: number;
  /** y4 = σ(buyOtherwise) = p(buy | OAction): clicked, no deterministic action. */
  readonly buyOtherwise: number;
}

/** Log-probabilities of the three supervised ESM² targets and of CVR, with their complements. */
export interface Esm2LogProbs {
  readonly ctr: readonly [number, number];
  /** p(click and DAction) = pCTR y2. */
  readonly ctavr: readonly [number, number];
  /** pCVR = y2 y3 + (1 - y2) y4: the two paths from a click to a purchase. */
  readonly cvr: readonly [number, number];
  /** p(click and buy) = pCTR pCVR. */
  readonly ctcvr: readonly [number, number];
}

/** [log p, log(1 - p)] of every ESM² quantity, each a log-sum-exp of positive terms. */
export function esm2LogProbs(l: Esm2Logits): Esm2LogProbs {
  for (const [name, v] of Object.entries(l))
    if (!Number.isFinite(v)) throw new RangeError(`esm2LogProbs: logit ${name} must be finite, got ${v}`);
  const click: [number, number] = [logSig(l.ctr), logOneMinusSig(l.ctr)];
  const act: [number, number] = [logSig(l.action), logOneMinusSig(l.action)];
  const cvr: [number, number] = [
    logAddExp(act[0] + logSig(l.buyAfterAction), act[1] + logSig(l.buyOtherwise)),
    logAddExp(act[0] + logOneMinusSig(l.buyAfterAction), act[1] + logOneMinusSig(l.buyOtherwise)),
  ];
  // 1 - pCTR q = (1 - pCTR) + pCTR (1 - q): "no click" or "click, then not q".
  const times = (q: readonly [number, number]): [number, number] => [
    click[0] + q[0],
    logAddExp(click[1], click[0] + q[1]),
  ];
  return { ctr: click, ctavr: times(act), cvr, ctcvr: times(cvr) };
}

export interface Esm2Sample {
  readonly logits: Esm2Logits;
  readonly click: 0 | 1;
  /** Added to cart or wish list after the click. */
  readonly action: 0 | 1;
  readonly buy: 0 | 1;
}

/**
 * ESM²'s three entire-space losses (nats, summed over impressions, equal weights): BCE of click on
 * pCTR, of click-and-action on pCTAVR, of click-and-buy on pCTCVR. No loss is on clicked traffic
 * only; y3 and y4 learn through the products. Throws a RangeError on an action or a purchase
 * without a click.
 */
export function esm2Loss(samples: readonly Esm2Sample[]): { ctr: number; ctavr: number; ctcvr: number; total: number } {
  let ctr = 0;
  let ctavr = 0;
  let ctcvr = 0;
  samples.forEach((s, i) => {
    if (s.click === 0 && (s.action === 1 || s.buy === 1))
      throw new RangeError(`esm2Loss: sample ${i} has an action or a purchase without a click`);
    const p = esm2LogProbs(s.logits);
    ctr -= p.ctr[s.click === 1 ? 0 : 1];
    ctavr -= p.ctavr[s.action === 1 ? 0 : 1];
    ctcvr -= p.ctcvr[s.buy === 1 ? 0 : 1];
  });
  return { ctr, ctavr, ctcvr, total: ctr + ctavr + ctcvr };
}
// #endregion

// #region uncertainty
export interface UncertaintyTerms {
  /** sum_k c_k e^{-s_k} L_k + s_k / 2, the objective of the task losses and the log-variances. */
  readonly total: number;
  /** w_k = c_k e^{-s_k}: the weight task k's loss gets in the shared parameters' gradient. */
  readonly weights: number[];
  /** d total / d s_k = 1/2 - c_k e^{-s_k} L_k; zero at s_k = log(2 c_k L_k). */
  readonly gradLogVars: number[];
}

/**
 * Kendall et al.'s homoscedastic-uncertainty weighting (§3.2) with s_k = log σ_k²: task k adds
 * c_k L_k / σ_k² + log σ_k = c_k e^{-s_k} L_k + s_k / 2, with c_k = 1/2 for a Gaussian regression
 * loss and c_k = 1 for their classification form. `losses` are the current task losses (>= 0);
 * `scales` default to 1/2. The products are formed in log space, so a tiny loss times a huge
 * weight stays exact. Throws a RangeError on a negative or non-finite loss, a non-finite log
 * variance, a scale <= 0, mismatched lengths, or a weight that overflows (s_k below about -709).
 */
export function uncertaintyWeightedLoss(
  losses: Vector,
  logVars: Vector,
  scales: Vector = losses.map(() => 0.5),
): UncertaintyTerms {
  if (logVars.length !== losses.length || scales.length !== losses.length)
    throw new RangeError('uncertaintyWeightedLoss: losses, logVars and scales must have the same length');
  let total = 0;
  const weights: number[] = [];
  const gradLogVars: number[] = [];
  losses.forEach((L, k) => {
    const [s, c] = [logVars[k]!, scales[k]!];
    if (!(L >= 0) || !Number.isFinite(L))
      throw new RangeError(`uncertaintyWeightedLoss: losses[${k}] must be finite and >= 0, got ${L}`);
    if (!Number.isFinite(s)) throw new RangeError(`uncertaintyWeightedLoss: logVars[${k}] must be finite, got ${s}`);
    if (!(c > 0) || !Number.isFinite(c))
      throw new RangeError(`uncertaintyWeightedLoss: scales[${k}] must be finite and > 0, got ${c}`);
    const w = Math.exp(Math.log(c) - s);
    if (!Number.isFinite(w))
      throw new RangeError(`uncertaintyWeightedLoss: logVars[${k}] = ${s} makes the weight overflow`);
    const term = L === 0 ? 0 : Math.exp(Math.log(c) + Math.log(L) - s); // c e^{-s} L without overflow in e^{-s}
    total += term + s / 2;
    weights.push(w);
    gradLogVars.push(0.5 - term);
  });
  return { total, weights, gradLogVars };
}

/**
 * Where the log-variance settles for a fixed loss L > 0: s* = log(2 c L), so the weight is
 * c e^{-s*} = 1 / (2L) whatever c is. Throws a RangeError for L <= 0 (the log-variance would run
 * to -infinity) or c <= 0.
 */
export function uncertaintyFixedPoint(loss: number, scale = 0.5): { logVar: number; weight: number } {
  if (!(loss > 0) || !Number.isFinite(loss))
    throw new RangeError(
      `uncertaintyFixedPoint: loss must be finite and > 0, got ${loss}; at 0 the log-variance has no minimum`,
    );
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new RangeError(`uncertaintyFixedPoint: scale must be finite and > 0, got ${scale}`);
  const weight = 0.5 / loss;
  if (!Number.isFinite(weight))
    throw new RangeError(`uncertaintyFixedPoint: loss = ${loss} makes the weight 1/(2L) overflow`);
  return { logVar: Math.log(2 * scale) + Math.log(loss), weight };
}
// #endregion

// #region joint
/** A task loss of one shared scalar θ: L(θ) = unit · ((θ - center)² + noise), noise > 0. */
export interface QuadraticTask {
  /** The loss's unit: multiplying it by 1000 is the same task measured in other units. */
  readonly unit: number;
  readonly center: number;
  /** The loss that remains at the task's own optimum (label noise), > 0. */
  readonly noise: number;
}

export const quadraticLoss = (t: QuadraticTask, theta: number): number => t.unit * ((theta - t.center) ** 2 + t.noise);

/**
 * Trains θ on the tasks with equal weights, or jointly with one log-variance per task
 * (uncertainty weighting, scale c = 1/2). θ takes damped Newton steps on the weighted sum (step
 * divided by its curvature, so no unit can make it explode); each s_k takes a gradient step,
 * clipped to ±1. Returns θ, the losses, the log-variances and the weights at the end.
 */
export function trainSharedScalar(
  tasks: readonly QuadraticTask[],
  mode: 'equal' | 'uncertainty',
  { steps = 4000, lrLogVar = 0.1, theta0 = 0 } = {},
): { theta: number; losses: number[]; logVars: number[]; weights: number[] } {
  tasks.forEach((t, k) => {
    if (!(t.unit > 0) || !(t.noise > 0))
      throw new RangeError(`trainSharedScalar: task ${k} needs unit > 0 and noise > 0`);
  });
  let theta = theta0;
  const logVars = tasks.map(() => 0);
  for (let step = 0; step < steps; step++) {
    const losses = tasks.map((t) => quadraticLoss(t, theta));
    const w = mode === 'equal' ? tasks.map(() => 1) : uncertaintyWeightedLoss(losses, logVars).weights;
    const grad = tasks.reduce((g, t, k) => g + w[k]! * 2 * t.unit * (theta - t.center), 0);
    const curvature = tasks.reduce((h, t, k) => h + w[k]! * 2 * t.unit, 0);
    theta -= (0.5 * grad) / curvature;
    if (mode === 'uncertainty') {
      const g = uncertaintyWeightedLoss(losses, logVars).gradLogVars;
      g.forEach((gk, k) => (logVars[k] = logVars[k]! - lrLogVar * Math.max(-1, Math.min(1, gk))));
    }
  }
  const losses = tasks.map((t) => quadraticLoss(t, theta));
  const weights = mode === 'equal' ? tasks.map(() => 1) : uncertaintyWeightedLoss(losses, logVars).weights;
  return { theta, losses, logVars, weights };
}
// #endregion

// #region gradnorm
/**
 * One GradNorm weight update (Chen et al., Eqs. 1-2). Inputs per task: its weight w_i > 0, the
 * norm g_i of its unweighted loss gradient on the last shared layer, and its loss ratio
 * L_i(t) / L_i(0) > 0. With G_i = w_i g_i, Ḡ their mean and r_i = ratio_i / mean(ratio), the
 * target is Ḡ r_i^α, held constant; L_grad = sum_i |G_i - Ḡ r_i^α|, whose gradient in w_i is
 * sign(G_i - target_i) g_i. After the step the weights are floored at 1e-9 (this snippet's guard)
 * and renormalised to sum to the number of tasks.
 */
export function gradNormStep(
  weights: Vector,
  gradNorms: Vector,
  lossRatios: Vector,
  alpha: number,
  lr: number,
): { weights: number[]; lGrad: number; targets: number[] } {
  const T = weights.length;
  if (T === 0 || gradNorms.length !== T || lossRatios.length !== T)
    throw new RangeError('gradNormStep: weights, gradNorms and lossRatios must be non-empty and of equal length');
  weights.forEach((w, i) => {
    if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`gradNormStep: weights[${i}] must be finite and > 0`);
    if (!(gradNorms[i]! >= 0) || !Number.isFinite(gradNorms[i]!))
      throw new RangeError(`gradNormStep: gradNorms[${i}] must be finite and >= 0`);
    if (!(lossRatios[i]! > 0) || !Number.isFinite(lossRatios[i]!))
      throw new RangeError(`gradNormStep: lossRatios[${i}] must be finite and > 0`);
  });
  const G = weights.map((w, i) => w * gradNorms[i]!);
  const Gbar = G.reduce((a, b) => a + b, 0) / T;
  const meanRatio = lossRatios.reduce((a, b) => a + b, 0) / T;
  // A task whose loss has fallen less than the others' (r_i > 1) is asked for a larger gradient.
  const targets = lossRatios.map((q) => Gbar * (q / meanRatio) ** alpha);
  const lGrad = G.reduce((s, g, i) => s + Math.abs(g - targets[i]!), 0);
  const stepped = weights.map((w, i) => Math.max(1e-9, w - lr * Math.sign(G[i]! - targets[i]!) * gradNorms[i]!));
  const sum = stepped.reduce((a, b) => a + b, 0);
  return { weights: stepped.map((w) => (T * w) / sum), lGrad, targets };
}
// #endregion

// #region min-norm
/**
 * The min-norm point of the segment between two task gradients (Sener and Koltun, Algorithm 1):
 * γ = clip(((g2 - g1)·g2) / |g1 - g2|², 0, 1) and d = γ g1 + (1 - γ) g2. Unless d = 0 (a
 * Pareto-stationary point), -d decreases both losses: d·g1 >= |d|² and d·g2 >= |d|². Both vectors
 * are divided by their largest entry first, so norms of 1e-200 or 1e200 neither underflow nor
 * overflow. Equal gradients give γ = 1/2. Throws a RangeError on unequal lengths or non-finite
 * entries.
 */
export function minNormCombination(g1: Vector, g2: Vector): { gamma: number; direction: number[] } {
  if (g1.length !== g2.length) throw new RangeError('minNormCombination: g1 and g2 must have the same length');
  [...g1, ...g2].forEach((v) => {
    if (!Number.isFinite(v)) throw new RangeError('minNormCombination: gradients must be finite');
  });
  const scale = Math.max(0, ...g1.map(Math.abs), ...g2.map(Math.abs));
  if (scale === 0) return { gamma: 0.5, direction: g1.map(() => 0) };
  const a = g1.map((v) => v / scale);
  const b = g2.map((v) => v / scale);
  const diff = a.map((v, i) => v - b[i]!);
  const dd = dot(diff, diff);
  const gamma = dd === 0 ? 0.5 : Math.max(0, Math.min(1, -dot(diff, b) / dd));
  return { gamma, direction: a.map((v, i) => scale * (gamma * v + (1 - gamma) * b[i]!)) };
}
// #endregion
