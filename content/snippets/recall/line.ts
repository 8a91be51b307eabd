/**
 * LINE (Tang et al., WWW 2015): node embeddings that preserve first-order proximity (edge
 * weights between two nodes) and second-order proximity (shared neighbourhoods). Nodes are the
 * integers 0..n-1; an edge carries a positive weight.
 */
import { buildAlias, drawAlias, type AliasTable } from './alias.ts';
import type { Rng } from '../shared/random.ts';

/** A weighted edge. For second-order LINE an undirected edge is listed once in each direction. */
export interface Edge {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function dot(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new RangeError('dot: vectors must have the same length');
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

// #region proximity
/** First order: p1(v_i, v_j) = sigma(u_i . u_j), one vector u per node. */
export function firstOrderProbability(ui: readonly number[], uj: readonly number[]): number {
  return sigmoid(dot(ui, uj));
}

/**
 * Second order: p2(v_j | v_i) = exp(u'_j . u_i) / sum_k exp(u'_k . u_i), where u'_k is node k's
 * separate *context* vector and the sum runs over every node. Returns the whole distribution.
 */
export function secondOrderDistribution(ui: readonly number[], contexts: readonly (readonly number[])[]): number[] {
  const scores = contexts.map((c) => dot(c, ui));
  const max = Math.max(...scores); // shift for stability; the ratios are unchanged
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}
// #endregion

// #region empirical
/** The empirical first-order distribution over edges: w_ij / W, W the total edge weight. */
export function empiricalFirstOrder(edges: readonly Edge[]): number[] {
  const total = edges.reduce((s, e) => s + e.weight, 0);
  if (!(total > 0)) throw new RangeError('empiricalFirstOrder: edges must have positive total weight');
  return edges.map((e) => e.weight / total);
}

/** Weighted out-degree d_i = sum_j w_ij of every node. */
export function outDegrees(edges: readonly Edge[], n: number): number[] {
  const d = new Array<number>(n).fill(0);
  for (const e of edges) {
    if (!(e.weight > 0)) throw new RangeError(`outDegrees: edge weights must be positive, got ${e.weight}`);
    if (d[e.from] === undefined || e.to < 0 || e.to >= n)
      throw new RangeError(`outDegrees: edge ${e.from}->${e.to} leaves 0..${n - 1}`);
    d[e.from]! += e.weight;
  }
  return d;
}

/** The empirical second-order distributions: row i is p^2(. | v_i) = w_ij / d_i. */
export function empiricalSecondOrder(edges: readonly Edge[], n: number): number[][] {
  const d = outDegrees(edges, n);
  const rows = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const e of edges) rows[e.from]![e.to]! += e.weight / d[e.from]!;
  return rows;
}
// #endregion

// #region objectives
/** O1 = -sum_{(i,j) in E} w_ij log p1(v_i, v_j): KL to w_ij / W, up to scale and a constant. */
export function firstOrderObjective(edges: readonly Edge[], emb: readonly (readonly number[])[]): number {
  return edges.reduce((s, e) => s - e.weight * Math.log(firstOrderProbability(emb[e.from]!, emb[e.to]!)), 0);
}

/** O2 = -sum_{(i,j) in E} w_ij log p2(v_j | v_i). */
export function secondOrderObjective(
  edges: readonly Edge[],
  emb: readonly (readonly number[])[],
  ctx: readonly (readonly number[])[],
): number {
  return edges.reduce((s, e) => s - e.weight * Math.log(secondOrderDistribution(emb[e.from]!, ctx)[e.to]!), 0);
}

/** sum_i d_i KL(p^2(. | v_i) || p2(. | v_i)): the form O2 is derived from. */
export function weightedSecondOrderKL(
  edges: readonly Edge[],
  emb: readonly (readonly number[])[],
  ctx: readonly (readonly number[])[],
): number {
  const n = emb.length;
  const d = outDegrees(edges, n);
  const target = empiricalSecondOrder(edges, n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (d[i] === 0) continue; // a node without out-edges has no empirical distribution
    const model = secondOrderDistribution(emb[i]!, ctx);
    target[i]!.forEach((p, j) => {
      if (p > 0) total += d[i]! * p * Math.log(p / model[j]!);
    });
  }
  return total;
}
// #endregion

// #region noise
/** Negative-sampling distribution P_n(v) proportional to d_v^0.75 (word2vec's unigram^0.75). */
export function noiseDistribution(degrees: readonly number[], power = 0.75): number[] {
  const powered = degrees.map((d) => {
    if (!(d >= 0)) throw new RangeError(`noiseDistribution: degrees must be >= 0, got ${d}`);
    return d ** power;
  });
  const total = powered.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('noiseDistribution: degrees must not all be 0');
  return powered.map((p) => p / total);
}
// #endregion

// #region sgns
/**
 * The negative-sampling loss of one sampled edge (i, j):
 *   -log sigma(t_j . u_i) - sum_n log sigma(-t_n . u_i),
 * with t the context vectors (second order) or the node vectors themselves (first order).
 */
export function lineEdgeLoss(
  ui: readonly number[],
  target: readonly number[],
  negatives: readonly (readonly number[])[],
): number {
  let loss = -Math.log(sigmoid(dot(target, ui)));
  for (const t of negatives) loss -= Math.log(sigmoid(-dot(t, ui)));
  return loss;
}
// #endregion

// #region train
/**
 * LINE by asynchronous SGD with edge sampling: draw an edge with probability proportional to its
 * weight (alias table, O(1) per draw) and treat it as weight 1, so a heavy edge is seen more often
 * instead of multiplying the gradient. Second order scores a neighbour by its context vector;
 * first order by its node vector (so `ctx` is `emb`). The learning rate decays linearly.
 */
export function trainLine(
  n: number,
  edges: readonly Edge[],
  opts: { order: 1 | 2; dim: number; steps: number; negatives: number; lr: number; rng: Rng },
): { emb: number[][]; ctx: number[][] } {
  const { order, dim, steps, negatives, lr, rng } = opts;
  const edgeTable: AliasTable = buildAlias(edges.map((e) => e.weight));
  const noiseTable: AliasTable = buildAlias(noiseDistribution(outDegrees(edges, n)));
  const emb = Array.from({ length: n }, () => Array.from({ length: dim }, () => (rng() - 0.5) / dim));
  const ctx = order === 1 ? emb : Array.from({ length: n }, () => new Array<number>(dim).fill(0));
  for (let t = 0; t < steps; t++) {
    const rate = lr * Math.max(1 - t / steps, 1e-4);
    const edge = edges[drawAlias(edgeTable, rng)]!;
    const ui = emb[edge.from]!;
    const grad = new Array<number>(dim).fill(0);
    // Label 1 for the sampled neighbour, 0 for each noise node.
    const targets: [number, number][] = [[edge.to, 1]];
    for (let k = 0; k < negatives; k++) targets.push([drawAlias(noiseTable, rng), 0]);
    for (const [node, label] of targets) {
      const c = ctx[node]!;
      const g = rate * (label - sigmoid(dot(c, ui)));
      for (let d = 0; d < dim; d++) {
        grad[d]! += g * c[d]!;
        c[d]! += g * ui[d]!;
      }
    }
    for (let d = 0; d < dim; d++) ui[d]! += grad[d]!;
  }
  return { emb, ctx };
}
// #endregion

export function cosine(x: readonly number[], y: readonly number[]): number {
  return dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));
}
