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

  it('rejects mismatched shapes and non-finite input', () => {
    expect(() => pairwiseFast([1, 2], [[1]])).toThrow(/one row per feature/);
    expect(() => pairwiseNaive([1, 2], [[1], [1, 2]])).toThrow(/same length/);
    expect(() => fmPredict([1, 2], { w0: 0, w: [1], V: [[1], [1]] })).toThrow(/one weight per feature/);
    expect(() => pairwiseFast([1, Number.NaN], [[1], [1]])).toThrow(/x must contain finite/);
    expect(() => pairwiseGradient([1, 1], [[1], [Infinity]])).toThrow(/V must contain finite/);
  });
});

describe('extreme magnitudes', () => {
  const two = [[1], [1]]; // k = 1, v_1 = v_2 = 1: the pairwise term is x_1 x_2

  it('tiny inputs: the same answer as the pair loop, down to underflow', () => {
    // x = (1e-150, 1e-150): the term 1e-300 is representable; t_i^2 = 1e-300 too
    expect(pairwiseFast([1e-150, 1e-150], two)).toBeCloseTo(1e-300, 310);
    expect(pairwiseFast([1e-150, 1e-150], two) / 1e-300).toBeCloseTo(1, 12);
    // x = (1e-200, 1e-200): the exact term 1e-400 underflows to 0 in both forms
    expect(pairwiseFast([1e-200, 1e-200], two)).toBe(0);
    expect(pairwiseNaive([1e-200, 1e-200], two)).toBe(0);
    // tiny x with large factors: t = v x = 1 exactly representable, so nothing is lost
    expect(pairwiseFast([1e-200, 1e-200], [[1e200], [1e200]])).toBeCloseTo(1, 12);
  });

  it('huge inputs: finite where the answer is finite, a RangeError where it overflows', () => {
    // x = (1e150, 1e-150) with unit factors: the term is 1; the squares stay below 1e300
    expect(pairwiseFast([1e150, 1e-150], two)).toBe(0); // lost to cancellation: see the next test
    expect(pairwiseNaive([1e150, 1e-150], two)).toBeCloseTo(1, 12);
    // x = (1e200, 1e200): the term 1e400 exceeds the double range; naively Inf - Inf = NaN
    expect(() => pairwiseFast([1e200, 1e200], two)).toThrow(RangeError);
    expect(() => pairwiseFast([1e200, 1e200], two)).toThrow(/overflows a double; rescale x or V/);
    expect(() => pairwiseNaive([1e200, 1e200], two)).toThrow(/overflows/);
    expect(() => pairwiseGradient([1e200, 1e200], two)).toThrow(/overflows/);
    expect(() => fmPredict([1e200, 1e200], { w0: 0, w: [0, 0], V: two })).toThrow(/overflows/);
  });

  it('two terms a factor 1e8 apart: the identity keeps 8 digits of their pair term, the loop all', () => {
    // t = (1e4, 1e-4): the pair term is 1; (sum t)^2 - sum t^2 subtracts numbers near 1e8, whose
    // spacing is 1.5e-8, so about 1e8 unit roundoffs of error remain (7.5e-9 measured)
    const err = Math.abs(pairwiseFast([1e4, 1e-4], two) - 1);
    expect(err).toBeGreaterThan(1e-9);
    expect(err).toBeLessThan(1e-7);
    // the value the page quotes: 7.5e-9 (it is 2^-27, half the spacing of doubles near 1e8 over 1)
    expect(err).toBeCloseTo(7.5e-9, 10);
    expect(pairwiseNaive([1e4, 1e-4], two)).toBe(1);
  });

  it('the identity is accurate to about 1e-16 times sum_f (sum_i |t_if|)^2, not times the result', () => {
    // The subtraction (sum t)^2 - sum t^2 cancels: its rounding error scales with the squares. The
    // pair loop has no such cancellation. Property on seeded inputs whose scales span 1e-6..1e6.
    const rng = mulberry32(2010);
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + randomInt(rng, 20);
      const k = 1 + randomInt(rng, 4);
      const xs = Array.from({ length: n }, () => normal(rng) * 10 ** (12 * rng() - 6));
      const Vs = Array.from({ length: n }, () => Array.from({ length: k }, () => normal(rng)));
      let scale = 0;
      for (let f = 0; f < k; f++) scale += xs.reduce((s, xi, i) => s + Math.abs(Vs[i]![f]! * xi), 0) ** 2;
      const err = Math.abs(pairwiseFast(xs, Vs) - pairwiseNaive(xs, Vs));
      // bound: 4(n + 1) unit roundoffs of 1.1e-16 on the scale; it covers the rounding of both forms
      // (the random-sign errors of the pair loop stay far below its worst case)
      expect(err).toBeLessThanOrEqual(4 * (n + 1) * 1.1e-16 * scale);
    }
  });

  it('the gradient stays finite at tiny and large x where the answer is finite', () => {
    // n = 2, k = 1, v = (1, 1): d/dv_i of v_1 v_2 x_1 x_2 is x_1 x_2 for both i
    expect(pairwiseGradient([1e-150, 1e-150], two)[0]![0]! / 1e-300).toBeCloseTo(1, 12);
    // x = (1e155, 1e150): the gradient is 1e305, but x_i * sum_j v_j x_j = 1e310 overflows, so the
    // textbook form x_i S - v_i x_i^2 gives Inf - Inf = NaN; x_i (S - v_i x_i) does not
    const g = pairwiseGradient([1e155, 1e150], two);
    expect(g[0]![0]! / 1e305).toBeCloseTo(1, 9);
    expect(g[1]![0]! / 1e305).toBeCloseTo(1, 9);
    const textbook = 1e155 * (1e155 + 1e150) - 1e155 * 1e155;
    expect(Number.isNaN(textbook)).toBe(true);
  });
});
