import { describe, expect, it } from 'vitest';
import { bilinearInteraction, seBlock, type SeWeights } from '../../../content/snippets/ranking/senet.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

// f = 4 fields, embedding width k = 2, reduction ratio r = 2 (hidden width f / r = 2).
const E = [
  [1, 3],
  [2, 2],
  [0, 0],
  [-1, -3],
];
const weights: SeWeights = {
  W1: [
    [1, 0, 0, 0],
    [0, 0, 0, -1],
  ],
  W2: [
    [0.5, 0],
    [0, 0.25],
    [0.5, 0.5],
    [-1, 0],
  ],
};

describe('seBlock', () => {
  it('squeezes, excites and re-weights as computed by hand (ReLU gates, FiBiNET)', () => {
    const { z, a, V } = seBlock(E, weights, 'relu');
    // squeeze (mean of each field): [2, 2, 0, -2]
    expect(z).toEqual([2, 2, 0, -2]);
    // W1 z = [2, -(-2)] = [2, 2] -> relu [2, 2]; W2 [2, 2] = [1, 0.5, 2, -2] -> relu [1, 0.5, 2, 0]
    expect(a).toEqual([1, 0.5, 2, 0]);
    // v_i = a_i e_i; the last field is switched off entirely by its zero weight
    expect(V).toEqual([
      [1, 3],
      [1, 1],
      [0, 0],
      [-0, -0],
    ]);
  });

  it('with sigmoid gates (SENet) every weight lies in (0, 1)', () => {
    const { a, V } = seBlock(E, weights, 'sigmoid');
    // sigmoid([1, 0.5, 2, -2])
    const want = [0.7310585786300049, 0.6224593312018546, 0.8807970779778823, 0.11920292202211755];
    a.forEach((ai, i) => expect(ai).toBeCloseTo(want[i]!, 12));
    expect(V[3]![0]).toBeCloseTo(-0.11920292202211755, 12);
    expect(V[3]![1]).toBeCloseTo(-3 * 0.11920292202211755, 12);
  });

  it('keeps shapes: f weights, f x k output, each output row parallel to its input row', () => {
    const rng = mulberry32(5);
    const f = 6;
    const k = 4;
    const r = 3;
    const rand = (rows: number, cols: number): number[][] =>
      Array.from({ length: rows }, () => Array.from({ length: cols }, () => normal(rng)));
    const emb = rand(f, k);
    const out = seBlock(emb, { W1: rand(f / r, f), W2: rand(f, f / r) }, 'sigmoid');
    expect(out.z).toHaveLength(f);
    expect(out.a).toHaveLength(f);
    expect(out.V).toHaveLength(f);
    out.V.forEach((row, i) => {
      expect(row).toHaveLength(k);
      row.forEach((v, c) => expect(v).toBeCloseTo(out.a[i]! * emb[i]![c]!, 12));
      expect(out.a[i]).toBeGreaterThan(0);
      expect(out.a[i]).toBeLessThan(1);
    });
  });

  it('rejects weights whose shapes do not match the fields', () => {
    expect(() => seBlock(E, { W1: weights.W1, W2: weights.W2.slice(0, 3) })).toThrow(/W2 has 3 rows/);
    expect(() => seBlock(E, { W1: [[1, 0, 0]], W2: weights.W2 })).toThrow(/W1: row 0 has 3 columns/);
  });
});

describe('seBlock at extreme inputs', () => {
  // one field pair, k = 2, r = 2 (hidden width 1): W1 averages the two summaries, W2 copies it back
  const w: SeWeights = { W1: [[0.5, 0.5]], W2: [[1], [1]] };

  it('sigmoid gates stay finite and exact for pre-activations of +-1000', () => {
    // z = (1000, 1000): hidden relu(1000) = 1000; gates sigmoid(1000) = 1
    expect(
      seBlock(
        [
          [1000, 1000],
          [1000, 1000],
        ],
        w,
        'sigmoid',
      ).a,
    ).toEqual([1, 1]);
    // W2 = (-1, -1): gates sigmoid(-1000) = 0 exactly (e^-1000 underflows), not NaN
    const neg: SeWeights = { W1: w.W1, W2: [[-1], [-1]] };
    expect(
      seBlock(
        [
          [1000, 1000],
          [1000, 1000],
        ],
        neg,
        'sigmoid',
      ).a,
    ).toEqual([0, 0]);
    // sigmoid(-40) keeps its relative accuracy (the two-branch form): gate = e^-40 / (1 + e^-40)
    const a = seBlock(
      [
        [40, 40],
        [40, 40],
      ],
      neg,
      'sigmoid',
    ).a[0]!;
    expect(a / (Math.exp(-40) / (1 + Math.exp(-40)))).toBeCloseTo(1, 14);
  });

  it('the squeeze is exact at 1e-200 and does not overflow near 1e308', () => {
    expect(
      seBlock(
        [
          [1e-200, 1e-200],
          [3e-200, 1e-200],
        ],
        w,
      ).z,
    ).toEqual([1e-200, 2e-200]);
    // the naive (x1 + x2) / 2 is Infinity for two entries of 1e308
    expect(
      seBlock(
        [
          [1e308, 1e308],
          [0, 0],
        ],
        { W1: [[0, 0]], W2: [[0], [0]] },
      ).z,
    ).toEqual([1e308, 0]);
    expect((1e308 + 1e308) / 2).toBe(Infinity);
  });

  it('an output beyond the double range, or an empty field, is a RangeError', () => {
    // ReLU gates of 1e200 on embeddings of 1e200: v = 1e400
    expect(() =>
      seBlock(
        [
          [1e200, 1e200],
          [1e200, 1e200],
        ],
        w,
        'relu',
      ),
    ).toThrow(/seBlock: the output overflows/);
    expect(() => seBlock([[], []], w)).toThrow(/width k >= 1/);
  });
});

