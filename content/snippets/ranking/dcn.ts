/**
 * The cross layers of Deep & Cross Network (Wang et al., 2017) and DCN-V2 (Wang et al., 2021).
 * Each layer multiplies by the original input x0 once more, so an l-layer stack holds every
 * feature cross up to degree l + 1, at O(d) (DCN) or O(d^2) / O(dr) (DCN-V2) cost per layer.
 * Functions that count work take an optional OpCounter and add the multiplications they perform.
 */

/** Optional instrumentation: each function adds the number of multiplications it performs. */
export interface OpCounter {
  mults: number;
}

export type Vector = readonly number[];
export type Matrix = readonly Vector[];

function dot(a: Vector, b: Vector): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function checkLength(v: Vector, d: number, name: string): void {
  if (v.length !== d) throw new RangeError(`${name} has length ${v.length}, expected ${d}`);
}

/**
 * A cross layer multiplies inputs together, so inputs near 1e200 give results beyond the double
 * range. Return the layer's output if every entry is finite; otherwise throw a RangeError that
 * names the layer instead of passing Infinity or NaN on.
 */
function finite(out: number[], where: string): number[] {
  if (!out.every(Number.isFinite))
    throw new RangeError(`${where}: the output overflows a double; rescale x0 or the weights`);
  return out;
}

// #region cross-layer
/** One DCN cross layer: its weight and bias vectors, both of the input's length d. */
export interface CrossLayer {
  readonly w: Vector;
  readonly b: Vector;
}

/**
 * x_{l+1} = x0 x_l^T w + b + x_l (Wang et al. 2017, Eq. 3). The d x d matrix x0 x_l^T is
 * never formed: x_l^T w is a scalar, so the layer is x0 scaled by (x_l . w), plus the bias and
 * the residual x_l. All vectors have length d; throws a RangeError on other lengths or overflow.
 */
export function crossLayer(x0: Vector, xl: Vector, layer: CrossLayer, ops?: OpCounter): number[] {
  const d = x0.length;
  checkLength(xl, d, 'crossLayer: x_l');
  checkLength(layer.w, d, 'crossLayer: w');
  checkLength(layer.b, d, 'crossLayer: b');
  const s = dot(xl, layer.w);
  if (ops) ops.mults += 2 * d; // the dot product and the scaling of x0
  return finite(
    x0.map((x0i, i) => x0i * s + layer.b[i]! + xl[i]!),
    'crossLayer',
  );
}

/** A cross network: layer l always multiplies by the same x0, raising the degree by one (Eq. 3 stacked). */
export function crossNetwork(x0: Vector, layers: readonly CrossLayer[]): number[] {
  let x: number[] = [...x0];
  for (const layer of layers) x = crossLayer(x0, x, layer);
  return x;
}
// #endregion

// #region cross-layer-v2
/** One DCN-V2 layer: a full d x d matrix W instead of a vector, and a bias. */
export interface CrossLayerV2 {
  readonly W: Matrix;
  readonly b: Vector;
}

/**
 * x_{l+1} = x0 ⊙ (W x_l + b) + x_l (Wang et al. 2021, Eq. 1): each output coordinate gets its own
 * mix of x_l. W is d x d; throws a RangeError on other shapes or overflow.
 */
export function crossLayerV2(x0: Vector, xl: Vector, layer: CrossLayerV2, ops?: OpCounter): number[] {
  const d = x0.length;
  checkLength(xl, d, 'crossLayerV2: x_l');
  checkLength(layer.b, d, 'crossLayerV2: b');
  if (layer.W.length !== d) throw new RangeError(`crossLayerV2: W has ${layer.W.length} rows, expected ${d}`);
  const out = x0.map((x0i, i) => {
    const row = layer.W[i]!;
    checkLength(row, d, `crossLayerV2: W row ${i}`);
    return x0i * (dot(row, xl) + layer.b[i]!) + xl[i]!;
  });
  if (ops) ops.mults += d * d + d; // W x_l, then the Hadamard product with x0
  return finite(out, 'crossLayerV2');
}

/**
 * The low-rank form W = U V^T (U, V are d x r; Wang et al. 2021, Eq. 2): x0 ⊙ (U (V^T x_l) + b) + x_l,
 * O(d r) work.
 * Throws a RangeError on bad shapes or overflow.
 */
export function crossLayerV2LowRank(
  x0: Vector,
  xl: Vector,
  U: Matrix,
  V: Matrix,
  b: Vector,
  ops?: OpCounter,
): number[] {
  const d = x0.length;
  checkLength(xl, d, 'crossLayerV2LowRank: x_l');
  checkLength(b, d, 'crossLayerV2LowRank: b');
  if (U.length !== d || V.length !== d) throw new RangeError('crossLayerV2LowRank: U and V must have d rows');
  const r = V[0]?.length ?? 0;
  // Project x_l down to r numbers first, then back up: never builds the d x d matrix.
  const projected = Array.from({ length: r }, (_, k) => V.reduce((s, row, j) => s + row[k]! * xl[j]!, 0));
  if (ops) ops.mults += 2 * d * r + d; // V^T x_l, U (...), and the Hadamard product with x0
  return finite(
    x0.map((x0i, i) => x0i * (dot(U[i]!, projected) + b[i]!) + xl[i]!),
    'crossLayerV2LowRank',
  );
}
// #endregion

// #region cross-layer-mix
/** One low-rank expert of a DCN-V2 mixture: U, V are d x r; C (r x r) adds the non-linear variant. */
export interface LowRankExpert {
  readonly U: Matrix;
  readonly V: Matrix;
  readonly C?: Matrix;
}

