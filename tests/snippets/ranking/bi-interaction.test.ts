import { describe, expect, it } from 'vitest';
import {
  afmPooling,
  biInteraction,
  biInteractionNaive,
  biInteractionPrefix,
  ffmPairwise,
  interactionMults,
  ipnnNeuron,
  opnnSumPooled,
  pnnInnerProducts,
  type FfmFeature,
  type OpCounter,
} from '../../../content/snippets/ranking/bi-interaction.ts';
import { pairwiseFast, pairwiseNaive } from '../../../content/snippets/ranking/fm.ts';
import { crossLayerV2LowRank } from '../../../content/snippets/ranking/dcn.ts';
import { mulberry32, normal, randomInt, type Rng } from '../../../content/snippets/shared/random.ts';

const randMat = (rng: Rng, r: number, c: number): number[][] =>
  Array.from({ length: r }, () => Array.from({ length: c }, () => normal(rng)));

// The FM page's example: v1 = (1, 2), v2 = (3, -1), v3 = (0, 1), x = (1, 2, 0.5),
// so the scaled embeddings e_i = x_i v_i are (1, 2), (6, -2), (0, 0.5).
const V = [
  [1, 2],
  [3, -1],
  [0, 1],
];
const x = [1, 2, 0.5];
const E = V.map((v, i) => v.map((u) => u * x[i]!));

