/**
 * One step of an LSTM and of a GRU with every gate spelled out, and the products of Jacobians that
 * make plain RNN gradients vanish or explode. Vectors are arrays; a matrix is an array of rows.
 */
import { sigmoid } from './activations.ts';

export type Vec = number[];
export type Matrix = number[][];

/** M v for a matrix stored as rows. */
export function matVec(m: Matrix, v: readonly number[]): Vec {
  return m.map((row, r) => {
    if (row.length !== v.length) throw new RangeError(`matVec: row ${r} has ${row.length} entries, v has ${v.length}`);
    return row.reduce((s, a, k) => s + a * v[k]!, 0);
  });
}

const add = (a: readonly number[], b: readonly number[]): Vec => a.map((v, i) => v + b[i]!);
const mul = (a: readonly number[], b: readonly number[]): Vec => a.map((v, i) => v * b[i]!);

/** LSTM weights. Each W acts on the concatenation [h_{t-1}; x_t] and has H rows. */
export interface LstmParams {
  Wf: Matrix;
  bf: Vec;
  Wi: Matrix;
  bi: Vec;
  Wg: Matrix;
  bg: Vec;
  Wo: Matrix;
  bo: Vec;
}

// #region lstm
/**
 *   f = sigma(Wf [h; x] + bf)     forget gate: how much of the old cell to keep
 *   i = sigma(Wi [h; x] + bi)     input gate: how much of the candidate to write
 *   g = tanh(Wg [h; x] + bg)      candidate cell content
 *   o = sigma(Wo [h; x] + bo)     output gate: how much of the cell to expose
 *   c' = f * c + i * g            additive update: the gradient path through c is just f
 *   h' = o * tanh(c')
 */
export function lstmStep(p: LstmParams, x: readonly number[], h: readonly number[], c: readonly number[]) {
  const hx = [...h, ...x];
  const f = add(matVec(p.Wf, hx), p.bf).map(sigmoid);
  const i = add(matVec(p.Wi, hx), p.bi).map(sigmoid);
  const g = add(matVec(p.Wg, hx), p.bg).map(Math.tanh);
  const o = add(matVec(p.Wo, hx), p.bo).map(sigmoid);
  const cNext = add(mul(f, c), mul(i, g));
  const hNext = mul(o, cNext.map(Math.tanh));
  return { h: hNext, c: cNext, gates: { f, i, g, o } };
}
// #endregion

/** GRU weights: W* act on x_t, U* on h_{t-1}. */
export interface GruParams {
  Wz: Matrix;
  Uz: Matrix;
  bz: Vec;
  Wr: Matrix;
  Ur: Matrix;
  br: Vec;
  Wh: Matrix;
  Uh: Matrix;
  bh: Vec;
}

// #region gru
/**
 *   z = sigma(Wz x + Uz h + bz)              update gate
 *   r = sigma(Wr x + Ur h + br)              reset gate: how much of h the candidate may see
 *   hTilde = tanh(Wh x + Uh (r * h) + bh)    candidate state
 *   h' = z * h + (1 - z) * hTilde            keep the old state where z is near 1
 * (Cho et al. 2014's convention; some libraries swap z and 1 - z, or apply r after Uh.)
 */
export function gruStep(p: GruParams, x: readonly number[], h: readonly number[]) {
  const z = add(add(matVec(p.Wz, x), matVec(p.Uz, h)), p.bz).map(sigmoid);
  const r = add(add(matVec(p.Wr, x), matVec(p.Ur, h)), p.br).map(sigmoid);
  const hTilde = add(add(matVec(p.Wh, x), matVec(p.Uh, mul(r, h))), p.bh).map(Math.tanh);
  const hNext = h.map((hj, j) => z[j]! * hj + (1 - z[j]!) * hTilde[j]!);
  return { h: hNext, gates: { z, r }, candidate: hTilde };
}
// #endregion

// #region gradient-flow
/**
 * Backpropagation through a linear RNN h_t = W h_{t-1} + U x_t multiplies the gradient by W^T once
 * per step, so after t steps it is (W^T)^t g. Returns its norm for t = 0..T: it scales like
 * rho(W)^t, the spectral radius to the power t (|w|^t in one dimension).
 */
export function linearRnnGradientNorms(W: Matrix, T: number, g: readonly number[]): number[] {
  if (!Number.isInteger(T) || T < 0)
    throw new RangeError(`linearRnnGradientNorms: T must be a non-negative integer, got ${T}`);
  const Wt = W[0]!.map((_, j) => W.map((row) => row[j]!)); // transpose
  const norms: number[] = [];
  let v = g.slice();
  for (let t = 0; t <= T; t++) {
    norms.push(Math.hypot(...v));
    v = matVec(Wt, v);
  }
  return norms;
}

/**
 * A 1-d tanh RNN h_t = tanh(w h_{t-1} + u x_t): dh_t/dh_{t-1} = w (1 - h_t^2), so
 * |dh_T/dh_0| = prod_t |w| (1 - h_t^2) <= |w|^T. The tanh derivative only ever shrinks it further.
 */
export function tanhRnnGradient(w: number, u: number, xs: readonly number[], h0: number): number[] {
  const out = [1];
  let h = h0;
  let grad = 1;
  for (const x of xs) {
    h = Math.tanh(w * h + u * x);
    grad *= w * (1 - h * h);
    out.push(Math.abs(grad));
  }
  return out;
}

/**
 * Along the LSTM's cell path, dc_T/dc_0 = prod_t f_t (holding the gates fixed): a forget gate near
 * 1 carries the gradient across many steps instead of multiplying it by a weight each time.
 */
export function lstmCellPathGradient(forgetGates: readonly number[]): number[] {
  for (const f of forgetGates)
    if (!(f >= 0 && f <= 1)) throw new RangeError(`forget gates must be in [0, 1] (sigmoid outputs), got ${f}`);
  const out = [1];
  let prod = 1;
  for (const f of forgetGates) {
    prod *= f;
    out.push(prod);
  }
  return out;
}
// #endregion