describe('bilinearInteraction', () => {
  const V = [
    [1, 3],
    [2, 2],
    [0, 1],
  ];
  const I = [
    [1, 0],
    [0, 1],
  ];

  it("'all' shares one W (hand case)", () => {
    const W = [
      [1, 2],
      [0, 1],
    ];
    // v0^T W = [1, 2 + 3] = [1, 5]: p01 = [1, 5] ⊙ [2, 2] = [2, 10], p02 = [1, 5] ⊙ [0, 1] = [0, 5]
    // v1^T W = [2, 4 + 2] = [2, 6]: p12 = [2, 6] ⊙ [0, 1] = [0, 6]
    expect(bilinearInteraction(V, { type: 'all', W })).toEqual([
      [2, 10],
      [0, 5],
      [0, 6],
    ]);
  });

  it("'each' uses the left field's W_i, 'interaction' one W_ij per pair (hand case)", () => {
    const swap = [
      [0, 1],
      [1, 0],
    ];
    // W_0 = I: p01 = v0 ⊙ v1 = [2, 6], p02 = v0 ⊙ v2 = [0, 3]; W_1 swaps: v1^T W_1 = [2, 2], p12 = [0, 2]
    expect(bilinearInteraction(V, { type: 'each', W: [I, swap, I] })).toEqual([
      [2, 6],
      [0, 3],
      [0, 2],
    ]);
    const twoI = [
      [2, 0],
      [0, 2],
    ];
    const zero = [
      [0, 0],
      [0, 0],
    ];
    // pairs in order (0,1), (0,2), (1,2)
    expect(bilinearInteraction(V, { type: 'interaction', W: [twoI, zero, I] })).toEqual([
      [4, 12],
      [0, 0],
      [0, 2],
    ]);
  });

  it('with W = I it is the Hadamard product, whose sum is the FM inner product', () => {
    const rng = mulberry32(8);
    const f = 5;
    const k = 3;
    const emb = Array.from({ length: f }, () => Array.from({ length: k }, () => normal(rng)));
    const eye = Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => (r === c ? 1 : 0)));
    const p = bilinearInteraction(emb, { type: 'all', W: eye });
    expect(p).toHaveLength((f * (f - 1)) / 2);
    let idx = 0;
    for (let i = 0; i < f; i++) {
      for (let j = i + 1; j < f; j++) {
        const inner = emb[i]!.reduce((s, x, c) => s + x * emb[j]![c]!, 0);
        expect(p[idx]!.reduce((s, x) => s + x, 0)).toBeCloseTo(inner, 12);
        idx++;
      }
    }
  });

  it('is exact at 1e-100 scale and throws when the product overflows', () => {
    const I2 = [
      [1, 0],
      [0, 1],
    ];
    // Hadamard of (1e-100, 1e-100) with itself: 1e-200, representable
    expect(
      bilinearInteraction(
        [
          [1e-100, 1e-100],
          [1e-100, 1e-100],
        ],
        { type: 'all', W: I2 },
      ),
    ).toEqual([[1e-200, 1e-200]]);
    expect(() =>
      bilinearInteraction(
        [
          [1e200, 1],
          [1e200, 1],
        ],
        { type: 'all', W: I2 },
      ),
    ).toThrow(/overflows/);
  });

  it('rejects the wrong number or shape of matrices', () => {
    expect(() => bilinearInteraction(V, { type: 'each', W: [I, I] })).toThrow(/'each' needs 3 matrices/);
    expect(() => bilinearInteraction(V, { type: 'interaction', W: [I] })).toThrow(/'interaction' needs 3 matrices/);
    expect(() => bilinearInteraction(V, { type: 'all', W: [[1, 0]] })).toThrow(/W must be 2 x 2/);
  });
});
