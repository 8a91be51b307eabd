import { describe, expect, it } from 'vitest';
import {
  crossLayer,
  crossLayerMix,
  crossLayerMults,
  crossLayerParams,
  crossLayerV2,
  crossLayerV2LowRank,
  crossNetwork,
  dcnV2Logit,
  type CrossLayer,
  type CrossLayerV2,
  type OpCounter,
} from '../../../content/snippets/ranking/dcn.ts';
import { mulberry32, normal, type Rng } from '../../../content/snippets/shared/random.ts';

const randVec = (rng: Rng, d: number): number[] => Array.from({ length: d }, () => normal(rng));
const randMat = (rng: Rng, r: number, c: number): number[][] => Array.from({ length: r }, () => randVec(rng, c));

/** One cross layer on a 2-d input (a, b), written out as the explicit polynomial. */
function explicitOneLayer(a: number, b: number, w: [number, number], bias: [number, number]): [number, number] {
  return [
    w[0] * a * a + w[1] * a * b + a + bias[0], // a (w1 a + w2 b) + b1 + a
    w[0] * a * b + w[1] * b * b + b + bias[1], // b (w1 a + w2 b) + b2 + b
  ];
}

describe('crossLayer (DCN)', () => {
  it('matches the hand-computed case', () => {
    // x0 = [1, 2], w = [0.5, -1]: x0 . w = 0.5 - 2 = -1.5
    // x1 = -1.5 * [1, 2] + [0.1, 0.2] + [1, 2] = [-0.4, -0.8]
    const x1 = crossLayer([1, 2], [1, 2], { w: [0.5, -1], b: [0.1, 0.2] });
    expect(x1[0]).toBeCloseTo(-0.4, 12);
    expect(x1[1]).toBeCloseTo(-0.8, 12);
    expect(x1).toEqual(explicitOneLayer(1, 2, [0.5, -1], [0.1, 0.2]).map((v) => expect.closeTo(v, 12)));
  });

  it('equals the explicit degree-2 polynomial on random 2-d inputs', () => {
    const rng = mulberry32(11);
    for (let t = 0; t < 200; t++) {
      const [a, b, w1, w2, b1, b2] = randVec(rng, 6) as [number, number, number, number, number, number];
      const got = crossLayer([a, b], [a, b], { w: [w1, w2], b: [b1, b2] });
      const want = explicitOneLayer(a, b, [w1, w2], [b1, b2]);
      expect(got[0]).toBeCloseTo(want[0], 10);
      expect(got[1]).toBeCloseTo(want[1], 10);
    }
  });

  it('without biases, l layers give x0 * prod_k (1 + w_k . x0): always parallel to x0', () => {
    const rng = mulberry32(12);
    const d = 5;
    const x0 = randVec(rng, d);
    const layers: CrossLayer[] = Array.from({ length: 3 }, () => ({
      w: randVec(rng, d),
      b: new Array<number>(d).fill(0),
    }));
    const scale = layers.reduce((p, { w }) => p * (1 + w.reduce((s, wi, i) => s + wi * x0[i]!, 0)), 1);
    const got = crossNetwork(x0, layers);
    got.forEach((g, i) => expect(g).toBeCloseTo(scale * x0[i]!, 10));
  });

  it('an l-layer network is a polynomial of degree l + 1 in the input scale', () => {
    // f(t) = crossNetwork(t * x0): degree l + 1 means the (l + 2)-th finite difference vanishes
    // and the (l + 1)-th does not.
    const rng = mulberry32(13);
    const d = 3;
    const x0 = randVec(rng, d);
    const layers: CrossLayer[] = Array.from({ length: 2 }, () => ({ w: randVec(rng, d), b: randVec(rng, d) }));
    const f = (t: number): number =>
      crossNetwork(
        x0.map((v) => t * v),
        layers,
      )[0]!;
    const diff = (order: number): number => {
      // sum_k (-1)^(order-k) C(order, k) f(k)
      let s = 0;
      let c = 1;
      for (let k = 0; k <= order; k++) {
        s += (order - k) % 2 === 0 ? c * f(k) : -c * f(k);
        c = (c * (order - k)) / (k + 1);
      }
      return s;
    };
    expect(Math.abs(diff(3))).toBeGreaterThan(1e-3); // degree 3 term present
    expect(Math.abs(diff(4))).toBeLessThan(1e-8); // nothing of degree 4
  });

  it('rejects mismatched lengths, naming the argument', () => {
    expect(() => crossLayer([1, 2], [1, 2], { w: [1], b: [0, 0] })).toThrow(/w has length 1/);
  });
});