describe('bi-interaction pooling (NFM)', () => {
  it('the hand case, pair by pair and by the identity', () => {
    // pairs: e1 ⊙ e2 = (6, -4), e1 ⊙ e3 = (0, 1), e2 ⊙ e3 = (0, -1); sum (6, -4)
    expect(biInteractionNaive(E)).toEqual([6, -4]);
    // f = 1: sum 7, squares 1 + 36 + 0 = 37: (49 - 37) / 2 = 6
    // f = 2: sum 0.5, squares 4 + 4 + 0.25 = 8.25: (0.25 - 8.25) / 2 = -4
    expect(biInteraction(E)).toEqual([6, -4]);
    // prefix: e2 ⊙ e1 + e3 ⊙ (e1 + e2) = (6, -4) + (0, 0.5 * 0) = (6, -4)
    expect(biInteractionPrefix(E)).toEqual([6, -4]);
  });

  it('summing the pooled vector gives the FM pairwise term (2 on the FM page)', () => {
    expect(biInteraction(E).reduce((a, b) => a + b, 0)).toBe(pairwiseFast(x, V));
    const rng = mulberry32(5);
    for (let t = 0; t < 100; t++) {
      const n = 2 + randomInt(rng, 20);
      const k = 1 + randomInt(rng, 8);
      const Vr = randMat(rng, n, k);
      const xr = Array.from({ length: n }, () => normal(rng));
      const Er = Vr.map((v, i) => v.map((u) => u * xr[i]!));
      const sum = biInteraction(Er).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(pairwiseNaive(xr, Vr), 9);
    }
  });

  it('identity and prefix forms equal the pair loop on seeded random inputs', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      for (let t = 0; t < 40; t++) {
        const n = 1 + randomInt(rng, 30);
        const k = 1 + randomInt(rng, 8);
        const Er = randMat(rng, n, k);
        const naive = biInteractionNaive(Er);
        biInteraction(Er).forEach((v, f) => expect(v).toBeCloseTo(naive[f]!, 9));
        biInteractionPrefix(Er).forEach((v, f) => expect(v).toBeCloseTo(naive[f]!, 9));
      }
    }
  });

  it('a single row has no pair: the zero vector', () => {
    expect(biInteraction([[3, -2]])).toEqual([0, 0]);
    expect(biInteractionPrefix([[3, -2]])).toEqual([0, 0]);
    expect(biInteractionNaive([[3, -2]])).toEqual([0, 0]);
  });

  it('counts k n(n-1)/2, k(n + 2) and k n multiplications', () => {
    for (const [n, k] of [
      [3, 2],
      [10, 4],
      [39, 16],
    ] as const) {
      const Er = randMat(mulberry32(n), n, k);
      const a: OpCounter = { mults: 0 };
      const b: OpCounter = { mults: 0 };
      const c: OpCounter = { mults: 0 };
      biInteractionNaive(Er, a);
      biInteraction(Er, b);
      biInteractionPrefix(Er, c);
      const want = interactionMults(n, k, 8);
      expect(a.mults).toBe(want.pairLoop);
      expect(b.mults).toBe(want.nfmIdentity);
      expect(c.mults).toBe(want.prefix);
    }
    // the page's table: n = 39 fields, k = 16, t = 16
    expect(interactionMults(39, 16, 16)).toEqual({
      pairLoop: 11856, // 16 * 741
      nfmIdentity: 656, // 16 * 41
      prefix: 624, // 16 * 39
      afm: 225280, // (32 + 256 + 16) * 741 + 16 = 304 * 741 + 16
      ffm: 13338, // 18 * 741
    });
  });

  it('tiny and huge embeddings: finite and exact where the answer is a double', () => {
    // e1 = e2 = (1e-150): the only pair is 1e-300
    expect(biInteraction([[1e-150], [1e-150]])).toEqual([1e-300]);
    expect(biInteractionPrefix([[1e-150], [1e-150]])).toEqual([1e-300]);
    // 1e-200 * 1e-200 = 1e-400 is below the smallest double: 0 in every form
    expect(biInteraction([[1e-200], [1e-200]])).toEqual([0]);
    expect(biInteractionNaive([[1e-200], [1e-200]])).toEqual([0]);
    // e1 = e2 = 1e154: the pair is 1e308, but (sum)^2 = 4e308 would overflow without the rescaling
    expect(biInteraction([[1e154], [1e154]])[0]).toBeCloseTo(1e308, -293);
    expect(biInteractionPrefix([[1e154], [1e154]])).toEqual([1e308]);
  });

  it('a pooled vector beyond the double range is a RangeError', () => {
    const huge = [[1e200], [1e200]];
    expect(() => biInteraction(huge)).toThrow(/biInteraction: the result overflows/);
    expect(() => biInteractionPrefix(huge)).toThrow(/overflows/);
    expect(() => biInteractionNaive(huge)).toThrow(/overflows/);
    expect(() => biInteraction([[1, Number.NaN]])).toThrow(/non-finite/);
    expect(() => biInteraction([[1, 2], [3]])).toThrow(/row 1 of E has length 1/);
  });

  it('the identity cancels when one embedding dwarfs the others; the prefix form does not', () => {
    // exact answer 1e160 * 1e-160 = 1: the identity subtracts two squares of 1e320 and keeps nothing
    expect(biInteractionNaive([[1e160], [1e-160]])).toEqual([1]);
    expect(biInteractionPrefix([[1e160], [1e-160]])).toEqual([1]);
    expect(biInteraction([[1e160], [1e-160]])).toEqual([0]);
    // (1e8, 1, 1): pairs 1e8 + 1e8 + 1 = 200000001 exactly; the identity is within its bound
    // (n + 2) eps (sum |e|)^2 = 5 * 2^-53 * (1e8 + 2)^2, about 5.6, of it
    const E3 = [[1e8], [1], [1]];
    expect(biInteractionPrefix(E3)).toEqual([200000001]);
    const err = Math.abs(biInteraction(E3)[0]! - 200000001);
    expect(err).toBeLessThanOrEqual(5 * 2 ** -53 * (1e8 + 2) ** 2);
  });

  it('a rank-D DCN-V2 layer computes the same crosses, plus the squares', () => {
    // x0 = [e_1; ...; e_n], U = V = [I; I; ...; I] (d x D). The cross term x0 ⊙ (U V^T x0) holds
    // e_i ⊙ (sum_j e_j) in block i; the blocks sum to s ⊙ s, and
    // f_BI = 1/2 (s ⊙ s - sum_i e_i ⊙ e_i).
    const rng = mulberry32(8);
    for (let t = 0; t < 20; t++) {
      const n = 2 + randomInt(rng, 6);
      const D = 1 + randomInt(rng, 4);
      const Er = randMat(rng, n, D);
      const x0 = Er.flat();
      const stack = Array.from({ length: n * D }, (_, row) =>
        Array.from({ length: D }, (_, c) => (row % D === c ? 1 : 0)),
      );
      const out = crossLayerV2LowRank(x0, x0, stack, stack, new Array<number>(n * D).fill(0));
      const blockSum = new Array<number>(D).fill(0);
      out.forEach((v, i) => (blockSum[i % D]! += v - x0[i]!));
      const squares = new Array<number>(D).fill(0);
      Er.forEach((row) => row.forEach((v, f) => (squares[f]! += v * v)));
      const bi = biInteraction(Er);
      blockSum.forEach((v, f) => expect(0.5 * (v - squares[f]!)).toBeCloseTo(bi[f]!, 9));
    }
  });
});

