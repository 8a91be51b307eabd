import { describe, expect, it } from 'vitest';
import {
  bipartiteAdjacency,
  gcnLayer,
  lightGcn,
  matMul,
  normalizedAdjacency,
  type Matrix,
} from '../../../content/snippets/deep-learning/gcn.ts';
import { mulberry32 } from '../../../content/snippets/shared/random.ts';

// path graph 0 - 1 - 2
const PATH: Matrix = [
  [0, 1, 0],
  [1, 0, 1],
  [0, 1, 0],
];

function cycle(n: number): Matrix {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => ((i - j + n) % n === 1 || (j - i + n) % n === 1 ? 1 : 0)),
  );
}

function randomGraph(seed: number, n: number, p: number): Matrix {
  const rng = mulberry32(seed);
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (rng() < p) {
        const w = 1 + Math.floor(rng() * 3); // weighted edges 1..3
        a[i]![j] = w;
        a[j]![i] = w;
      }
  return a;
}

describe('normalised propagation on the 3-node path', () => {
  it('A_hat by hand: degrees with self-loops are 2, 3, 2', () => {
    // A~ = A + I; A_hat[i][j] = A~[i][j] / sqrt(d_i d_j)
    // [1/2, 1/sqrt(6), 0; 1/sqrt(6), 1/3, 1/sqrt(6); 0, 1/sqrt(6), 1/2]
    const r6 = 1 / Math.sqrt(6);
    const expected = [
      [0.5, r6, 0],
      [r6, 1 / 3, r6],
      [0, r6, 0.5],
    ];
    normalizedAdjacency(PATH).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 14)));
  });

  it('one GCN layer with H = [1, 2, 3] and W = [1]', () => {
    // node 0: 1/2*1 + 2/sqrt(6)            = 0.5 + 0.8164966 = 1.3164966
    // node 1: 1/sqrt(6) + 2/3 + 3/sqrt(6)  = 1.6329932 + 0.6666667 = 2.2996598
    // node 2: 2/sqrt(6) + 1/2*3            = 0.8164966 + 1.5 = 2.3164966
    const out = gcnLayer(normalizedAdjacency(PATH), [[1], [2], [3]], [[1]], (x) => x);
    expect(out.map((r) => r[0]!)).toEqual(
      [1.3164965809277263, 2.2996598285221186, 2.3164965809277263].map((v) => expect.closeTo(v, 12)),
    );
  });

  it('applies W then the activation: W = [2, -1] with ReLU keeps 2x and zeroes the negative column', () => {
    const out = gcnLayer(normalizedAdjacency(PATH), [[1], [2], [3]], [[2, -1]]);
    expect(out[0]![0]).toBeCloseTo(2 * 1.3164965809277263, 12);
    expect(out.map((r) => r[1])).toEqual([0, 0, 0]);
  });
});

describe('symmetric normalisation properties', () => {
  it('A_hat is symmetric and D~^(1/2) 1 is an eigenvector with eigenvalue 1', () => {
    const a = randomGraph(5, 9, 0.35);
    const aHat = normalizedAdjacency(a);
    aHat.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(aHat[j]![i]!, 15)));
    // A_hat D~^(1/2) 1 = D~^(-1/2) A~ 1 = D~^(-1/2) d = D~^(1/2) 1
    const sqrtDeg = a.map((row) => [Math.sqrt(row.reduce((s, v) => s + v, 0) + 1)]);
    const image = matMul(aHat, sqrtDeg);
    image.forEach((r, i) => expect(r[0]).toBeCloseTo(sqrtDeg[i]![0]!, 12));
  });

  it('no eigenvalue exceeds 1: repeated propagation stays bounded (power iteration)', () => {
    const aHat = normalizedAdjacency(randomGraph(6, 12, 0.3));
    const rng = mulberry32(1);
    let v: Matrix = aHat.map(() => [rng() - 0.5]);
    const norm0 = Math.hypot(...v.map((r) => r[0]!));
    for (let k = 0; k < 200; k++) v = matMul(aHat, v);
    expect(Math.hypot(...v.map((r) => r[0]!))).toBeLessThanOrEqual(norm0 + 1e-9);
  });

  it('on a k-regular graph every row sums to 1: A_hat = (A + I)/(k + 1) averages a node with its neighbours', () => {
    const aHat = normalizedAdjacency(cycle(6)); // 2-regular
    for (const row of aHat) {
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
      for (const v of row) if (v !== 0) expect(v).toBeCloseTo(1 / 3, 14);
    }
  });

  it('on a non-regular graph rows do not sum to 1 (it is not a random-walk average)', () => {
    const sums = normalizedAdjacency(PATH).map((row) => row.reduce((s, v) => s + v, 0));
    expect(sums[0]).toBeCloseTo(0.5 + 1 / Math.sqrt(6), 12); // 0.908
    expect(sums[1]).toBeCloseTo(1 / 3 + 2 / Math.sqrt(6), 12); // 1.150
  });

  it('rejects a directed or negative adjacency', () => {
    expect(() =>
      normalizedAdjacency([
        [0, 1],
        [0, 0],
      ]),
    ).toThrow(/symmetric/);
    expect(() =>
      normalizedAdjacency([
        [0, -1],
        [-1, 0],
      ]),
    ).toThrow(/>= 0/);
  });
});

