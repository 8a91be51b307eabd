import { describe, expect, it } from 'vitest';
import {
  fastMults,
  fmPredict,
  naiveMults,
  pairwiseFast,
  pairwiseGradient,
  pairwiseNaive,
  type OpCounter,
} from '../../../content/snippets/ranking/fm.ts';
import { mulberry32, normal, randomInt } from '../../../content/snippets/shared/random.ts';

// n = 3 features, k = 2: v1 = (1, 2), v2 = (3, -1), v3 = (0, 1); x = (1, 2, 0.5)
const V = [
  [1, 2],
  [3, -1],
  [0, 1],
];
const x = [1, 2, 0.5];

describe('pairwise interaction', () => {
  it('naive: the hand case pair by pair', () => {
    // <v1,v2> x1 x2 = (3 - 2) * 1 * 2 = 2
    // <v1,v3> x1 x3 = (0 + 2) * 1 * 0.5 = 1
    // <v2,v3> x2 x3 = (0 - 1) * 2 * 0.5 = -1      total = 2
    expect(pairwiseNaive(x, V)).toBe(2);
  });

  it('fast: the same hand case by the identity', () => {
    // f = 1: sum = 1 + 6 + 0 = 7, squares = 1 + 36 + 0 = 37 -> 49 - 37 = 12
    // f = 2: sum = 2 - 2 + 0.5 = 0.5, squares = 4 + 4 + 0.25 = 8.25 -> 0.25 - 8.25 = -8
    // 1/2 (12 - 8) = 2
    expect(pairwiseFast(x, V)).toBe(2);
  });

  it('property: naive and fast agree on seeded random inputs', () => {
    const rng = mulberry32(99);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + randomInt(rng, 30);
      const k = 1 + randomInt(rng, 8);
      // sparse-ish x, as in one-hot CTR data: about half the features are zero
      const xs = Array.from({ length: n }, () => (rng() < 0.5 ? 0 : normal(rng)));
      const Vs = Array.from({ length: n }, () => Array.from({ length: k }, () => normal(rng)));
      const a = pairwiseNaive(xs, Vs);
      expect(pairwiseFast(xs, Vs)).toBeCloseTo(a, 9);
    }
  });

  it('gives a weight to a pair never seen together (the point of factorising)', () => {
    // features 0 and 1 never co-occur in training, yet their interaction is <v0, v1> = 1 * 3 + 2 * -1 = 1
    expect(pairwiseFast([1, 1, 0], V)).toBe(1);
  });
});

describe('operation counts', () => {
  it('the instrumented code performs exactly naiveMults and fastMults multiplications', () => {
    for (const [n, k] of [
      [1, 1],
      [2, 3],
      [3, 2],
      [10, 4],
      [37, 8],
    ] as const) {
      const rng = mulberry32(n * 100 + k);
      const xs = Array.from({ length: n }, () => normal(rng));
      const Vs = Array.from({ length: n }, () => Array.from({ length: k }, () => normal(rng)));
      const a: OpCounter = { mults: 0 };
      const b: OpCounter = { mults: 0 };
      pairwiseNaive(xs, Vs, a);
      pairwiseFast(xs, Vs, b);
      expect(a.mults).toBe(naiveMults(n, k));
      expect(b.mults).toBe(fastMults(n, k));
    }
    // hand: n = 3, k = 2 -> naive 3 pairs * 4 = 12; fast 2 * (2*3 + 1) + 1 = 15
    expect(naiveMults(3, 2)).toBe(12);
    expect(fastMults(3, 2)).toBe(15);
    // with k = 2 the fast form wins from n = 4 on (naive 24 vs fast 19); for large n the ratio is
    // about (k + 2) n / (4k): n = 100, k = 8 gives 49500 / 1609 = 30.8
    expect(naiveMults(4, 2)).toBe(24);
    expect(fastMults(4, 2)).toBe(19);
    expect(naiveMults(100, 8) / fastMults(100, 8)).toBeGreaterThan(30);
  });
});

describe('fmPredict', () => {
  it('adds bias, linear and pairwise terms', () => {
    // w0 = 0.5, w = (1, -1, 2): 0.5 + (1 - 2 + 1) + 2 = 2.5
    expect(fmPredict(x, { w0: 0.5, w: [1, -1, 2], V })).toBeCloseTo(2.5, 12);
  });

  it('reduces to biased matrix factorisation for a one-hot user and a one-hot item', () => {
    // features: users u0, u1, then items i0, i1, i2; x = one-hot(u1) + one-hot(i2)
    const rng = mulberry32(8);
    const Vs = Array.from({ length: 5 }, () => [normal(rng), normal(rng), normal(rng)]);
    const w = [0.1, 0.2, 0.3, 0.4, 0.5];
    const xs = [0, 1, 0, 0, 1];
    const mf = 0.7 + w[1]! + w[4]! + Vs[1]!.reduce((s, v, f) => s + v * Vs[4]![f]!, 0);
    expect(fmPredict(xs, { w0: 0.7, w, V: Vs })).toBeCloseTo(mf, 12);
  });

  it('pairwiseGradient matches central finite differences', () => {
    const rng = mulberry32(31);
    const xs = Array.from({ length: 6 }, () => normal(rng));
    const Vs = Array.from({ length: 6 }, () => Array.from({ length: 3 }, () => normal(rng)));
    const g = pairwiseGradient(xs, Vs);
    const h = 1e-6;
    for (let i = 0; i < 6; i++) {
      for (let f = 0; f < 3; f++) {
        const plus = Vs.map((row) => [...row]);
        const minus = Vs.map((row) => [...row]);
        plus[i]![f]! += h;
        minus[i]![f]! -= h;
        const numeric = (pairwiseNaive(xs, plus) - pairwiseNaive(xs, minus)) / (2 * h);
        expect(g[i]![f]).toBeCloseTo(numeric, 5);
      }
    }
  });

  it('rejects mismatched shapes', () => {
    expect(() => pairwiseFast([1, 2], [[1]])).toThrow(/one row per feature/);
    expect(() => pairwiseNaive([1, 2], [[1], [1, 2]])).toThrow(/same length/);
    expect(() => fmPredict([1, 2], { w0: 0, w: [1], V: [[1], [1]] })).toThrow(/one weight per feature/);
  });
});