describe('AFM attention pooling', () => {
  it('the hand case: one attention unit reading the first coordinate', () => {
    // pairs (6, -4), (0, 1), (0, -1); W = [[1, 0]], b = 0, h = 1: logits ReLU(6) = 6, 0, 0
    // weights e^6 / (e^6 + 2), 1 / (e^6 + 2), 1 / (e^6 + 2)
    const { weights, pooled, score } = afmPooling(E, { W: [[1, 0]], b: [0], h: [1] }, [1, 1]);
    const z = Math.exp(6) + 2;
    expect(weights[0]).toBeCloseTo(Math.exp(6) / z, 12);
    expect(weights[1]).toBeCloseTo(1 / z, 12);
    expect(weights[0]).toBeCloseTo(0.995067, 6);
    // pooled = w1 (6, -4) + w2 (0, 1) + w3 (0, -1) = (6 w1, -4 w1)
    expect(pooled[0]).toBeCloseTo((6 * Math.exp(6)) / z, 12);
    expect(pooled[1]).toBeCloseTo((-4 * Math.exp(6)) / z, 12);
    expect(score).toBeCloseTo((2 * Math.exp(6)) / z, 12);
  });

  it('with a constant attention it is FM scaled by 1 / (number of pairs)', () => {
    const rng = mulberry32(31);
    for (let t = 0; t < 50; t++) {
      const n = 2 + randomInt(rng, 12);
      const k = 1 + randomInt(rng, 6);
      const Er = randMat(rng, n, k);
      const P = (n * (n - 1)) / 2;
      const zeroAttn = { W: [new Array<number>(k).fill(0)], b: [0], h: [1] };
      const { weights, pooled, score } = afmPooling(Er, zeroAttn, new Array<number>(k).fill(P));
      weights.forEach((w) => expect(w).toBeCloseTo(1 / P, 12));
      const bi = biInteraction(Er);
      pooled.forEach((v, f) => expect(v * P).toBeCloseTo(bi[f]!, 9));
      // p = P * 1 undoes the averaging: the score is the FM pairwise term
      expect(score).toBeCloseTo(
        bi.reduce((a, b) => a + b, 0),
        9,
      );
    }
  });

  it('weights sum to one and stay finite for logits of ±1000', () => {
    // pairs (1, 0), (0, 0), (0, 0) with h = ±1000 and W = [[1, 0]] give logits 1000, 0, 0 or 0, 0, 0
    const Ex = [
      [1, 0],
      [1, 0],
      [0, 1],
    ];
    for (const h of [1000, -1000, 1800]) {
      const { weights, pooled } = afmPooling(Ex, { W: [[1, 0]], b: [0], h: [h] }, [1, 1]);
      expect(weights.every(Number.isFinite)).toBe(true);
      expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
      expect(pooled.every(Number.isFinite)).toBe(true);
    }
    // logit 1000 against 0: the first pair takes all the weight; 2 e^-1000 underflows to 0
    const hot = afmPooling(Ex, { W: [[1, 0]], b: [0], h: [1000] }, [1, 1]).weights;
    expect(hot).toEqual([1, 0, 0]);
    // a gap of 800 between two finite logits: 1 / (1 + 2 e^-800) is 1 to double precision
    const gap = afmPooling(Ex, { W: [[1, 0]], b: [-200], h: [1] }, [1, 1]);
    expect(gap.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it('counts (2k + tk + t) per pair plus k, and rejects bad shapes', () => {
    const Er = randMat(mulberry32(4), 7, 3);
    const attn = { W: randMat(mulberry32(5), 2, 3), b: [0.1, -0.2], h: [1, 2] };
    const ops: OpCounter = { mults: 0 };
    afmPooling(Er, attn, [1, 1, 1], ops);
    expect(ops.mults).toBe(interactionMults(7, 3, 2).afm);
    expect(() => afmPooling([[1, 2]], attn, [1, 1])).toThrow(/at least two rows/);
    expect(() => afmPooling(Er, attn, [1, 1])).toThrow(/p has length 2/);
  });
});

describe('PNN product layers', () => {
  it('IPNN: the decomposed neuron equals the sum over the inner-product matrix', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = mulberry32(seed);
      const n = 2 + randomInt(rng, 10);
      const Er = randMat(rng, n, 4);
      const theta = Array.from({ length: n }, () => normal(rng));
      const P = pnnInnerProducts(Er);
      let naive = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) naive += theta[i]! * theta[j]! * P[i]![j]!;
      expect(ipnnNeuron(Er, theta)).toBeCloseTo(naive, 9);
      // symmetric, and its diagonal holds the squared norms
      P.forEach((row, i) => row.forEach((v, j) => expect(v).toBe(P[j]![i]!)));
    }
    // hand case: <e1, e2> = 6 - 4 = 2, <e1, e3> = 1, <e2, e3> = -1
    const P = pnnInnerProducts(E);
    expect([P[0]![1], P[0]![2], P[1]![2]]).toEqual([2, 1, -1]);
  });

  it('OPNN: f_Σ f_Σ^T equals the sum of all n^2 outer products', () => {
    const rng = mulberry32(6);
    const Er = randMat(rng, 6, 3);
    const naive = [0, 1, 2].map((a) =>
      [0, 1, 2].map((b) => Er.reduce((s, fi) => s + Er.reduce((t, fj) => t + fi[a]! * fj[b]!, 0), 0)),
    );
    opnnSumPooled(Er).forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(naive[a]![b]!, 9)));
    // hand case: f_Σ = (7, 0.5)
    expect(opnnSumPooled(E)).toEqual([
      [49, 3.5],
      [3.5, 0.25],
    ]);
  });
});

