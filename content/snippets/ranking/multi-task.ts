/**
 * Two multi-task ranking building blocks: MMoE (Ma et al., KDD 2018), shared experts mixed by
 * one softmax gate per task, and ESMM's entire-space loss (Ma et al., SIGIR 2018), which learns
 * CVR through p_CTCVR = p_CTR * p_CVR on every impression.
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

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function softmax(logits: Vector): number[] {
  // Subtract the max so exp never overflows; the result is unchanged.
  const m = Math.max(...logits);
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

export function mmoeForward(model: MmoeModel, x: Vector): MmoeOutput {
  const n = model.experts.length;
  if (model.gates.length !== model.towers.length) throw new RangeError('mmoeForward: one gate per tower is required');
  const expertOut = model.experts.map((e) => expertForward(e, x)); // computed once, shared by all tasks
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

/** Shared-bottom: every task reads the same representation f(x). */
export function sharedBottomForward(bottom: Expert, towers: readonly Tower[], x: Vector): number[] {
  const h = expertForward(bottom, x);
  return towers.map((t) => sigmoid(h.reduce((s, v, j) => s + v * t.w[j]!, 0) + t.b));
}

// #region esmm
/** -[y log p + (1 - y) log(1 - p)], with p clamped away from 0 and 1 so the log stays finite. */
export function bce(label: 0 | 1, p: number): number {
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  return label === 1 ? -Math.log(q) : -Math.log(1 - q);
}

export interface EsmmSample {
  readonly pCtr: number;
  readonly pCvr: number;
  readonly click: 0 | 1;
  readonly conversion: 0 | 1;
}

/**
 * ESMM's loss over all impressions: BCE(click, pCTR) + BCE(click AND conversion, pCTR * pCVR).
 * The CVR tower never sees a CVR label directly; its gradient arrives through the product.
 */
export function esmmLoss(samples: readonly EsmmSample[]): { ctr: number; ctcvr: number; total: number } {
  let ctr = 0;
  let ctcvr = 0;
  for (const [i, s] of samples.entries()) {
    if (s.conversion === 1 && s.click === 0) throw new RangeError(`esmmLoss: sample ${i} converts without a click`);
    ctr += bce(s.click, s.pCtr);
    ctcvr += bce(s.click === 1 && s.conversion === 1 ? 1 : 0, s.pCtr * s.pCvr);
  }
  return { ctr, ctcvr, total: ctr + ctcvr };
}
// #endregion