describe('crossLayerV2 (DCN-V2)', () => {
  it('matches the hand-computed case', () => {
    // W x = [1*1 + 0*2, 0.5*1 - 1*2] = [1, -1.5]; + b = [1, -1.4]
    // x0 ⊙ that = [1, -2.8]; + x_l = [2, -0.8]
    const out = crossLayerV2([1, 2], [1, 2], {
      W: [
        [1, 0],
        [0.5, -1],
      ],
      b: [0, 0.1],
    });
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeCloseTo(-0.8, 12);
  });

  it('contains DCN: W = 1 w^T with zero bias gives the DCN layer with zero bias', () => {
    const rng = mulberry32(21);
    const d = 6;
    for (let t = 0; t < 20; t++) {
      const x0 = randVec(rng, d);
      const xl = randVec(rng, d);
      const w = randVec(rng, d);
      const zero = new Array<number>(d).fill(0);
      const v1 = crossLayer(x0, xl, { w, b: zero });
      const v2 = crossLayerV2(x0, xl, { W: Array.from({ length: d }, () => w), b: zero });
      v1.forEach((v, i) => expect(v2[i]).toBeCloseTo(v, 10));
    }
  });

  it('the low-rank form equals the full layer with W = U V^T', () => {
    const rng = mulberry32(22);
    const d = 7;
    const r = 3;
    const U = randMat(rng, d, r);
    const V = randMat(rng, d, r);
    const W = U.map((ui) => V.map((vj) => ui.reduce((s, u, k) => s + u * vj[k]!, 0)));
    const x0 = randVec(rng, d);
    const xl = randVec(rng, d);
    const b = randVec(rng, d);
    const full = crossLayerV2(x0, xl, { W, b });
    crossLayerV2LowRank(x0, xl, U, V, b).forEach((v, i) => expect(v).toBeCloseTo(full[i]!, 10));
  });
});

describe('extreme magnitudes', () => {
  const tiny = [1e-200, 1e-200];
  const huge = [1e200, 1e200];

  it('tiny inputs: the quadratic term underflows harmlessly and the residual survives', () => {
    // x1 = x0 (x0 . w) + b + x0 with w = (1, 1), b = 0: the cross term 2e-400 is below the smallest
    // double, the exact sum 1e-200 + 2e-400 rounds to 1e-200
    expect(crossLayer(tiny, tiny, { w: [1, 1], b: [0, 0] })).toEqual(tiny);
    expect(
      crossLayerV2(tiny, tiny, {
        W: [
          [1, 1],
          [1, 1],
        ],
        b: [0, 0],
      }),
    ).toEqual(tiny);
    expect(crossLayerV2LowRank(tiny, tiny, [[1], [1]], [[1], [1]], [0, 0])).toEqual(tiny);
  });

  it('huge inputs with small weights: finite and exact where the true output is finite', () => {
    // w = (1e-200, 1e-200): x0 . w = 2, so x1 = 2 x0 + x0 = 3e200
    expect(crossLayer(huge, huge, { w: [1e-200, 1e-200], b: [0, 0] })).toEqual([3e200, 3e200]);
    // W x_l = (2, 2) with rows (1e-200, 1e-200): x0 ⊙ 2 + x0 = 3e200
    const W = [
      [1e-200, 1e-200],
      [1e-200, 1e-200],
    ];
    expect(crossLayerV2(huge, huge, { W, b: [0, 0] })).toEqual([3e200, 3e200]);
    expect(crossLayerV2LowRank(huge, huge, [[1e-100], [1e-100]], [[1e-100], [1e-100]], [0, 0])).toEqual([3e200, 3e200]);
  });

  it('an output beyond the double range is a RangeError, not Infinity or NaN', () => {
    // w = (1, 1): x0 (x0 . w) = 2e400
    expect(() => crossLayer(huge, huge, { w: [1, 1], b: [0, 0] })).toThrow(/crossLayer: the output overflows/);
    expect(() =>
      crossLayerV2(huge, huge, {
        W: [
          [1, 0],
          [0, 1],
        ],
        b: [0, 0],
      }),
    ).toThrow(/crossLayerV2: the output overflows/);
    expect(() => crossLayerV2LowRank(huge, huge, [[1], [1]], [[1], [1]], [0, 0])).toThrow(/overflows/);
    expect(() =>
      crossNetwork(
        [1e120, 1e120],
        [
          { w: [1, 1], b: [0, 0] },
          { w: [1, 1], b: [0, 0] },
        ],
      ),
    ).toThrow(/overflows/);
  });
});

