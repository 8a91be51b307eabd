/**
 * LINE (Tang et al., WWW 2015, arXiv 1503.03578): node embeddings that preserve first-order
 * proximity (edge weights between two nodes; §4.1.1, Eqs. 1-3) and second-order proximity (shared
 * neighbourhoods; §4.1.2, Eqs. 4-6), trained with negative sampling and edge sampling (§4.2).
 * Nodes are the integers 0..n-1; an edge carries a positive finite weight. Vectors are plain
 * arrays of length d.
 */
import { buildAlias, drawAlias, type AliasTable } from './alias.ts';
import type { Rng } from '../shared/random.ts';

/** A weighted edge. For second-order LINE an undirected edge is listed once in each direction. */
export interface Edge {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
}

/** sigma(z) = 1 / (1 + e^-z): 0 or 1 only where the true value rounds to it. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** -log sigma(z) = softplus(-z) = log1p(e^-|z|) + max(-z, 0): finite for every finite z. */
export function negLogSigmoid(z: number): number {
  return Math.log1p(Math.exp(-Math.abs(z))) + Math.max(-z, 0);
}

/** Divide weights by the largest so that their sum cannot overflow; the result sums to 1. */
function normalise(weights: readonly number[]): number[] {
  const max = weights.reduce((m, w) => Math.max(m, w), 0);
  const scaled = weights.map((w) => w / max);
  const total = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((w) => w / total);
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
 * log p2(v_j | v_i) for every node j: a log-softmax of the scores u'_j . u_i, where u'_j is node
 * j's separate *context* vector and the sum runs over every node. Shifting by the largest score
 * leaves the ratios unchanged and keeps every exp in [0, 1], so scores of +-1000 are fine.
 */
export function secondOrderLogDistribution(ui: readonly number[], contexts: readonly (readonly number[])[]): number[] {
  const scores = contexts.map((c) => dot(c, ui));
  const max = scores.reduce((m, s) => Math.max(m, s), -Infinity);
  const logZ = max + Math.log(scores.reduce((a, s) => a + Math.exp(s - max), 0));
  return scores.map((s) => s - logZ);
}

/** Second order: p2(v_j | v_i) = exp(u'_j . u_i) / sum_k exp(u'_k . u_i), the whole distribution. */
export function secondOrderDistribution(ui: readonly number[], contexts: readonly (readonly number[])[]): number[] {
  return secondOrderLogDistribution(ui, contexts).map(Math.exp);
}
// #endregion

// #region empirical
/** The empirical first-order distribution over edges: w_ij / W, W the total edge weight. */
export function empiricalFirstOrder(edges: readonly Edge[]): number[] {
  if (edges.length === 0) throw new RangeError('empiricalFirstOrder: edges must not be empty');
  for (const e of edges)
    if (!(e.weight > 0 && Number.isFinite(e.weight)))
      throw new RangeError(`empiricalFirstOrder: edge weights must be positive and finite, got ${e.weight}`);
  return normalise(edges.map((e) => e.weight));
}

/**
 * Weighted out-degree d_i = sum_j w_ij of every node (n numbers). A degree beyond the double range
 * (~1.8e308) is Infinity; the distributions below never sum raw weights, so they stay exact.
 */
export function outDegrees(edges: readonly Edge[], n: number): number[] {
  const d = new Array<number>(n).fill(0);
  for (const e of edges) {
    if (!(e.weight > 0 && Number.isFinite(e.weight)))
      throw new RangeError(`outDegrees: edge weights must be positive and finite, got ${e.weight}`);
    if (d[e.from] === undefined || e.to < 0 || e.to >= n)
      throw new RangeError(`outDegrees: edge ${e.from}->${e.to} leaves 0..${n - 1}`);
    d[e.from]! += e.weight;
  }
  return d;
}

/** The empirical second-order distributions: row i is p^2(. | v_i) = w_ij / d_i (all 0 if d_i = 0). */
export function empiricalSecondOrder(edges: readonly Edge[], n: number): number[][] {
  outDegrees(edges, n); // validates the edges
  const rows = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const e of edges) rows[e.from]![e.to]! += e.weight;
  // Normalise each row by its largest weight first (as normalise does), so d_i cannot overflow.
  return rows.map((row) => (row.some((w) => w > 0) ? normalise(row) : row));
}
// #endregion

