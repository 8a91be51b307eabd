/**
 * node2vec (Grover & Leskovec, KDD 2016, arXiv 1607.00653, §3.2): a second-order random walk
 * whose next step depends on the node it just came from, tuned by a return parameter p and an
 * in-out parameter q. The graph is undirected and weighted: `graph[v]` maps each neighbour of v to
 * the edge weight (positive and finite).
 */
import { buildAlias, drawAlias, type AliasTable } from './alias.ts';
import type { Rng } from '../shared/random.ts';

/** `graph[v].get(x)` is the weight of edge v-x; both directions are stored. */
export type WeightedGraph = readonly ReadonlyMap<number, number>[];

/** Build a weighted undirected graph on nodes 0..n-1 from [a, b] or [a, b, weight] edges. */
export function weightedGraph(
  n: number,
  edges: readonly (readonly [number, number, number?])[],
): Map<number, number>[] {
  const graph = Array.from({ length: n }, () => new Map<number, number>());
  for (const [a, b, w = 1] of edges) {
    if (a === b || graph[a] === undefined || graph[b] === undefined) {
      throw new RangeError(`weightedGraph: edge ${a}-${b} must join two different nodes in 0..${n - 1}`);
    }
    if (!(w > 0 && Number.isFinite(w)))
      throw new RangeError(`weightedGraph: weight of edge ${a}-${b} must be positive and finite, got ${w}`);
    graph[a].set(b, w);
    graph[b].set(a, w);
  }
  return graph;
}

// #region bias
/**
 * The search bias alpha_pq(t, x) (§3.2.2) for a walk that came from t, stands at v and considers a
 * neighbour x of v. d_tx is the hop distance from t to x, which can only be 0, 1 or 2:
 * 1/p to step back to t, 1 to a node that is also t's neighbour, 1/q to move further away.
 */
export function searchBias(graph: WeightedGraph, t: number, x: number, p: number, q: number): number {
  if (x === t) return 1 / p; // d_tx = 0
  if (graph[t]!.has(x)) return 1; // d_tx = 1
  return 1 / q; // d_tx = 2
}

/**
 * The next-step distribution pi(x | t, v) = alpha_pq(t, x) w_vx / Z over the neighbours x of v
 * (§3.2.1, with the unnormalised pi_vx = alpha_pq(t, x) w_vx of §3.2.2). Without a previous node
 * (the first step) it is w_vx / Z, DeepWalk's weighted step. Returns the neighbours of `cur` and
 * their probabilities in the same order; throws a RangeError unless p and q are positive and
 * finite. Computed in logs, log(w_vx / w_max) + log alpha, then a softmax shifted by its largest
 * term: a p of 1e-300 (1/p overflows to Infinity) or weights of 1e308 (their sum overflows) still
 * give the right distribution.
 */
export function nextStepDistribution(
  graph: WeightedGraph,
  prev: number | undefined,
  cur: number,
  p: number,
  q: number,
): { nodes: number[]; probs: number[] } {
  if (!(p > 0 && Number.isFinite(p) && q > 0 && Number.isFinite(q)))
    throw new RangeError(`nextStepDistribution: p and q must be positive and finite, got p=${p}, q=${q}`);
  const nodes = [...graph[cur]!.keys()];
  // log alpha_pq(t, x): searchBias in logs
  const logBias = (x: number): number => {
    if (prev === undefined) return 0; // first step: no bias
    if (x === prev) return -Math.log(p); // d_tx = 0
    return graph[prev]!.has(x) ? 0 : -Math.log(q); // d_tx = 1 or 2
  };
  const wMax = nodes.reduce((m, x) => Math.max(m, graph[cur]!.get(x)!), 0);
  const logScores = nodes.map((x) => Math.log(graph[cur]!.get(x)! / wMax) + logBias(x));
  const max = logScores.reduce((m, s) => Math.max(m, s), -Infinity);
  const scores = logScores.map((s) => Math.exp(s - max)); // the largest is 1
  const z = scores.reduce((a, b) => a + b, 0);
  return { nodes, probs: scores.map((s) => s / z) };
}
// #endregion

// #region walk
/**
 * A walker for fixed p and q. The distribution at (t, v) is the same every time the walk crosses
 * the edge t->v, so it is turned into an alias table once, on first use, and every later step
 * through that edge is an O(1) draw. (The paper precomputes them all: one per directed edge.)
 */
export function node2vecWalker(graph: WeightedGraph, p: number, q: number) {
  const tables = new Map<string, { nodes: number[]; table: AliasTable }>();
  const stepFrom = (prev: number | undefined, cur: number, rng: Rng): number => {
    const key = `${prev ?? ''}>${cur}`;
    let entry = tables.get(key);
    if (entry === undefined) {
      const { nodes, probs } = nextStepDistribution(graph, prev, cur, p, q);
      entry = { nodes, table: buildAlias(probs) };
      tables.set(key, entry);
    }
    return entry.nodes[drawAlias(entry.table, rng)]!;
  };
  return (start: number, length: number, rng: Rng): number[] => {
    if (graph[start] === undefined)
      throw new RangeError(`node2vecWalk: start must be a node in 0..${graph.length - 1}, got ${start}`);
    const walk = [start];
    while (walk.length < length && graph[walk[walk.length - 1]!]!.size > 0) {
      walk.push(stepFrom(walk[walk.length - 2], walk[walk.length - 1]!, rng));
    }
    return walk;
  };
}
// #endregion

/** Classify each step after the first by d_tx: 0 = back to t, 1 = stays at t's distance, 2 = outward. */
export function moveCounts(graph: WeightedGraph, walk: readonly number[]): [number, number, number] {
  const counts: [number, number, number] = [0, 0, 0];
  for (let i = 2; i < walk.length; i++) {
    const t = walk[i - 2]!;
    const x = walk[i]!;
    counts[x === t ? 0 : graph[t]!.has(x) ? 1 : 2] += 1;
  }
  return counts;
}
