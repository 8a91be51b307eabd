import { describe, expect, it } from 'vitest';
import {
  egesAggregate,
  egesLogitGradient,
  egesLoss,
  meanVector,
  softmax,
} from '../../../content/snippets/recall/eges.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

// Item embedding and two side-information embeddings (say shop and brand).
const W = [
  [1, 0],
  [0, 1],
  [1, 1],
];

describe('softmax', () => {
  it('matches a hand computation', () => {
    // e^{ln 2} : e^0 : e^0 = 2 : 1 : 1, total 4.
    const w = softmax([Math.log(2), 0, 0]);
    expect(w[0]).toBeCloseTo(0.5, 12);
    expect(w[1]).toBeCloseTo(0.25, 12);
    expect(w[2]).toBeCloseTo(0.25, 12);
  });

  it('stays finite for huge logits', () => {
    // Naively e^1000 = Infinity and Infinity / Infinity = NaN. Shifted by the max: e^0, e^0, e^-1,
    // so the weights are 1/(2 + e^-1), 1/(2 + e^-1), e^-1/(2 + e^-1).
    const w = softmax([1000, 1000, 999]);
    const z = 2 + Math.exp(-1);
    expect(w[0]).toBeCloseTo(1 / z, 12);
    expect(w[1]).toBeCloseTo(1 / z, 12);
    expect(w[2]).toBeCloseTo(Math.exp(-1) / z, 12);
    expect(softmax([-1000, -1000]).every(Number.isFinite)).toBe(true);
  });

  it('is unchanged by adding a constant to every logit', () => {
    const rng = mulberry32(4);
    for (let t = 0; t < 20; t++) {
      const a = [normal(rng), normal(rng), normal(rng), normal(rng)];
      const c = 50 * normal(rng);
      const shifted = softmax(a.map((x) => x + c));
      softmax(a).forEach((w, j) => expect(shifted[j]).toBeCloseTo(w, 10));
    }
  });
});

describe('egesAggregate', () => {
  it('equals the GES mean when all logits are equal', () => {
    expect(egesAggregate(W, [0, 0, 0])).toEqual(meanVector(W));
    // (1 + 0 + 1) / 3 = 2/3, (0 + 1 + 1) / 3 = 2/3
    const h = egesAggregate(W, [3.7, 3.7, 3.7]);
    expect(h[0]).toBeCloseTo(2 / 3, 12);
    expect(h[1]).toBeCloseTo(2 / 3, 12);
  });

  it('matches a hand-weighted sum', () => {
    // weights 1/2, 1/4, 1/4: H = 0.5 [1,0] + 0.25 [0,1] + 0.25 [1,1] = [0.75, 0.5]
    const h = egesAggregate(W, [Math.log(2), 0, 0]);
    expect(h[0]).toBeCloseTo(0.75, 12);
    expect(h[1]).toBeCloseTo(0.5, 12);
  });

  it('returns the one embedding whose logit dominates', () => {
    // a = (40, 0, 0): the other weights are e^{-40} / (1 + 2e^{-40}) ~ 4.2e-18 each, so
    // H = [1, 0] up to ~1e-17: the item vector alone.
    const close = (h: number[], target: number[]) =>
      h.forEach((x, d) => expect(Math.abs(x - target[d]!)).toBeLessThan(1e-15));
    close(egesAggregate(W, [40, 0, 0]), [1, 0]);
    close(egesAggregate(W, [0, 0, 40]), [1, 1]);
    // Far past where e^a overflows (e^{1e6} = Infinity): the max shift keeps this exact.
    expect(egesAggregate(W, [1e6, 0, -1e6])).toEqual([1, 0]);
  });

  it('rejects mismatched inputs', () => {
    expect(() => egesAggregate(W, [0, 0])).toThrow(/2 weights but there are 3 embeddings/);
    expect(() => egesAggregate([[1, 2], [3]], [0, 0])).toThrow(/same length/);
  });
});

describe('egesLogitGradient', () => {
  it('matches central finite differences of the loss on seeded random inputs', () => {
    const rng = mulberry32(17);
    for (let t = 0; t < 25; t++) {
      const emb = Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => normal(rng)));
      const a = Array.from({ length: 4 }, () => normal(rng));
      const ctx = Array.from({ length: 3 }, () => normal(rng));
      const label = rng() < 0.5 ? 0 : 1;
      const grad = egesLogitGradient(emb, a, ctx, label);
      const h = 1e-6;
      for (let j = 0; j < a.length; j++) {
        const up = a.map((x, k) => (k === j ? x + h : x));
        const down = a.map((x, k) => (k === j ? x - h : x));
        const numeric = (egesLoss(emb, up, ctx, label) - egesLoss(emb, down, ctx, label)) / (2 * h);
        expect(grad[j]).toBeCloseTo(numeric, 6);
      }
    }
  });

  it('matches a hand computation', () => {
    // a = (ln 2, 0, 0): weights (1/2, 1/4, 1/4), H = (0.75, 0.5). Context Z = (1, -1), label 1:
    // H . Z = 0.25, sigma(0.25) = 0.562177, so s - y = -0.437823.
    // W^0 - H = (0.25, -0.5):  Z . = 0.75  -> -0.437823 * 0.5  * 0.75  = -0.164184
    // W^1 - H = (-0.75, 0.5): Z . = -1.25 -> -0.437823 * 0.25 * -1.25 =  0.136820
    // W^2 - H = (0.25, 0.5):  Z . = -0.25 -> -0.437823 * 0.25 * -0.25 =  0.027364
    const g = egesLogitGradient(W, [Math.log(2), 0, 0], [1, -1], 1);
    expect(g[0]).toBeCloseTo(-0.164184, 6);
    expect(g[1]).toBeCloseTo(0.13682, 6);
    expect(g[2]).toBeCloseTo(0.027364, 6);
  });

  it('sums to zero: raising every logit together changes nothing', () => {
    const g = egesLogitGradient(W, [0.3, -0.2, 1], [0.5, -1], 1);
    expect(g.reduce((s, x) => s + x, 0)).toBeCloseTo(0, 12);
  });
});

