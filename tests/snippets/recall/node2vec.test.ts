import { describe, expect, it } from 'vitest';
import {
  moveCounts,
  nextStepDistribution,
  node2vecWalker,
  searchBias,
  weightedGraph,
} from '../../../content/snippets/recall/node2vec.ts';
import { mulberry32, randomInt } from '../../../content/snippets/shared/random.ts';

// The walk came from t = 0 to v = 1. Neighbours of 1: 0 (d_tx = 0), 2 (also joined to 0, d = 1),
// 3 and 4 (not joined to 0, d = 2). Edge 1-3 has weight 2, every other edge weight 1.
const G = weightedGraph(6, [
  [0, 1],
  [0, 2],
  [1, 2],
  [1, 3, 2],
  [1, 4],
  [3, 5],
  [4, 5],
]);

const asMap = ({ nodes, probs }: { nodes: number[]; probs: number[] }) => new Map(nodes.map((x, i) => [x, probs[i]!]));

describe('searchBias', () => {
  it('is 1/p back, 1 at distance one from t, 1/q outward', () => {
    expect(searchBias(G, 0, 0, 4, 0.5)).toBe(0.25);
    expect(searchBias(G, 0, 2, 4, 0.5)).toBe(1);
    expect(searchBias(G, 0, 3, 4, 0.5)).toBe(2);
  });
});

describe('nextStepDistribution', () => {
  it('equals the normalised alpha * w computed by hand', () => {
    // p = 2, q = 0.5: alpha = 1/2, 1, 2, 2 for x = 0, 2, 3, 4; alpha * w = 0.5, 1, 4, 2; Z = 7.5.
    const d = asMap(nextStepDistribution(G, 0, 1, 2, 0.5));
    expect(d.get(0)).toBeCloseTo(0.5 / 7.5, 12); // 1/15
    expect(d.get(2)).toBeCloseTo(1 / 7.5, 12); // 2/15
    expect(d.get(3)).toBeCloseTo(4 / 7.5, 12); // 8/15
    expect(d.get(4)).toBeCloseTo(2 / 7.5, 12); // 4/15
    // p = 0.5, q = 4: alpha = 2, 1, 1/4, 1/4; alpha * w = 2, 1, 0.5, 0.25; Z = 3.75.
    const local = asMap(nextStepDistribution(G, 0, 1, 0.5, 4));
    expect(local.get(0)).toBeCloseTo(8 / 15, 12);
    expect(local.get(2)).toBeCloseTo(4 / 15, 12);
    expect(local.get(3)).toBeCloseTo(2 / 15, 12);
    expect(local.get(4)).toBeCloseTo(1 / 15, 12);
  });

  it('reduces to the weighted DeepWalk step when p = q = 1 or there is no previous node', () => {
    // w = 1, 1, 2, 1 over x = 0, 2, 3, 4; Z = 5
    const expected = new Map([
      [0, 0.2],
      [2, 0.2],
      [3, 0.4],
      [4, 0.2],
    ]);
    for (const d of [nextStepDistribution(G, 0, 1, 1, 1), nextStepDistribution(G, undefined, 1, 3, 0.2)]) {
      for (const [x, pr] of asMap(d)) expect(pr).toBeCloseTo(expected.get(x)!, 12);
    }
  });

  it('rejects non-positive p or q', () => {
    expect(() => nextStepDistribution(G, 0, 1, 0, 1)).toThrow(/p and q must be positive/);
  });
});

describe('node2vecWalker', () => {
  it('steps out of (t, v) = (0, 1) with the hand-computed frequencies (chi-square, 3 df)', () => {
    const walk = node2vecWalker(G, 2, 0.5);
    const rng = mulberry32(77);
    const counts = new Map<number, number>([
      [0, 0],
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
    let total = 0;
    for (let i = 0; i < 4000; i++) {
      const w = walk(0, 40, rng);
      for (let s = 2; s < w.length; s++) {
        if (w[s - 2] === 0 && w[s - 1] === 1) {
          counts.set(w[s]!, counts.get(w[s]!)! + 1);
          total += 1;
        }
      }
    }
    const expected = new Map([
      [0, 1 / 15],
      [2, 2 / 15],
      [3, 8 / 15],
      [4, 4 / 15],
    ]);
    let chi2 = 0;
    for (const [x, c] of counts) chi2 += (c - total * expected.get(x)!) ** 2 / (total * expected.get(x)!);
    expect(total).toBeGreaterThan(2000);
    expect(chi2).toBeLessThan(16.3); // 99.9% quantile of chi-square with 3 df
  });

  it('only steps along edges, on seeded random graphs', () => {
    const rng = mulberry32(5);
    for (let trial = 0; trial < 10; trial++) {
      const n = 6 + randomInt(rng, 8);
      const edges: [number, number, number][] = [];
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (rng() < 0.35) edges.push([a, b, 0.5 + rng()]);
      const g = weightedGraph(n, edges);
      const w = node2vecWalker(g, 0.25 + 4 * rng(), 0.25 + 4 * rng())(randomInt(rng, n), 30, rng);
      for (let i = 1; i < w.length; i++) expect(g[w[i - 1]!]!.has(w[i]!)).toBe(true);
    }
  });

  it('backtracks more with small p and moves outward more with small q', () => {
    // On this graph a step can go back (d = 0), sideways (d = 1) or outward (d = 2).
    const rng = mulberry32(3);
    const share = (p: number, q: number) => {
      const walk = node2vecWalker(G, p, q);
      const c: [number, number, number] = [0, 0, 0];
      for (let i = 0; i < 300; i++) moveCounts(G, walk(i % 6, 50, rng)).forEach((v, k) => (c[k as 0 | 1 | 2] += v));
      const total = c[0] + c[1] + c[2];
      return c.map((v) => v / total);
    };
    const returning = share(0.1, 1);
    const outward = share(1, 0.1);
    const deepwalk = share(1, 1);
    expect(returning[0]!).toBeGreaterThan(deepwalk[0]! + 0.2);
    expect(outward[2]!).toBeGreaterThan(deepwalk[2]! + 0.1);
  });
});

describe('moveCounts', () => {
  it('classifies steps by the distance from the node two steps back', () => {
    // 0 -> 1 -> 0 (back), 1 -> 0 -> 2 (2 is joined to 1: sideways), 0 -> 2 -> 1 (sideways),
    // 2 -> 1 -> 3 (3 is not joined to 2: outward)
    expect(moveCounts(G, [0, 1, 0, 2, 1, 3])).toEqual([1, 2, 1]);
  });
});