/** A mixture layer: K experts, one gate weight vector per expert (K x d) and a shared bias. */
export interface CrossLayerMix {
  readonly experts: readonly LowRankExpert[];
  readonly gates: Matrix;
  readonly b: Vector;
}

/**
 * DCN-V2's mixture of low-rank experts (Wang et al. 2021, DCN-Mix):
 *   x_{l+1} = sum_i G_i(x_l) E_i(x_l) + x_l,  E_i(x_l) = x0 ⊙ (U_i g(C_i g(V_i^T x_l)) + b),
 * with g = tanh when the expert has a C (Eq. 4) and no C and no g otherwise (Eq. 3). The paper
 * leaves the gate G_i open (a sigmoid or a softmax, for example); here it is a softmax over the
 * experts of gates_i . x_l, computed by log-sum-exp, so the weights are finite
 * and sum to one for logits of any size. Shapes as in the interfaces; throws a RangeError on bad
 * shapes or overflow.
 */
export function crossLayerMix(x0: Vector, xl: Vector, layer: CrossLayerMix, ops?: OpCounter): number[] {
  const d = x0.length;
  checkLength(xl, d, 'crossLayerMix: x_l');
  checkLength(layer.b, d, 'crossLayerMix: b');
  const K = layer.experts.length;
  if (K === 0 || layer.gates.length !== K)
    throw new RangeError(`crossLayerMix: need one gate per expert (${layer.gates.length} gates, ${K} experts)`);
  const logits = layer.gates.map((g, i) => {
    checkLength(g, d, `crossLayerMix: gate ${i}`);
    return dot(g, xl);
  });
  const max = Math.max(...logits);
  const logZ = max + Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0));
  const out = [...xl];
  layer.experts.forEach(({ U, V, C }, i) => {
    const r = V[0]?.length ?? 0;
    if (U.length !== d || V.length !== d) throw new RangeError(`crossLayerMix: expert ${i} needs U and V with d rows`);
    let z = Array.from({ length: r }, (_, k) => V.reduce((s, row, j) => s + row[k]! * xl[j]!, 0));
    if (C) z = C.map((row) => Math.tanh(dot(row, z.map(Math.tanh))));
    const gate = Math.exp(logits[i]! - logZ);
    for (let j = 0; j < d; j++) out[j]! += gate * x0[j]! * (dot(U[j]!, z) + layer.b[j]!);
    if (ops) ops.mults += 2 * d * r + (C ? r * r : 0) + 3 * d; // V^T x, (C), U z, x0 ⊙, gate weight, gate logit
  });
  return finite(out, 'crossLayerMix');
}
// #endregion

// #region structures
/** A dense layer y = W x + b (W is out x in). */
export interface DenseLayer {
  readonly W: Matrix;
  readonly b: Vector;
}

/** An MLP with ReLU after every layer (the deep network of DCN-V2). */
export function mlp(x: Vector, layers: readonly DenseLayer[]): number[] {
  return layers.reduce<number[]>((h, { W, b }) => W.map((row, i) => Math.max(0, dot(row, h) + b[i]!)), [...x]);
}

/**
 * The two ways DCN-V2 combines its networks (Wang et al. 2021, Figure 1): stacked feeds
 * the cross network's output to the MLP, parallel runs both on x0 and concatenates. The logit is
 * w . (that output). cross holds full-rank layers; w must match the output width.
 */
export function dcnV2Logit(
  x0: Vector,
  cross: readonly CrossLayerV2[],
  deep: readonly DenseLayer[],
  w: Vector,
  structure: 'stacked' | 'parallel',
): number {
  let xc: number[] = [...x0];
  for (const layer of cross) xc = crossLayerV2(x0, xc, layer);
  const h = structure === 'stacked' ? mlp(xc, deep) : [...xc, ...mlp(x0, deep)];
  checkLength(w, h.length, `dcnV2Logit (${structure}): w`);
  return dot(w, h);
}
// #endregion

// #region cost
/**
 * Parameters per layer, to compare the forms at input width d, rank r and K experts: 2d (DCN),
 * d^2 + d (DCN-V2), 2dr + d (low rank), K(2dr + d) + d for the mixture (K gate vectors and one
 * bias), plus K r^2 with the non-linear C. Throws a RangeError for r <= 0 or K <= 0 where needed.
 */
export function crossLayerParams(
  d: number,
  kind: 'v1' | 'v2' | 'v2-low-rank' | 'v2-mix' | 'v2-mix-nonlinear',
  r = 0,
  K = 1,
): number {
  if (kind === 'v1') return 2 * d;
  if (kind === 'v2') return d * d + d;
  if (r <= 0) throw new RangeError(`crossLayerParams: rank r must be positive, got ${r}`);
  if (kind === 'v2-low-rank') return 2 * d * r + d;
  if (K <= 0) throw new RangeError(`crossLayerParams: the number of experts K must be positive, got ${K}`);
  return K * (2 * d * r + d) + d + (kind === 'v2-mix-nonlinear' ? K * r * r : 0);
}

/** Multiplications per layer and example, as the instrumented functions above count them. */
export function crossLayerMults(
  d: number,
  kind: 'v1' | 'v2' | 'v2-low-rank' | 'v2-mix' | 'v2-mix-nonlinear',
  r = 0,
  K = 1,
): number {
  if (kind === 'v1') return 2 * d;
  if (kind === 'v2') return d * d + d;
  if (kind === 'v2-low-rank') return 2 * d * r + d;
  return K * (2 * d * r + 3 * d + (kind === 'v2-mix-nonlinear' ? r * r : 0));
}
// #endregion
