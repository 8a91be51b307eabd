import { describe, expect, it } from 'vitest';
import {
  fuse,
  fusionGate,
  shortAndLongTerm,
  sigmoid,
  splitSessions,
  userAttention,
} from '../../../content/snippets/recall/sdm.ts';
import { mulberry32, normal } from '../../../content/snippets/shared/random.ts';

const I2 = [
  [1, 0],
  [0, 1],
];
const Z2 = [
  [0, 0],
  [0, 0],
];

describe('fuse', () => {
  it('G = 0 returns the long-term vector and G = 1 the short-term vector', () => {
    const s = [0.3, -1.2, 4];
    const p = [2, 0.5, -7];
    expect(fuse([0, 0, 0], s, p)).toEqual(p);
    expect(fuse([1, 1, 1], s, p)).toEqual(s);
    // mixed per dimension: each coordinate picks its own source
    expect(fuse([1, 0, 1], s, p)).toEqual([0.3, 0.5, 4]);
  });

  it('is a convex combination: every coordinate lies between p and s', () => {
    const rng = mulberry32(3);
    for (let trial = 0; trial < 100; trial++) {
      const s = [normal(rng), normal(rng)];
      const p = [normal(rng), normal(rng)];
      const g = [rng(), rng()];
      fuse(g, s, p).forEach((o, d) => {
        expect(o).toBeGreaterThanOrEqual(Math.min(s[d]!, p[d]!) - 1e-12);
        expect(o).toBeLessThanOrEqual(Math.max(s[d]!, p[d]!) + 1e-12);
      });
    }
  });
});

describe('fusionGate', () => {
  it('saturates to the long-term or short-term vector with an extreme bias', () => {
    const s = [1, 2];
    const p = [-3, 4];
    const closed = fusionGate([0, 0], s, p, { W1: Z2, W2: Z2, W3: Z2, b: [-50, -50] });
    fuse(closed, s, p).forEach((o, d) => expect(o).toBeCloseTo(p[d]!, 12));
    const open = fusionGate([0, 0], s, p, { W1: Z2, W2: Z2, W3: Z2, b: [50, 50] });
    fuse(open, s, p).forEach((o, d) => expect(o).toBeCloseTo(s[d]!, 12));
  });

  it('matches an exact hand case: G = (1/2, 3/4)', () => {
    // only W1 e_u is non-zero: z = (0, ln 3) -> G = (1/2, 3/(3+1)) = (0.5, 0.75)
    // o = (0.5*2 + 0.5*4, 0.25*0 + 0.75*8) = (3, 6)
    const s = [4, 8];
    const p = [2, 0];
    const g = fusionGate([0, Math.log(3)], s, p, { W1: I2, W2: Z2, W3: Z2, b: [0, 0] });
    expect(g[0]).toBeCloseTo(0.5, 12);
    expect(g[1]).toBeCloseTo(0.75, 12);
    const o = fuse(g, s, p);
    expect(o[0]).toBeCloseTo(3, 12);
    expect(o[1]).toBeCloseTo(6, 12);
  });

  it('matches a hand case with all three matrices', () => {
    // e_u = (1, 0), s = (0.5, -1), p = (2, 1); W1 = I, W2 = 0.5 I, W3 swaps, b = (0, -1)
    // z1 = 1 + 0.25 + 1 + 0 = 2.25 -> G1 = 0.904651
    // z2 = 0 - 0.5 + 2 - 1 = 0.5  -> G2 = 0.622459
    // o1 = 0.095349 * 2 + 0.904651 * 0.5 = 0.643024
    // o2 = 0.377541 * 1 + 0.622459 * (-1) = -0.244919
    const g = fusionGate([1, 0], [0.5, -1], [2, 1], {
      W1: I2,
      W2: [
        [0.5, 0],
        [0, 0.5],
      ],
      W3: [
        [0, 1],
        [1, 0],
      ],
      b: [0, -1],
    });
    expect(g[0]).toBeCloseTo(sigmoid(2.25), 12);
    expect(g[1]).toBeCloseTo(0.622459, 6);
    const o = fuse(g, [0.5, -1], [2, 1]);
    expect(o[0]).toBeCloseTo(0.643024, 6);
    expect(o[1]).toBeCloseTo(-0.244919, 6);
  });

  it('rejects mismatched shapes', () => {
    expect(() => fusionGate([1, 0], [1, 2], [1, 2], { W1: I2, W2: I2, W3: I2, b: [0] })).toThrow(/dimension/);
    expect(() => fuse([1], [1, 2], [1, 2])).toThrow(/equal length/);
  });
});

