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

describe('meanVector', () => {
  it('averages side-info vectors for a cold-start item', () => {
    expect(meanVector([W[1]!, W[2]!])).toEqual([0.5, 1]);
    expect(() => meanVector([])).toThrow(/must not be empty/);
  });
});