describe('FFM', () => {
  it('the hand case: each feature uses its vector for the other field', () => {
    // A (field 0, x 1), B (field 1, x 2), C (field 2, x 0.5)
    // A-B: <A.w[1], B.w[0]> = (1, 2) . (3, -1) = 1, times 1 * 2 = 2
    // A-C: <A.w[2], C.w[0]> = (1, 0) . (0, 1) = 0
    // B-C: <B.w[2], C.w[1]> = (0, 1) . (2, 2) = 2, times 2 * 0.5 = 2      total 4
    const feats: FfmFeature[] = [
      {
        field: 0,
        x: 1,
        w: [
          [9, 9],
          [1, 2],
          [1, 0],
        ],
      },
      {
        field: 1,
        x: 2,
        w: [
          [3, -1],
          [9, 9],
          [0, 1],
        ],
      },
      {
        field: 2,
        x: 0.5,
        w: [
          [0, 1],
          [2, 2],
          [9, 9],
        ],
      },
    ];
    expect(ffmPairwise(feats)).toBe(4);
    const ops: OpCounter = { mults: 0 };
    ffmPairwise(feats, ops);
    expect(ops.mults).toBe(interactionMults(3, 2, 0).ffm);
  });

  it('with one vector per feature shared across fields it is FM', () => {
    const rng = mulberry32(41);
    for (let t = 0; t < 50; t++) {
      const n = 2 + randomInt(rng, 10);
      const k = 1 + randomInt(rng, 5);
      const Vr = randMat(rng, n, k);
      const xr = Array.from({ length: n }, () => normal(rng));
      const feats = Vr.map((v, j) => ({ field: j, x: xr[j]!, w: Array.from({ length: n }, () => v) }));
      expect(ffmPairwise(feats)).toBeCloseTo(pairwiseNaive(xr, Vr), 9);
    }
  });

  it('names a missing field vector', () => {
    expect(() =>
      ffmPairwise([
        { field: 0, x: 1, w: [[1]] },
        { field: 1, x: 1, w: [[1]] },
      ]),
    ).toThrow(/feature 0 has no vector for field 1/);
  });
});