describe('crossLayerParams', () => {
  it('counts 2d, d^2 + d and 2dr + d', () => {
    expect(crossLayerParams(16, 'v1')).toBe(32);
    expect(crossLayerParams(16, 'v2')).toBe(272);
    expect(crossLayerParams(16, 'v2-low-rank', 4)).toBe(144);
    expect(() => crossLayerParams(16, 'v2-low-rank')).toThrow(/rank r/);
  });

  it('counts the mixture: K(2dr + d) + d, plus K r^2 with C', () => {
    // d = 16, r = 4, K = 4: 4 * (128 + 16) + 16 = 592; with C: + 4 * 16 = 656
    expect(crossLayerParams(16, 'v2-mix', 4, 4)).toBe(592);
    expect(crossLayerParams(16, 'v2-mix-nonlinear', 4, 4)).toBe(656);
    expect(() => crossLayerParams(16, 'v2-mix', 4, 0)).toThrow(/experts K/);
    // at a production-like width d = 1024, r = 256: full 1,049,600; low rank 525,312; 4 experts of rank 64 525,312
    expect(crossLayerParams(1024, 'v2')).toBe(1049600);
    expect(crossLayerParams(1024, 'v2-low-rank', 256)).toBe(525312);
    expect(crossLayerParams(1024, 'v2-mix', 64, 4)).toBe(529408);
  });
});

describe('what the matrix buys: pair weights of one layer', () => {
  // The cross part of one layer, x0 ⊙ (W x0) (zero bias, x_l = x0), is a quadratic form per
  // coordinate. Read its coefficients off exactly with finite differences on a 2-d input.
  const cross = (f: (x: number[]) => number[]) => (a: number, b: number, i: number) => f([a, b])[i]! - [a, b][i]!;
  const coefPair = (g: (a: number, b: number, i: number) => number, i: number) =>
    g(1, 1, i) - g(1, 0, i) - g(0, 1, i) + g(0, 0, i); // coefficient of x1 x2
  const coefSquare2 = (g: (a: number, b: number, i: number) => number, i: number) =>
    (g(0, 2, i) - 2 * g(0, 1, i) + g(0, 0, i)) / 2; // coefficient of x2^2

  it('DCN: x1 x2 in coordinate 1 always comes with the same weight on x2^2 in coordinate 2', () => {
    const rng = mulberry32(51);
    for (let t = 0; t < 50; t++) {
      const w = randVec(rng, 2);
      const g = cross((x) => crossLayer(x, x, { w, b: [0, 0] }));
      expect(coefPair(g, 0)).toBeCloseTo(w[1]!, 10);
      expect(coefSquare2(g, 1)).toBeCloseTo(coefPair(g, 0), 10);
    }
  });

  it('DCN-V2: the two weights are free (W_12 and W_22)', () => {
    const W = [
      [0.3, 1.5],
      [-0.7, -2],
    ];
    const g = cross((x) => crossLayerV2(x, x, { W, b: [0, 0] }));
    expect(coefPair(g, 0)).toBeCloseTo(1.5, 10);
    expect(coefSquare2(g, 1)).toBeCloseTo(-2, 10);
    // x1 x2 in coordinate 1 with no x2^2 anywhere: W = [[0, 1], [0, 0]]
    const only = cross((x) =>
      crossLayerV2(x, x, {
        W: [
          [0, 1],
          [0, 0],
        ],
        b: [0, 0],
      }),
    );
    expect(coefPair(only, 0)).toBeCloseTo(1, 10);
    expect(coefSquare2(only, 1)).toBe(0);
  });

  it('an l-layer DCN-V2 network is a polynomial of degree l + 1 in the input scale', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(60 + seed);
      const d = 3;
      const x0 = randVec(rng, d);
      const layers: CrossLayerV2[] = Array.from({ length: 3 }, () => ({ W: randMat(rng, d, d), b: randVec(rng, d) }));
      const f = (t: number): number => {
        const z = x0.map((v) => t * v);
        return layers.reduce<number[]>((x, layer) => crossLayerV2(z, x, layer), z)[0]!;
      };
      const diff = (order: number): number => {
        let s = 0;
        let c = 1;
        for (let k = 0; k <= order; k++) {
          s += (order - k) % 2 === 0 ? c * f(k) : -c * f(k);
          c = (c * (order - k)) / (k + 1);
        }
        return s;
      };
      expect(Math.abs(diff(4))).toBeGreaterThan(1e-3); // degree 4 present with 3 layers
      expect(Math.abs(diff(5)) / (1 + Math.abs(diff(4)))).toBeLessThan(1e-7); // nothing of degree 5
    }
  });
});

