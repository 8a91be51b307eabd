import { describe, expect, it } from 'vitest';
import {
  bceGradLogit,
  binaryCrossEntropy,
  crossEntropy,
  entropy,
  klDivergence,
  logit,
  logSoftmax,
  mseGradLogit,
  multiLabelBce,
  odds,
  sigmoid,
  smoothLabels,
  softmax,
  softmaxCrossEntropy,
  softmaxCrossEntropyGrad,
} from '../../../content/snippets/deep-learning/losses.ts';
import { mulberry32, type Rng } from '../../../content/snippets/shared/random.ts';

function randomDistribution(rng: Rng, n: number): number[] {
  // 0.01 floor keeps every entry positive, so KL is finite both ways
  const w = Array.from({ length: n }, () => 0.01 + rng());
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

const P = [0.7, 0.2, 0.1];
const Q = [0.5, 0.3, 0.2];

describe('entropy, cross-entropy, KL', () => {
  it('entropy matches hand values', () => {
    expect(entropy([0.5, 0.5], 2)).toBeCloseTo(1, 14); // one fair coin = 1 bit
    expect(entropy([0.25, 0.25, 0.25, 0.25], 2)).toBeCloseTo(2, 14); // log2 4
    expect(entropy([1, 0])).toBe(0); // 0 log 0 = 0: a certain event carries no information
    // -(0.7 ln 0.7 + 0.2 ln 0.2 + 0.1 ln 0.1) = 0.249672 + 0.321888 + 0.230259 = 0.801819 nats
    expect(entropy(P)).toBeCloseTo(0.801819, 6);
  });

  it('cross-entropy and KL match hand values', () => {
    // -(0.7 ln 0.5 + 0.2 ln 0.3 + 0.1 ln 0.2) = 0.485203 + 0.240795 + 0.160944 = 0.886941
    expect(crossEntropy(P, Q)).toBeCloseTo(0.886941, 6);
    // KL = H(p, q) - H(p) = 0.8869414 - 0.8018186 = 0.0851228
    expect(klDivergence(P, Q)).toBeCloseTo(0.0851228, 6);
    // the other direction differs: 0.5 ln(0.5/0.7) + 0.3 ln(1.5) + 0.2 ln 2 = -0.168236 + 0.121640 + 0.138629 = 0.092033
    expect(klDivergence(Q, P)).toBeCloseTo(0.092033, 6);
    // an event p allows but q forbids costs infinitely many nats
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(() => crossEntropy([0.5, 0.6], [0.5, 0.5])).toThrow(/sum to 1/);
  });

  it('CE >= H and KL >= 0 on random distributions, KL = H(p,q) - H(p), and KL = 0 iff p = q', () => {
    const rng = mulberry32(31);
    for (let t = 0; t < 300; t++) {
      const n = 2 + Math.floor(rng() * 8);
      const p = randomDistribution(rng, n);
      const q = randomDistribution(rng, n);
      expect(crossEntropy(p, q)).toBeGreaterThanOrEqual(entropy(p) - 1e-12);
      expect(klDivergence(p, q)).toBeGreaterThan(0);
      expect(klDivergence(p, q)).toBeCloseTo(crossEntropy(p, q) - entropy(p), 12);
      expect(klDivergence(p, p)).toBeCloseTo(0, 14);
      expect(crossEntropy(p, p)).toBeCloseTo(entropy(p), 14);
    }
  });

  it('BCE is cross-entropy over two outcomes', () => {
    // -(1 * ln 0.8) = 0.2231436
    expect(binaryCrossEntropy(0.8, 1)).toBeCloseTo(0.2231436, 6);
    // soft label 0.3: -(0.3 ln 0.8 + 0.7 ln 0.2) = 0.0669431 + 1.1266065 = 1.1935496
    expect(binaryCrossEntropy(0.8, 0.3)).toBeCloseTo(1.1935496, 6);
  });
});

describe('softmax', () => {
  it('does not overflow and matches the naive formula on moderate logits', () => {
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
    const naive = (z: number[]) => {
      const e = z.map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / s);
    };
    expect(naive([1000, 1000])[0]).toBeNaN(); // Infinity / Infinity
    const rng = mulberry32(2);
    for (let t = 0; t < 100; t++) {
      const z = Array.from({ length: 5 }, () => 20 * rng() - 10);
      const a = softmax(z);
      const b = naive(z);
      a.forEach((x, i) => expect(x).toBeCloseTo(b[i]!, 14));
    }
  });

  it('with two classes is the sigmoid of the logit difference', () => {
    for (const z of [-7, -1.5, 0, 0.3, 4]) {
      expect(softmax([z, 0])[0]).toBeCloseTo(sigmoid(z), 14);
      expect(softmax([z + 2, 2])[0]).toBeCloseTo(sigmoid(z), 14);
    }
  });

  it('is a smooth argmax: low temperature concentrates on the max, high flattens', () => {
    const z = [1, 3, 2];
    expect(softmax(z, 0.01)[1]).toBeGreaterThan(0.999999);
    const flat = softmax(z, 1000);
    for (const p of flat) expect(p).toBeCloseTo(1 / 3, 2);
    // hand value at T = 1: e^3 / (e + e^3 + e^2) = 20.0855 / 30.1929 = 0.665241
    expect(softmax(z)[1]).toBeCloseTo(0.665241, 6);
  });

  it('cross-entropy gradient wrt logits is softmax - onehot (finite differences)', () => {
    const rng = mulberry32(4);
    const z = Array.from({ length: 6 }, () => 4 * rng() - 2);
    const target = 2;
    const loss = (zz: number[]) => -Math.log(softmax(zz)[target]!);
    const g = softmaxCrossEntropyGrad(z, target);
    const h = 1e-6;
    z.forEach((_, i) => {
      const up = z.slice();
      const down = z.slice();
      up[i]! += h;
      down[i]! -= h;
      expect((loss(up) - loss(down)) / (2 * h)).toBeCloseTo(g[i]!, 7);
    });
  });
});