describe('userAttention', () => {
  it('weights states by softmax of their dot product with the user profile', () => {
    // scores: e_u . h = (ln 2, 0) -> weights (2/3, 1/3); pooled = 2/3 (1,0) + 1/3 (0,1)
    const { weights, pooled } = userAttention(
      [Math.log(2), 0],
      [
        [1, 0],
        [0, 1],
      ],
    );
    expect(weights[0]).toBeCloseTo(2 / 3, 12);
    expect(weights[1]).toBeCloseTo(1 / 3, 12);
    expect(pooled[0]).toBeCloseTo(2 / 3, 12);
    expect(pooled[1]).toBeCloseTo(1 / 3, 12);
  });
  it('is the plain average for a zero profile', () => {
    const { pooled } = userAttention(
      [0, 0],
      [
        [1, 3],
        [3, 5],
      ],
    );
    expect(pooled).toEqual([2, 4]);
  });
});

describe('numerical extremes', () => {
  it('userAttention gives exact weights at scores of +-1000 and a gap of 800', () => {
    // scores e_u . h = 1000 and -1000: naive e^1000 = Infinity and the weights are NaN;
    // shifted: 1 / (1 + e^-2000) = 1 and 0
    const a = userAttention([1], [[1000], [-1000]]);
    expect(a.weights).toEqual([1, 0]);
    expect(a.pooled).toEqual([1000]);
    // gap 800: weights 1 / (1 + e^-800) = 1 and e^-800 ~ 0
    expect(userAttention([1], [[800], [0]]).weights).toEqual([1, 0]);
    // gap 30: e^-30 / (1 + e^-30) to full relative precision
    const w = userAttention([1], [[0], [-30]]).weights[1]!;
    expect(Math.abs(w / (Math.exp(-30) / (1 + Math.exp(-30))) - 1)).toBeLessThan(1e-14);
  });

  it('userAttention with tiny vectors is a plain average; with overflowing scores it throws', () => {
    // scores ~1e-400 round to 0: equal weights, as the true weights are 1/2 +- 1e-400
    const { weights, pooled } = userAttention(
      [1e-200, 1e-200],
      [
        [1e-200, 0],
        [0, 3e-200],
      ],
    );
    expect(weights).toEqual([0.5, 0.5]);
    expect(pooled[0]! / 0.5e-200).toBeCloseTo(1, 14);
    expect(pooled[1]! / 1.5e-200).toBeCloseTo(1, 14);
    // 1e200 * 1e200 = 1e400: no finite score exists
    expect(() => userAttention([1e200], [[1e200], [0]])).toThrow(/not finite/);
  });

  it('sigmoid is exact at +-1000 and keeps relative precision deep in the tail', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0); // true value e^-1000, below the smallest double
    expect(Math.abs(sigmoid(-700) / Math.exp(-700) - 1)).toBeLessThan(1e-14); // e^-700 / (1 + e^-700)
    expect(sigmoid(0)).toBe(0.5);
  });

  it('the gate saturates cleanly at pre-activations of +-1000', () => {
    const s = [1, 2];
    const p = [-3, 4];
    const g = fusionGate([0, 0], s, p, { W1: Z2, W2: Z2, W3: Z2, b: [1000, -1000] });
    expect(g).toEqual([1, 0]);
    expect(fuse(g, s, p)).toEqual([1, 4]);
  });
});

describe('splitSessions', () => {
  it('splits at gaps of 10 minutes or more', () => {
    // gaps: 60 (same), 840 (new), 100 (same), 600 (new: not < 10 min), 599 (same)
    expect(splitSessions([0, 60, 900, 1000, 1600, 2199])).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });
  it('caps a session at 50 behaviours', () => {
    const times = Array.from({ length: 120 }, (_, i) => i); // one per second: a single burst
    const sizes = splitSessions(times).map((s) => s.length);
    expect(sizes).toEqual([50, 50, 20]);
  });
  it('handles empty input and rejects unsorted times', () => {
    expect(splitSessions([])).toEqual([]);
    expect(() => splitSessions([5, 3])).toThrow(/sorted/);
    // NaN compares false with everything, so without the check it would join the session silently
    expect(() => splitSessions([0, Number.NaN, 5])).toThrow(/finite/);
    expect(() => splitSessions([0, Infinity])).toThrow(/finite/);
  });
});

describe('shortAndLongTerm', () => {
  it('takes the latest session as short term and the 7 days before it as long term', () => {
    const day = 86_400;
    // index 0: 9 days before the last session (dropped); 1, 2: 3 days before; 3, 4: last session
    const times = [0, 6 * day, 6 * day + 30, 9 * day, 9 * day + 120];
    expect(shortAndLongTerm(times)).toEqual({ short: [3, 4], long: [1, 2] });
    expect(shortAndLongTerm([])).toEqual({ short: [], long: [] });
  });
});
