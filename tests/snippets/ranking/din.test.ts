import { describe, expect, it } from 'vitest';
import {
  activationWeight,
  augruStep,
  auxiliaryLoss,
  softmaxAttentionPooling,
  targetAttentionPooling,
  type ActivationUnit,
  type GruWeights,
} from '../../../content/snippets/ranking/din.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

// d = 2. Unit input: [e_i (2), e_t (2), e_i - e_t (2), e_i ⊙ e_t (2)].
// Hidden unit 1 sums e_i ⊙ e_t (the inner product); hidden unit 2 reads e_i's second coordinate.
const unit: ActivationUnit = {
  W1: [
    [0, 0, 0, 0, 0, 0, 1, 1],
    [0, 1, 0, 0, 0, 0, 0, 0],
  ],
  b1: [0, 0],
  w2: [2, 0.5],
  b2: 0.5,
};
const target = [1, 0];
const history = [
  [1, 0], // same item as the target
  [0, 1], // an unrelated item
];

describe('activationWeight / targetAttentionPooling (DIN)', () => {
  it('matches the hand case', () => {
    // e1 = [1, 0]: product [1, 0] -> h = [1, 0] -> 2 * 1 + 0.5 * 0 + 0.5 = 2.5
    expect(activationWeight(unit, history[0]!, target)).toBeCloseTo(2.5, 12);
    // e2 = [0, 1]: product [0, 0] -> h = [0, 1] -> 0 + 0.5 + 0.5 = 1.0
    expect(activationWeight(unit, history[1]!, target)).toBeCloseTo(1.0, 12);
    const din = targetAttentionPooling(unit, history, target);
    // 2.5 * [1, 0] + 1.0 * [0, 1]; the weights sum to 3.5, not 1
    expect(din.weights).toEqual([2.5, 1]);
    expect(din.pooled).toEqual([2.5, 1]);
  });

  it('softmax pooling of the same scores normalises them away', () => {
    const sm = softmaxAttentionPooling(unit, history, target);
    // softmax([2.5, 1.0]) = [1, e^-1.5] / (1 + e^-1.5) = [0.8175745, 0.1824255]
    expect(sm.weights[0]).toBeCloseTo(0.8175744761936437, 12);
    expect(sm.weights[1]).toBeCloseTo(0.18242552380635635, 12);
    expect(sm.pooled[0]).toBeCloseTo(0.8175744761936437, 12);
  });

  it('scales with how much of the history matches; softmax pooling cannot see it', () => {
    // The same history twice: a user with twice the evidence of interest in the target.
    const doubled = [...history, ...history];
    const din1 = targetAttentionPooling(unit, history, target).pooled;
    const din2 = targetAttentionPooling(unit, doubled, target).pooled;
    expect(din2).toEqual(din1.map((v) => 2 * v)); // [5, 2]
    const sm1 = softmaxAttentionPooling(unit, history, target).pooled;
    const sm2 = softmaxAttentionPooling(unit, doubled, target).pooled;
    sm2.forEach((v, c) => expect(v).toBeCloseTo(sm1[c]!, 12)); // unchanged: each weight halves
  });

  it('equals the naive weighted sum on random inputs; softmax weights sum to 1', () => {
    const rng = mulberry32(2018);
    const d = 3;
    const h = 4;
    const r = (n: number): number[] => Array.from({ length: n }, () => normal(rng));
    const u: ActivationUnit = { W1: Array.from({ length: h }, () => r(4 * d)), b1: r(h), w2: r(h), b2: normal(rng) };
    const beh = Array.from({ length: 6 }, () => r(d));
    const t = r(d);
    const got = targetAttentionPooling(u, beh, t);
    for (let c = 0; c < d; c++) {
      let naive = 0;
      for (const e of beh) {
        const input = [...e, ...t, ...e.map((x, k) => x - t[k]!), ...e.map((x, k) => x * t[k]!)];
        const hidden = u.W1.map((row, j) => Math.max(0, row.reduce((s, w, k) => s + w * input[k]!, 0) + u.b1[j]!));
        naive += (hidden.reduce((s, x, j) => s + x * u.w2[j]!, 0) + u.b2) * e[c]!;
      }
      expect(got.pooled[c]).toBeCloseTo(naive, 10);
    }
    expect(softmaxAttentionPooling(u, beh, t).weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });
});

describe('auxiliaryLoss (DIEN)', () => {
  it('matches the hand case', () => {
    // t = 1: -log sigmoid(h . e_next) - log(1 - sigmoid(h . e_neg)) = -log sigmoid(2) - log(0.5) = 0.8200752
    expect(auxiliaryLoss([[1, 0]], [[2, 0]], [[0, 1]])).toBeCloseTo(0.8200751916029179, 12);
    // t = 2 adds -log sigmoid(1) - log(1 - sigmoid(0)) = 0.3132617 + 0.6931472 = 1.0064089; mean 0.9132420
    const two = auxiliaryLoss(
      [
        [1, 0],
        [0, 1],
      ],
      [
        [2, 0],
        [0, 1],
      ],
      [
        [0, 1],
        [1, 0],
      ],
    );
    expect(two).toBeCloseTo((0.8200751916029179 + Math.log(1 + Math.exp(-1)) + Math.log(2)) / 2, 12);
  });
  it('rejects mismatched lengths', () => {
    expect(() => auxiliaryLoss([[1, 0]], [], [[0, 1]])).toThrow(/same non-zero length/);
  });
});

describe('augruStep (DIEN)', () => {
  // One-dimensional cell: u = sigmoid(i), r = sigmoid(0) = 0.5, candidate = tanh(i + r * 2 h).
  const g: GruWeights = {
    Wu: [[1]],
    Uu: [[0]],
    bu: [0],
    Wr: [[0]],
    Ur: [[0]],
    br: [0],
    Wh: [[1]],
    Uh: [[2]],
    bh: [0],
  };
  it('matches the hand case for attention 1 (plain GRU), 0.5 and 0', () => {
    // u = sigmoid(1) = 0.7310586, candidate = tanh(1 + 0.5 * 2 * 0.5) = tanh(1.5) = 0.9051483
    // a = 1:   (1 - 0.7310586) * 0.5 + 0.7310586 * 0.9051483 = 0.7961871
    expect(augruStep(g, [0.5], [1], 1)[0]).toBeCloseTo(0.7961871064440447, 12);
    // a = 0.5: u~ = 0.3655293: (1 - u~) * 0.5 + u~ * 0.9051483 = 0.6480936
    expect(augruStep(g, [0.5], [1], 0.5)[0]).toBeCloseTo(0.6480935532220224, 12);
    // a = 0: the state does not move
    expect(augruStep(g, [0.5], [1], 0)[0]).toBe(0.5);
  });
});
