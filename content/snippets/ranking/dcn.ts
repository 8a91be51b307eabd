/**
 * The cross layers of Deep & Cross Network (Wang et al., 2017) and DCN-V2 (Wang et al., 2021).
 * Each layer multiplies by the original input x0 once more, so an l-layer stack holds every
 * feature cross up to degree l + 1, at O(d) (DCN) or O(d^2) / O(dr) (DCN-V2) cost per layer.
 */

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
export function crossLayer(x0: Vector, xl: Vector, layer: CrossLayer): number[] {
  const d = x0.length;
  checkLength(xl, d, 'crossLayer: x_l');
  checkLength(layer.w, d, 'crossLayer: w');
  checkLength(layer.b, d, 'crossLayer: b');
  const s = dot(xl, layer.w);
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
export function crossLayerV2(x0: Vector, xl: Vector, layer: CrossLayerV2): number[] {
  const d = x0.length;
  checkLength(xl, d, 'crossLayerV2: x_l');
  checkLength(layer.b, d, 'crossLayerV2: b');
  if (layer.W.length !== d) throw new RangeError(`crossLayerV2: W has ${layer.W.length} rows, expected ${d}`);
  const out = x0.map((x0i, i) => {
    const row = layer.W[i]!;
    checkLength(row, d, `crossLayerV2: W row ${i}`);
    return x0i * (dot(row, xl) + layer.b[i]!) + xl[i]!;
  });
  return finite(out, 'crossLayerV2');
}

/**
 * The low-rank form W = U V^T (U, V are d x r; Wang et al. 2021, Eq. 2): x0 ⊙ (U (V^T x_l) + b) + x_l,
 * O(d r) work.
 * Throws a RangeError on bad shapes or overflow.
 */
export function crossLayerV2LowRank(x0: Vector, xl: Vector, U: Matrix, V: Matrix, b: Vector): number[] {
  const d = x0.length;
  checkLength(xl, d, 'crossLayerV2LowRank: x_l');
  checkLength(b, d, 'crossLayerV2LowRank: b');
  if (U.length !== d || V.length !== d) throw new RangeError('crossLayerV2LowRank: U and V must have d rows');
  const r = V[0]?.length ?? 0;
  // Project x_l down to r numbers first, then back up: never builds the d x d matrix.
  const projected = Array.from({ length: r }, (_, k) => V.reduce((s, row, j) => s + row[k]! * xl[j]!, 0));
  return finite(
    x0.map((x0i, i) => x0i * (dot(U[i]!, projected) + b[i]!) + xl[i]!),
    'crossLayerV2LowRank',
  );
}
// #endregion

/**
 * Parameters per layer, to compare the three forms at input width d and rank r: 2d (DCN),
 * d^2 + d (DCN-V2) and 2dr + d (low rank). Throws a RangeError for r <= 0 in the low-rank form.
 */
export function crossLayerParams(d: number, kind: 'v1' | 'v2' | 'v2-low-rank', r = 0): number {
  if (kind === 'v1') return 2 * d;
  if (kind === 'v2') return d * d + d;
  if (r <= 0) throw new RangeError(`crossLayerParams: rank r must be positive, got ${r}`);
  return 2 * d * r + d;
}