describe('crossLayerMix (mixture of low-rank experts)', () => {
  it('one linear expert is the low-rank layer, whatever its gate', () => {
    const rng = mulberry32(71);
    const d = 6;
    const U = randMat(rng, d, 2);
    const V = randMat(rng, d, 2);
    const b = randVec(rng, d);
    for (let t = 0; t < 20; t++) {
      const x0 = randVec(rng, d);
      const xl = randVec(rng, d);
      const mix = crossLayerMix(x0, xl, { experts: [{ U, V }], gates: [randVec(rng, d)], b });
      crossLayerV2LowRank(x0, xl, U, V, b).forEach((v, i) => expect(mix[i]).toBeCloseTo(v, 10));
    }
  });

  it('K copies of one expert are that expert: the gates sum to one', () => {
    const rng = mulberry32(72);
    const d = 5;
    const expert = { U: randMat(rng, d, 3), V: randMat(rng, d, 3), C: randMat(rng, 3, 3) };
    const b = randVec(rng, d);
    const x0 = randVec(rng, d);
    const one = crossLayerMix(x0, x0, { experts: [expert], gates: [randVec(rng, d)], b });
    const four = crossLayerMix(x0, x0, {
      experts: [expert, expert, expert, expert],
      gates: randMat(rng, 4, d),
      b,
    });
    four.forEach((v, i) => expect(v).toBeCloseTo(one[i]!, 10));
  });

  it('the non-linear expert by hand', () => {
    // x0 = x_l = (1, 2), U = [[1], [0]], V = [[1], [1]], C = [[1]], b = 0, one expert (gate 1):
    // V^T x = 3; C tanh(3) = 0.99505; tanh of that = 0.75951; U z = (0.75951, 0);
    // x0 ⊙ U z = (0.75951, 0); + x_l = (1.75951, 2)
    const out = crossLayerMix([1, 2], [1, 2], {
      experts: [{ U: [[1], [0]], V: [[1], [1]], C: [[1]] }],
      gates: [[0, 0]],
      b: [0, 0],
    });
    expect(out[0]).toBeCloseTo(1 + Math.tanh(Math.tanh(3)), 12);
    expect(out[0]).toBeCloseTo(1.75951, 5);
    expect(out[1]).toBe(2);
  });

  it('gate logits of ±1000 pick one expert without overflow', () => {
    // gates (1, 0) and (-1, 0) on x_l = (1000, 0): logits 1000 and -1000, so expert 0 takes weight 1
    const e0 = { U: [[1], [0]], V: [[0], [0]] }; // contributes x0 ⊙ b only
    const e1 = { U: [[0], [1]], V: [[1e-3], [0]] };
    const x = [1000, 0];
    const out = crossLayerMix(x, x, {
      experts: [e0, e1],
      gates: [
        [1, 0],
        [-1, 0],
      ],
      b: [0, 0],
    });
    expect(out).toEqual([1000, 0]);
    const flipped = crossLayerMix(x, x, {
      experts: [e0, e1],
      gates: [
        [-1, 0],
        [1, 0],
      ],
      b: [0, 0],
    });
    // expert 1: V^T x = 1, U z = (0, 1), x0 ⊙ (0, 1) = (0, 0): the output is still x_l
    expect(flipped.every(Number.isFinite)).toBe(true);
    expect(flipped).toEqual([1000, 0]);
  });

  it('tiny, huge and bad inputs', () => {
    const tiny = [1e-200, 1e-200];
    const expert = { U: [[1], [1]], V: [[1], [1]] };
    expect(crossLayerMix(tiny, tiny, { experts: [expert], gates: [[1, 1]], b: [0, 0] })).toEqual(tiny);
    const huge = [1e200, 1e200];
    expect(() => crossLayerMix(huge, huge, { experts: [expert], gates: [[1, 1]], b: [0, 0] })).toThrow(
      /crossLayerMix: the output overflows/,
    );
    expect(() => crossLayerMix(tiny, tiny, { experts: [expert], gates: [], b: [0, 0] })).toThrow(/one gate per expert/);
  });
});

