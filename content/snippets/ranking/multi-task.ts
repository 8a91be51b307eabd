/**
 * Two multi-task ranking building blocks: MMoE (Jiaqi Ma et al., KDD 2018, §4.2, Eqs. 6-8), shared
 * experts mixed by one softmax gate per task, and ESMM's entire-space loss (Xiao Ma et al., SIGIR
 * 2018, §2.3, Eq. 3), which learns CVR through p_CTCVR = p_CTR * p_CVR on every impression. Towers output logits;
 * every loss is computed from the logits in log space, so it stays finite and accurate at ±1000.
 */

export type Vector = readonly number[];
export type Matrix = readonly Vector[];

function matVec(M: Matrix, v: Vector, name: string): number[] {
  return M.map((row, i) => {
    if (row.length !== v.length)
      throw new RangeError(`${name}: row ${i} has ${row.length} columns, input has ${v.length}`);
    return row.reduce((s, m, j) => s + m * v[j]!, 0);
  });
}

/** σ(z) = 1 / (1 + e^-z) for any real z, in two branches so exp never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * softmax(l)_i = e^{l_i} / sum_j e^{l_j} for a non-empty vector of finite logits; a probability
 * vector of the same length. Throws a RangeError on an empty or non-finite input.
 */
export function softmax(logits: Vector): number[] {
  if (logits.length === 0) throw new RangeError('softmax: logits is empty');
  logits.forEach((l, i) => {
    if (!Number.isFinite(l)) throw new RangeError(`softmax: logits[${i}] must be finite, got ${l}`);
  });
  // Subtract the max so exp never overflows; the result is unchanged, and the largest term is 1.
  const m = logits.reduce((a, b) => Math.max(a, b));
  const exps = logits.map((l) => Math.exp(l - m));
  const total = exps.reduce((s, x) => s + x, 0);
  return exps.map((x) => x / total);
}

/** An expert: one dense ReLU layer (real experts are small MLPs). */
export interface Expert {
  readonly A: Matrix;
  readonly c: Vector;
}

/** A task tower: a logistic unit on the task's mixed representation. */
export interface Tower {
  readonly w: Vector;
  readonly b: number;
}

/** ReLU(A x + c): one expert's output, one number per row of A. */
export function expertForward(e: Expert, x: Vector): number[] {
  return matVec(e.A, x, 'expert').map((v, i) => Math.max(0, v + e.c[i]!));
}

// #region mmoe
export interface MmoeModel {
  readonly experts: readonly Expert[];
  /** One n x d gate matrix per task (n experts, d input features): g^k(x) = softmax(W_gk x). */
  readonly gates: readonly Matrix[];
  readonly towers: readonly Tower[];
}

export interface MmoeOutput {
  /** gateWeights[k][i]: how much task k listens to expert i; each row sums to 1. */
  readonly gateWeights: number[][];
  /** f^k(x) = sum_i g^k(x)_i f_i(x): the task-specific mixture fed to tower k. */
  readonly mixtures: number[][];
  readonly predictions: number[];
}

/**
 * One forward pass for input x (d numbers): n experts, K gates (n x d each) and K towers give,
 * per task, its gate weights (n), its mixture (the experts' width) and its click probability.
 * Throws a RangeError when there is no expert, the gate and tower counts differ, or a shape is off
 * (experts of different widths, a tower whose weights do not match that width).
 */