describe('numerical extremes', () => {
  it('softmax at logits of +-1000 and a gap of 800 matches the analytic weights', () => {
    // [800, 0]: weights 1 / (1 + e^-800) = 1 and e^-800 / (1 + e^-800), which underflows to 0
    expect(softmax([800, 0])).toEqual([1, 0]);
    expect(softmax([1000, -1000])).toEqual([1, 0]);
    expect(softmax([-1000, -1000])).toEqual([0.5, 0.5]);
    // a gap of 30 keeps its relative precision: e^-30 / (1 + e^-30)
    const w = softmax([0, -30]);
    expect(Math.abs(w[1]! / (Math.exp(-30) / (1 + Math.exp(-30))) - 1)).toBeLessThan(1e-14);
    expect(() => softmax([0, Infinity])).toThrow(/finite/);
    expect(() => softmax([0, Number.NaN])).toThrow(/finite/);
  });

  it('egesLoss is exact at inner products of +-1000', () => {
    // H = (1000, 0) (one embedding), Z = (1, 0): z = 1000
    const emb = [[1000, 0]];
    expect(egesLoss(emb, [0], [1, 0], 1)).toBe(0); // log(1 + e^-1000)
    expect(egesLoss(emb, [0], [1, 0], 0)).toBeCloseTo(1000, 9); // log(1 + e^1000) = 1000
    expect(egesLoss(emb, [0], [-1, 0], 1)).toBeCloseTo(1000, 9);
  });

  it('egesLogitGradient keeps its precision where s - y cancels (z = 40, y = 1)', () => {
    // W^0 = (80, 0), W^1 = (0, 0), a = (0, 0): weights 1/2, H = (40, 0); Z = (1, 1), z = 40.
    // dL/da^0 = (s - 1) * 1/2 * Z . (W^0 - H) = -sigma(-40) * 1/2 * 40 = -20 / (1 + e^40),
    // and dL/da^1 = +20 / (1 + e^40). Computed as sigma(40) - 1 it would round to 0.
    const g = egesLogitGradient(
      [
        [80, 0],
        [0, 0],
      ],
      [0, 0],
      [1, 1],
      1,
    );
    const exact = 20 / (1 + Math.exp(40));
    expect(1 / (1 + Math.exp(-40)) - 1).toBe(0); // the cancellation the code avoids
    expect(Math.abs(g[0]! / -exact - 1)).toBeLessThan(1e-13);
    expect(Math.abs(g[1]! / exact - 1)).toBeLessThan(1e-13);
    // the mirror case, label 0 at z = -40, is sigma(-40) directly
    const g0 = egesLogitGradient(
      [
        [-80, 0],
        [0, 0],
      ],
      [0, 0],
      [1, 1],
      0,
    );
    expect(Math.abs(g0[0]! / (exact * -1) - 1)).toBeLessThan(1e-13);
  });

  it('tiny embeddings stay finite; embeddings whose inner products overflow throw', () => {
    const t = [
      [1e-200, 1e-200],
      [2e-200, 0],
    ];
    // H . Z ~ 1e-400 = 0 in double: loss ln 2 (true value ln 2 - 1e-400 / 2)
    expect(egesLoss(t, [0, 0], [1e-200, 1e-200], 1)).toBeCloseTo(Math.LN2, 15);
    egesLogitGradient(t, [0, 0], [1e-200, 1e-200], 1).forEach((x) => expect(Number.isFinite(x)).toBe(true));
    // the aggregate of huge embeddings is exact (a convex combination cannot overflow)
    expect(egesAggregate([[1.5e308], [1.5e308]], [0, 0])).toEqual([1.5e308]);
    const h = [
      [1e200, 1e200],
      [1e200, 1e200],
    ];
    expect(() => egesLoss(h, [0, 0], [1e200, 1e200], 1)).toThrow(/not finite/);
  });
});

describe('meanVector', () => {
  it('averages side-info vectors for a cold-start item', () => {
    expect(meanVector([W[1]!, W[2]!])).toEqual([0.5, 1]);
    expect(() => meanVector([])).toThrow(/must not be empty/);
    // each term is divided before adding, so huge vectors do not overflow: (1.5e308 + 1.5e308) / 2
    expect(meanVector([[1.5e308], [1.5e308]])).toEqual([1.5e308]);
  });
});