describe('LightGCN', () => {
  it('hand case: one user who clicked two items, K = 2', () => {
    // nodes: user 0, items 1 and 2; degrees 2, 1, 1; A_hat[0][1] = A_hat[0][2] = 1/sqrt(2)
    // E0 = [1, 2, 4]
    // E1 = [(2 + 4)/sqrt(2), 1/sqrt(2), 1/sqrt(2)] = [4.2426407, 0.7071068, 0.7071068]
    // E2 = [(0.7071 + 0.7071)/sqrt(2), 4.2426/sqrt(2), 4.2426/sqrt(2)] = [1, 3, 3]
    // final = (E0 + E1 + E2)/3 = [2.0808802, 1.9023689, 2.5690356]
    const a = bipartiteAdjacency([[1, 1]]);
    const { final, perLayer } = lightGcn(a, [[1], [2], [4]], 2);
    expect(perLayer[1]!.map((r) => r[0]!)).toEqual(
      [4.242640687119285, 0.7071067811865475, 0.7071067811865475].map((v) => expect.closeTo(v, 12)),
    );
    expect(perLayer[2]!.map((r) => r[0]!)).toEqual([1, 3, 3].map((v) => expect.closeTo(v, 12)));
    expect(final.map((r) => r[0]!)).toEqual(
      [2.0808802290397614, 1.9023689270621824, 2.569035593728849].map((v) => expect.closeTo(v, 12)),
    );
  });

  it('K = 0 returns the learned embeddings; custom alphas pick out one layer', () => {
    const a = bipartiteAdjacency([
      [1, 0, 1],
      [0, 1, 1],
    ]);
    const e0 = [
      [0.1, 0.2],
      [0.3, -0.1],
      [0.5, 0.5],
      [-0.2, 0.4],
      [0.0, 1.0],
    ];
    expect(lightGcn(a, e0, 0).final).toEqual(e0);
    const { final, perLayer } = lightGcn(a, e0, 3, [0, 0, 0, 1]);
    expect(final.flat()).toEqual(perLayer[3]!.flat().map((v) => expect.closeTo(v, 15)));
  });

  it('bipartite adjacency links users only to items', () => {
    const a = bipartiteAdjacency([
      [1, 0],
      [1, 1],
    ]);
    expect(a).toEqual([
      [0, 0, 1, 0],
      [0, 0, 1, 1],
      [1, 1, 0, 0],
      [0, 1, 0, 0],
    ]);
  });
});

describe('extreme edge weights', () => {
  it('normalises edge weights of 1e-200 and 1e200 exactly (the scale of A cancels without self-loops)', () => {
    // path 0 - 1 - 2 with every weight w: degrees (w, 2w, w), entries w / sqrt(w * 2w) = 1/sqrt 2
    for (const w of [1e-200, 1, 1e200]) {
      const a = [
        [0, w, 0],
        [w, 0, w],
        [0, w, 0],
      ];
      const hat = normalizedAdjacency(a, false);
      expect(hat[0]![1]! * Math.SQRT2).toBeCloseTo(1, 14);
      expect(hat[1]![2]! * Math.SQRT2).toBeCloseTo(1, 14);
      expect(hat[0]![0]).toBe(0);
      // the naive 1 / sqrt(d_i d_j) overflows or underflows at these scales
      if (w !== 1) expect(Number.isFinite(w / Math.sqrt(w * 2 * w)) && w / Math.sqrt(w * 2 * w) > 0).toBe(false);
    }
  });

  it('with self-loops, huge weights dominate the loop and tiny ones vanish against it, as the formula says', () => {
    // A~ = A + I for one edge of weight w: degrees 1 + w; off-diagonal w / (1 + w), diagonal 1 / (1 + w)
    for (const w of [1e-200, 1e200]) {
      const hat = normalizedAdjacency([
        [0, w],
        [w, 0],
      ]);
      expect(hat[0]![1]! / (w / (1 + w))).toBeCloseTo(1, 14);
      expect(hat[0]![0]! / (1 / (1 + w))).toBeCloseTo(1, 14);
    }
    expect(() =>
      normalizedAdjacency([
        [0, Infinity],
        [Infinity, 0],
      ]),
    ).toThrow(/finite/);
  });
});