describe('instrumented cost', () => {
  it('every form performs exactly crossLayerMults(d, kind, r, K) multiplications', () => {
    const rng = mulberry32(81);
    const d = 8;
    const r = 3;
    const K = 4;
    const x0 = randVec(rng, d);
    const count = (f: (ops: OpCounter) => void): number => {
      const ops = { mults: 0 };
      f(ops);
      return ops.mults;
    };
    expect(count((o) => crossLayer(x0, x0, { w: randVec(rng, d), b: randVec(rng, d) }, o))).toBe(
      crossLayerMults(d, 'v1'),
    );
    expect(count((o) => crossLayerV2(x0, x0, { W: randMat(rng, d, d), b: randVec(rng, d) }, o))).toBe(
      crossLayerMults(d, 'v2'),
    );
    expect(count((o) => crossLayerV2LowRank(x0, x0, randMat(rng, d, r), randMat(rng, d, r), randVec(rng, d), o))).toBe(
      crossLayerMults(d, 'v2-low-rank', r),
    );
    const experts = Array.from({ length: K }, () => ({ U: randMat(rng, d, r), V: randMat(rng, d, r) }));
    const gates = randMat(rng, K, d);
    expect(count((o) => crossLayerMix(x0, x0, { experts, gates, b: randVec(rng, d) }, o))).toBe(
      crossLayerMults(d, 'v2-mix', r, K),
    );
    const nonlinear = experts.map((e) => ({ ...e, C: randMat(rng, r, r) }));
    expect(count((o) => crossLayerMix(x0, x0, { experts: nonlinear, gates, b: randVec(rng, d) }, o))).toBe(
      crossLayerMults(d, 'v2-mix-nonlinear', r, K),
    );
  });
});

describe('stacked and parallel structures', () => {
  const rng = mulberry32(91);
  const d = 4;
  const x0 = randVec(rng, d);
  const cross: CrossLayerV2[] = [{ W: randMat(rng, d, d), b: randVec(rng, d) }];
  const deep = [{ W: randMat(rng, 3, d), b: randVec(rng, 3) }];
  const xc = crossLayerV2(x0, x0, cross[0]!);

  it('parallel concatenates the cross output and the MLP of x0', () => {
    const wc = randVec(rng, d);
    // zero weight on the deep half: the logit reads the cross network alone
    expect(dcnV2Logit(x0, cross, deep, [...wc, 0, 0, 0], 'parallel')).toBeCloseTo(
      wc.reduce((s, w, i) => s + w * xc[i]!, 0),
      12,
    );
  });

  it('stacked feeds the cross output to the MLP; with no MLP layer it is the cross network alone', () => {
    const w = randVec(rng, d);
    expect(dcnV2Logit(x0, cross, [], w, 'stacked')).toBeCloseTo(
      w.reduce((s, wi, i) => s + wi * xc[i]!, 0),
      12,
    );
    const h = deep[0]!.W.map((row, i) =>
      Math.max(
        0,
        row.reduce((s, v, j) => s + v * xc[j]!, deep[0]!.b[i]!),
      ),
    );
    expect(dcnV2Logit(x0, cross, deep, [1, 1, 1], 'stacked')).toBeCloseTo(h[0]! + h[1]! + h[2]!, 12);
    expect(() => dcnV2Logit(x0, cross, deep, [1, 1], 'stacked')).toThrow(/w has length 2, expected 3/);
  });
});
