/**
 * Graph convolution on a small dense graph: the symmetric normalisation of Kipf & Welling's GCN
 * and LightGCN's propagation with layer combination. `A` is a symmetric n x n adjacency matrix
 * (entries >= 0, may be weighted); node features are the rows of H.
 */

export type Matrix = number[][];

function square(a: Matrix, who: string): void {
  const n = a.length;
  if (n === 0) throw new RangeError(`${who}: A must not be empty`);
  a.forEach((row, i) => {
    if (row.length !== n) throw new RangeError(`${who}: A must be square, row ${i} has ${row.length} entries`);
    row.forEach((v, j) => {
      if (!(v >= 0 && v < Infinity)) throw new RangeError(`${who}: A[${i}][${j}] must be finite and >= 0, got ${v}`);
      if (v !== a[j]![i])
        throw new RangeError(`${who}: A must be symmetric (undirected), A[${i}][${j}] != A[${j}][${i}]`);
    });
  });
}

export function matMul(a: Matrix, b: Matrix): Matrix {
  const p = b[0]?.length ?? 0;
  return a.map((row) => {
    if (row.length !== b.length) throw new RangeError(`matMul: a has ${row.length} columns but b has ${b.length} rows`);
    return Array.from({ length: p }, (_, j) => row.reduce((s, v, t) => s + v * b[t]![j]!, 0));
  });
}

// #region normalize
/**
 * D^(-1/2) A D^(-1/2), with self-loops first (A~ = A + I) when `selfLoops` is true as in GCN.
 * Entry (i, j) is A_ij / sqrt(d_i d_j): a message is damped by the degree of both ends, so hubs
 * neither shout (large d_j) nor drown (large d_i). The result is symmetric with largest eigenvalue 1.
 */
export function normalizedAdjacency(a: Matrix, selfLoops = true): Matrix {
  square(a, 'normalizedAdjacency');
  const tilde = a.map((row, i) => row.map((v, j) => v + (selfLoops && i === j ? 1 : 0)));
  const deg = tilde.map((row) => row.reduce((s, v) => s + v, 0));
  const inv = deg.map((d) => (d > 0 ? 1 / Math.sqrt(d) : 0)); // an isolated node keeps a zero row
  // (inv_i * A_ij) * inv_j: each product stays in range for edge weights from 1e-300 to 1e300,
  // where forming sqrt(d_i d_j) first could overflow or underflow
  return tilde.map((row, i) => row.map((v, j) => inv[i]! * v * inv[j]!));
}
// #endregion

// #region gcn-layer
/** One GCN layer: H' = activation(A_hat H W) with A_hat = normalizedAdjacency(A). */
export function gcnLayer(
  aHat: Matrix,
  h: Matrix,
  w: Matrix,
  activation: (x: number) => number = (x) => Math.max(0, x),
): Matrix {
  if (aHat.length !== h.length)
    throw new RangeError(`gcnLayer: A_hat has ${aHat.length} nodes but H has ${h.length} rows`);
  return matMul(matMul(aHat, h), w).map((row) => row.map(activation));
}
// #endregion

// #region lightgcn
/** The (users + items) square adjacency of a bipartite interaction matrix R (users x items). */
export function bipartiteAdjacency(r: Matrix): Matrix {
  const users = r.length;
  const items = r[0]?.length ?? 0;
  const n = users + items;
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  r.forEach((row, u) =>
    row.forEach((v, i) => {
      a[u]![users + i] = v;
      a[users + i]![u] = v;
    }),
  );
  return a;
}

/**
 * LightGCN: E^(k+1) = D^(-1/2) A D^(-1/2) E^(k) with no self-loops, no weight matrix and no
 * non-linearity; the final embedding is sum_k alpha_k E^(k), by default alpha_k = 1/(K+1).
 * Only E^(0) is learned; layer k smooths it over k-hop neighbourhoods.
 */
export function lightGcn(
  a: Matrix,
  e0: Matrix,
  layers: number,
  alphas?: readonly number[],
): { final: Matrix; perLayer: Matrix[] } {
  if (!Number.isInteger(layers) || layers < 0)
    throw new RangeError(`lightGcn: layers must be a non-negative integer, got ${layers}`);
  const weights = alphas ?? new Array<number>(layers + 1).fill(1 / (layers + 1));
  if (weights.length !== layers + 1)
    throw new RangeError(`lightGcn: alphas needs ${layers + 1} entries, got ${weights.length}`);
  const aHat = normalizedAdjacency(a, false);
  const perLayer = [e0];
  for (let k = 0; k < layers; k++) perLayer.push(matMul(aHat, perLayer[k]!));
  const final = e0.map((row, i) => row.map((_, j) => perLayer.reduce((s, e, k) => s + weights[k]! * e[i]![j]!, 0)));
  return { final, perLayer };
}
// #endregion