describe('multiLabelBce', () => {
  it('averages independent binary losses', () => {
    // z = 0 gives ln 2 per label; z = 2, y = 1 gives ln(1 + e^-2) = 0.126928
    expect(multiLabelBce([0, 2], [1, 1])).toBeCloseTo((Math.LN2 + 0.126928) / 2, 6);
    // several labels can be on at once; each is scored on its own
    expect(multiLabelBce([5, 5, -5], [1, 1, 0])).toBeCloseTo(Math.log1p(Math.exp(-5)), 12);
  });
});

describe('smoothLabels', () => {
  it('puts 1 - eps + eps/K on the target and eps/K elsewhere', () => {
    // K = 4, eps = 0.1: 0.9 + 0.025 = 0.925 and 0.025
    const y = smoothLabels(0, 4, 0.1);
    expect(y[0]).toBeCloseTo(0.925, 14);
    for (const v of y.slice(1)) expect(v).toBeCloseTo(0.025, 14);
    expect(y.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(smoothLabels(1, 3, 0)).toEqual([0, 1, 0]);
    expect(() => smoothLabels(4, 4, 0.1)).toThrow(/target/);
  });

  it('caps the optimal logit gap at log((1 - eps + eps/K) / (eps/K))', () => {
    // the softmax that minimises CE against smoothed labels equals them, so the logit gap is finite:
    // K = 4, eps = 0.1: log(0.925 / 0.025) = log 37 = 3.6109
    const y = smoothLabels(0, 4, 0.1);
    const z = y.map(Math.log);
    expect(z[0]! - z[1]!).toBeCloseTo(Math.log(37), 12);
    // and cross-entropy against y is minimised there: any nudge increases it
    const ceAt = (zz: number[]) => softmaxCrossEntropy(zz, y);
    expect(ceAt(z)).toBeCloseTo(entropy(y), 12);
    expect(ceAt([z[0]! + 1, z[1]!, z[2]!, z[3]!])).toBeGreaterThan(ceAt(z));
  });
});

describe('odds and logit', () => {
  it('logit moves by the same 0.811 for 0.1 -> 0.2 and 0.8 -> 0.9; odds do not', () => {
    // logit(0.2) - logit(0.1) = ln(0.25) - ln(1/9) = ln 2.25 = 0.810930
    const low = logit(0.2) - logit(0.1);
    const high = logit(0.9) - logit(0.8);
    expect(low).toBeCloseTo(0.81093, 5);
    expect(high).toBeCloseTo(0.81093, 5);
    expect(low).toBeCloseTo(high, 12);
    // odds: 0.25 - 0.1111 = 0.1389 versus 9 - 4 = 5
    expect(odds(0.2) - odds(0.1)).toBeCloseTo(0.138889, 6);
    expect(odds(0.9) - odds(0.8)).toBeCloseTo(5, 12);
  });

  it('logit is antisymmetric and inverts the sigmoid', () => {
    for (const p of [0.01, 0.1, 0.37, 0.5, 0.8, 0.999]) {
      expect(logit(1 - p)).toBeCloseTo(-logit(p), 12);
      expect(sigmoid(logit(p))).toBeCloseTo(p, 12);
    }
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(() => logit(1)).toThrow(/p must be/);
  });
});

describe('why cross-entropy beats MSE for a sigmoid output', () => {
  const bce = (z: number, y: number) => -(y * Math.log(sigmoid(z)) + (1 - y) * Math.log(1 - sigmoid(z)));
  const mse = (z: number, y: number) => (sigmoid(z) - y) ** 2 / 2;

  it('both gradients match finite differences', () => {
    const h = 1e-6;
    for (const [z, y] of [
      [-4, 1],
      [-0.5, 0],
      [1.2, 1],
      [3, 0],
    ] as const) {
      expect((bce(z + h, y) - bce(z - h, y)) / (2 * h)).toBeCloseTo(bceGradLogit(z, y), 7);
      expect((mse(z + h, y) - mse(z - h, y)) / (2 * h)).toBeCloseTo(mseGradLogit(z, y), 7);
      // with a weight: z = w x, so dL/dw = x dL/dz; for CE that is x (yHat - y)
      const x = 1.7;
      const w = z / x;
      const ceW = (ww: number) => bce(ww * x, y);
      expect((ceW(w + h) - ceW(w - h)) / (2 * h)).toBeCloseTo(x * (sigmoid(z) - y), 6);
    }
  });

  it('MSE gradient vanishes on a confident mistake while CE stays near -1', () => {
    // y = 1 but z = -10: yHat = 4.54e-5
    expect(bceGradLogit(-10, 1)).toBeCloseTo(-0.99995, 5);
    // MSE: (4.54e-5 - 1) * 4.54e-5 * (1 - 4.54e-5) = -4.54e-5
    expect(mseGradLogit(-10, 1)).toBeCloseTo(-4.5396e-5, 8);
    // sigma' never exceeds 1/4, so MSE's gradient is always at most a quarter of CE's
    for (let z = -10; z <= 10; z += 0.5) {
      expect(Math.abs(mseGradLogit(z, 1))).toBeLessThanOrEqual(Math.abs(bceGradLogit(z, 1)) / 4 + 1e-15);
    }
  });
});

describe('extreme inputs', () => {
  const naiveSoftmax = (z: readonly number[]) => {
    const e = z.map(Math.exp);
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / s);
  };

  it('softmax and log-softmax at logits of +-1000 and a gap of 800', () => {
    // shifting by the max: [1000, 200] -> [0, -800]; softmax = [1, e^-800 = 0 in float64]
    expect(softmax([1000, 200])).toEqual([1, 0]);
    expect(naiveSoftmax([1000, 200])[0]).toBeNaN(); // Infinity / Infinity
    // log-softmax keeps the underflowed class: -800 - log(1 + e^-800) = -800 exactly in float64
    expect(logSoftmax([1000, 200])).toEqual([-0, -800].map((v) => expect.closeTo(v, 12)));
    expect(logSoftmax([-1000, -1000])).toEqual([-Math.LN2, -Math.LN2].map((v) => expect.closeTo(v, 14)));
    // the loss of the losing class is the gap, not log(0) = Infinity
    expect(softmaxCrossEntropy([1000, 200], 1)).toBeCloseTo(800, 12);
    expect(-Math.log(softmax([1000, 200])[1]!)).toBe(Infinity);
    // a masked class (-Infinity) gets probability 0 and costs nothing when its target is 0
    expect(softmax([0, -Infinity, 0])).toEqual([0.5, 0, 0.5]);
    expect(softmaxCrossEntropy([0, -Infinity, 0], [0.5, 0, 0.5])).toBeCloseTo(Math.LN2, 14);
    expect(() => softmax([-Infinity, -Infinity])).toThrow(/masked/);
    expect(() => softmax([Number.NaN, 1])).toThrow(/logits/);
    expect(() => softmax([Infinity, 1])).toThrow(/logits/);
  });

  it('log-softmax and softmax cross-entropy match the naive formulas on moderate logits (seeded)', () => {
    const rng = mulberry32(43);
    for (let t = 0; t < 200; t++) {
      const z = Array.from({ length: 6 }, () => 40 * rng() - 20);
      const target = Math.floor(rng() * 6);
      const naive = naiveSoftmax(z);
      logSoftmax(z).forEach((v, i) => expect(v).toBeCloseTo(Math.log(naive[i]!), 10));
      expect(softmaxCrossEntropy(z, target)).toBeCloseTo(-Math.log(naive[target]!), 10);
      const y = smoothLabels(target, 6, 0.1);
      expect(softmaxCrossEntropy(z, y)).toBeCloseTo(crossEntropy(y, naive), 9);
    }
  });

  it('a confidently right prediction keeps its tiny loss: logits (40, 0) cost log1p(e^-40) = 4.25e-18, not 0', () => {
    // -log softmax(40, 0)[0] = log(1 + e^-40); summing 1 + e^-40 first rounds it to 1 and the loss to 0
    expect(softmaxCrossEntropy([40, 0], 0) / Math.log1p(Math.exp(-40))).toBeCloseTo(1, 12);
    expect(logSoftmax([1000, 960, 960])[0]! / -Math.log1p(2 * Math.exp(-40))).toBeCloseTo(1, 12);
    expect(Math.log(1 + Math.exp(-40))).toBe(0); // what the unguarded sum gives
    // the same with a temperature: (40, 0) at T = 2 is (20, 0) at T = 1
    expect(logSoftmax([40, 0], 2)[0]! / -Math.log1p(Math.exp(-20))).toBeCloseTo(1, 12);
  });

  it('the softmax cross-entropy gradient at logits of +-1000: softmax - onehot, finite and exact', () => {
    // shifted logits [0, -2000, -800]: p = [1, 0, 0]
    expect(softmaxCrossEntropyGrad([1000, -1000, 200], 0)).toEqual([0, 0, 0]);
    expect(softmaxCrossEntropyGrad([1000, -1000, 200], 1)).toEqual([1, -1, 0]);
  });

  it('a tiny temperature gives the one-hot argmax, not NaN (z / T would overflow before the shift)', () => {
    expect(softmax([1, 2, 0], 1e-320)).toEqual([0, 1, 0]);
    expect(logSoftmax([1, 2], 1e-300)[1]).toBe(0);
    expect(() => softmax([1, 2], 0)).toThrow(/temperature/);
    expect(() => softmax([1, 2], Infinity)).toThrow(/temperature/);
  });

  it('entropy, cross-entropy and KL with probabilities of 1e-300, 1 - 1e-16 and 0', () => {
    // H([1e-300, 1]) = -1e-300 ln 1e-300 - 1 ln 1 = 1e-300 * 690.7755 (the naive sum, finite here)
    expect(entropy([1e-300, 1]) / (1e-300 * 300 * Math.LN10)).toBeCloseTo(1, 12);
    // 1 - 1e-16 is stored as 1 - 2^-53; H = -(a ln a + b ln b), compared with the same formula
    const a = 1 - 1e-16;
    const h = -(a * Math.log(a) + 1e-16 * Math.log(1e-16));
    expect(entropy([a, 1e-16]) / h).toBeCloseTo(1, 12);
    expect(entropy([0.5, 0.5, 0])).toBeCloseTo(Math.LN2, 14); // 0 log 0 = 0
    expect(crossEntropy([1, 0], [1e-300, 1])).toBeCloseTo(300 * Math.LN10, 10);
    // KL with a q of 1e-320 (subnormal): p / q overflows to Infinity, log p - log q = 736.8 does not
    expect(1 / 1e-320).toBe(Infinity);
    expect(klDivergence([1, 0], [1e-320, 1])).toBeCloseTo(-Math.log(1e-320), 10);
    expect(klDivergence([0, 1], [0.5, 0.5])).toBeCloseTo(Math.LN2, 14); // the p = 0 term is 0
    expect(klDivergence([0.5, 0.5], [0, 1])).toBe(Infinity); // q = 0 where p > 0
    // nearly equal distributions: KL = sum d^2 / (2 q) to second order, with d = p - q. Powers of 2
    // keep p and q exact and summing to exactly 1. The naive sum of p log(p / q) is off by about 1e-16
    // per term (the rounding of p / q), more than this whole KL.
    const d = 2 ** -30; // 9.3e-10
    const p = [0.25 + d, 0.75 - d];
    const q = [0.25, 0.75];
    const secondOrder = ((d * d) / 2) * (1 / 0.25 + 1 / 0.75); // 1.24e-18; the next order is 1e-9 smaller
    expect(klDivergence(p, q) / secondOrder).toBeCloseTo(1, 6);
    const naiveKl = p.reduce((s, pi, i) => s + pi * Math.log(pi / q[i]!), 0);
    expect(Math.abs(naiveKl / secondOrder - 1)).toBeGreaterThan(0.5);
  });

  it('binary cross-entropy and the logit at p = 1e-300 and 1 - 1e-16', () => {
    expect(binaryCrossEntropy(1e-300, 0)).toBe(1e-300); // -log(1 - 1e-300) = 1e-300; log(1 - p) gave 0
    expect(binaryCrossEntropy(1e-300, 1)).toBeCloseTo(300 * Math.LN10, 10);
    expect(binaryCrossEntropy(1 - 1e-16, 1) / 2 ** -53).toBeCloseTo(1, 12); // -log(1 - 2^-53)
    expect(binaryCrossEntropy(1 - 1e-16, 0)).toBeCloseTo(53 * Math.LN2, 12); // -log(2^-53)
    expect(binaryCrossEntropy(0, 1)).toBe(Infinity);
    expect(binaryCrossEntropy(0, 0)).toBe(0);
    expect(logit(1e-300)).toBeCloseTo(-300 * Math.LN10, 10);
    expect(logit(1 - 1e-16)).toBeCloseTo(53 * Math.LN2, 12); // log((1 - 2^-53) / 2^-53) = log(2^53 - 1)
    expect(odds(1 - 1e-16)).toBe(2 ** 53 - 1);
    expect(sigmoid(logit(1e-300)) / 1e-300).toBeCloseTo(1, 10);
    expect(logit(5e-324)).toBeCloseTo(Math.log(5e-324), 12);
  });

  it('gradients and the multi-label loss stay finite and accurate at logits of +-1000 and 40', () => {
    expect(bceGradLogit(-1000, 1)).toBe(-1);
    expect(bceGradLogit(1000, 1)).toBe(0);
    // z = 40, y = 1: sigma(z) - 1 = -e^-40 / (1 + e^-40) = -4.248e-18, not 1 - 1 = 0
    expect(bceGradLogit(40, 1) / -Math.exp(-40)).toBeCloseTo(1, 12);
    expect(mseGradLogit(40, 1) / -Math.exp(-80)).toBeCloseTo(1, 10);
    expect(mseGradLogit(-1000, 1)).toBe(-0);
    expect(multiLabelBce([1000, -1000], [0, 1])).toBeCloseTo(1000, 10);
    expect(multiLabelBce([1000, -1000], [1, 0])).toBe(0);
  });
});