export function mmoeForward(model: MmoeModel, x: Vector): MmoeOutput {
  const n = model.experts.length;
  if (n === 0) throw new RangeError('mmoeForward: at least one expert is required');
  if (model.gates.length !== model.towers.length) throw new RangeError('mmoeForward: one gate per tower is required');
  const expertOut = model.experts.map((e) => expertForward(e, x)); // computed once, shared by all tasks
  const width = expertOut[0]!.length;
  expertOut.forEach((out, i) => {
    if (out.length !== width)
      throw new RangeError(`mmoeForward: expert ${i} has width ${out.length}, expert 0 ${width}`);
  });
  model.towers.forEach((t, k) => {
    if (t.w.length !== width)
      throw new RangeError(`mmoeForward: tower ${k} has ${t.w.length} weights for width ${width}`);
  });
  const gateWeights = model.gates.map((W, k) => {
    if (W.length !== n) throw new RangeError(`mmoeForward: gate ${k} has ${W.length} rows for ${n} experts`);
    return softmax(matVec(W, x, `gate ${k}`));
  });
  const mixtures = gateWeights.map((g) =>
    expertOut[0]!.map((_, j) => expertOut.reduce((s, out, i) => s + g[i]! * out[j]!, 0)),
  );
  const predictions = mixtures.map((m, k) => {
    const t = model.towers[k]!;
    return sigmoid(m.reduce((s, v, j) => s + v * t.w[j]!, 0) + t.b);
  });
  return { gateWeights, mixtures, predictions };
}
// #endregion

/** Shared-bottom (Eq. 1 of the MMoE paper): every task reads the same representation f(x). */
export function sharedBottomForward(bottom: Expert, towers: readonly Tower[], x: Vector): number[] {
  const h = expertForward(bottom, x);
  towers.forEach((t, k) => {
    if (t.w.length !== h.length)
      throw new RangeError(`sharedBottomForward: tower ${k} has ${t.w.length} weights for width ${h.length}`);
  });
  return towers.map((t) => sigmoid(h.reduce((s, v, j) => s + v * t.w[j]!, 0) + t.b));
}

// #region esmm
/** log(1 + e^x), finite for any finite x: the max term carries large x, log1p the rest. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** log(e^a + e^b), shifted by the larger term so exp never overflows. */
export function logAddExp(a: number, b: number): number {
  const m = Math.max(a, b);
  return m + Math.log1p(Math.exp(Math.min(a, b) - m));
}

export interface EsmmSample {
  /** The CTR tower's logit: pCTR = σ(ctrLogit). */
  readonly ctrLogit: number;
  /** The CVR tower's logit: pCVR = σ(cvrLogit). */
  readonly cvrLogit: number;
  readonly click: 0 | 1;
  readonly conversion: 0 | 1;
}

/**
 * ESMM's loss over all impressions: BCE(click, pCTR) + BCE(click AND conversion, pCTR * pCVR),
 * summed (nats). The CVR tower never sees a CVR label directly; its gradient arrives through the
 * product. With a = ctrLogit, b = cvrLogit:
 *   -log pCTR = softplus(-a),  -log(1 - pCTR) = softplus(a),
 *   -log(pCTR pCVR) = softplus(-a) + softplus(-b),
 *   -log(1 - pCTR pCVR) = -log[σ(-a) + σ(a) σ(-b)]   ("no click" or "click, no conversion").
 * Throws a RangeError on a conversion without a click or a non-finite logit.
 */
export function esmmLoss(samples: readonly EsmmSample[]): { ctr: number; ctcvr: number; total: number } {
  let ctr = 0;
  let ctcvr = 0;
  for (const [i, s] of samples.entries()) {
    if (s.conversion === 1 && s.click === 0) throw new RangeError(`esmmLoss: sample ${i} converts without a click`);
    if (!Number.isFinite(s.ctrLogit) || !Number.isFinite(s.cvrLogit))
      throw new RangeError(`esmmLoss: sample ${i} has a non-finite logit`);
    const [a, b] = [s.ctrLogit, s.cvrLogit];
    ctr += s.click === 1 ? softplus(-a) : softplus(a);
    if (s.click === 1 && s.conversion === 1) ctcvr += softplus(-a) + softplus(-b);
    // 1 - pCTR pCVR as a sum of two positive terms: no cancellation when both are near 1.
    else ctcvr -= logAddExp(-softplus(a), -softplus(-a) - softplus(b));
  }
  return { ctr, ctcvr, total: ctr + ctcvr };
}
// #endregion
