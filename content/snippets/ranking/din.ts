/**
 * DIN's target attention (Zhou et al., KDD 2018) and the pieces of DIEN (Zhou et al., AAAI 2019)
 * that change it: the auxiliary loss on the interest extractor and the AUGRU cell.
 */

export type Vector = readonly number[];
export type Matrix = readonly Vector[];

function dot(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new RangeError(`dot: lengths ${a.length} and ${b.length} differ`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) so that e^x never overflows
 * and tiny values keep their digits. It is the logistic loss in the score s:
 * -log sigmoid(s) = softplus(-s) and -log(1 - sigmoid(s)) = softplus(s).
 */
export const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

// #region activation-unit
/** The activation unit: a small MLP, one hidden layer here, with a linear scalar output. */
export interface ActivationUnit {
  /** h x 4d hidden weights over [e_i, e_t, e_i - e_t, e_i ⊙ e_t]. */
  readonly W1: Matrix;
  readonly b1: Vector;
  /** h output weights and bias: the score is w2 . hidden + b2, with no squashing. */
  readonly w2: Vector;
  readonly b2: number;
}

/**
 * The relevance score a(e_i, e_t) of one past behaviour e_i to the candidate e_t (DIN, Zhou et
 * al. 2018, §4.3): both of width d, the unit's W1 of shape h x 4d. Throws a RangeError when the
 * widths differ.
 */
export function activationWeight(unit: ActivationUnit, behaviour: Vector, target: Vector): number {
  if (behaviour.length !== target.length) throw new RangeError('activationWeight: behaviour and target widths differ');
  // The difference and the product hand the MLP the "how close" signal directly.
  const input = [
    ...behaviour,
    ...target,
    ...behaviour.map((x, c) => x - target[c]!),
    ...behaviour.map((x, c) => x * target[c]!),
  ];
  const hidden = unit.W1.map((row, h) => Math.max(0, dot(row, input) + unit.b1[h]!));
  return dot(unit.w2, hidden) + unit.b2;
}
// #endregion

// #region target-attention
export interface Pooled {
  readonly weights: number[];
  readonly pooled: number[];
}

/**
 * DIN (Zhou et al. 2018, §4.3, Eq. 3): v_U(t) = sum_i a(e_i, e_t) e_i, with the raw scores as
 * weights (no softmax). `behaviours` is H x d, `target` has width d; returns the H weights and
 * the pooled d-vector (zeros for an empty history).
 */
export function targetAttentionPooling(unit: ActivationUnit, behaviours: Matrix, target: Vector): Pooled {
  const weights = behaviours.map((e) => activationWeight(unit, e, target));
  const pooled = target.map((_, c) => behaviours.reduce((s, e, i) => s + weights[i]! * e[c]!, 0));
  return { weights, pooled };
}

/**
 * The same scores pushed through a softmax, as in Transformer-style attention, for contrast.
 * The largest score is subtracted before exp, so scores of +-1000 or gaps of 800 stay finite.
 */
export function softmaxAttentionPooling(unit: ActivationUnit, behaviours: Matrix, target: Vector): Pooled {
  const scores = behaviours.map((e) => activationWeight(unit, e, target));
  const m = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - m));
  const total = exps.reduce((s, x) => s + x, 0);
  const weights = exps.map((x) => x / total);
  const pooled = target.map((_, c) => behaviours.reduce((s, e, i) => s + weights[i]! * e[c]!, 0));
  return { weights, pooled };
}
// #endregion

// #region dien-aux
/**
 * DIEN's auxiliary loss for one user (Zhou et al. 2019, the L_aux of the Interest Extractor
 * Layer): the interest state h_t must tell the next clicked item e_{t+1} from a sampled
 * non-clicked item, by a logistic score on the inner product. Rows t = 0..T-1 of the three
 * matrices pair h_t with the items of step t + 1. Returns the paper's inner sum over the steps,
 *   sum_t [ -log sigmoid(h_t . e_{t+1}) - log(1 - sigmoid(h_t . e^_{t+1})) ],
 * in nats; L_aux is its mean over the N users of a batch. Each term is written as a softplus of
 * the score, which stays finite and exact where 1 - sigmoid(s) would round to 0 (s above ~37).
 * Throws a RangeError for empty or unequal inputs.
 */
export function auxiliaryLoss(hidden: Matrix, nextClicked: Matrix, nextNegative: Matrix): number {
  const T = hidden.length;
  if (T === 0 || nextClicked.length !== T || nextNegative.length !== T) {
    throw new RangeError('auxiliaryLoss: hidden, nextClicked and nextNegative need the same non-zero length');
  }
  let loss = 0;
  for (let t = 0; t < T; t++) {
    loss += softplus(-dot(hidden[t]!, nextClicked[t]!)); // -log sigmoid(s+)
    loss += softplus(dot(hidden[t]!, nextNegative[t]!)); // -log(1 - sigmoid(s-))
  }
  return loss;
}
// #endregion

// #region augru
/** GRU weights: input-to-hidden W*, hidden-to-hidden U*, biases b*, for update u, reset r, candidate h. */
export interface GruWeights {
  readonly Wu: Matrix;
  readonly Uu: Matrix;
  readonly bu: Vector;
  readonly Wr: Matrix;
  readonly Ur: Matrix;
  readonly br: Vector;
  readonly Wh: Matrix;
  readonly Uh: Matrix;
  readonly bh: Vector;
}

const affine = (W: Matrix, x: Vector, U: Matrix, h: Vector, b: Vector): number[] =>
  b.map((bi, i) => dot(W[i]!, x) + dot(U[i]!, h) + bi);

/**
 * One AUGRU step (DIEN, Zhou et al. 2019, Interest Evolving Layer). The attention score a_t
 * (from the target item) scales the update gate, so a behaviour unrelated to the target
 * (a_t near 0) leaves the interest state almost untouched; attention = 1 gives the plain GRU
 * step. hPrev has width n_H, input width n_I; W* are n_H x n_I, U* are n_H x n_H. Throws a
 * RangeError for attention outside [0, 1] or mismatched widths.
 */
export function augruStep(g: GruWeights, hPrev: Vector, input: Vector, attention: number): number[] {
  if (!(attention >= 0 && attention <= 1))
    throw new RangeError(`augruStep: attention must be in [0, 1], got ${attention}`);
  const u = affine(g.Wu, input, g.Uu, hPrev, g.bu).map(sigmoid);
  const r = affine(g.Wr, input, g.Ur, hPrev, g.br).map(sigmoid);
  // The reset gate scales U_h h_{t-1} (DIEN's form: r ⊙ (U_h h), not U_h (r ⊙ h)).
  const candidate = g.bh.map((bi, i) => Math.tanh(dot(g.Wh[i]!, input) + r[i]! * dot(g.Uh[i]!, hPrev) + bi));
  return hPrev.map((h, i) => {
    const uTilde = attention * u[i]!;
    return (1 - uTilde) * h + uTilde * candidate[i]!;
  });
}
// #endregion