// #region objectives
/**
 * O1 = -sum_{(i,j) in E} w_ij log p1(v_i, v_j) (Eq. 3): KL to w_ij / W, up to scale and a
 * constant. Each term is w_ij softplus(-u_i . u_j), finite for every finite score.
 */
export function firstOrderObjective(edges: readonly Edge[], emb: readonly (readonly number[])[]): number {
  return edges.reduce((s, e) => s + e.weight * negLogSigmoid(dot(emb[e.from]!, emb[e.to]!)), 0);
}

/** O2 = -sum_{(i,j) in E} w_ij log p2(v_j | v_i) (Eq. 6), with the log-softmax above. */
export function secondOrderObjective(
  edges: readonly Edge[],
  emb: readonly (readonly number[])[],
  ctx: readonly (readonly number[])[],
): number {
  return edges.reduce((s, e) => s - e.weight * secondOrderLogDistribution(emb[e.from]!, ctx)[e.to]!, 0);
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
    const logModel = secondOrderLogDistribution(emb[i]!, ctx);
    target[i]!.forEach((p, j) => {
      if (p > 0) total += d[i]! * p * (Math.log(p) - logModel[j]!);
    });
  }
  return total;
}
// #endregion

// #region noise
/**
 * Negative-sampling distribution P_n(v) proportional to d_v^0.75 (§4.2, after Eq. 7; word2vec's
 * unigram^0.75). Each power is taken relative to the largest degree, in logs, so neither huge
 * degrees nor a tiny power can overflow or lose the ratios. A node of degree 0 gets 0 (for
 * power > 0).
 */
export function noiseDistribution(degrees: readonly number[], power = 0.75): number[] {
  if (!(power >= 0 && Number.isFinite(power)))
    throw new RangeError(`noiseDistribution: power must be finite and >= 0, got ${power}`);
  for (const d of degrees)
    if (!(d >= 0 && Number.isFinite(d)))
      throw new RangeError(`noiseDistribution: degrees must be finite and >= 0, got ${d}`);
  const max = degrees.reduce((m, d) => Math.max(m, d), 0);
  if (!(max > 0)) throw new RangeError('noiseDistribution: degrees must not all be 0');
  const powered = degrees.map((d) => (d === 0 ? 0 ** power : Math.exp(power * (Math.log(d) - Math.log(max)))));
  const total = powered.reduce((a, b) => a + b, 0); // at least 1: no overflow
  return powered.map((p) => p / total);
}
// #endregion

// #region sgns
/**
 * The negative-sampling loss of one sampled edge (i, j) (Eq. 7, negated):
 *   -log sigma(t_j . u_i) - sum_n log sigma(-t_n . u_i),
 * with t the context vectors (second order) or the node vectors themselves (first order). Each
 * term is a softplus, so a score of -1000 costs 1000 instead of -log(0) = Infinity.
 */
export function lineEdgeLoss(
  ui: readonly number[],
  target: readonly number[],
  negatives: readonly (readonly number[])[],
): number {
  let loss = negLogSigmoid(dot(target, ui));
  for (const t of negatives) loss += negLogSigmoid(-dot(t, ui));
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

/**
 * Cosine similarity of two vectors of the same length. Each is first divided by its largest
 * absolute entry, so components of 1e-200 (whose squares underflow to 0) or 1e200 (whose squares
 * overflow) give the same answer as moderate ones. Throws for a zero vector.
 */
export function cosine(x: readonly number[], y: readonly number[]): number {
  const unit = (v: readonly number[], name: string) => {
    const m = v.reduce((a, c) => Math.max(a, Math.abs(c)), 0);
    if (!(m > 0 && Number.isFinite(m)))
      throw new RangeError(`cosine: ${name} must be a finite, non-zero vector, got largest entry ${m}`);
    const s = v.map((c) => c / m);
    const norm = Math.sqrt(dot(s, s)); // between 1 and sqrt(d): no overflow or underflow
    return s.map((c) => c / norm);
  };
  return dot(unit(x, 'x'), unit(y, 'y'));
}
