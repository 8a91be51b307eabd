import { describe, expect, it } from 'vitest';
import {
  activationWeight,
  augruStep,
  auxiliaryLoss,
  softmaxAttentionPooling,
  softplus,
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

  it('softmax pooling stays finite at scores of +-1000 and gaps of 800', () => {
    // one hidden unit reads the inner product with the target; w2 and b2 set the two scores
    const scaled = (w2: number, b2: number): ActivationUnit => ({
      W1: [[0, 0, 0, 0, 0, 0, 1, 1]],
      b1: [0],
      w2: [w2],
      b2,
    });
    // scores (1000, 200), a gap of 800: the weights are 1/(1 + e^-800) = 1 and e^-800/(1 + e^-800) = 0
    let sm = softmaxAttentionPooling(scaled(800, 200), history, target);
    expect(sm.weights).toEqual([1, 0]);
    expect(sm.pooled).toEqual([1, 0]);
    // scores (1000, 1000) and (-1000, -1000): equal scores give 1/2 each (naively Inf/Inf and 0/0)
    for (const b2 of [1000, -1000]) {
      sm = softmaxAttentionPooling(scaled(0, b2), history, target);
      expect(sm.weights).toEqual([0.5, 0.5]);
      expect(sm.pooled).toEqual([0.5, 0.5]);
    }
    // scores (-200, -1000): the gap of 800 again, now at large negative scores
    sm = softmaxAttentionPooling(scaled(800, -1000), history, target);
    expect(sm.weights).toEqual([1, 0]);
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
  /** The textbook form, -log sigmoid(s+) - log(1 - sigmoid(s-)), summed over the steps. */
  const naive = (pos: number[], neg: number[]): number =>
    pos.reduce((s, sp, t) => s - Math.log(1 / (1 + Math.exp(-sp))) - Math.log(1 - 1 / (1 + Math.exp(-neg[t]!))), 0);
  /** One step whose inner products are exactly sp (clicked) and sn (sampled negative). */
  const oneStep = (sp: number, sn: number): number => auxiliaryLoss([[1, 0]], [[sp, 0]], [[sn, 0]]);

  it('matches the hand case and sums over the steps, as the paper writes L_aux', () => {
    // t = 1: -log sigmoid(h . e_next) - log(1 - sigmoid(h . e_neg)) = -log sigmoid(2) - log(0.5) = 0.8200752
    expect(auxiliaryLoss([[1, 0]], [[2, 0]], [[0, 1]])).toBeCloseTo(0.8200751916029179, 12);
    // t = 2 adds -log sigmoid(1) - log(1 - sigmoid(0)) = 0.3132617 + 0.6931472 = 1.0064089;
    // the sum is 1.8264841 (a mean over steps would give 0.9132420)
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
    expect(two).toBeCloseTo(0.8200751916029179 + Math.log(1 + Math.exp(-1)) + Math.log(2), 12);
    expect(two).toBeCloseTo(1.8264841, 7);
  });

  it('equals the naive form on seeded moderate scores', () => {
    const rng = mulberry32(2019);
    for (let trial = 0; trial < 100; trial++) {
      const T = 1 + Math.floor(rng() * 6);
      const pos = Array.from({ length: T }, () => 3 * normal(rng));
      const neg = Array.from({ length: T }, () => 3 * normal(rng));
      const got = auxiliaryLoss(
        pos.map(() => [1]),
        pos.map((s) => [s]),
        neg.map((s) => [s]),
      );
      expect(got).toBeCloseTo(naive(pos, neg), 10);
    }
  });

  it('keeps its digits at inner products of +-20, +-37 and +-1000, where the naive form fails', () => {
    // analytic values: -log sigmoid(s) = log1p(e^-s) for s > 0 and -s + log1p(e^s) for s < 0;
    // -log(1 - sigmoid(s)) = s + log1p(e^-s) for s > 0 and log1p(e^s) for s < 0
    for (const s of [20, 37, 1000]) {
      // a clicked item scored s and a negative scored -s: both terms are e^-s, about 2e-9 at 20
      expect(oneStep(s, -s)).toBeCloseTo(2 * Math.log1p(Math.exp(-s)), 300);
      // relative accuracy where the value is representable (e^-1000 underflows to 0)
      if (s < 1000) expect(oneStep(s, -s) / (2 * Math.exp(-s))).toBeCloseTo(1, 8);
      // the wrong way round: both terms are s + log1p(e^-s)
      expect(oneStep(-s, s)).toBe(2 * (s + Math.log1p(Math.exp(-s))));
    }
    // the naive form: at 20 it has lost 7 digits, at 37 it is Infinity (1 - sigmoid(37) rounds to 0)
    const at20 = naive([-20], [20]);
    expect(Math.abs(at20 - 2 * (20 + Math.log1p(Math.exp(-20))))).toBeGreaterThan(1e-8);
    expect(naive([-37], [37])).toBe(Infinity);
    expect(Number.isFinite(oneStep(-1000, 1000))).toBe(true);
    expect(oneStep(-1000, 1000)).toBe(2000);
    expect(oneStep(1000, -1000)).toBe(0);
  });

  it('softplus is log(1 + e^x) without overflow or loss of small values', () => {
    expect(softplus(0)).toBe(Math.LN2);
    expect(softplus(2)).toBeCloseTo(Math.log(1 + Math.exp(2)), 14);
    expect(softplus(-745)).toBeGreaterThan(0); // e^-745, the smallest subnormal
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
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
  it('stays finite with saturated gates and rejects attention outside [0, 1]', () => {
    // input 1000: u = sigmoid(1000) = 1, candidate = tanh(1000 + ...) = 1, so the state jumps to 1
    expect(augruStep(g, [0.5], [1000], 1)).toEqual([1]);
    // input -1000: u = sigmoid(-1000) = 0, the state stays where it was
    expect(augruStep(g, [0.5], [-1000], 1)).toEqual([0.5]);
    expect(() => augruStep(g, [0.5], [1], 1.5)).toThrow(/attention must be in \[0, 1\]/);
    expect(() => augruStep(g, [0.5], [1], Number.NaN)).toThrow(/attention/);
  });

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
