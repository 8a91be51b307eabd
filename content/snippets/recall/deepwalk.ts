/**
 * DeepWalk: truncated uniform random walks over a graph, turned into skip-gram training pairs.
 *
 * The graph is an undirected adjacency list: `adj[v]` lists the neighbours of node `v`, and each
 * undirected edge appears in both lists. Nodes are the integers 0..n-1.
 */
import { randomInt, shuffle, type Rng } from '../shared/random.ts';

/** Undirected adjacency list: `adj[v]` are the neighbours of `v` (an edge u-v is listed in both). */
export type Adjacency = readonly (readonly number[])[];

/** Build an undirected adjacency list from an edge list, rejecting self-loops and bad ids. */
export function adjacencyFromEdges(n: number, edges: readonly (readonly [number, number])[]): number[][] {
  if (!Number.isInteger(n) || n <= 0)
    throw new RangeError(`adjacencyFromEdges: n must be a positive integer, got ${n}`);
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= n || b >= n) {
      throw new RangeError(`adjacencyFromEdges: edges must join nodes in 0..${n - 1}, got ${a}-${b}`);
    }
    if (a === b) throw new RangeError(`adjacencyFromEdges: edges must not be self-loops, got ${a}-${b}`);
    adj[a]!.push(b);
    adj[b]!.push(a);
  }
  return adj;
}

// #region walk
/**
 * One truncated random walk of `length` nodes from `start`: each step moves to a neighbour of the
 * current node chosen uniformly. Nodes may repeat; a walk that reaches a node with no neighbours
 * stops early, since there is nowhere to go.
 */
export function randomWalk(adj: Adjacency, start: number, length: number, rng: Rng): number[] {
  if (!Number.isInteger(length) || length < 1)
    throw new RangeError(`randomWalk: length must be a positive integer, got ${length}`);
  if (!Number.isInteger(start) || start < 0 || start >= adj.length) {
    throw new RangeError(`randomWalk: start must be a node in 0..${adj.length - 1}, got ${start}`);
  }
  const walk = [start];
  let current = start;
  while (walk.length < length) {
    const neighbours = adj[current]!;
    if (neighbours.length === 0) break;
    current = neighbours[randomInt(rng, neighbours.length)]!;
    walk.push(current);
  }
  return walk;
}

/**
 * The DeepWalk corpus: `walksPerNode` passes; each pass visits the nodes in a fresh random order
 * (so no node is always first to update its vector) and starts one walk at each of them.
 */
export function deepWalkCorpus(adj: Adjacency, walksPerNode: number, walkLength: number, rng: Rng): number[][] {
  if (!Number.isInteger(walksPerNode) || walksPerNode < 1) {
    throw new RangeError(`deepWalkCorpus: walksPerNode must be a positive integer, got ${walksPerNode}`);
  }
  const nodes = adj.map((_, v) => v);
  const walks: number[][] = [];
  for (let pass = 0; pass < walksPerNode; pass++) {
    for (const v of shuffle(rng, nodes)) walks.push(randomWalk(adj, v, walkLength, rng));
  }
  return walks;
}
// #endregion

// #region pairs
/**
 * Skip-gram (centre, context) pairs from one walk: every node within `window` positions of the
 * centre, on either side. This is exactly what word2vec does with a sentence.
 */
export function skipGramPairs(walk: readonly number[], window: number): [number, number][] {
  if (!Number.isInteger(window) || window < 1)
    throw new RangeError(`skipGramPairs: window must be a positive integer, got ${window}`);
  const pairs: [number, number][] = [];
  for (let i = 0; i < walk.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(walk.length - 1, i + window);
    for (let j = lo; j <= hi; j++) if (j !== i) pairs.push([walk[i]!, walk[j]!]);
  }
  return pairs;
}
// #endregion

// #region stationary
/**
 * The stationary distribution of the uniform walk on a connected undirected graph:
 * pi(v) = deg(v) / (2|E|). Long walks visit each node this often, so high-degree nodes
 * dominate the corpus just as frequent words dominate a text.
 */
export function stationaryDistribution(adj: Adjacency): number[] {
  const twiceEdges = adj.reduce((s, nb) => s + nb.length, 0);
  if (twiceEdges === 0) throw new RangeError('stationaryDistribution: adj must contain at least one edge');
  return adj.map((nb) => nb.length / twiceEdges);
}
// #endregion

/** How often each node 0..n-1 appears across the walks, as fractions of all visits. */
export function visitFrequencies(walks: readonly (readonly number[])[], n: number): number[] {
  const counts = new Array<number>(n).fill(0);
  let total = 0;
  for (const walk of walks) {
    for (const v of walk) {
      counts[v]! += 1;
      total += 1;
    }
  }
  if (total === 0) throw new RangeError('visitFrequencies: walks must contain at least one node');
  return counts.map((c) => c / total);
}
