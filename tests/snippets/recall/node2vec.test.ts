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

  it('rejects non-positive or non-finite p or q', () => {
    expect(() => nextStepDistribution(G, 0, 1, 0, 1)).toThrow(/p and q must be positive and finite/);
    expect(() => nextStepDistribution(G, 0, 1, 1, Infinity)).toThrow(/p and q must be positive and finite/);
    expect(() => nextStepDistribution(G, 0, 1, Number.NaN, 1)).toThrow(/p and q must be positive and finite/);
  });

  it('extreme p, q and weights: the analytic limits, not NaN', () => {
    // p = 1e-300: 1/p overflows nothing here, the walk goes back to t = 0 with probability 1 - 1e-300
    const back = asMap(nextStepDistribution(G, 0, 1, 1e-300, 1));
    expect(back.get(0)).toBe(1);
    // p = 5e-324 (1/p = Infinity in floating point): the same limit
    expect(1 / 5e-324).toBe(Infinity);
    expect(asMap(nextStepDistribution(G, 0, 1, 5e-324, 1)).get(0)).toBe(1);
    // q = 1e-300: the outward moves 3 and 4 take everything, in the ratio of their weights 2 : 1
    const out = asMap(nextStepDistribution(G, 0, 1, 1, 1e-300));
    expect(out.get(3)).toBeCloseTo(2 / 3, 13); // log q = -690: a few digits lost
    expect(out.get(4)).toBeCloseTo(1 / 3, 13);
    // p = q = 1e300: only the sideways move to 2 is left
    expect(asMap(nextStepDistribution(G, 0, 1, 1e300, 1e300)).get(2)).toBeCloseTo(1, 15);
    // weights of 1e308 (their sum overflows): same as weights 2 : 1 : 1
    const big = weightedGraph(4, [
      [0, 1, 1e308],
      [0, 2, 5e307],
      [0, 3, 5e307],
    ]);
    const d = asMap(nextStepDistribution(big, undefined, 0, 1, 1));
    expect(d.get(1)).toBeCloseTo(0.5, 15);
    expect(d.get(2)).toBeCloseTo(0.25, 15);
    // tiny weights keep their ratios
    const tiny = weightedGraph(3, [
      [0, 1, 1e-300],
      [0, 2, 3e-300],
    ]);
    expect(asMap(nextStepDistribution(tiny, undefined, 0, 1, 1)).get(2)).toBeCloseTo(0.75, 15);
    expect(() => weightedGraph(2, [[0, 1, Infinity]])).toThrow(/must be positive and finite/);
  });

  it('equals the naive alpha * w / Z on random weighted graphs', () => {
    const rng = mulberry32(8);
    for (let trial = 0; trial < 30; trial++) {
      const n = 5 + randomInt(rng, 6);
      const edges: [number, number, number][] = [];
      for (let a = 0; a < n; a++)
        for (let b = a + 1; b < n; b++) if (rng() < 0.5) edges.push([a, b, 10 ** (4 * rng() - 2)]);
      const g = weightedGraph(n, edges);
      const [t, v] = edges[0] ? [edges[0][0], edges[0][1]] : [0, 1];
      if (!g[t]!.has(v)) continue;
      const p = 10 ** (2 * rng() - 1);
      const q = 10 ** (2 * rng() - 1);
      const { nodes, probs } = nextStepDistribution(g, t, v, p, q);
      const raw = nodes.map((x) => searchBias(g, t, x, p, q) * g[v]!.get(x)!);
      const z = raw.reduce((a, b) => a + b, 0);
      probs.forEach((pr, i) => expect(pr).toBeCloseTo(raw[i]! / z, 14));
    }
  });
});

describe('node2vecWalker', () => {
  it('steps out of (t, v) = (0, 1) with the hand-computed frequencies (chi-square, 3 df, seeds 1 to 5)', () => {
    const expected = new Map([
      [0, 1 / 15],
      [2, 2 / 15],
      [3, 8 / 15],
      [4, 4 / 15],
    ]);
    // Each crossing of 0 -> 1 draws its next step afresh from the same table, so the counts are
    // multinomial. 16.3 is the 99.9% point: all 5 seeds pass with probability 0.995.
    for (let seed = 1; seed <= 5; seed++) {
      const walk = node2vecWalker(G, 2, 0.5);
      const rng = mulberry32(seed);
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
      let chi2 = 0;
      for (const [x, c] of counts) chi2 += (c - total * expected.get(x)!) ** 2 / (total * expected.get(x)!);
      expect(total).toBeGreaterThan(2000);
      expect(chi2).toBeLessThan(16.3);
    }
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

  it('backtracks more with small p and moves outward more with small q (seeds 1 to 5)', () => {
    // On this graph a step can go back (d = 0), sideways (d = 1) or outward (d = 2). Each share is
    // over 300 walks of 48 steps, 14,400 steps: its sd is under 0.01, far below the margins.
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
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
    }
  });

  it("on the figure's three-community graph, q moves the outward share from most steps to almost none", () => {
    // The graph of the figure: three communities of six nodes (pairs joined with probability 0.6,
    // mulberry32(2016)) and two bridges. With p = 1: q = 1/8 sends about 61% of steps outward,
    // q = 8 about 6% (seeds 1 to 10, 400 walks of 40 nodes each).
    const gr = mulberry32(2016);
    const edges: [number, number][] = [];
    for (let c = 0; c < 3; c++)
      for (let a = 0; a < 6; a++) for (let b = a + 1; b < 6; b++) if (gr() < 0.6) edges.push([6 * c + a, 6 * c + b]);
    edges.push([5, 6], [11, 12]);
    const g = weightedGraph(18, edges);
    const outward = (q: number, seed: number) => {
      const walk = node2vecWalker(g, 1, q);
      const rng = mulberry32(seed);
      const c = [0, 0, 0];
      for (let i = 0; i < 400; i++) moveCounts(g, walk(i % 18, 40, rng)).forEach((v, k) => (c[k]! += v));
      return c[2]! / (c[0]! + c[1]! + c[2]!);
    };
    // The page quotes the pooled shares (about 61% and 6%) and says a single seed is within one
    // percentage point of them; per seed they run 0.601 to 0.612 and 0.059 to 0.067.
    const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
    for (const [q, pooled] of [
      [1 / 8, 0.61],
      [8, 0.06],
    ] as const) {
      const shares = seeds.map((seed) => outward(q, seed));
      const mean = shares.reduce((a, b) => a + b, 0) / shares.length; // equal step counts per seed
      expect(mean.toFixed(2)).toBe(pooled.toFixed(2));
      for (const s of shares) expect(Math.abs(s - mean)).toBeLessThan(0.01);
    }
    for (const seed of seeds) {
      expect(outward(1, seed)).toBeGreaterThan(0.27);
      expect(outward(1, seed)).toBeLessThan(0.3);
    }
  });
});

describe('moveCounts', () => {
  it('classifies steps by the distance from the node two steps back', () => {
    // 0 -> 1 -> 0 (back), 1 -> 0 -> 2 (2 is joined to 1: sideways), 0 -> 2 -> 1 (sideways),
    // 2 -> 1 -> 3 (3 is not joined to 2: outward)
    expect(moveCounts(G, [0, 1, 0, 2, 1, 3])).toEqual([1, 2, 1]);
  });
});
