import { describe, expect, it } from 'vitest';
import {
  crossLayer,
  crossLayerParams,
  crossLayerV2,
  crossLayerV2LowRank,
  crossNetwork,
  type CrossLayer,
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
});
