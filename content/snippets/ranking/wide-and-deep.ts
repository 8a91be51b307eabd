/**
 * Wide & Deep (Cheng et al., 2016): a linear model over raw binary features and their
 * cross-product transformations (the wide part, which memorises) trained jointly with an MLP over
 * dense embeddings (the deep part, which generalises). Also the two optimisers the paper pairs
 * with them: FTRL-Proximal with L1 for the sparse wide weights, AdaGrad for the deep weights.
 */

export type Vector = readonly number[];
export type Matrix = readonly Vector[];

/** One fully connected layer: `weights` is out x in, so output = weights * input + bias. */
export interface DenseLayer {
  readonly weights: Matrix;
  readonly bias: Vector;
}

/** The logistic function 1 / (1 + e^-z), finite and in [0, 1] for every finite z. */
export function sigmoid(z: number): number {
  // Two branches so that exp never overflows for large |z|.
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function dot(a: Vector, b: Vector, what: string): number {
  if (a.length !== b.length) throw new RangeError(`${what}: length ${a.length} does not match ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** A dense layer followed by ReLU; the deep part of Wide & Deep is a stack of these. */
export function reluLayer(layer: DenseLayer, input: Vector): number[] {
  if (layer.weights.length !== layer.bias.length) {
    throw new RangeError(`reluLayer: ${layer.weights.length} weight rows but ${layer.bias.length} biases`);
  }
  return layer.weights.map((row, o) => Math.max(0, dot(row, input, 'reluLayer weights') + layer.bias[o]!));
}

// #region cross-product
/** A cross-product transformation: the indices of the binary features it ANDs together. */
export type Cross = readonly number[];

/**
 * phi_k(x) = prod_i x_i^{c_ki}: 1 only when every feature named by cross k is on. For binary
 * features that is a logical AND, e.g. AND(installed=netflix, impression=pandora).
 */
export function crossProduct(x: Vector, crosses: readonly Cross[]): number[] {
  for (const [i, v] of x.entries()) {
    if (v !== 0 && v !== 1) throw new RangeError(`crossProduct: x[${i}] = ${v} is not binary`);
  }
  return crosses.map((cross, k) =>
    cross.reduce((product, i) => {
      const v = x[i];
      if (v === undefined) throw new RangeError(`crossProduct: cross ${k} names feature ${i}, outside x`);
      return product * v;
    }, 1),
  );
}
// #endregion

/** The deep input: the embedding row of each categorical id, concatenated field by field. */
export function concatEmbeddings(tables: readonly Matrix[], ids: readonly number[]): number[] {
  if (tables.length !== ids.length)
    throw new RangeError(`concatEmbeddings: ${tables.length} tables but ${ids.length} ids`);
  return tables.flatMap((table, f) => {
    const row = table[ids[f]!];
    if (row === undefined) throw new RangeError(`concatEmbeddings: id ${ids[f]} is outside table ${f}`);
    return [...row];
  });
}

// #region forward
export interface WideAndDeepModel {
  /** Cross-product transformations appended to the raw wide features. */
  readonly crosses: readonly Cross[];
  /** One weight per raw binary feature, then one per cross: length d + K. */
  readonly wideWeights: Vector;
  /** Hidden ReLU layers of the deep part. */
  readonly deepLayers: readonly DenseLayer[];
  /** Output weights on the last hidden activations a^(lf). */
  readonly deepWeights: Vector;
  readonly bias: number;
}

export interface WideAndDeepOutput {
  readonly wideLogit: number;
  readonly deepLogit: number;
  /** P(y = 1 | x) = sigmoid(w_wide . [x, phi(x)] + w_deep . a + b). */
  readonly probability: number;
}

export function wideAndDeepForward(model: WideAndDeepModel, xWide: Vector, deepInput: Vector): WideAndDeepOutput {
  const wideFeatures = [...xWide, ...crossProduct(xWide, model.crosses)];
  const wideLogit = dot(model.wideWeights, wideFeatures, 'wideWeights vs [x, phi(x)]');
  let a: Vector = deepInput;
  for (const layer of model.deepLayers) a = reluLayer(layer, a);
  const deepLogit = dot(model.deepWeights, a, 'deepWeights vs last hidden layer');
  // One logit, one loss: both parts are trained jointly on the same label (not an ensemble).
  return { wideLogit, deepLogit, probability: sigmoid(wideLogit + deepLogit + model.bias) };
}
// #endregion

// #region ftrl
/** FTRL-Proximal settings: learning rate alpha / (beta + sqrt(n_i)), L1 and L2 strengths. */
export interface FtrlConfig {
  readonly alpha: number;
  readonly beta: number;
  readonly l1: number;
  readonly l2: number;
}

/**
 * Per-coordinate FTRL-Proximal state: z accumulates adjusted gradients; rootN holds sqrt(n_i),
 * the root of the summed squared gradients, kept as a root so that Math.hypot can update it
 * without overflow or underflow.
 */
export interface FtrlState {
  readonly z: readonly number[];
  readonly rootN: readonly number[];
}

/**
 * The closed-form weight (McMahan et al. 2013, Algorithm 1): exactly 0 while |z| <= l1, which is
 * what keeps the wide part sparse; otherwise -(z - sgn(z) l1) / ((beta + sqrt(n)) / alpha + l2).
 */
export function ftrlWeight(z: number, rootN: number, c: FtrlConfig): number {
  if (Math.abs(z) <= c.l1) return 0;
  return -(z - Math.sign(z) * c.l1) / ((c.beta + rootN) / c.alpha + c.l2);
}

/**
 * One FTRL-Proximal round (McMahan et al. 2013, Algorithm 1) given the loss gradient g (one
 * entry per coordinate). sigma = (sqrt(n + g^2) - sqrt(n)) / alpha is computed as
 * g^2 / (sqrt(n + g^2) + sqrt(n)) / alpha, which does not cancel when g^2 is tiny next to n.
 * Throws a RangeError for a bad config or mismatched lengths.
 */
export function ftrlStep(state: FtrlState, grad: Vector, c: FtrlConfig): FtrlState {
  if (!(c.alpha > 0 && c.beta >= 0 && c.l1 >= 0 && c.l2 >= 0))
    throw new RangeError('ftrlStep: need alpha > 0 and beta, l1, l2 >= 0');
  if (grad.length !== state.z.length || state.rootN.length !== state.z.length)
    throw new RangeError(`ftrlStep: grad has ${grad.length} entries, state ${state.z.length}`);
  const z = [...state.z];
  const rootN = [...state.rootN];
  for (let i = 0; i < grad.length; i++) {
    const g = grad[i]!;
    const w = ftrlWeight(z[i]!, rootN[i]!, c); // the weight that produced this gradient
    const next = Math.hypot(rootN[i]!, g); // sqrt(n + g^2)
    const sigma = g === 0 ? 0 : (g * (g / (next + rootN[i]!))) / c.alpha;
    z[i] = z[i]! + g - sigma * w;
    rootN[i] = next;
  }
  return { z, rootN };
}
// #endregion

// #region adagrad
/**
 * AdaGrad (Duchi et al. 2011): each coordinate's step is lr * g / (sqrt(sum of its squared
 * gradients) + eps). `root` holds that square root per coordinate (start at zeros); Math.hypot
 * updates it, so a gradient of 1e200 or 1e-200 neither overflows nor vanishes when squared.
 * Throws a RangeError for mismatched lengths, lr <= 0 or eps < 0.
 */
export function adagradStep(
  w: Vector,
  root: Vector,
  grad: Vector,
  lr: number,
  eps = 1e-10,
): { w: number[]; root: number[] } {
  if (w.length !== grad.length || root.length !== grad.length) {
    throw new RangeError('adagradStep: w, root and grad must have the same length');
  }
  if (!(lr > 0) || !(eps >= 0)) throw new RangeError(`adagradStep: need lr > 0 and eps >= 0, got ${lr}, ${eps}`);
  const nextRoot = root.map((r, i) => Math.hypot(r, grad[i]!)); // sqrt(r^2 + g^2)
  // lr * (g / (root + eps)): the ratio is at most 1 in size, so the product cannot overflow
  const nextW = w.map((wi, i) => wi - lr * (grad[i]! / (nextRoot[i]! + eps)));
  return { w: nextW, root: nextRoot };
}
// #endregion
