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
export interface FtrlConfig {
  readonly alpha: number;
  readonly beta: number;
  readonly l1: number;
  readonly l2: number;
}

/** Per-coordinate FTRL-Proximal state: z accumulates adjusted gradients, n squared gradients. */
export interface FtrlState {
  readonly z: readonly number[];
  readonly n: readonly number[];
}

/** The closed-form weight: exactly 0 while |z| <= l1, which is what keeps the wide part sparse. */
export function ftrlWeight(z: number, n: number, c: FtrlConfig): number {
  if (Math.abs(z) <= c.l1) return 0;
  return -(z - Math.sign(z) * c.l1) / ((c.beta + Math.sqrt(n)) / c.alpha + c.l2);
}

/** One FTRL-Proximal round (McMahan et al. 2013, Algorithm 1) given the loss gradient g. */
export function ftrlStep(state: FtrlState, grad: Vector, c: FtrlConfig): FtrlState {
  if (grad.length !== state.z.length)
    throw new RangeError(`ftrlStep: grad has ${grad.length} entries, state ${state.z.length}`);
  const z = [...state.z];
  const n = [...state.n];
  for (let i = 0; i < grad.length; i++) {
    const g = grad[i]!;
    const w = ftrlWeight(z[i]!, n[i]!, c); // the weight that produced this gradient
    const sigma = (Math.sqrt(n[i]! + g * g) - Math.sqrt(n[i]!)) / c.alpha;
    z[i] = z[i]! + g - sigma * w;
    n[i] = n[i]! + g * g;
  }
  return { z, n };
}
// #endregion

// #region adagrad
/** AdaGrad: each coordinate's step shrinks with its own accumulated squared gradient. */
export function adagradStep(
  w: Vector,
  accum: Vector,
  grad: Vector,
  lr: number,
  eps = 1e-10,
): { w: number[]; accum: number[] } {
  if (w.length !== grad.length || accum.length !== grad.length) {
    throw new RangeError('adagradStep: w, accum and grad must have the same length');
  }
  const nextAccum = accum.map((a, i) => a + grad[i]! ** 2);
  const nextW = w.map((wi, i) => wi - (lr * grad[i]!) / (Math.sqrt(nextAccum[i]!) + eps));
  return { w: nextW, accum: nextAccum };
}
// #endregion
